/**
 * Energy-dependent leads (docs/physics.md §9): the chain surface Green's function (Dyson fixed
 * point, branch, limits), the energy-dependent engine against the wide-band engine and against an
 * exactly solvable perfect chain, Onsager coefficients against a 30-digit mpmath reference, the
 * wide-band limit t_lead → ∞ at fixed Γ = 2t_c²/|t_lead|, and a tabulated Σ(E).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { chainSelfEnergy, chainLead, tabulatedLead, energyDependentEngine } from '../../src/numeric/leads.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { benzene, chain, ring } from '../../src/numeric/hamiltonian.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { prepareSystem, type TransportSystem, type Terminal } from '../../src/numeric/system.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { uniform, systemArb } from '../arbitraries.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/reference/chain_leads.json', import.meta.url), 'utf8'));

describe("chain surface Green's function", () => {
  it('solves g = 1/(z − t² g) with the retarded branch, in and out of the band', () => {
    fc.assert(
      fc.property(uniform(-12, 12), uniform(0.2, 4), uniform(-1, 1), (E, t, eps) => {
        const s = new Float64Array(2);
        chainSelfEnergy(E, t, 1, eps, s); // t_c = 1: Σ = g
        const z = E - eps;
        // residual of t² g² − z g + 1 = 0, relative to its terms (|z g| ≤ 2 + …)
        const gr = s[0],
          gi = s[1];
        const rr = t * t * (gr * gr - gi * gi) - z * gr + 1,
          ri = t * t * 2 * gr * gi - z * gi;
        expect(Math.hypot(rr, ri)).toBeLessThan(1e-13 * (1 + Math.abs(z * Math.hypot(gr, gi))));
        expect(gi).toBeLessThanOrEqual(0);
        if (Math.abs(z) > 2 * t) {
          expect(gi).toBe(0);
          expect(Math.hypot(gr, gi)).toBeLessThanOrEqual(1 / t + 1e-15);
          expect(Math.sign(gr)).toBe(Math.sign(z));
        } else expect(gi).toBeLessThan(0);
      }),
    );
  });

  it('is continuous at the band edges and → 1/z far outside', () => {
    const s = new Float64Array(2),
      u = new Float64Array(2);
    chainSelfEnergy(2 - 1e-12, 1, 1, 0, s);
    chainSelfEnergy(2 + 1e-12, 1, 1, 0, u);
    expect(Math.abs(s[0] - u[0]) + Math.abs(s[1] - u[1])).toBeLessThan(1e-5); // √ singularity: O(√δ)
    chainSelfEnergy(1e4, 1, 1, 0, s);
    expect(s[0] * 1e4).toBeCloseTo(1, 7);
  });
});

describe('energy-dependent engine', () => {
  it('equals the wide-band engine when every terminal is wide-band (random systems)', () => {
    fc.assert(
      fc.property(systemArb({ maxN: 7, maxTerminals: 4 }), uniform(-4, 4), (s, E) => {
        const n = s.couplings.length;
        const a = new Float64Array(n * n),
          b = new Float64Array(n * n);
        transmissionEngine(s.h, s.couplings).evaluate(E, a);
        energyDependentEngine(
          s.h,
          s.couplings.map((coupling) => ({ coupling })),
        ).evaluate(E, b);
        const scale = Math.max(...a.map(Math.abs), 1e-300);
        for (let i = 0; i < n * n; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-10 * scale);
      }),
      { numRuns: 30 },
    );
  });

  it('a site between two identical chains is a perfect chain: T = 1 in the band, 0 outside', () => {
    const h = chain(1, -1); // one site, ε = 0
    const t = 1.3;
    const terms = [
      { coupling: localCoupling(1, [0], 1), lead: chainLead(0, t, t, 0) },
      { coupling: localCoupling(1, [0], 1), lead: chainLead(0, t, t, 0) },
    ];
    const eng = energyDependentEngine(h, terms);
    const out = new Float64Array(4);
    for (const E of [-2.5, -2.0, -1, 0, 0.37, 1.9, 2.59, 2.61, 4]) {
      eng.evaluate(E, out);
      expect(out[1]).toBeCloseTo(Math.abs(E) < 2 * t ? 1 : 0, 12);
      expect(out[2]).toBeCloseTo(out[1], 14); // T_LR = T_RL
    }
  });
});

describe('a level no lead couples to (a bound state in the continuum)', () => {
  it('is met exactly without a singular-resolvent error; T is continuous through it (the state contributes nothing)', () => {
    // a 4-ring with leads on sites 1 and 3: the level E = 0 of (1, 0, −1, 0)/√2 has nodes on both
    // contacts, so E − H − Σ(E) is exactly singular at E = 0, a mesh seed (levels of H) of every
    // quadrature. Before the fix: "transmission: singular resolvent at E = 0 eV", exit 3 from `solve`.
    const h = ring(4, -1);
    const terms = [
      { coupling: localCoupling(4, [1], 1), lead: chainLead(1, -1.5, -0.5, 0) },
      { coupling: localCoupling(4, [3], 1), lead: chainLead(3, -1.5, -0.5, 0.2) },
    ];
    const eng = energyDependentEngine(h, terms);
    expect(Array.from(eng.levels).filter((e) => e === 0).length).toBeGreaterThanOrEqual(1);
    const at = (E: number) => {
      const out = new Float64Array(4);
      eng.evaluate(E, out);
      return out[1];
    };
    const t0 = at(0);
    const d = 1e-7;
    const mid = 0.5 * (at(-d) + at(d));
    // |T''| ≲ 10 eV⁻² here: the midpoint of ±d differs from T(0) by ~T''d²/2 ≈ 1e-13, far above rounding
    expect(Number.isFinite(t0)).toBe(true);
    expect(t0).toBeGreaterThan(0.01);
    expect(Math.abs(t0 - mid)).toBeLessThan(1e-10);
  });

  it('`solve` of such a system exits 0, closed-form request and quadrature alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-bic-'));
    const f = join(dir, 'ring.json');
    writeFileSync(
      f,
      JSON.stringify({
        // the case a random-config property run found (exit 3 before the fix): the ring's level ε at
        // k = 3 has nodes on the odd sites 1, 3, 11, and the mesh met it exactly
        hamiltonian: { model: 'ring', sites: 12, hopping: -0.6193798542022706, onsite: -0.06357240676879883 },
        reference: { mu: 0.131, T: 100 },
        terminals: [
          { name: 'L', coupling: { sites: [3], gamma: 0.537 }, mu: 0.130995594869, T: 99.9003473282 },
          { name: 'R', coupling: { sites: [11], gamma: 0.228 }, mu: 0.13100416296, T: 100.085566664 },
          { name: 'P', probe: 'ER', coupling: { chain: { site: 1, hopping: -1.023, contact: -0.72 } } },
        ],
      }),
    );
    for (const extra of [[], ['--method', 'quadrature']]) {
      const r = await runCli(['solve', f, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).probes.P.T).toBeGreaterThan(99);
    }
  });
});

/** The mpmath reference system (test/fixtures/reference/chain_leads.py). */
function refSystem(wideBandProbe = true): TransportSystem {
  const terminals: Terminal[] = ref.system.leads.map((l: { name: string; site: number; hopping: number; contact: number; onsite: number }) => ({
    name: l.name,
    role: 'lead',
    mu: 0,
    temperature: 300,
    coupling: localCoupling(6, [l.site], (2 * l.contact ** 2) / Math.abs(l.hopping)),
    lead: chainLead(l.site, l.hopping, l.contact, l.onsite),
  }));
  if (wideBandProbe) terminals.push({ name: 'P', role: 'VP', coupling: localCoupling(6, [ref.system.probe.site], ref.system.probe.gamma) });
  return { hamiltonian: benzene(ref.system.hamiltonian.hopping), terminals };
}

