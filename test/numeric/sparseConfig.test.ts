/**
 * Configs above the dense size limit (issue 13, target 2; docs/physics.md §14, docs/config.md
 * "Ranges and limits"): H and Γ held in sparse form only, `transmission` and `solve` through the
 * sparse path. Checked against the library's sparse engine built directly (the CLI plumbing:
 * sites, widths, terminal order), against the dense eigen-decomposition engine and the dense
 * config route on a size both accept, and for memory (no N × N array at N = 10⁵).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseConfig } from '../../src/config.js';
import { DENSE_SITE_LIMIT } from '../../src/limits.js';
import { sparseChain, sparseGrapheneFlake, type SparseMatrix } from '../../src/numeric/sparse.js';
import { localChannels, sparseTransmissionEngine } from '../../src/numeric/sparseTransmission.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { prepareSystem, selfEnergyFlags, solveSystem } from '../../src/numeric/system.js';
import { DenseUnavailableError, isUnallocated } from '../../src/numeric/unallocated.js';
import { scaleCoupling } from '../../src/numeric/coupling.js';
import { linspace } from '../../src/scan.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probecheck-sparse-config-'));
});

/** Two leads (Γ 0.5 eV) on sites l, r and a VTP probe (0.1 eV) on site p; μ0 = 0.1 eV, T0 = T (default 300 K). */
function config(hamiltonian: Record<string, unknown>, l: number, r: number, p: number, T = 300) {
  const bias = 1e-4 * (T / 300);
  return {
    hamiltonian,
    reference: { mu: 0.1, T },
    terminals: [
      { name: 'L', coupling: { sites: [l], gamma: 0.5 }, mu: 0.1 + bias, T },
      { name: 'R', coupling: { sites: [r], gamma: 0.5 }, mu: 0.1 - bias, T },
      { name: 'P', probe: 'VTP', coupling: { sites: [p], gamma: 0.1 } },
    ],
  };
}

function write(name: string, c: unknown): string {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(c));
  return p;
}

function parseCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',').map(Number)) };
}

/** T_αβ(E) of the library's sparse engine on H with the terminals of {@link config}, in the CSV's pair order. */
function libraryRows(h: SparseMatrix, l: number, r: number, p: number, energies: readonly number[]): number[][] {
  const engine = sparseTransmissionEngine(h, [localChannels([l], 0.5), localChannels([r], 0.5), localChannels([p], 0.1)]);
  const t = new Float64Array(9);
  return energies.map((e) => {
    engine.evaluate(e, t);
    return [e, t[1], t[2], t[3], t[5], t[6], t[7]];
  });
}

