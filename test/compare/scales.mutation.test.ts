/**
 * compare's tolerance scales and diagnoses where the earlier tests did not reach (docs/mutation.md,
 * issue 12 §4): the μ-family scale is even in the sign of the bias (max |μ − μ0|, not max(μ − μ0)),
 * an exact comparison (rtol = atol = 0) locates the one row that differs, and every named constant
 * factor of a current column is recognised as itself.
 */
import { describe, expect, it } from 'vitest';
import { solveSystem } from '../../src/numeric/system.js';
import { solutionJson } from '../../src/cli/format.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { chargeCurrentSI, heatCurrentSI, particleCurrentSI } from '../../src/model/units.js';
import { DEFAULT_TOLERANCE } from '../../src/compare/index.js';
import { compareValues } from '../../src/compare/check.js';
import type { Column } from '../../src/compare/resolve.js';
import { config, compareTexts, editColumn, ownScanCsv } from './helpers.js';

/** The parts of `solve`'s JSON that the tests edit. */
interface SolJson {
  probes: Record<string, { mu: number; T: number }>;
  currents: Record<string, { particle: number; charge: number; heat: number }>;
}

/** Benzene at μ0 = 0.3 eV, isothermal, one lead at μ0 and the other at μ0 + bias (either sign). */
function biased(bias: number, probe: 'VP' | 'VTP' = 'VP') {
  const cfg = config({
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0.3, T: 300 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.3, T: 300 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.3 + bias, T: 300 },
      { name: 'P', probe, coupling: { sites: [3], gamma: 0.1 } },
    ],
  });
  const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
  return { cfg, base: solutionJson(cfg.system, s, { method: 'closed-form' }) as unknown as SolJson };
}

describe('the μ-family scale is the largest |μ − μ0|, whatever the sign of the bias', () => {
  // The natural scale here is |bias| = 2 mV (μ_P lies between μ0 and μ0 + bias): with atol = 1e-7
  // the absolute part of the allowed deviation of μ_P is 2e-10 eV, the relative part 1e-6·|μ_P − μ0|
  // ≈ 1e-9 eV. A deviation 1/20 of the allowed one (rounding-level noise of another code) must pass,
  // one 2× beyond it must fail — for +bias and −bias alike. A scale taken from max(μ − μ0) instead
  // would be k_BT0 ≈ 26 meV at negative bias (allowed ~3.6e-9 eV: the 2× error passes) or a rounding
  // residue (the noise fails).
  const bias = 2e-3;
  for (const sign of [1, -1]) {
    const { cfg, base } = biased(sign * bias);
    // allowed = atol · scale + rtol · |μ_P − μ0| = 2e-10 + ~1e-9 eV; with the scale k_BT0 it would be ~3.6e-9
    const allowed = DEFAULT_TOLERANCE.atol * bias + DEFAULT_TOLERANCE.rtol * Math.abs(base.probes.P.mu - 0.3);
    it(`bias ${sign > 0 ? '+' : '−'}2 mV: noise of allowed/20 passes, an error of 2 × allowed fails`, () => {
      expect(Math.abs(base.probes.P.mu - 0.3)).toBeGreaterThan(0.1 * bias); // the probe really follows the bias
      expect(Math.abs(base.probes.P.mu - 0.3)).toBeLessThan(bias);
      for (const [dmu, pass] of [
        [allowed / 20, true],
        [-allowed / 20, true],
        [2 * allowed, false],
        [-2 * allowed, false],
      ] as const) {
        const o = structuredClone(base);
        o.probes.P.mu += dmu;
        const q = compareTexts(cfg, { 'o.json': JSON.stringify(o) }).quantities.find((x) => x.key === 'mu_P')!;
        expect(q.pass, `dmu = ${dmu}`).toBe(pass);
        // and the scale itself is |bias| (to the rounding of the stored μ's), not k_BT0
        expect(q.scale / bias).toBeCloseTo(1, 9);
        expect(q.scale).toBeLessThan(0.1 * K_B_EV * 300);
      }
    });
  }
});