describe('Onsager coefficients with chain leads', () => {
  it("agree with the 30-digit mpmath reference to 1e-10 of each coefficient's scale (band edge inside the window at μ0 = 3.18)", () => {
    const p = prepareSystem(refSystem());
    for (const pt of ref.points) {
      const o = p.onsager({ mu: pt.mu, temperature: pt.T }, 'closed-form');
      expect(o.method).toBe('quadrature');
      expect(o.methodReason).toMatch(/energy-dependent leads/);
      const kT = K_B_EV * pt.T;
      const Ls = [o.L0, o.L1, o.L2],
        R = [pt.L0, pt.L1, pt.L2];
      const max0 = Math.max(...pt.L0.flat().map(Math.abs));
      for (let nu = 0; nu < 3; nu++)
        for (let a = 0; a < 3; a++)
          for (let b = 0; b < 3; b++) {
            if (a === b) continue;
            // natural scale (k_BT)^ν max(|L0_ab|, 1e-12 max L0): the quadrature's own tolerance is 1e-12 of it
            const scale = kT ** nu * Math.max(Math.abs(pt.L0[a][b]), 1e-12 * max0);
            expect(Math.abs(Ls[nu][a * 3 + b] - R[nu][a][b]), `μ0=${pt.mu} ν=${nu} ${a}${b}`).toBeLessThan(1e-10 * scale);
          }
    }
  });

  it('wide-band limit: t_lead → ∞ at fixed Γ = 2t_c²/|t_lead| recovers the wide-band closed form, error ∝ 1/t_lead', () => {
    const gamma = 0.5,
      ref0 = { mu: 0.4, temperature: 300 };
    const wide: TransportSystem = {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead', mu: 0, temperature: 300, coupling: localCoupling(6, [0], gamma) },
        { name: 'R', role: 'lead', mu: 0, temperature: 300, coupling: localCoupling(6, [2], gamma) },
        { name: 'P', role: 'VTP', coupling: localCoupling(6, [3], 0.1) },
      ],
    };
    const o0 = prepareSystem(wide).onsager(ref0, 'closed-form');
    expect(o0.method).toBe('closed-form');
    const ts = [20, 40, 80, 160],
      errs: number[] = [];
    for (const t of ts) {
      const tc = Math.sqrt((gamma * t) / 2);
      const sys: TransportSystem = {
        ...wide,
        terminals: wide.terminals.map((term, a) => (a < 2 ? { ...term, lead: chainLead(a === 0 ? 0 : 2, t, tc, 0) } : term)),
      };
      const o = prepareSystem(sys).onsager(ref0);
      let e = 0;
      for (const [L, L0] of [
        [o.L0, o0.L0],
        [o.L1, o0.L1],
        [o.L2, o0.L2],
      ] as const) {
        const s = Math.max(...L0.map(Math.abs));
        for (let i = 0; i < 9; i++) e = Math.max(e, Math.abs(L[i] - L0[i]) / s);
      }
      errs.push(e);
    }
    // least-squares slope of log(error) vs log(t)
    const xs = ts.map(Math.log),
      ys = errs.map(Math.log);
    const mx = xs.reduce((a, b) => a + b) / xs.length,
      my = ys.reduce((a, b) => a + b) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(errs[errs.length - 1]).toBeLessThan(errs[0]);
    expect(slope).toBeLessThan(-0.9);
    expect(slope).toBeGreaterThan(-2.1);
    expect(errs[errs.length - 1]).toBeLessThan(0.05);
  });

  it('a tabulated Σ(E) sampled from the chain converges to the chain result as O(h²) (linear interpolation)', () => {
    const base = refSystem(false);
    const r0 = { mu: 0.3, temperature: 300 };
    const exact = prepareSystem(base).onsager(r0).L0[1];
    const errs = [0.02, 0.01].map((h) => {
      const energies: number[] = [],
        re: number[] = [],
        im: number[] = [];
      const s = new Float64Array(2);
      for (let E = -1; E <= 1.6 + 1e-12; E += h) {
        energies.push(E);
        chainSelfEnergy(E, 2.0, 0.9, -0.1, s);
        re.push(s[0]);
        im.push(s[1]);
      }
      const sys: TransportSystem = { ...base, terminals: base.terminals.map((t, a) => (a === 1 ? { ...t, lead: tabulatedLead(2, energies, re, im) } : t)) };
      return Math.abs(prepareSystem(sys).onsager(r0).L0[1] - exact) / exact;
    });
    expect(errs[0]).toBeLessThan(1e-3);
    expect(errs[0] / errs[1]).toBeGreaterThan(3); // ≈ 4 for O(h²)
    expect(errs[0] / errs[1]).toBeLessThan(5);
  });

  it('a table that does not cover the Fermi window is an error naming the field', () => {
    const base = refSystem(false);
    const sys: TransportSystem = {
      ...base,
      terminals: base.terminals.map((t, a) => (a === 1 ? { ...t, lead: tabulatedLead(2, [0, 0.2], [0, 0], [-0.1, -0.1]) } : t)),
    };
    expect(() => prepareSystem(sys).onsager({ mu: 0.3, temperature: 300 })).toThrow(/selfEnergy\.energies|covers/);
  });
});
