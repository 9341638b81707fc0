/**
 * The closed-form circuit kernels (src/numeric/circuitKernels.ts) against the general path
 * (solveCircuit, physicalOnsagerMatrix).
 *
 * Tolerance of kernel vs solveCircuit. Both solve the same 1–3 unknown system M_UU x_U = −M_UF x_F:
 * the general path by partially pivoted elimination (forward error ≲ c·u·κ_∞(M_UU)·‖x‖), the
 * kernel by Cramer's rule, whose forward error for n ≤ 3 is of the same order as long as the
 * determinant has not cancelled (the kernel refuses beyond 12 bits of cancellation). With u = 2⁻⁵³
 * and c = 256 (a few dozen flops per unknown, two methods) the bound on the unknowns is
 * 256·u·κ_∞(M_UU)·‖x‖_∞; currents y = M x inherit it times ‖M‖_∞ (plus the rounding of the product
 * itself, 2m·u·‖M‖‖x‖), so currents are compared at 256·u·(κ + m)·‖M‖_∞‖x‖_∞ per kind.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { poleExpansion } from '../../src/numeric/poles.js';
import { onsagerClosedForm } from '../../src/numeric/onsager.js';
import { solveCircuit, physicalOnsagerMatrix, type TerminalState, type TerminalRole, type CircuitKind } from '../../src/numeric/circuit.js';
import { circuitKernel, circuitColumns, matrixScale, physicalMatrixInto, KERNEL_MIN_DET_RATIO } from '../../src/numeric/circuitKernels.js';
import { K_B_EV, E_CHARGE, H_EV_S } from '../../src/numeric/constants.js';
import { systemArb, uniform, describeSystem } from '../arbitraries.js';

const U = 2 ** -53;

/** κ_∞ of a small dense matrix (Gauss–Jordan with partial pivoting; Infinity if singular). */
function condInf(A: Float64Array, k: number): number {
  const a = Float64Array.from(A),
    inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]) > Math.abs(a[p * k + c])) p = r;
    if (a[p * k + c] === 0) return Infinity;
    for (let j = 0; j < k; j++) {
      [a[c * k + j], a[p * k + j]] = [a[p * k + j], a[c * k + j]];
      [inv[c * k + j], inv[p * k + j]] = [inv[p * k + j], inv[c * k + j]];
    }
    const piv = a[c * k + c];
    for (let j = 0; j < k; j++) {
      a[c * k + j] /= piv;
      inv[c * k + j] /= piv;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r * k + c];
      for (let j = 0; j < k; j++) {
        a[r * k + j] -= f * a[c * k + j];
        inv[r * k + j] -= f * inv[c * k + j];
      }
    }
  }
  const norm = (X: Float64Array) => {
    let m = 0;
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.abs(X[i * k + j]);
      m = Math.max(m, s);
    }
    return m;
  };
  return norm(A) * norm(inv);
}

const roleArb = fc.constantFrom<TerminalRole>('VP', 'VTP');
const kindArb = fc.constantFrom<CircuitKind>('electronic', 'thermal');