describe('a voltage bias of either sign: the T scale of a VTP is |Δμ|/k_B', () => {
  // Isothermal leads, |Δμ| = 2 mV: T_P − T0 is small (Peltier-like, first order in Δμ) but its natural
  // scale is |Δμ|/k_B ≈ 23 K, as for any temperature the bias could produce. Noise of 1/20 of the
  // allowed deviation passes, 2× fails; a scale of |Δμ| in eV taken for kelvin (or max |T_P − T0|
  // alone) is ~1e4× tighter and fails the noise.
  for (const sign of [1, -1]) {
    const { cfg, base } = biased(sign * 2e-3, 'VTP');
    it(`Δμ = ${sign > 0 ? '+' : '−'}2 mV`, () => {
      const dT = Math.abs(base.probes.P.T - 300);
      expect(dT).toBeGreaterThan(0);
      expect(dT).toBeLessThan(0.01 * (2e-3 / K_B_EV));
      const allowed = DEFAULT_TOLERANCE.atol * (2e-3 / K_B_EV) + DEFAULT_TOLERANCE.rtol * dT;
      for (const [d, pass] of [
        [allowed / 20, true],
        [-allowed / 20, true],
        [2 * allowed, false],
      ] as const) {
        const o = structuredClone(base);
        o.probes.P.T += d;
        const q = compareTexts(cfg, { 'o.json': JSON.stringify(o) }).quantities.find((x) => x.key === 'T_P')!;
        expect(q.pass, `T_P + ${d}`).toBe(pass);
      }
    });
  }
});

describe('a thermal bias of either sign: the μ and T scales are k_B|ΔT| and |ΔT| (particle–hole symmetric)', () => {
  // Benzene at μ0 = 0 (particle–hole symmetric): μ_P = μ0 exactly, T_P between T0 and T0 + ΔT. The
  // natural scales are k_B|ΔT| (μ family) and |ΔT| (T family) with ΔT = ±50 K; a scale from
  // max(T − T0) instead of max |T − T0| falls back to k_BT0 and T0 at ΔT < 0: 6× looser, so an error of
  // 2× the allowed deviation would pass there.
  for (const dT of [50, -50]) {
    const cfg = config({
      hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
      reference: { mu: 0, T: 300 },
      circuit: 'electronic',
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0, T: 300 },
        { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: 0, T: 300 + dT },
        { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.1 } },
      ],
    });
    const base = solutionJson(cfg.system, solveSystem(cfg.system, cfg.reference, cfg.circuit), { method: 'closed-form' }) as unknown as SolJson;
    it(`ΔT = ${dT} K: μ_P and T_P errors of 2× the allowed deviation fail, noise of 1/20 of it passes`, () => {
      expect(Math.abs(base.probes.P.T - 300)).toBeGreaterThan(0.05); // the VTP really follows the bias (≈ 0.13 K)
      const tol = DEFAULT_TOLERANCE;
      const allowedMu = tol.atol * K_B_EV * Math.abs(dT) + tol.rtol * Math.abs(base.probes.P.mu);
      const allowedT = tol.atol * Math.abs(dT) + tol.rtol * Math.abs(base.probes.P.T - 300);
      for (const [key, field, allowed] of [
        ['mu_P', 'mu', allowedMu],
        ['T_P', 'T', allowedT],
      ] as const) {
        for (const [d, pass] of [
          [allowed / 20, true],
          [-allowed / 20, true],
          [2 * allowed, false],
          [-2 * allowed, false],
        ] as const) {
          const o = structuredClone(base);
          o.probes.P[field] += d;
          const q = compareTexts(cfg, { 'o.json': JSON.stringify(o) }).quantities.find((x) => x.key === key)!;
          expect(q.pass, `${key} + ${d}`).toBe(pass);
        }
      }
    });
  }
});

