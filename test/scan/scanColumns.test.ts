/**
 * The columnar scan (src/scan.ts `scanColumns`, `scanCircuits` as views over it) against the
 * general path solved point by point (prepareSystem + prepareCircuit.solve), on the paper's benzene
 * junction with a γ scan (including γ = 0, the coherent-limit test probe) and four circuit variants.
 *
 * Tolerance: the Onsager coefficients are bit-identical (same closed-form arithmetic); the circuits
 * differ only in how the 1–3 unknowns are solved (Cramer's rule vs pivoted elimination), so every
 * quantity agrees to 256·u·κ_∞(M_UU) of its series maximum (see test/numeric/circuitKernels.test.ts),
 * with κ measured here at every point.
 */
import { describe, it, expect } from 'vitest';
import { benzene, localCoupling, linspace } from '../../src/index.js';
import { scanColumns, scanCircuits, type CircuitVariant } from '../../src/scan.js';
import { CLOSED_FORM_TARGET, prepareSystem, type TransportSystem } from '../../src/numeric/system.js';
import { prepareCircuit, type TerminalState } from '../../src/numeric/circuit.js';
import { withTerminalGamma } from '../../src/scan.js';
import { onsagerMatrix, worstRelativeError } from '../../src/numeric/onsager.js';

const U = 2 ** -53;
const H = benzene(-2.64);
const system: TransportSystem = {
  hamiltonian: H,
  terminals: [
    { name: 'L', role: 'lead', mu: 0.005, temperature: 325, coupling: localCoupling(6, [0], 0.5) },
    { name: 'R', role: 'lead', mu: -0.005, temperature: 275, coupling: localCoupling(6, [2], 0.25) },
    { name: 'P', role: 'VTP', coupling: localCoupling(6, [3], 0.1) },
  ],
};
const reference = { mu: 0, temperature: 300 };
const probe = (role: 'VP' | 'VTP'): TerminalState => (role === 'VP' ? { name: 'P', role, temperature: 300 } : { name: 'P', role });
const variants: CircuitVariant[] = [
  { kind: 'electronic', terminals: [system.terminals[0], system.terminals[1], probe('VP')] },
  { kind: 'electronic', terminals: [system.terminals[0], system.terminals[1], probe('VTP')] },
  { kind: 'thermal', terminals: [{ name: 'L', role: 'lead', temperature: 325 }, { name: 'R', role: 'lead', temperature: 275 }, probe('VP')] },
  { kind: 'thermal', terminals: [{ name: 'L', role: 'lead', temperature: 325 }, { name: 'R', role: 'lead', temperature: 275 }, probe('VTP')] },
];
const mu0 = linspace(-3, 3, 61);
const gamma = { terminal: 'P', sites: [3], values: [0, 0.01, 0.2, 1] };

function condInf(A: number[][]): number {
  const k = A.length;
  const a = A.map((r) => [...r]),
    inv = A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    [inv[c], inv[p]] = [inv[p], inv[c]];
    const piv = a[c][c];
    for (let j = 0; j < k; j++) {
      a[c][j] /= piv;
      inv[c][j] /= piv;
    }
    for (let r = 0; r < k; r++)
      if (r !== c) {
        const f = a[r][c];
        for (let j = 0; j < k; j++) {
          a[r][j] -= f * a[c][j];
          inv[r][j] -= f * inv[c][j];
        }
      }
  }
  const norm = (X: number[][]) => Math.max(...X.map((r) => r.reduce((s, v) => s + Math.abs(v), 0)));
  return norm(A) * norm(inv);
}