describe('circuit kernels', () => {
  it('physicalMatrixInto equals physicalOnsagerMatrix, with and without test probes', () => {
    fc.assert(
      fc.property(systemArb(), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (s, flags) => {
        const n = s.couplings.length;
        const o = onsagerClosedForm(poleExpansion(s.h, s.couplings), 0.1, K_B_EV * 300);
        const test = flags.slice(0, n).map((f, a) => a >= 2 && f);
        const ref = physicalOnsagerMatrix(o, test);
        const got = physicalMatrixInto(o.L0, o.L1, o.L2, 0, n, test, new Float64Array(4 * n * n).fill(NaN));
        expect(Array.from(got)).toEqual(Array.from(ref));
      }),
      { numRuns: 40 },
    );
  });

  it('agree with solveCircuit (random systems, roles, circuits, biases) within 256·u·κ(M_UU)', () => {
    let accepted = 0,
      refused = 0;
    fc.assert(
      fc.property(
        systemArb(),
        fc.array(roleArb, { minLength: 3, maxLength: 3 }),
        kindArb,
        uniform(-1.5, 1.5),
        uniform(100, 500),
        uniform(-0.05, 0.05),
        uniform(0.6, 1.4),
        (s, roles, kind, mu0, T0, dmu, tr) => {
          const n = s.couplings.length;
          const terminals: TerminalState[] = s.couplings.map((_, a) =>
            a < 2
              ? { name: `t${a}`, role: 'lead', mu: mu0 + (a === 0 ? dmu : -dmu), temperature: T0 * (a === 0 ? tr : 1 / tr) }
              : roles[a - 2] === 'VP'
                ? { name: `t${a}`, role: 'VP', temperature: T0 * 1.1 }
                : { name: `t${a}`, role: 'VTP' },
          );
          if (kind === 'thermal') terminals[1] = { name: 't1', role: 'lead', temperature: T0 / tr };
          const reference = { mu: mu0, temperature: T0 };
          const o = onsagerClosedForm(poleExpansion(s.h, s.couplings), mu0, K_B_EV * T0);
          const k = circuitKernel(terminals, reference, kind);
          const cols = circuitColumns(kind, k.terminals, 2);
          const M = physicalMatrixInto(o.L0, o.L1, o.L2, 0, n, k.test, new Float64Array(4 * n * n));
          const ok = k.solveInto(M, mu0, cols, 1);
          // the scan's entry (μ0 and max|M| in a buffer) writes the same bits
          const viaAt = circuitColumns(kind, k.terminals, 2);
          expect(k.solveAt(M, Float64Array.of(mu0, matrixScale(M)), viaAt, 1)).toBe(ok);
          for (const q of ['mu', 'temperature', 'particleCurrent', 'chargeCurrent', 'heatCurrent', 'entropyProduction', 'seebeck'] as const)
            expect(Array.from(viaAt[q])).toEqual(Array.from(cols[q]));
          if (!ok) {
            if (k.unknown.length <= 3) refused++;
            expect(cols.path[1]).toBe(0);
            return;
          }
          accepted++;
          const g = solveCircuit(o, terminals, reference, kind);
          const m = 2 * n,
            nu = k.unknown.length;
          const D = new Float64Array(nu * nu);
          k.unknown.forEach((ui, a) =>
            k.unknown.forEach((uj, b) => {
              D[a * nu + b] = M[ui * m + uj];
            }),
          );
          const kappa = nu > 0 ? condInf(D, nu) : 1;
          const x = new Float64Array(m);
          for (let a = 0; a < n; a++) {
            x[a] = g.mu[a] - mu0;
            x[n + a] = g.temperature[a] / T0 - 1;
          }
          const xn = Math.max(...x.map(Math.abs));
          let Mn = 0;
          for (let i = 0; i < m; i++) {
            let r = 0;
            for (let j = 0; j < m; j++) r += Math.abs(M[i * m + j]);
            Mn = Math.max(Mn, r);
          }
          const tolX = 256 * U * kappa * xn;
          const tolY = (256 * U * (kappa + m) * Mn * xn) / H_EV_S;
          const where = `${describeSystem(s)} ${kind} roles=${roles} κ=${kappa.toExponential(2)}`;
          for (let a = 0; a < n; a++) {
            expect(Math.abs(cols.mu[n + a] - g.mu[a]), `μ_${a} ${where}`).toBeLessThanOrEqual(tolX);
            expect(Math.abs(cols.temperature[n + a] - g.temperature[a]), `T_${a} ${where}`).toBeLessThanOrEqual(tolX * T0);
            expect(Math.abs(cols.particleCurrent[n + a] - g.particleCurrent[a]), `J^N_${a} ${where}`).toBeLessThanOrEqual(tolY);
            expect(Math.abs(cols.chargeCurrent[n + a] - g.chargeCurrent[a]), `I_${a} ${where}`).toBeLessThanOrEqual(tolY * E_CHARGE);
            expect(Math.abs(cols.heatCurrent[n + a] - g.heatCurrent[a]), `J^Q_${a} ${where}`).toBeLessThanOrEqual(tolY * E_CHARGE);
          }
          // Ṡ = −xᵀMx/(hT0): |Δ| ≤ 2‖x‖ |Δy| in the same units
          expect(Math.abs(cols.entropyProduction[1] - g.entropyProduction), `Ṡ ${where}`).toBeLessThanOrEqual(
            (2 * m * xn * tolY * E_CHARGE) / T0 + 4 * m * U * Math.abs(g.entropyProduction),
          );
          expect(cols.entropyProduction[1]).toBeGreaterThanOrEqual((-4 * m * U * Mn * xn * xn * E_CHARGE) / (H_EV_S * T0));
          if (g.seebeck === null) expect(cols.seebeck[1]).toBeNaN();
          else
            expect(Math.abs(cols.seebeck[1] - g.seebeck)).toBeLessThanOrEqual(
              (4 * tolX) / Math.abs(g.temperature[1] - g.temperature[0]) + 8 * U * Math.abs(g.seebeck),
            );
          expect(cols.path[1]).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
    // the kernel must do the work: refusals (among ≤ 3 unknowns) are rare on generic systems
    expect(accepted).toBeGreaterThan(80);
    expect(refused).toBeLessThan(accepted / 10);
  });

  it('refuse a nearly singular M_UU (determinant cancelled) and a vanishing block, and hand over', () => {
    // Electronic circuit, one VTP: unknowns μ_P and T_P with M_UU = [[𝓛0_PP, 𝓛1_PP], [𝓛1_PP, 𝓛2_PP]].
    // L0L2 − L1² = 0 exactly (a δ-like probe transmission) makes det cancel completely.
    const n = 3;
    const L0 = new Float64Array(9),
      L1 = new Float64Array(9),
      L2 = new Float64Array(9);
    const set = (L: Float64Array, a: number, b: number, v: number) => {
      L[a * n + b] = v;
      L[b * n + a] = v;
    };
    set(L0, 0, 1, 0.3);
    set(L1, 0, 1, 0.01);
    set(L2, 0, 1, 1e-3);
    const c = 0.2,
      e = 0.05;
    for (const [a, w] of [
      [0, 0.6],
      [1, 0.4],
    ] as const) {
      set(L0, a, 2, w);
      set(L1, a, 2, w * e);
      set(L2, a, 2, w * e * e * (1 + 1e-6));
    }
    void c;
    const terminals: TerminalState[] = [
      { name: 'L', role: 'lead', mu: 0.01, temperature: 310 },
      { name: 'R', role: 'lead', mu: -0.01, temperature: 290 },
      { name: 'P', role: 'VTP' },
    ];
    const k = circuitKernel(terminals, { mu: 0, temperature: 300 }, 'electronic');
    const cols = circuitColumns('electronic', k.terminals, 1);
    const M = physicalMatrixInto(L0, L1, L2, 0, n, k.test, new Float64Array(36));
    // det / Σ|terms| = 1e-6/2 < 2^-12: refused
    expect(KERNEL_MIN_DET_RATIO).toBeGreaterThan(1e-6);
    expect(k.solveInto(M, 0, cols, 0)).toBe(false);
    expect(cols.path[0]).toBe(0);
    // a well-separated probe transmission is accepted
    for (const [a, w] of [
      [0, 0.6],
      [1, 0.4],
    ] as const)
      set(L2, a, 2, w * e * e * 3);
    expect(k.solveInto(physicalMatrixInto(L0, L1, L2, 0, n, k.test, M), 0, cols, 0)).toBe(true);
    // a probe that is decoupled to 1e-12 of M: the block is tiny, refused
    for (const [a, w] of [
      [0, 0.6e-12],
      [1, 0.4e-12],
    ] as const) {
      set(L0, a, 2, w);
      set(L1, a, 2, w * e);
      set(L2, a, 2, w * e * e * 3);
    }
    expect(k.solveInto(physicalMatrixInto(L0, L1, L2, 0, n, k.test, M), 0, cols, 0)).toBe(false);
  });
});