describe('current scales: an isothermal voltage bias gives the currents the scale L0·|Δμ|, not L1·(anything)', () => {
  // L_R at μ0 + 1 mV, all at 300 K: the thermal affinities are 0, so the current scale is set by
  // L0|Δμ| (and the Cauchy–Schwarz term). A relative error of 1e-5 in a lead's charge current is 10×
  // rtol and must fail; 1e-8 passes. A scale built from wrong thermal affinities ((T + T0)/T0 ≈ 2)
  // would be ~1e3× larger and let the 1e-5 error through.
  const { cfg, base } = biased(1e-3);
  it('1e-5 relative error in charge_R fails, 1e-8 passes', () => {
    for (const [rel, pass] of [
      [1e-5, false],
      [-1e-5, false],
      [1e-8, true],
    ] as const) {
      const o = structuredClone(base);
      o.currents.R.charge *= 1 + rel;
      const q = compareTexts(cfg, { 'o.json': JSON.stringify(o) }).quantities.find((x) => x.key === 'charge_R')!;
      expect(q.pass, `rel ${rel}`).toBe(pass);
    }
  });
});

describe('an exact comparison (rtol = atol = 0) locates the row that differs', () => {
  // compareValues directly: probecheck's own CSV output is not bit-exact after a text round trip
  const column = { header: 'heat_P', key: 'heat_P', family: 'heat', role: 'output', unit: { symbol: 'W' }, dimension: 'power' } as unknown as Column;
  const where = (row: number) => `line ${row + 2}`;
  it('worst row = the deviating row, also when the rows before it are exactly 0 with allowed = 0 there', () => {
    const ours = Float64Array.from([0, 0, 2e-12, 0, 5e-12]);
    const theirs = Float64Array.from([0, 0, 2e-12, 1e-30, 5e-12]);
    const r = compareValues(column, theirs, ours, null, new Float64Array(5).fill(5e-12), { rtol: 0, atol: 0 }, where, 'f.csv');
    expect(r.pass).toBe(false);
    expect(r.worst.row).toBe(3);
    expect(r.maxAbsAt.row).toBe(3);
    // identical columns pass at zero tolerance, and no row is reported beyond its tolerance
    const same = compareValues(column, ours, ours, null, new Float64Array(5).fill(5e-12), { rtol: 0, atol: 0 }, where, 'f.csv');
    expect(same.pass).toBe(true);
    expect(same.worst.theirs).toBe(same.worst.ours);
  });
});