describe('scanColumns', () => {
  const cols = scanColumns(system, reference, { mu0, gamma }, variants);

  it('agrees with the general path point by point (bit-identical L, circuits within 256·u·κ(M_UU))', () => {
    const n = 3,
      m = 6;
    expect(cols.points).toBe(mu0.length * gamma.values.length);
    for (let gi = 0; gi < gamma.values.length; gi++) {
      const sys = withTerminalGamma(system, 'P', gamma.values[gi], [3]);
      const prepared = prepareSystem(sys);
      const general = variants.map((v) =>
        prepareCircuit(
          v.terminals!.map((t, a) => ({ ...t, test: sys.terminals[a].test })),
          reference,
          v.kind,
        ),
      );
      for (let v = 0; v < variants.length; v++) {
        const c = cols.circuits[v];
        const series = { mu: [] as number[], T: [] as number[], I: [] as number[], Q: [] as number[], S: [] as number[] };
        const got = { mu: [] as number[], T: [] as number[], I: [] as number[], Q: [] as number[], S: [] as number[] };
        let kappa = 1,
          natural = 0;
        for (let i = 0; i < mu0.length; i++) {
          const p = gi * mu0.length + i;
          const o = prepared.onsager({ mu: mu0[i], temperature: 300 });
          expect(Array.from(cols.L0.subarray(p * 9, p * 9 + 9))).toEqual(Array.from(o.L0));
          expect(Array.from(cols.L1.subarray(p * 9, p * 9 + 9))).toEqual(Array.from(o.L1));
          expect(Array.from(cols.L2.subarray(p * 9, p * 9 + 9))).toEqual(Array.from(o.L2));
          expect(cols.onsagerError[p]).toBe(worstRelativeError(o));
          const r = general[v].solve(o, mu0[i]);
          const M = onsagerMatrix(o);
          const un = general[v].unknown;
          kappa = Math.max(kappa, condInf(un.map((a) => un.map((b) => M[a * m + b]))));
          // the natural size of a current: e‖M‖∞‖x‖∞/h (a current that is zero by construction,
          // like I in the thermal circuit, is rounding noise of that size)
          let Mn = 0,
            xn = 0;
          for (let a = 0; a < m; a++) {
            let rs = 0;
            for (let b = 0; b < m; b++) rs += Math.abs(M[a * m + b]);
            Mn = Math.max(Mn, rs);
          }
          for (let a = 0; a < n; a++) xn = Math.max(xn, Math.abs(r.mu[a] - mu0[i]), Math.abs(r.temperature[a] / 300 - 1));
          natural = Math.max(natural, (1.602176634e-19 * Mn * xn) / 4.135667696e-15);
          for (let a = 0; a < n; a++) {
            series.mu.push(r.mu[a] - mu0[i]);
            got.mu.push(c.mu[p * n + a] - mu0[i]);
            series.T.push(r.temperature[a]);
            got.T.push(c.temperature[p * n + a]);
            series.I.push(r.chargeCurrent[a]);
            got.I.push(c.chargeCurrent[p * n + a]);
            series.Q.push(r.heatCurrent[a]);
            got.Q.push(c.heatCurrent[p * n + a]);
          }
          series.S.push(r.entropyProduction);
          got.S.push(c.entropyProduction[p]);
          expect(c.path[p]).toBe(1);
        }
        for (const q of ['mu', 'T', 'I', 'Q', 'S'] as const) {
          const scale = q === 'I' || q === 'Q' ? natural : Math.max(...series[q].map(Math.abs));
          const worst = Math.max(...series[q].map((x, j) => Math.abs(x - got[q][j])));
          expect(worst, `γ=${gamma.values[gi]} variant ${v} ${q} κ=${kappa}`).toBeLessThanOrEqual(256 * U * (kappa + m) * scale);
        }
      }
    }
  });

  it('at 10 mK across the meta node every tier of the closed form writes the same numbers as prepared.onsager', () => {
    // docs/physics.md §13: plain sums away from the node, T(μ0) subtracted nearer, T and T′ in
    // double-double at it; the columns must equal the per-point route bit for bit
    const sys = withTerminalGamma(system, 'P', 1e-9, [3]);
    const grid = [-0.2, -1e-3, -1e-6, 0, 1e-7, 1e-4, 0.05, 0.7];
    const low = { mu: 0, temperature: 0.01 };
    const c = scanColumns(sys, low, { mu0: grid }, [{ kind: 'electronic' }]);
    const prepared = prepareSystem(sys);
    for (let p = 0; p < grid.length; p++) {
      const o = prepared.onsager({ mu: grid[p], temperature: 0.01 });
      expect(o.method, `μ0 = ${grid[p]}`).toBe('closed-form');
      expect(c.onsagerMethod[p]).toBe(0);
      for (const k of ['L0', 'L1', 'L2'] as const) expect(Array.from(c[k].subarray(p * 9, p * 9 + 9)), `${k} at μ0 = ${grid[p]}`).toEqual(Array.from(o[k]));
      expect(c.onsagerError[p]).toBe(worstRelativeError(o));
      expect(c.onsagerError[p]).toBeLessThanOrEqual(CLOSED_FORM_TARGET);
    }
  });

  it('a range is the same numbers as that slice of the full scan, bit for bit', () => {
    for (const [a, b] of [
      [0, 17],
      [50, 130],
      [200, 244],
      [244, 244],
    ] as const) {
      const part = scanColumns(system, reference, { mu0, gamma }, variants, 'closed-form', { range: [a, b] });
      expect(part.points).toBe(b - a);
      expect(part.offset).toBe(a);
      expect(Array.from(part.L1)).toEqual(Array.from(cols.L1.subarray(a * 9, b * 9)));
      for (let v = 0; v < variants.length; v++) {
        expect(Array.from(part.circuits[v].heatCurrent)).toEqual(Array.from(cols.circuits[v].heatCurrent.subarray(a * 3, b * 3)));
        expect(Array.from(part.circuits[v].seebeck)).toEqual(Array.from(cols.circuits[v].seebeck.subarray(a, b)));
      }
    }
    expect(() => scanColumns(system, reference, { mu0, gamma }, variants, 'closed-form', { range: [10, 5] })).toThrow(RangeError);
  });

  it('scanCircuits keeps the per-point shape, as views into the columns', () => {
    const pts = scanCircuits(system, reference, { mu0, gamma }, variants);
    expect(pts.length).toBe(cols.points);
    const pt = pts[70];
    expect(pt.mu0).toBe(mu0[70 % 61]);
    expect(pt.gamma).toBe(0.01);
    expect(pt.onsager.L0).toBeInstanceOf(Float64Array);
    expect(pt.onsager.method).toBe('closed-form');
    const [eVP, , thVP] = pt.circuits;
    expect(eVP.heatCurrent).toBeInstanceOf(Float64Array);
    expect(eVP.heatCurrent[2]).toBe(cols.circuits[0].heatCurrent[70 * 3 + 2]);
    expect(eVP.seebeck).toBeNull();
    expect(thVP.seebeck).toBe(cols.circuits[2].seebeck[70]);
    expect(eVP.reference).toEqual({ mu: mu0[70 % 61], temperature: 300 });
    // the Schur complement on demand: one unknown (μ_P) eliminated, a 5 × 5 effective matrix
    expect(eVP.schur.unknown).toEqual([2]);
    expect(eVP.schur.effective.length).toBe(25);
    expect(eVP.matrix.length).toBe(36);
    const json = JSON.parse(JSON.stringify(eVP)) as Record<string, unknown>;
    expect(json.entropyProduction).toBe(eVP.entropyProduction);
    // γ = 0: coherent-limit probe, zero current into it, but a μ_P
    const coh = pts[5].circuits[1];
    expect(coh.heatCurrent[2]).toBe(0);
    expect(coh.particleCurrent[2]).toBe(0);
    expect(Number.isFinite(coh.mu[2])).toBe(true);
  });
});
