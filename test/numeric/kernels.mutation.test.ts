/**
 * Mutation survivors of src/numeric (docs/mutation.md, 2026-12-02): the Hermiticity defect that
 * decides which Hamiltonians a config may give, and the contract of the scan kernels that a point
 * is written into its own row only (scan points are independent: order, shards, hand-overs).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cmatrix, hermiticityDefect, type CMatrix } from '../../src/numeric/linalg.js';
import { circuitKernel, circuitColumns, physicalMatrixInto } from '../../src/numeric/circuitKernels.js';
import type { TerminalState } from '../../src/numeric/circuit.js';
import { solveUnknowns, unknownsWorkspace } from '../../src/numeric/probes.js';
import { SingularCircuitError } from '../../src/numeric/probes.js';
import { hermitianArb, uniform } from '../arbitraries.js';

/** max_ij |A_ij − conj(A_ji)| written out from the definition (the independent route). */
function defectByDefinition(a: CMatrix): number {
  const n = a.rows;
  let d = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const re = a.re[i * n + j] - a.re[j * n + i],
        im = a.im[i * n + j] + a.im[j * n + i]; // A_ij − conj(A_ji)
      d = Math.max(d, Math.hypot(re, im));
    }
  return d;
}

describe('hermiticityDefect', () => {
  it('is 0 for Hermitian matrices (real symmetric and complex) and equals the definition on perturbed ones', () => {
    fc.assert(
      fc.property(hermitianArb(5), hermitianArb(5, { real: true }), fc.array(uniform(-1, 1), { minLength: 4, maxLength: 4 }), (h, s, u) => {
        expect(hermiticityDefect(h)).toBe(0);
        expect(hermiticityDefect(s)).toBe(0);
        // perturb one off-diagonal pair non-Hermitianly (real and imaginary parts)
        const a = { rows: 5, cols: 5, re: Float64Array.from(h.re), im: Float64Array.from(h.im) };
        a.re[1 * 5 + 3] += u[0];
        a.im[1 * 5 + 3] += u[1];
        a.re[4 * 5 + 0] += u[2];
        a.im[0 * 5 + 4] += u[3];
        const want = defectByDefinition(a);
        // the two routes sum the same two doubles per entry: equal to the rounding of |h_ij| ≤ 3·√2
        expect(Math.abs(hermiticityDefect(a) - want)).toBeLessThanOrEqual(1e-14 * Math.max(1, want));
      }),
    );
  });
  it('a real antisymmetric pair and an imaginary symmetric pair are defects of 2|a|', () => {
    const a = cmatrix(2);
    a.re[1] = 0.5;
    a.re[2] = -0.5;
    expect(hermiticityDefect(a)).toBe(1);
    const b = cmatrix(2);
    b.im[1] = 0.25;
    b.im[2] = 0.25;
    expect(hermiticityDefect(b)).toBe(0.5);
    expect(hermiticityDefect(cmatrix(2, 3))).toBe(Infinity); // not square
  });
});

describe('scan kernels write point p into row p only', () => {
  it('solving the points of a scan in reverse order gives bit-identical columns', () => {
    // a 3-terminal circuit with a VTP on a random (positive-definite-ish) Onsager set per point
    const n = 3;
    const terminals: TerminalState[] = [
      { name: 'L', role: 'lead', mu: 0.01, temperature: 310 },
      { name: 'R', role: 'lead', mu: -0.01, temperature: 290 },
      { name: 'P', role: 'VTP' },
    ];
    const k = circuitKernel(terminals, { mu: 0, temperature: 300 }, 'electronic');
    const points = 4;
    const Ms = Array.from({ length: points }, (_, p) => {
      const L0 = new Float64Array(9),
        L1 = new Float64Array(9),
        L2 = new Float64Array(9);
      const set = (L: Float64Array, a: number, b: number, v: number) => {
        L[a * n + b] = v;
        L[b * n + a] = v;
      };
      const w = [0.3 + 0.1 * p, 0.5, 0.7 - 0.05 * p]; // pairs (0,1), (0,2), (1,2)
      const e = 0.02 * (p + 1);
      [
        [0, 1],
        [0, 2],
        [1, 2],
      ].forEach(([a, b], q) => {
        set(L0, a, b, w[q]);
        set(L1, a, b, w[q] * e);
        set(L2, a, b, w[q] * (e * e + 0.01));
      });
      return physicalMatrixInto(L0, L1, L2, 0, n, k.test, new Float64Array(4 * n * n));
    });
    const fwd = circuitColumns('electronic', k.terminals, points),
      rev = circuitColumns('electronic', k.terminals, points);
    for (const c of [fwd, rev]) for (const arr of [c.mu, c.temperature, c.particleCurrent, c.chargeCurrent, c.heatCurrent]) arr.fill(NaN);
    for (let p = 0; p < points; p++) expect(k.solveInto(Ms[p], 0, fwd, p)).toBe(true);
    for (let p = points - 1; p >= 0; p--) expect(k.solveInto(Ms[p], 0, rev, p)).toBe(true);
    for (const key of ['mu', 'temperature', 'particleCurrent', 'chargeCurrent', 'heatCurrent', 'entropyProduction'] as const) {
      expect(Array.from(rev[key]), key).toEqual(Array.from(fwd[key]));
      for (const v of fwd[key]) expect(Number.isFinite(v), key).toBe(true);
    }
  });
});

describe('solveUnknowns: the singularity threshold 1e-13 of the equilibrated pivot', () => {
  // Two unknowns x1, x2 with the equilibrated block [[1, ρ], [ρ, 1]], ρ = 1 − δ: the last pivot is
  // 1 − ρ² ≈ 2δ and κ ≈ 1/δ. The right-hand side −(a, b) = (δ, −δ)·… is built so that the exact
  // solution is x1 = 1, x2 = −1. At 2δ = 5e-13 (above the threshold) the solve must go through,
  // accurate to ~κ·ε ≈ 1e-3; at 2δ = 4e-14 (below it) it must refuse rather than return digits
  // that are all rounding.
  const solve = (delta: number) => {
    const rho = 1 - delta;
    const M = Float64Array.from([1, 0, 0, -(1 - rho), 1, rho, 1 - rho, rho, 1]);
    const x = Float64Array.from([1, NaN, NaN]);
    solveUnknowns(M, 3, [1, 2], Uint8Array.from([0, 1, 1]), x, unknownsWorkspace(2));
    return x;
  };
  it('2δ = 5e-13 solves to κε; 2δ = 4e-14 is singular', () => {
    const x = solve(2.5e-13);
    expect(Math.abs(x[1] - 1)).toBeLessThan(1e-2);
    expect(Math.abs(x[2] + 1)).toBeLessThan(1e-2);
    expect(() => solve(2e-14)).toThrow(SingularCircuitError);
  });
});