describe('every named constant factor of the currents is recognised as itself', () => {
  const cfg = config();
  const csv = ownScanCsv(cfg, [-1, -0.4, 0.3, 0.9, 1.5]);
  const cases: Array<[number, RegExp]> = [
    [-1, /the opposite sign at every row/],
    [2, /a factor 2 at every row: a spin degeneracy/],
    [0.5, /a factor 1\/2 at every row/],
    [-2, /a factor −2 at every row/],
    [-0.5, /a factor −1\/2 at every row/],
    [2 * Math.PI, /a factor 2π at every row/],
    [1 / (2 * Math.PI), /a factor 1\/\(2π\) at every row/],
    [4, /a factor 4 at every row/],
    [0.25, /a factor 1\/4 at every row/],
  ];
  for (const [f, re] of cases) {
    it(`× ${f.toPrecision(4)}`, () => {
      let s = csv;
      for (const c of ['charge_L', 'charge_R']) s = editColumn(s, c, (v) => f * v);
      const r = compareTexts(cfg, { 's.csv': s });
      const d = r.diagnostics.find((x) => x.code === 'constant-factor');
      expect(d, JSON.stringify(r.diagnostics.map((x) => x.message))).toBeDefined();
      expect(d!.level).toBe('error');
      expect(d!.message).toMatch(re);
      expect(d!.message).toMatch(/^charge_L, charge_R: /);
    });
  }
  it("under an exact comparison (rtol = atol = 0) a factor 2 carrying another code's rounding (1e-12) is still a factor 2", () => {
    // the ratio test's own floor, 1e-9 relative, is what lets a tight tolerance still recognise the
    // factor: their values are never bit-identical multiples of ours
    let s = csv;
    for (const c of ['charge_L', 'charge_R']) s = editColumn(s, c, (v, row) => 2 * v * (1 + (row % 2 ? 1e-12 : -1e-12)));
    const r = compareTexts(cfg, { 's.csv': s }, { tolerance: { rtol: 0, atol: 0 } });
    const d = r.diagnostics.find((x) => x.code === 'constant-factor');
    expect(d?.message).toMatch(/a factor 2 at every row/);
  });
  it('an unnamed factor (3) is a warning that names its value', () => {
    let s = csv;
    for (const c of ['charge_L', 'charge_R']) s = editColumn(s, c, (v) => 3 * v);
    const d = compareTexts(cfg, { 's.csv': s }).diagnostics.find((x) => x.code === 'constant-factor')!;
    expect(d.level).toBe('warning');
    expect(d.message).toMatch(/a constant factor 3(\.0+)? at every row/);
  });
  it('a factor close to 1 is written so that it differs from 1 (audit: "a constant factor 1" for 1.0000063)', async () => {
    let s = csv;
    for (const c of ['charge_L', 'charge_R']) s = editColumn(s, c, (v) => 1.0004 * v);
    const d = compareTexts(cfg, { 's.csv': s }).diagnostics.find((x) => x.code === 'constant-factor')!;
    expect(d.message).toMatch(/^charge_L, charge_R: a constant factor 1 \+ 4\.0e-4 at every row/);
    // a factor on a μ (or T) column is one on its deviation from the reference: the message says so
    const mu0 = [-1, -0.4, 0.3, 0.9, 1.5];
    const m = compareTexts(cfg, { 's.csv': editColumn(csv, 'mu_P', (v, row) => mu0[row] + 3 * (v - mu0[row])) }).diagnostics.find(
      (x) => x.code === 'constant-factor',
    )!;
    expect(m.message).toMatch(/^mu_P − μ0: a constant factor 3 at every row/);
    const { fmtFactor } = await import('../../src/compare/diagnose.js');
    expect([1.0000063, 0.99998, -1.000006, 2.0004, 3, 1.2346, 0.5, 3 + 3.5e-14].map(fmtFactor)).toEqual([
      '1 + 6.3e-6',
      '1 − 2.0e-5',
      '-1 − 6.0e-6',
      '2 + 4.0e-4',
      '3',
      '1.235',
      '0.5',
      '3', // rounding, not a difference
    ]);
  });
});

describe('the smallest detectable VP temperature offset is diagnosed', () => {
  // ΔT = 2 K between the leads: the heat currents' scale is set by it, so a VP held 2 µK away from
  // CONFIG's T_P (1e-6 of ΔT, 10× atol) already fails the comparison — and the diagnosis must name it
  // (the fit ignores only offsets below 1e-9 T0 = 0.3 µK, where nothing can be detected anyway).
  const raw = (TP: number) => ({
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0.3, T: 300 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.3, T: 301 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.3, T: 299 },
      { name: 'P', probe: 'VP', T: TP, coupling: { sites: [3], gamma: 0.1 } },
    ],
  });
  for (const [dT, fitted] of [
    [2e-6, /a VP held at T_P = 300\.0000\d* K \(fitted to your values\)/],
    [-2e-6, /a VP held at T_P = 300\.0000\d* K \(fitted to your values\)/], // 299.999998 K to 7 digits
  ] as const)
    it(`T_P = T0 ${dT > 0 ? '+' : '−'} 2 µK in their run (a μ0 sweep, T_P not reported)`, () => {
      const cfg = config(raw(300));
      const theirs = config(raw(300 + dT));
      const lines = ownScanCsv(theirs, [0.1, 0.3, 0.6, 0.9])
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      const k = lines[0].indexOf('T_P');
      const csv = `${lines.map((r) => r.filter((_, i) => i !== k).join(',')).join('\n')}\n`;
      const r = compareTexts(cfg, { 's.csv': csv });
      expect(r.summary.pass).toBe(false);
      const d = r.diagnostics.find((x) => x.code === 'probe-model');
      expect(d?.message).toMatch(fitted);
    });
});

