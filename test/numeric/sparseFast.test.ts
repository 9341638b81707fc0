/**
 * The fast sparse transmission path (docs/physics.md §14, issue 13 follow-up) against the dense
 * engine, and its parts against their second routes:
 *
 * - the engine (coupled sites ordered last, root-front solves on the multifrontal LU; G at the
 *   coupled sites from partial sweeps, halved by G = Gᵀ, on the banded LU) equals the dense
 *   channel-space engine (transmission.ts) on random chains, ribbons and flakes with random on-site
 *   disorder and random (complex, i.e. magnetic) hoppings, both methods forced, with and without a
 *   test probe;
 * - `solveRows` (root-only) equals the refined full `solve` at the same rows;
 * - the computed backward-error bound of the multifrontal LU dominates the measured residual;
 * - edge cases: no channels, every site coupled, a two-site chain.
 *
 * Tolerance. T_αβ = |w† G w|² carries ≲ 2κ(A)·η relative error with η ≤ 64u (refined or probe
 * checked) and κ(A) = ‖A‖_∞‖A⁻¹‖_∞ computed densely per case (N ≤ 48); we allow 2·10³·u·κ relative to
 * max T over the energies (a factor ~8 over 2κ·64u), never below 1e-13.
 * Seeds: the global fast-check seed of test/setup.ts (DEFAULT_SEED 20261124, printed on failure).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sparseHamiltonianFromEdges, sparseToDense, sparseSolver, type SparseMatrix } from '../../src/numeric/sparse.js';
import { sparseTransmissionEngine, sparseChannels, effectiveHamiltonian, localChannels, isComplexSymmetric } from '../../src/numeric/sparseTransmission.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { luFactor, luSolve, cmatrix, type CMatrix } from '../../src/numeric/linalg.js';
import { propertyRuns, uniform } from '../arbitraries.js';
import { shifted } from './sparseFixtures.js';

const U = 2 ** -53;

type Lattice = 'chain' | 'ribbon' | 'flake';
interface Case {
  lattice: Lattice;
  h: SparseMatrix;
  sites: number[];
  gammas: number[];
  complex: boolean;
}

/** Edges of a chain (N), a square-lattice ribbon (3 × L) or a brick-wall flake (R × C). */
function latticeEdges(lattice: Lattice, a: number, b: number): { n: number; edges: Array<[number, number]> } {
  const edges: Array<[number, number]> = [];
  if (lattice === 'chain') {
    for (let j = 0; j + 1 < a; j++) edges.push([j, j + 1]);
    return { n: a, edges };
  }
  const rows = lattice === 'ribbon' ? 3 : a,
    cols = b;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) edges.push([i, i + 1]);
      if (r + 1 < rows && (lattice === 'ribbon' || (r + c) % 2 === 0)) edges.push([i, i + cols]);
    }
  return { n: rows * cols, edges };
}

const caseArb: fc.Arbitrary<Case> = fc
  .tuple(
    fc.constantFrom<Lattice>('chain', 'ribbon', 'flake'),
    fc.integer({ min: 2, max: 48 }),
    fc.integer({ min: 2, max: 8 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 2 ** 30 }),
  )
  .chain(([lattice, a, b, complex, seed]) => {
    const dims =
      lattice === 'chain' ? [a, 1] : lattice === 'ribbon' ? [3, Math.max(2, Math.min(16, a))] : [Math.max(2, Math.min(7, b)), Math.max(2, Math.min(7, a))];
    const { n, edges } = latticeEdges(lattice, dims[0], dims[1]);
    return fc.tuple(
      fc.constant({ lattice, n, edges, complex, seed }),
      fc.array(uniform(-0.8, 0.8), { minLength: n, maxLength: n }), // on-site disorder (eV)
      fc.array(fc.tuple(uniform(-3, -2), uniform(-Math.PI, Math.PI)), { minLength: edges.length, maxLength: edges.length }),
      fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: Math.min(3, n), maxLength: Math.min(3, n) }),
      fc.array(uniform(0.05, 0.8), { minLength: 3, maxLength: 3 }),
    );
  })
  .map(([c, onsite, hops, sites, gammas]) => {
    const h = sparseHamiltonianFromEdges(
      c.n,
      c.edges.map(([i, j], k) => [i, j, c.complex ? { re: hops[k][0] * Math.cos(hops[k][1]), im: hops[k][0] * Math.sin(hops[k][1]) } : hops[k][0]] as const),
      onsite,
    );
    return { lattice: c.lattice, h, sites, gammas: gammas.slice(0, sites.length), complex: c.complex };
  });

