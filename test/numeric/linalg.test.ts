/**
 * Dense kernels: Hermitian eigen (Householder + QL, with projection), general complex eigen
 * (Hessenberg + QR), LU. Tolerances: backward-error style, c·N·ε·‖A‖ with c = 100 (the usual
 * O(N ε ‖A‖) bound of Householder/QR methods with a safety factor).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  cmatrix,
  cclone,
  cmatmul,
  cadjoint,
  cmaxAbs,
  hermitianEigen,
  generalEigen,
  cinverse,
  cidentity,
  realSolve,
  hypot,
  EPS,
  type CMatrix,
} from '../../src/numeric/linalg.js';
import { benzene, grapheneFlake } from '../../src/numeric/hamiltonian.js';
import { hermitianArb, propertyRuns } from '../arbitraries.js';

function maxAbsDiff(a: CMatrix, b: CMatrix): number {
  let d = 0;
  for (let i = 0; i < a.re.length; i++) d = Math.max(d, Math.hypot(a.re[i] - b.re[i], a.im[i] - b.im[i]));
  return d;
}

function checkHermitianEigen(h: CMatrix): void {
  const N = h.rows;
  const { values, projected: U } = hermitianEigen(h);
  // Householder + QL: ‖AU − UΛ‖ ≤ p(N) ε ‖A‖ with p(N) = O(N²) in the worst case (10 N² here).
  const tol = 10 * N * N * EPS * Math.max(cmaxAbs(h), 1);
  // A U = U Λ
  const AU = cmatmul(h, U);
  const UL = cmatrix(N, N);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < N; k++) {
      UL.re[i * N + k] = U.re[i * N + k] * values[k];
      UL.im[i * N + k] = U.im[i * N + k] * values[k];
    }
  expect(maxAbsDiff(AU, UL)).toBeLessThanOrEqual(tol);
  // U† U = I
  expect(maxAbsDiff(cmatmul(cadjoint(U), U), cidentity(N))).toBeLessThanOrEqual(100 * N * EPS);
  for (let k = 1; k < N; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
}

describe('hermitianEigen', () => {
  it('diagonalises random complex and real Hermitian matrices (N = 1…30)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain((N) => fc.tuple(fc.boolean(), fc.constant(N)))
          .chain(([real, N]) => hermitianArb(N, { real })),
        (h) => {
          checkHermitianEigen(h);
        },
      ),
      { numRuns: propertyRuns(40) },
    );
  });

  it('handles exact degeneracies (benzene ±t doublets, identity, zero matrix)', () => {
    checkHermitianEigen(benzene(-2.64));
    const v = hermitianEigen(benzene(-2.64)).values;
    const t = -2.64;
    const expected = [2 * t, t, t, -t, -t, -2 * t].sort((a, b) => a - b);
    expected.forEach((e, k) => expect(Math.abs(v[k] - e)).toBeLessThanOrEqual(10 * EPS * 5.28));
    checkHermitianEigen(cidentity(7));
    checkHermitianEigen(cmatrix(4, 4));
  });

  it('projected eigenvectors equal X·U without forming U (graphene flake, N = 60)', () => {
    const h = grapheneFlake(6, 10);
    const N = h.rows;
    const X = cmatrix(3, N);
    X.re[0 * N + 0] = 1;
    X.re[1 * N + 17] = 0.5;
    X.im[1 * N + 23] = 0.25;
    X.re[2 * N + N - 1] = 2;
    const full = hermitianEigen(h);
    const proj = hermitianEigen(h, X);
    const ref = cmatmul(X, full.projected);
    expect(maxAbsDiff(proj.projected, ref)).toBeLessThanOrEqual(1e3 * EPS * N);
    for (let k = 0; k < N; k++) expect(proj.values[k]).toBe(full.values[k]);
  });
});

describe('generalEigen', () => {
  // Generic matrices: entries uniform on a fine grid of [−2, 2] (fc.noBias, no pile-up of zeros and
  // subnormals — shrinking towards those builds nilpotent Jordan structures for which no eigenbasis
  // exists). Exact degeneracies and defective blocks are tested on their own below.
  const cplx = fc.noBias(fc.integer({ min: -(2 ** 30), max: 2 ** 30 })).map((k) => k / 2 ** 29);
  const matArb = fc.integer({ min: 1, max: 14 }).chain((N) => fc.tuple(fc.constant(N), fc.array(cplx, { minLength: 2 * N * N, maxLength: 2 * N * N })));
  it('A R = R Λ and L† R = I for random complex matrices', () => {
    fc.assert(
      fc.property(matArb, ([N, vals]) => {
        const a = cmatrix(N, N);
        for (let i = 0; i < N * N; i++) {
          a.re[i] = vals[i];
          a.im[i] = vals[N * N + i];
        }
        const { values, right: R, leftAdjoint: Ld, condition } = generalEigen(a);
        const AR = cmatmul(a, R);
        const RL = cmatrix(N, N);
        for (let i = 0; i < N; i++)
          for (let k = 0; k < N; k++) {
            const rr = R.re[i * N + k],
              ri = R.im[i * N + k];
            RL.re[i * N + k] = rr * values.re[k] - ri * values.im[k];
            RL.im[i * N + k] = rr * values.im[k] + ri * values.re[k];
          }
        const kappa = Math.max(...condition);
        // The Schur form is backward stable, but back substitution through a near-defective block
        // (eigenvalues split by ~√ε) amplifies the residual by that eigenvalue's condition κ_k
        // (as LAPACK ztrevc does): per column, ‖(A R − R Λ)_k‖ ≤ 50 N² ε ‖A‖ κ_k (explicit-shift QR:
        // the N² is the accumulated rotation count, 50 a safety factor).
        for (let k = 0; k < N; k++) {
          let col = 0;
          for (let i = 0; i < N; i++) col = Math.max(col, Math.hypot(AR.re[i * N + k] - RL.re[i * N + k], AR.im[i * N + k] - RL.im[i * N + k]));
          expect(col).toBeLessThanOrEqual(50 * N * N * EPS * cmaxAbs(a) * condition[k] + Number.MIN_VALUE);
        }
        // L† = R⁻¹ by LU: ‖L†R − I‖ ≤ c N ε cond(R), cond(R) ≤ ‖R‖_F ‖R⁻¹‖_F ≤ √N · √N κ_max
        expect(maxAbsDiff(cmatmul(Ld, R), cidentity(N))).toBeLessThanOrEqual(100 * N * N * EPS * kappa);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('a diagonalisable matrix with an exactly repeated eigenvalue keeps independent eigenvectors', () => {
    // S diag(1+i, 1+i, −2) S⁻¹ with a well-conditioned S
    const S = cmatrix(3, 3);
    [
      [1, 0.2, 0],
      [0.1, 1, 0.3],
      [0, 0.2, 1],
    ].forEach((row, i) =>
      row.forEach((v, j) => {
        S.re[i * 3 + j] = v;
      }),
    );
    S.im[1] = 0.1;
    const D = cmatrix(3, 3);
    D.re[0] = 1;
    D.im[0] = 1;
    D.re[4] = 1;
    D.im[4] = 1;
    D.re[8] = -2;
    const A = cmatmul(cmatmul(S, D), cinverse(S));
    const { values, condition } = generalEigen(A);
    const sorted = Array.from(values.re).sort((a, b) => a - b);
    expect(sorted[0]).toBeCloseTo(-2, 12);
    expect(sorted[1]).toBeCloseTo(1, 7);
    expect(Math.max(...condition)).toBeLessThan(1e6);
  });
});

describe('generalEigen on a defective (Jordan) block', () => {
  it('returns eigenvalues within the ε^(1/k) perturbation bound, no NaN, and flags the ill-conditioning', () => {
    // J_3(0.5 − 0.2i): a 3×3 Jordan block. Perturbations of size ε split λ by ~ε^(1/3) ≈ 6e-6.
    const a = cmatrix(3, 3);
    for (let k = 0; k < 3; k++) {
      a.re[k * 3 + k] = 0.5;
      a.im[k * 3 + k] = -0.2;
    }
    a.re[1] = 1;
    a.re[5] = 1;
    const { values, condition } = generalEigen(a);
    for (let k = 0; k < 3; k++) {
      expect(Number.isFinite(values.re[k]) && Number.isFinite(values.im[k])).toBe(true);
      expect(Math.hypot(values.re[k] - 0.5, values.im[k] + 0.2)).toBeLessThan(100 * Math.cbrt(EPS));
    }
    expect(Math.max(...condition)).toBeGreaterThan(1e4);
  });
});

describe('realSolve', () => {
  it('solves A X = B and flags singular matrices', () => {
    const a = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const b = Float64Array.from([1, 2, 3]);
    const { x, pivotRatio } = realSolve(a, 3, b, 1);
    for (let i = 0; i < 3; i++) {
      const r = a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2];
      expect(Math.abs(r - b[i])).toBeLessThanOrEqual(10 * EPS * 4);
    }
    expect(pivotRatio).toBeGreaterThan(0.1);
    expect(realSolve(Float64Array.from([1, 2, 2, 4]), 2, Float64Array.from([1, 1]), 1).pivotRatio).toBeLessThan(1e-15);
  });
});

describe('hypot', () => {
  // the eigen-solvers and pole expansions use linalg's hypot for Math.hypot: the committed reports
  // stay byte-for-byte only if the two agree exactly (same bits, signed zeros and NaN included)
  const same = (x: number, y: number) => Object.is(hypot(x, y), Math.hypot(x, y));
  it('equals Math.hypot bit for bit on random doubles of any magnitude and sign', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (x, y) => same(x, y) && same(y, x)),
      { numRuns: 20000 },
    );
    // magnitudes that differ by up to 2^±60 (one of the squares far below the other's ulp)
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -60, max: 60 }),
        (a, b, e, d) => same(a * 2 ** e, -b * 2 ** (e + d)),
      ),
      { numRuns: 20000 },
    );
  });
  it('equals Math.hypot on zeros, infinities, NaN and subnormals', () => {
    const special = [0, -0, 1, -1, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 2 ** -1022, 3, 4];
    for (const x of special) for (const y of special) expect(same(x, y), `hypot(${x}, ${y})`).toBe(true);
  });
});

describe('cmatrix storage', () => {
  it('re and im are zeroed, disjoint and of the right length on both sides of the one-buffer threshold; cclone copies', () => {
    for (const [r, c] of [
      [1, 1],
      [2, 4],
      [3, 3],
      [6, 6],
      [7, 13],
    ] as const) {
      const m = cmatrix(r, c);
      expect(m.re.length).toBe(r * c);
      expect(m.im.length).toBe(r * c);
      expect(m.re.every((v) => v === 0) && m.im.every((v) => v === 0)).toBe(true);
      m.re.fill(1);
      expect(m.im.every((v) => v === 0)).toBe(true);
      m.im.fill(2);
      expect(m.re.every((v) => v === 1)).toBe(true);
      const k = cclone(m);
      k.re[0] = 5;
      k.im[r * c - 1] = 6;
      expect([m.re[0], m.im[r * c - 1], k.re[1 % (r * c)], k.im[0]]).toEqual([1, 2, r * c > 1 ? 1 : 5, r * c > 1 ? 2 : 6]);
    }
  });
});