describe('the coherent-only diagnosis under broken reciprocity (a ring threaded by a flux)', () => {
  // With a flux L_αβ ≠ L_βα, so the coherent part of the current into lead α must use the row α of
  // L^(ν) (h J^N_α = Σ_β L0_αβ(μ_β − μ_α) + L1_αβ(T_β − T_α)/T0, docs/physics.md §3): their currents
  // computed that way are recognised exactly; with the transposed coefficients they would not be.
  it('their lead currents = the lead–lead terms alone → "coherent-only", every current explained', () => {
    const cfg = config({
      hamiltonian: { model: 'ring', sites: 6, hopping: -2.7, flux: 0.2 },
      reference: { mu: 0.5, T: 300 },
      circuit: 'electronic',
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.505, T: 320 },
        { name: 'R', coupling: { sites: [2], gamma: 0.4 }, mu: 0.495, T: 290 },
        { name: 'P', probe: 'VP', T: 300, coupling: { sites: [4], gamma: 0.3 } },
      ],
    });
    const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
    const o = structuredClone(solutionJson(cfg.system, s, { method: 'closed-form' })) as unknown as SolJson;
    const L = s.onsager,
      n = 3,
      mu = [0.505, 0.495],
      T = [320, 290];
    let asym = 0;
    for (const [a, b] of [
      [0, 1],
      [1, 0],
    ]) {
      asym = Math.max(asym, Math.abs(L.L1[a * n + b] - L.L1[b * n + a]) / Math.abs(L.L1[a * n + b]));
      const dmu = mu[b] - mu[a],
        dth = (T[b] - T[a]) / 300;
      const hN = L.L0[a * n + b] * dmu + L.L1[a * n + b] * dth,
        hQ = L.L1[a * n + b] * dmu + L.L2[a * n + b] * dth;
      const name = a === 0 ? 'L' : 'R';
      o.currents[name].particle = particleCurrentSI(hN);
      o.currents[name].charge = chargeCurrentSI(hN);
      o.currents[name].heat = heatCurrentSI(hQ);
    }
    expect(asym).toBeGreaterThan(1e-3); // reciprocity really is broken here
    const r = compareTexts(cfg, { 'o.json': JSON.stringify(o) });
    expect(r.summary.pass).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'coherent-only');
    expect(d, r.diagnostics.map((x) => `${x.code}: ${x.message.slice(0, 80)}`).join(' | ')).toBeDefined();
    expect(d!.level).toBe('error'); // an exact explanation
  });
});

describe('the bias family scale is max(|μ_L − μ_R|, k_BT0) (docs/compare.md §Tolerances)', () => {
  // A constant `bias` column is an input, compared with CONFIG's μ_L − μ_R. At 50 mV (≈ 2 k_BT0) the
  // scale is the bias itself: with rtol = 0 and atol = 1e-7 the allowed deviation is 5e-9 eV; a scale
  // of k_BT0 alone (≈ 25.9 meV) would allow only 2.6e-9 and refuse a deviation of 4e-9.
  const bias = 0.05;
  const { cfg } = biased(-bias); // μ_L − μ_R = +50 mV
  const tolerance = { rtol: 0, atol: 1e-7 };
  const withBias = (value: number) => {
    const csv = ownScanCsv(cfg, [0.3, 0.3]);
    const lines = csv.trimEnd().split('\n');
    return [`${lines[0]},bias`, ...lines.slice(1).map((l) => `${l},${value}`)].join('\n');
  };
  for (const [d, pass] of [
    [4e-9, true],
    [-4e-9, true],
    [1e-8, false],
    [-1e-8, false],
  ] as const)
    it(`a bias column off by ${d} eV ${pass ? 'passes' : 'fails'}`, () => {
      const q = compareTexts(cfg, { 'b.csv': withBias(bias + d) }, { tolerance }).quantities.find((x) => x.key === 'bias');
      expect(q, 'the bias column is compared').toBeDefined();
      expect(q!.scale).toBeCloseTo(bias, 12);
      expect(q!.pass).toBe(pass);
    });
});