describe('transmission of configs above the dense limit (sparse forms only)', () => {
  it('a 4000-site chain: the CLI equals the library sparse engine (same H, same channels)', async () => {
    const N = 4000;
    const path = write('chain4000', config({ model: 'chain', sites: N, hopping: -2.7 }, 0, N - 1, N >> 1));
    const r = await runCli(['transmission', path, '--emin', '-5', '--emax', '5', '--n', '7']);
    expect(r.code, r.stderr).toBe(0);
    const csv = parseCsv(r.stdout);
    expect(csv.header).toEqual(['E', 'T_L_R', 'T_L_P', 'T_R_L', 'T_R_P', 'T_P_L', 'T_P_R']);
    const want = libraryRows(sparseChain(N, -2.7), 0, N - 1, N >> 1, linspace(-5, 5, 7));
    // the same engine on the same matrix: equal to the last digit the CSV prints (shortest round-trip)
    expect(csv.rows).toEqual(want);
    // physics: reciprocity T_LR = T_RL of a real (time-reversal symmetric) H, to rounding
    for (const row of csv.rows) expect(Math.abs(row[1] - row[3])).toBeLessThanOrEqual(1e-12 * row[1]);
  });

  it('a 40 × 80 graphene flake (3200 sites): the CLI equals the library sparse engine', async () => {
    const rows = 40,
      cols = 80,
      N = rows * cols,
      p = (rows >> 1) * cols + (cols >> 1);
    const path = write('flake3200', config({ model: 'graphene', rows, cols, hopping: -2.7 }, 0, N - 1, p));
    const r = await runCli(['transmission', path, '--emin', '-8', '--emax', '8', '--n', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseCsv(r.stdout).rows).toEqual(libraryRows(sparseGrapheneFlake(rows, cols, -2.7), 0, N - 1, p, linspace(-8, 8, 5)));
  });

  it('N = 10⁵ chain, --n 3: no N × N array (peak RSS far below 16·N² bytes = 160 GB)', async () => {
    const N = 100_000;
    const path = write('chain1e5', config({ model: 'chain', sites: N, hopping: -2.7 }, 0, N - 1, N >> 1));
    const r = await runCli(['transmission', path, '--emin', '-1', '--emax', '1', '--n', '3']);
    expect(r.code, r.stderr).toBe(0);
    const csv = parseCsv(r.stdout);
    expect(csv.rows).toHaveLength(3);
    // 0 < T ≤ 1 for one channel per lead (unitarity of the scattering matrix)
    for (const row of csv.rows) for (const t of row.slice(1)) expect(t > 0 && t <= 1).toBe(true);
    // maxRSS (kB) is the peak of this whole test process, which also ran the tests above
    const peak = process.resourceUsage().maxRSS * 1024;
    expect(peak).toBeLessThan((16 * N * N) / 50);
  }, 120_000);
});

describe('the sparse-form config route against the dense routes (600 sites, both accepted)', () => {
  const rows = 20,
    cols = 30,
    N = rows * cols,
    p = (rows >> 1) * cols + (cols >> 1);
  const raw = config({ model: 'graphene', rows, cols, hopping: -2.7, onsite: 0.05 }, 0, N - 1, p);

  it('builds sparse forms only: the dense H and Γ are placeholders that throw naming the matrix', () => {
    const { system } = parseConfig(raw, { sparse: true });
    expect(isUnallocated(system.hamiltonian)).toBe(true);
    expect(system.sparseHamiltonian?.n).toBe(N);
    expect(() => system.hamiltonian.re).toThrow(DenseUnavailableError);
    expect(() => system.terminals[0].coupling.gamma.im).toThrow(/Γ \(600 × 600.*not allocated: .*sparse form only/);
    // the default below the limit stays dense
    expect(isUnallocated(parseConfig(raw).system.hamiltonian)).toBe(false);
  });

  it('transmission: sparse forms vs the dense eigen-decomposition engine, to 1e-9 relative (+1e-12 of the row maximum)', () => {
    const sparse = parseConfig(raw, { sparse: true }).system;
    const dense = parseConfig(raw).system;
    const engS = prepareSystem(sparse).engine();
    const engD = transmissionEngine(
      dense.hamiltonian,
      dense.terminals.map((t) => t.coupling),
      { inSelfEnergy: selfEnergyFlags(dense) },
    );
    const a = new Float64Array(9),
      b = new Float64Array(9);
    let worst = 0;
    for (const e of linspace(-7.9, 8.1, 17)) {
      engS.evaluate(e, a);
      engD.evaluate(e, b);
      const rowMax = Math.max(...b);
      for (let k = 0; k < 9; k++) {
        const err = Math.abs(a[k] - b[k]) / (1e-9 * Math.abs(b[k]) + 1e-12 * rowMax);
        worst = Math.max(worst, err);
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  }, 60_000);

  it('solve: the sparse-form route equals the dense-config route (same sparse Onsager path) to 1e-12 of the natural scale', () => {
    const chainRaw = config({ model: 'chain', sites: 400, hopping: -2.7 }, 0, 399, 200);
    const s = parseConfig(chainRaw, { sparse: true });
    const d = parseConfig(chainRaw);
    const pS = prepareSystem(s.system),
      pD = prepareSystem(d.system);
    expect([pS.path, pD.path]).toEqual(['sparse', 'sparse']);
    const a = solveSystem(pS, s.reference, s.circuit),
      b = solveSystem(pD, d.reference, d.circuit);
    for (const key of ['L0', 'L1', 'L2'] as const) {
      const scale = Math.max(...b.onsager[key].map(Math.abs));
      for (let k = 0; k < 9; k++) expect(Math.abs(a.onsager[key][k] - b.onsager[key][k])).toBeLessThanOrEqual(1e-12 * scale);
    }
    expect(Math.abs(a.circuit.temperature[2] - b.circuit.temperature[2])).toBeLessThanOrEqual(1e-12 * b.circuit.temperature[2]);
  }, 120_000);

  it('scaleCoupling scales a sparse coupling like a dense one (Γ → sΓ)', () => {
    const sparse = parseConfig(raw, { sparse: true }).system;
    const dense = parseConfig(raw).system;
    const scaled = (sys: typeof sparse) => ({
      ...sys,
      terminals: sys.terminals.map((t) => (t.name === 'P' ? { ...t, coupling: scaleCoupling(t.coupling, 4) } : t)),
    });
    const a = new Float64Array(9),
      b = new Float64Array(9);
    prepareSystem(scaled(sparse)).engine().evaluate(0.3, a);
    prepareSystem(scaled(dense)).engine().evaluate(0.3, b);
    for (let k = 0; k < 9; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(1e-13 * Math.max(...b));
  });
});

describe('commands that need the dense matrices, on a sparse-only config', () => {
  it('`map` runs on a sparse-only config (per-site route, finite γ: sparse couplings, no N × N allocation)', async () => {
    // 10 K keeps the Fermi window to a few levels; --shard 1/1500 computes sites 0–1 only (the test's cost)
    const N = 3001;
    const c = config({ model: 'chain', sites: N, hopping: -2.7 }, 0, N - 1, N >> 1, 10);
    const path = write('chain3001map', c);
    const out = join(dir, 'chain3001map.csv');
    const r = await runCli(['map', path, '--probe', 'P', '--shard', '1/1500', '--out', out, '--quiet', '--threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(rows[0].split(',')[0]).toBe('site');
    expect(rows.length).toBe(3);
    for (const row of rows.slice(1)) {
      const T = Number(row.split(',')[8]);
      expect(Number.isFinite(T) && T > 0, row).toBe(true);
    }
  }, 120_000);
});

describe('solve above the dense limit', () => {
  it('a 4000-site chain at 10 K: solved on the sparse path, the ER side by side too (no heat into the ER probe, Ṡ_ER ≤ Ṡ_VTP ≤ Ṡ_VP)', async () => {
    // 10 K keeps the Fermi window (μ0 ± 41 k_BT0) to ~25 of the 4000 levels: the test's cost, not a limit
    const N = 4000;
    const path = write('chain4000solve', config({ model: 'chain', sites: N, hopping: -2.7 }, 0, N - 1, N >> 1, 10));
    const r = await runCli(['solve', path]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.method).toBe('sparse-quadrature');
    // docs/physics.md §8: the ER probe eliminated energy by energy over the sparse engine
    const er = out.probeModels.ER;
    expect(er.method).toBe('sparse-quadrature');
    const qScale = Math.max(...Object.values(er.currents as Record<string, { heat: number }>).map((c) => Math.abs(c.heat)));
    expect(qScale).toBeGreaterThan(0);
    expect(Math.abs(er.currents.P.heat)).toBeLessThanOrEqual(1e-9 * qScale);
    const sVP = out.probeModels.VP.entropyProduction,
      sVTP = out.probeModels.VTP.entropyProduction;
    expect(er.entropyProduction).toBeLessThanOrEqual(sVTP * (1 + 1e-9));
    expect(sVTP).toBeLessThanOrEqual(sVP * (1 + 1e-9));
    expect(out.probeModels.VTP.probes.P.T).toBeGreaterThan(0);
    // particle conservation of the solved circuit: Σ_α J_α = 0 to rounding of the largest current
    const J = Object.values(out.currents as Record<string, { particle: number }>).map((c) => c.particle);
    expect(Math.abs(J.reduce((x, y) => x + y, 0))).toBeLessThanOrEqual(1e-9 * Math.max(...J.map(Math.abs)));
  }, 300_000);

  it('a 40 × 100 flake (4000 sites, RCM half-bandwidth 60: N·b² = 1.4e7): `solve` exit 2 with one line, `transmission` still works', async () => {
    const rows = 40,
      cols = 100,
      N = rows * cols;
    expect(N).toBeGreaterThan(DENSE_SITE_LIMIT);
    const path = write('flake4000', config({ model: 'graphene', rows, cols, hopping: -2.7 }, 0, N - 1, (rows >> 1) * cols + (cols >> 1)));
    const r = await runCli(['solve', path]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^probecheck: .*too wide for the sparse Onsager path/);
    expect(r.stdout).toBe('');
    const t = await runCli(['transmission', path, '--emin', '0', '--emax', '1', '--n', '2']);
    expect(t.code, t.stderr).toBe(0);
  }, 120_000);
});

describe('finite bias on the sparse path', () => {
  it('a 400-site chain with "response": "nonlinear" is refused naming `response` (was: every bias "beyond the model")', async () => {
    const c = { ...config({ model: 'chain', sites: 400, hopping: -1 }, 0, 399, 200), response: 'nonlinear' };
    const r = await runCli(['solve', write('chain400-nonlinear', c)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/response: finite-bias \(nonlinear\) response .* sparse path/);
  });
});

describe('the sparse Onsager path refuses a run of hours', () => {
  it('a 10⁵-site chain at 300 K: exit 2 naming the levels in the window and the limit, in seconds (transmission still runs)', async () => {
    const p = write('chain1e5-300K', config({ model: 'chain', sites: 100_000, hopping: -1 }, 0, 99_999, 50_000));
    const t0 = performance.now();
    const r = await runCli(['solve', p]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/levels in the Fermi window .*\(levels × N = [0-9.e+]+ > 2e\+7/);
    // the check is two Sturm counts, not the hours it prevents (generous: a loaded machine)
    expect(performance.now() - t0).toBeLessThan(60_000);
    // the count it states is the chain's: N/π ∫ dE/√(4t² − E²) over μ0 ± 41 k_BT0 (within ±2 levels)
    const levels = Number(/H has (\d+) levels/.exec(r.stderr)?.[1]);
    const kT = 8.617333262e-5 * 300,
      a = 0.1 - 41 * kT,
      b = 0.1 + 41 * kT;
    const expected = (100_000 / Math.PI) * (Math.asin(b / 2) - Math.asin(a / 2));
    expect(Math.abs(levels - expected)).toBeLessThan(2);
  }, 120_000);
});
