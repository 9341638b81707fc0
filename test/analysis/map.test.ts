/**
 * Probe maps (docs/physics.md §15): each map value is the direct solve with the probe placed on
 * that site; the map of a mirror-symmetric molecule is mirror-symmetric; Ṡ_VP ≥ Ṡ_VTP at every site
 * (the VTP minimises the quadratic entropy production over (μ_P, T_P), the VP only over μ_P);
 * the CLI writes CSV + SVG atomically and refuses bad input with one line, exit 2.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benzene, ring, chain } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { solveSystem, withProbeModel, type TransportSystem } from '../../src/numeric/system.js';
import { probeMap } from '../../src/analysis/map.js';
import { latticeLayout, circleLayout } from '../../src/analysis/geometry.js';
import { mapSvg, scaleLabel } from '../../src/analysis/mapSvg.js';
import { runCli } from '../helpers/cli.js';
import { parseConfig } from '../../src/config.js';

const T0 = 300;
const ref = { mu: 0.4, temperature: T0 };

function benzeneSystem(gammaP: number): TransportSystem {
  return {
    hamiltonian: benzene(-2.64),
    terminals: [
      { name: 'L', role: 'lead', mu: 0.4 + 0.002, temperature: 320, coupling: localCoupling(6, [0], 0.5) },
      { name: 'R', role: 'lead', mu: 0.4 - 0.001, temperature: 285, coupling: localCoupling(6, [3], 0.3) },
      { name: 'P', role: 'VTP', coupling: localCoupling(6, [1], gammaP === 0 ? 1 : gammaP), ...(gammaP === 0 ? { test: true } : {}) },
    ],
  };
}

const moved = (sys: TransportSystem, site: number, gamma: number): TransportSystem => ({
  ...sys,
  terminals: sys.terminals.map((t) => (t.name === 'P' ? { ...t, coupling: localCoupling(sys.hamiltonian.rows, [site], gamma === 0 ? 1 : gamma) } : t)),
});

describe('probe map', () => {
  for (const gamma of [0.05, 0]) {
    it(`equals solveSystem with the probe on each site (γ = ${gamma})`, () => {
      const sys = benzeneSystem(gamma);
      const map = probeMap(sys, ref, 'electronic', 'P');
      expect(map.gamma).toBe(gamma);
      for (let s = 0; s < 6; s++) {
        const vtp = solveSystem(withProbeModel(moved(sys, s, gamma), 'VTP'), ref, 'electronic').circuit;
        const vp = solveSystem(withProbeModel(moved(sys, s, gamma), 'VP'), ref, 'electronic').circuit;
        // the same operations in the same order: agreement to a few ulps of the deviations from (μ0, T0)
        const close = (a: number, b: number, scale: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * scale);
        close(map.temperatureVTP[s], vtp.temperature[2], 20);
        close(map.muVTP[s], vtp.mu[2], 0.003);
        close(map.muVP[s], vp.mu[2], 0.003);
        expect(map.temperatureVP[s]).toBe(T0);
        close(map.heatVP[s], vp.heatCurrent[2], Math.abs(vp.heatCurrent[0]) + Math.abs(vp.heatCurrent[1]));
        close(map.entropyVTP[s], vtp.entropyProduction, vtp.entropyProduction);
        close(map.entropyVP[s], vp.entropyProduction, vp.entropyProduction);
        if (gamma === 0)
          expect(map.heatVP[s]).toBe(0); // a coherent-limit probe carries no current
        else if (s !== 0 && s !== 3) expect(Math.abs(map.heatVP[s])).toBeGreaterThan(0);
      }
    });
  }

  it('is mirror-symmetric on para-contacted benzene (site s ↔ 6 − s)', () => {
    // L on 0, R on 3: the mirror through sites 0 and 3 maps s → (6 − s) mod 6 and fixes both leads
    const map = probeMap(benzeneSystem(0.1), ref, 'electronic', 'P');
    const dev = (a: Float64Array, c: number) => Math.max(...Array.from(a, (v) => Math.abs(v - c)));
    // different eigen-decompositions per site: rounding ~1e-13 of the deviations; 1e-9 leaves room, far below the
    // site-to-site variation (checked non-zero below)
    const tScale = dev(map.temperatureVTP, T0),
      mScale = dev(map.muVTP, ref.mu),
      qScale = dev(map.heatVP, 0);
    expect(tScale).toBeGreaterThan(1e-3);
    for (const s of [1, 2]) {
      const m = 6 - s;
      expect(Math.abs(map.temperatureVTP[s] - map.temperatureVTP[m])).toBeLessThan(1e-9 * tScale);
      expect(Math.abs(map.muVTP[s] - map.muVTP[m])).toBeLessThan(1e-9 * mScale);
      expect(Math.abs(map.heatVP[s] - map.heatVP[m])).toBeLessThan(1e-9 * qScale);
    }
    // and not trivially constant: the meta and ortho sites differ
    expect(Math.abs(map.temperatureVTP[1] - map.temperatureVTP[2])).toBeGreaterThan(1e-6 * tScale);
  });

  it('Ṡ_VP ≥ Ṡ_VTP at every site (random rings and chains, biases, widths)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 8 }),
        fc.boolean(),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.constantFrom(0, 0.01, 0.2, 1),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        (n, isRing, gL, gR, gP, mu0, dT, dmu) => {
          const sys: TransportSystem = {
            hamiltonian: isRing ? ring(n, -1) : chain(n, -1),
            terminals: [
              { name: 'L', role: 'lead', mu: mu0 + dmu, temperature: T0 + dT, coupling: localCoupling(n, [0], gL) },
              { name: 'R', role: 'lead', mu: mu0, temperature: T0, coupling: localCoupling(n, [Math.floor(n / 2)], gR) },
              { name: 'P', role: 'VTP', coupling: localCoupling(n, [1], gP === 0 ? 1 : gP), ...(gP === 0 ? { test: true } : {}) },
            ],
          };
          const map = probeMap(sys, { mu: mu0, temperature: T0 }, 'electronic', 'P');
          for (let s = 0; s < n; s++) {
            expect(map.entropyVTP[s]).toBeGreaterThanOrEqual(0);
            // rounding of a quadratic form: 1e-12 of its size
            expect(map.entropyVP[s] - map.entropyVTP[s]).toBeGreaterThanOrEqual(-1e-12 * map.entropyVP[s]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses an unknown probe, a lead, a multi-site probe', () => {
    const sys = benzeneSystem(0.05);
    expect(() => probeMap(sys, ref, 'electronic', 'Q')).toThrow(/no terminal named "Q"/);
    expect(() => probeMap(sys, ref, 'electronic', 'L')).toThrow(/"L" is a lead/);
    const wide = { ...sys, terminals: sys.terminals.map((t) => (t.name === 'P' ? { ...t, coupling: localCoupling(6, [1, 2], 0.05) } : t)) };
    expect(() => probeMap(wide, ref, 'electronic', 'P')).toThrow(/terminals\[2\]\.coupling: a map moves a probe coupled to one site/);
  });
});

describe('site geometry', () => {
  it('gives every bond of the builders length 1', () => {
    const cases = [
      { m: { model: 'benzene' } as const, h: benzene(-1) },
      { m: { model: 'ring', sites: 9 } as const, h: ring(9, -1) },
      { m: { model: 'chain', sites: 5 } as const, h: chain(5, -1) },
    ];
    for (const { m, h } of cases) {
      const { x, y } = latticeLayout(m);
      const n = h.rows;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (h.re[i * n + j] !== 0) expect(Math.hypot(x[i] - x[j], y[i] - y[j])).toBeCloseTo(1, 12);
    }
  });
  it('unfolds the graphene brick wall into a honeycomb (bonds 1, non-bonded pairs ≥ 1)', async () => {
    const { grapheneFlake } = await import('../../src/numeric/hamiltonian.js');
    const h = grapheneFlake(4, 5, -1),
      n = h.rows;
    const { x, y } = latticeLayout({ model: 'graphene', rows: 4, cols: 5 });
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const d = Math.hypot(x[i] - x[j], y[i] - y[j]);
        if (h.re[i * n + j] !== 0) expect(d).toBeCloseTo(1, 12);
        else expect(d).toBeGreaterThan(1 + 1e-9);
      }
    }
    expect(circleLayout(7).kind).toBe('circle');
  });
});

describe('heat-map legend', () => {
  it('shows the centre with the digits that resolve the deviation (µK on 300 K)', () => {
    expect(scaleLabel(300.0000123, 2.3e-6)).toBe('300.00001230 ± 2.3e-6 (blue −, red +)');
    expect(scaleLabel(0.3, 0.05)).toBe('0.300 ± 0.050 (blue −, red +)');
    expect(scaleLabel(1e-7, 3e-7)).toBe('1.00e-7 ± 3.0e-7 (blue −, red +)');
    expect(scaleLabel(300, 0)).toBe('300.000 everywhere');
    // the two ends of the scale are distinguishable in the printed centre's last digits
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 1e-12, max: 1, noNaN: true }), (c, r) => {
        const dev = c * r;
        const [shown] = scaleLabel(c, dev).split(' ± ');
        expect(Math.abs(Number(shown) - c)).toBeLessThan(dev / 10);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});

describe('heat map of flagged sites', () => {
  it('draws an unresolved site grey, outside the colour scale, and says how many', () => {
    const h = ring(4, -1);
    const values = [300.001, 299.999, 1e6, 300];
    const flagged = [false, false, true, false];
    const svg = mapSvg(h, circleLayout(4), [0, 1, 2, 3], values, { title: 'T', centre: 300, flagged });
    // the scale is set by the resolved sites only (±1 mK), not by the flagged 1e6
    expect(svg).toMatch(/300\.00000 ± 1\.0e-3/);
    expect(svg.match(/fill="#bbb"/g)).toHaveLength(1);
    expect(svg).toMatch(/site 2: 1000000 \(not resolved to the tolerance\)/);
    expect(svg).toMatch(/1 site not resolved to the tolerance/);
    // without flags: unchanged picture, the outlier sets the scale
    const plain = mapSvg(h, circleLayout(4), [0, 1, 2, 3], values, { title: 'T', centre: 300 });
    expect(plain).not.toMatch(/#bbb|not resolved/);
  });
});

describe('probecheck map (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-map-'));
  const config = {
    hamiltonian: { model: 'benzene', hopping: -2.64 },
    reference: { mu: 0.4, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.402, T: 320 },
      { name: 'R', coupling: { sites: [3], gamma: 0.3 }, mu: 0.399, T: 285 },
      { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.05 } },
    ],
  };
  const cfg = join(dir, 'c.json');
  writeFileSync(cfg, JSON.stringify(config));

  it('writes CSV (one row per site, with coordinates) and an SVG heat map', async () => {
    const r = await runCli(['map', cfg, '--probe', 'P', '--out', join(dir, 'out'), '--quiet', '--threads', '1']);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(dir, 'out', 'map.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('site,x,y,mu_VP,T_VP,JQ_VP,Sdot_VP,mu_VTP,T_VTP,Sdot_VTP,probeError');
    expect(lines).toHaveLength(7);
    const map = probeMap(benzeneSystem(0.05), ref, 'electronic', 'P');
    const row2 = lines[3].split(',').map(Number);
    expect(row2[0]).toBe(2);
    expect(row2[8]).toBe(map.temperatureVTP[2]);
    const svg = readFileSync(join(dir, 'out', 'map.svg'), 'utf8');
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg.match(/<line /g)).toHaveLength(6);
    const one = await runCli(['map', cfg, '--probe', 'P', '--out', join(dir, 'only.csv'), '--quiet', '--threads', '1']);
    expect(one.code).toBe(0);
    expect(readFileSync(join(dir, 'only.csv'), 'utf8')).toBe(lines.join('\n') + '\n');
  });

  it('a pristine 25 × 40 flake (unresolvable zero modes): the warning, the CSV and the SVG name the same flagged sites', async () => {
    const rows = 25,
      cols = 40,
      n = rows * cols;
    const flake = {
      hamiltonian: { model: 'graphene', rows, cols, hopping: -2.7 },
      reference: { mu: 0.3, T: 300 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.301, T: 310 },
        { name: 'R', coupling: { sites: [n - 1], gamma: 0.5 }, mu: 0.3, T: 290 },
        { name: 'P', probe: 'VTP', coupling: { sites: [n >> 1], gamma: 0 } },
      ],
    };
    const path = join(dir, 'flake.json');
    writeFileSync(path, JSON.stringify(flake));
    const r = await runCli(['map', path, '--probe', 'P', '--out', join(dir, 'flake'), '--threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    const m = /warning: .*?(\d+) of 1000 sites have a row error above ([0-9.e+-]+) of its scale.*zero modes/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const [bad, rtol] = [Number(m![1]), Number(m![2])];
    expect(bad).toBeGreaterThan(0);
    const csv = readFileSync(join(dir, 'flake', 'map.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0].endsWith(',rowError')).toBe(true);
    expect(csv.slice(1).filter((l) => !(Number(l.split(',').at(-1)) <= rtol))).toHaveLength(bad);
    const svg = readFileSync(join(dir, 'flake', 'map.svg'), 'utf8');
    expect(svg.match(/fill="#bbb"/g)).toHaveLength(bad);
  }, 120_000);

  it('draws an edge-list Hamiltonian on a circle and says so', async () => {
    const edges = {
      ...config,
      hamiltonian: {
        sites: 4,
        edges: [
          [0, 1, -1],
          [1, 2, -1],
          [2, 3, -1],
          [3, 0, -0.5],
        ],
      },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.402, T: 320 },
        { name: 'R', coupling: { sites: [2], gamma: 0.3 }, mu: 0.399, T: 285 },
        { name: 'P', probe: 'VP', coupling: { sites: [1], gamma: 0 } },
      ],
    };
    const c2 = join(dir, 'edges.json');
    writeFileSync(c2, JSON.stringify(edges));
    const r = await runCli(['map', c2, '--probe', 'P', '--out', join(dir, 'edges'), '--quiet', '--threads', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no lattice geometry: sites on a circle/);
    const svg = readFileSync(join(dir, 'edges', 'map.svg'), 'utf8');
    expect(svg).toMatch(/sites on a circle/);
    expect(svg.match(/<circle /g)).toHaveLength(4);
  });

  it('bad input: exit 2, one line naming the problem, nothing written', async () => {
    for (const [args, msg] of [
      [['--probe', 'Q'], /--probe: no terminal named "Q"/],
      [['--probe', 'L'], /"L" is a lead/],
      [['--probe', 'P', '--svg', 'x.png'], /--svg: expected a file name ending in \.svg/],
    ] as const) {
      const out = join(dir, `bad-${msg.source.length}.csv`);
      const r = await runCli(['map', cfg, ...args, '--out', out, '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('maps of systems with ER probes and energy-dependent leads', () => {
  // a 6-ring, lead L wide-band, lead R a semi-infinite chain (Σ(E), docs/physics.md §9), two probes
  const config = (model: 'VTP' | 'ER', gammaP: number) => ({
    hamiltonian: { model: 'ring', sites: 6, hopping: -1 },
    reference: { mu: 0.3, T: 100 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.3 }, mu: 0.301, T: 105 },
      { name: 'R', coupling: { chain: { site: 3, hopping: -1.5, contact: -0.4 } }, mu: 0.3, T: 95 },
      { name: 'P', probe: model, coupling: { sites: [1], gamma: gammaP } },
      { name: 'Q', probe: model, coupling: { sites: [4], gamma: 0.2 } },
    ],
  });
  const fields = ['muVP', 'muVTP', 'temperatureVP', 'temperatureVTP', 'heatVP', 'entropyVP', 'entropyVTP', 'probeError'] as const;

  it('ER probes (the moved one and another) are read as VP and VTP from the plain coefficients: the same map as with VTP probes, bit for bit', () => {
    // the ER elimination's zero probe rows made every VP/VTP circuit singular ("M_UU is singular", exit 2)
    for (const gammaP of [0.05, 0]) {
      const er = parseConfig(config('ER', gammaP)),
        vtp = parseConfig(config('VTP', gammaP));
      const a = probeMap(er.system, er.reference, er.circuit, 'P'),
        b = probeMap(vtp.system, vtp.reference, vtp.circuit, 'P');
      for (const f of fields) expect(a[f], `${f}, γ = ${gammaP}`).toEqual(b[f]);
      expect(Math.max(...Array.from(a.temperatureVTP, (t) => Math.abs(t - 100)))).toBeGreaterThan(0.1); // not trivially T0
    }
  });

  it('the shared (γ = 0) route refuses energy-dependent leads, which it would replace by their wide-band stand-in; the default maps them site by site', () => {
    const p = parseConfig(config('VTP', 0));
    expect(() => probeMap(p.system, p.reference, p.circuit, 'P', { route: 'shared' })).toThrow(/shared map route needs wide-band couplings/);
    const auto = probeMap(p.system, p.reference, p.circuit, 'P'),
      perSite = probeMap(p.system, p.reference, p.circuit, 'P', { route: 'per-site' });
    expect(auto.route).toBe('per-site');
    for (const f of fields) expect(auto[f], f).toEqual(perSite[f]);
  });
});