describe('finite bias at particle–hole symmetry: "the deviation scales as bias³"', () => {
  // Benzene at mid-gap (μ0 = 0) between two leads is particle–hole symmetric (bipartite, on-site 0):
  // T(E) = T(−E), so I(V) is odd in V and the first nonlinear term is O(V³). Their values: the full
  // Fermi-function current at each bias (probecheck's nonlinear solver); CONFIG: linear response.
  const raw = (muL: number, muR: number, response: 'linear' | 'nonlinear') => ({
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0, T: 300 },
    circuit: 'electronic',
    response,
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: muL, T: 300 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: muR, T: 300 },
    ],
  });
  it('a bias sweep 20–160 mV computed with full Fermi functions, against a linear CONFIG', async () => {
    const { solveNonlinear } = await import('../../src/numeric/nonlinear.js');
    const { prepareSystem } = await import('../../src/numeric/system.js');
    const rows = [0.02, 0.04, 0.08, 0.12, 0.16].map((V) => {
      const nl = config(raw(V / 2, -V / 2, 'nonlinear'));
      const r = solveNonlinear(prepareSystem(nl.system), nl.reference, 'electronic');
      return `${V},${r.chargeCurrent[0]}`;
    });
    const cfg = config(raw(0.00001, -0.00001, 'linear'));
    const r = compareTexts(cfg, { 'iv.csv': `bias,charge_L[A]\n${rows.join('\n')}\n` });
    expect(r.summary.pass).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'finite-bias');
    expect(d?.message, JSON.stringify(r.diagnostics.map((x) => x.message))).toMatch(/the deviation scales as bias³ \(the bias² term vanishes here/);
    expect(d?.message).toMatch(/fitted exponent (2\.[5-9]|3\.[0-4])\d/);
  });
});

describe('a constant factor must hold where probecheck’s value vanishes too', () => {
  // Isothermal leads, ±1 mV, a μ0 sweep through particle–hole symmetry (μ0 = 0): there L^(1) ≡ 0 and
  // the heat currents vanish. Their heat_L = 2 × ours at every other row; at μ0 = 0 theirs is 5 % of
  // the heat scale — not 2 × 0 — so the column is no constant multiple and "a factor 2" would be a
  // wrong diagnosis (rows where ours vanishes must have theirs below 1 % of the scale).
  const cfg = config({
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0, T: 300 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.001, T: 300 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.001, T: 300 },
      { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: 0.1 } },
    ],
  });
  const mus = [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9];
  const csv = ownScanCsv(cfg, mus);
  const scale = compareTexts(cfg, { 's.csv': csv }).quantities.find((q) => q.key === 'heat_L')!.scale;
  const factor2 = (atZero: number) => editColumn(csv, 'heat_L', (v, row) => (mus[row] === 0 ? atZero : 2 * v));
  it('2 × ours with 0 where ours vanishes: a factor 2', () => {
    const ours0 = Number(
      csv.trim().split('\n')[1 + mus.indexOf(0)].split(',')[
        csv
          .split('\n')[0]
          .split(',')
          .findIndex((h) => h.startsWith('heat_L'))
      ],
    );
    expect(Math.abs(ours0)).toBeLessThan(1e-6 * scale); // the heat current really vanishes at μ0 = 0
    const d = compareTexts(cfg, { 's.csv': factor2(0) }).diagnostics.find((x) => x.code === 'constant-factor');
    expect(d?.message).toMatch(/a factor 2 at every row/);
  });
  it('2 × ours but 5 % of the scale where ours vanishes: no constant factor', () => {
    const r = compareTexts(cfg, { 's.csv': factor2(0.05 * scale) });
    expect(r.summary.pass).toBe(false);
    expect(r.diagnostics.find((x) => x.code === 'constant-factor' && /heat_L/.test(x.message))).toBeUndefined();
  });
});