/** κ_∞(A) of A = E − H_eff, densely (small N). */
function kappa(a: CMatrix): number {
  const n = a.rows;
  const M = { rows: n, cols: n, re: Float64Array.from(a.re), im: Float64Array.from(a.im) };
  let an = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.hypot(a.re[i * n + j], a.im[i * n + j]);
    an = Math.max(an, s);
  }
  const piv = luFactor(M);
  if (!piv) return Infinity;
  const B = cmatrix(n, n);
  for (let i = 0; i < n; i++) B.re[i * n + i] = 1;
  luSolve(M, piv, B);
  let inn = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.hypot(B.re[i * n + j], B.im[i * n + j]);
    inn = Math.max(inn, s);
  }
  return an * inn;
}

describe('fast sparse transmission path', () => {
  it('equals the dense engine on random chains, ribbons and flakes (disorder, complex hoppings), both methods, with and without a test probe', () => {
    fc.assert(
      fc.property(caseArb, fc.array(uniform(-8.5, 8.5), { minLength: 6, maxLength: 6 }), fc.boolean(), (c, energies, probeTest) => {
        const N = c.h.n;
        const cs = c.sites.map((s, k) => localCoupling(N, [s], c.gammas[k]));
        const inSelfEnergy = probeTest && cs.length === 3 ? [true, true, false] : undefined;
        const dense = transmissionEngine(sparseToDense(c.h), cs, { inSelfEnergy });
        const nt = cs.length;
        const a = new Float64Array(nt * nt),
          b = new Float64Array(nt * nt);
        const K = effectiveHamiltonian(c.h, cs.map(sparseChannels), inSelfEnergy);
        for (const method of ['banded', 'multifrontal'] as const) {
          const sp = sparseTransmissionEngine(c.h, cs.map(sparseChannels), { inSelfEnergy, method });
          let tmax = 0,
            worst = 0,
            kmax = 0;
          for (const E of energies) {
            dense.evaluate(E, a);
            sp.evaluate(E, b);
            for (let i = 0; i < nt * nt; i++) {
              tmax = Math.max(tmax, a[i]);
              worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            kmax = Math.max(kmax, kappa(shifted(K, E)));
          }
          const tol = Math.max(1e-13, 2e3 * U * kmax) * tmax;
          expect(worst, `${c.lattice} N=${N} ${method} complex=${c.complex} κ=${kmax.toExponential(2)}`).toBeLessThanOrEqual(tol);
          expect(sp.maxBackwardError).toBeLessThanOrEqual(1e-10);
        }
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it('solveRows on the root front equals the refined full solve at those rows (multifrontal, coupled sites last)', () => {
    fc.assert(
      fc.property(caseArb, uniform(-7, 7), uniform(0, 0.5), (c, zr, zi) => {
        const N = c.h.n;
        const chans = c.sites.map((s, k) => localChannels([s], c.gammas[k])[0]);
        const K = effectiveHamiltonian(c.h, [chans]);
        const sites = Int32Array.from([...c.sites].sort((x, y) => x - y));
        const s = sparseSolver(K, { method: 'multifrontal', last: sites });
        const r = chans.length,
          m = sites.length;
        const bR = new Float64Array(N * r),
          bI = new Float64Array(N * r);
        chans.forEach((w, j) => {
          bR[j * N + w.index[0]] = w.re[0];
        });
        s.factor(zr, zi);
        const oR = new Float64Array(m * r),
          oI = new Float64Array(m * r);
        const eta = s.solveRows(bR, bI, r, sites, oR, oI);
        expect(eta).toBeLessThanOrEqual(1e-10);
        const xR = new Float64Array(N * r),
          xI = new Float64Array(N * r);
        s.solve(bR, bI, r, xR, xI);
        let xmax = 0,
          d = 0;
        for (let j = 0; j < r; j++)
          for (let k = 0; k < m; k++) {
            const v = Math.hypot(xR[j * N + sites[k]], xI[j * N + sites[k]]);
            xmax = Math.max(xmax, v);
            d = Math.max(d, Math.hypot(oR[j * m + k] - xR[j * N + sites[k]], oI[j * m + k] - xI[j * N + sites[k]]));
          }
        const kap = kappa(shifted(K, zr)); // (κ at real z bounds the one at z + i zi up to ‖A‖ changes)
        expect(d, `κ=${kap.toExponential(2)}`).toBeLessThanOrEqual(Math.max(1e-13, 2e3 * U * kap) * xmax);
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it('the multifrontal backward-error bound 4γ‖|L||U|‖/‖A‖ dominates the measured residual of an unrefined solve', () => {
    fc.assert(
      fc.property(caseArb, uniform(-7, 7), uniform(0, 0.3), (c, zr, zi) => {
        const N = c.h.n;
        const K = effectiveHamiltonian(c.h, [c.sites.map((s, k) => localChannels([s], c.gammas[k])[0])]);
        const s = sparseSolver(K, { method: 'multifrontal' });
        s.factor(zr, zi);
        const bound = s.backwardErrorBound;
        // unrefined solve of a fixed right-hand side through solveRows' substitution route: the
        // residual of the full solution (all rows requested)
        const all = Int32Array.from({ length: N }, (_, i) => i);
        const bR = Float64Array.from({ length: N }, (_, i) => Math.cos(i)),
          bI = Float64Array.from({ length: N }, (_, i) => Math.sin(2 * i));
        const xR = new Float64Array(N),
          xI = new Float64Array(N);
        s.solveRows(bR, bI, 1, all, xR, xI);
        const A = shifted(K, zr);
        for (let i = 0; i < N; i++) A.im[i * N + i] += zi;
        let rn = 0,
          an = 0,
          xn = 0,
          bn = 0;
        for (let i = 0; i < N; i++) {
          let sr = bR[i],
            si = bI[i],
            ar = 0;
          for (let j = 0; j < N; j++) {
            const er = A.re[i * N + j],
              ei = A.im[i * N + j];
            sr -= er * xR[j] - ei * xI[j];
            si -= er * xI[j] + ei * xR[j];
            ar += Math.abs(er) + Math.abs(ei);
          }
          rn = Math.max(rn, Math.abs(sr) + Math.abs(si));
          an = Math.max(an, ar);
          xn = Math.max(xn, Math.abs(xR[i]) + Math.abs(xI[i]));
          bn = Math.max(bn, Math.abs(bR[i]) + Math.abs(bI[i]));
        }
        const eta = rn / (an * xn + bn);
        // the bound is for the substitutions with this LU; solveRows may have refined (then η is smaller still)
        expect(eta).toBeLessThanOrEqual(bound * (1 + 1e-12));
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it('knows complex symmetry: real H yes, a magnetic (complex) hopping no', () => {
    const real = sparseHamiltonianFromEdges(3, [
      [0, 1, -1],
      [1, 2, -1.5],
    ]);
    const mag = sparseHamiltonianFromEdges(3, [
      [0, 1, { re: -1, im: 0.2 }],
      [1, 2, -1.5],
    ]);
    expect(isComplexSymmetric(effectiveHamiltonian(real, [localChannels([0], 0.3)]))).toBe(true);
    expect(isComplexSymmetric(effectiveHamiltonian(mag, [localChannels([0], 0.3)]))).toBe(false);
  });

  it('edge cases: no channels, every site coupled, a two-site chain (against the dense engine)', () => {
    const h2 = sparseHamiltonianFromEdges(2, [[0, 1, -2.7]], [0.1, -0.2]);
    const none = sparseTransmissionEngine(h2, [[], []]);
    const out = new Float64Array(4).fill(7);
    none.evaluate(0.3, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
    const h3 = sparseHamiltonianFromEdges(3, [
      [0, 1, -2.7],
      [1, 2, -2.7],
    ]);
    for (const [h, sites] of [
      [h2, [0, 1]],
      [h3, [0, 1, 2]],
    ] as const) {
      const N = h.n;
      const cs = sites.map((s) => localCoupling(N, [s], 0.4));
      const dense = transmissionEngine(sparseToDense(h), cs);
      for (const method of ['banded', 'multifrontal'] as const) {
        const sp = sparseTransmissionEngine(h, cs.map(sparseChannels), { method });
        const a = new Float64Array(sites.length ** 2),
          b = new Float64Array(sites.length ** 2);
        for (const E of [-3, 0.01, 2.2]) {
          dense.evaluate(E, a);
          sp.evaluate(E, b);
          for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `${method} N=${N} E=${E}`).toBeLessThanOrEqual(1e-13 * Math.max(...a));
        }
      }
    }
  });
});
