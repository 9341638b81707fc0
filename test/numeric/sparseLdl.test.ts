/**
 * The complex-symmetric LDLᵀ fronts of the multifrontal solver (docs/physics.md §14): taken exactly
 * when A = zI − K is complex symmetric (real H, local or real Γ), refused otherwise (a complex,
 * i.e. magnetic, hopping; a channel vector with complex entries); against the second route, the
 * dense LU of the same A, for the full refined solve and for the unrefined substitutions (whose
 * residual the |L||U| bound must dominate), and against the LU fronts of the same solver.
 * Seeds: the global fast-check seed of test/setup.ts (printed on failure).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sparseGrapheneFlake, sparseHamiltonianFromEdges, sparseSolver } from '../../src/numeric/sparse.js';
import { effectiveHamiltonian, localChannels, isComplexSymmetric, type SparseChannel } from '../../src/numeric/sparseTransmission.js';
import { luFactor, luSolve, cmatrix, type CMatrix } from '../../src/numeric/linalg.js';
import { propertyRuns, uniform } from '../arbitraries.js';
import { shifted } from './sparseFixtures.js';

const U = 2 ** -53;

/** A random sparse symmetric pattern on n sites: a ring plus random chords, hoppings and disorder. */
const systemArb = fc
  .record({
    n: fc.integer({ min: 20, max: 160 }),
    chords: fc.array(fc.tuple(fc.nat(), fc.nat(), uniform(-3, 3), uniform(-Math.PI, Math.PI)), { minLength: 5, maxLength: 200 }),
    ring: fc.array(uniform(-3, -1), { minLength: 1, maxLength: 9 }),
    onsite: fc.array(uniform(-1, 1), { minLength: 1, maxLength: 13 }),
    complex: fc.boolean(),
    sites: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 4 }),
    gamma: uniform(1e-6, 0.8),
  })
  .map((c) => {
    const edges: Array<[number, number, number | { re: number; im: number }]> = [];
    for (let i = 0; i < c.n; i++) edges.push([i, (i + 1) % c.n, c.ring[i % c.ring.length]]);
    for (const [a, b, t, ph] of c.chords) {
      const i = a % c.n,
        j = b % c.n;
      if (i !== j && Math.abs(i - j) !== 1 && Math.abs(i - j) !== c.n - 1) edges.push([i, j, c.complex ? { re: t * Math.cos(ph), im: t * Math.sin(ph) } : t]);
    }
    // one edge per pair (the last wins)
    const seen = new Map<string, [number, number, number | { re: number; im: number }]>();
    for (const e of edges) seen.set(`${Math.min(e[0], e[1])},${Math.max(e[0], e[1])}`, e);
    const onsite = Array.from({ length: c.n }, (_, i) => c.onsite[i % c.onsite.length]);
    const h = sparseHamiltonianFromEdges(c.n, [...seen.values()], onsite);
    const sites = [...new Set(c.sites.map((s) => s % c.n))];
    return { h, sites, gamma: c.gamma, complex: c.complex && c.chords.length > 0 };
  });

/** x = A⁻¹ b densely, and κ_∞(A). */
function denseRef(a: CMatrix, bR: Float64Array, bI: Float64Array): { xR: Float64Array; xI: Float64Array; kappa: number } {
  const n = a.rows;
  const M = { rows: n, cols: n, re: Float64Array.from(a.re), im: Float64Array.from(a.im) };
  const piv = luFactor(M);
  if (!piv) throw new Error('singular');
  const B = cmatrix(n, n + 1);
  for (let i = 0; i < n; i++) {
    B.re[i * (n + 1) + i] = 1;
    B.re[i * (n + 1) + n] = bR[i];
    B.im[i * (n + 1) + n] = bI[i];
  }
  luSolve(M, piv, B);
  let an = 0,
    inn = 0;
  for (let i = 0; i < n; i++) {
    let s = 0,
      t = 0;
    for (let j = 0; j < n; j++) {
      s += Math.hypot(a.re[i * n + j], a.im[i * n + j]);
      t += Math.hypot(B.re[i * (n + 1) + j], B.im[i * (n + 1) + j]);
    }
    an = Math.max(an, s);
    inn = Math.max(inn, t);
  }
  return {
    xR: Float64Array.from({ length: n }, (_, i) => B.re[i * (n + 1) + n]),
    xI: Float64Array.from({ length: n }, (_, i) => B.im[i * (n + 1) + n]),
    kappa: an * inn,
  };
}

describe('complex-symmetric LDLᵀ fronts', () => {
  it('are taken exactly when A = Aᵀ (real H, local Γ), refused for a complex hopping or a complex channel vector', () => {
    let ldlSeen = 0;
    fc.assert(
      fc.property(systemArb, uniform(-6, 6), fc.boolean(), (c, E, complexChannel) => {
        const n = c.h.n;
        const chans: SparseChannel[] = c.sites.map((s) => localChannels([s], c.gamma)[0]);
        if (complexChannel && n > 2) {
          // w = (e_0 + i e_1)/√2 · √γ: Γ = w w† is Hermitian, not symmetric
          const g = Math.sqrt(c.gamma / 2);
          chans.push({ index: Int32Array.of(0, 1), re: Float64Array.of(g, 0), im: Float64Array.of(0, g) });
        }
        const K = effectiveHamiltonian(c.h, [chans]);
        const s = sparseSolver(K, { method: 'multifrontal' });
        const before = s.factorisations ?? { ldl: 0, lu: 0 };
        s.factor(E, 0);
        const after = s.factorisations ?? { ldl: 0, lu: 0 };
        expect(after.ldl + after.lu).toBeGreaterThan(before.ldl + before.lu);
        if (!isComplexSymmetric(K)) expect(after.ldl, 'refused when A ≠ Aᵀ').toBe(before.ldl);
        else if (after.ldl > before.ldl) ldlSeen++;
        expect(isComplexSymmetric(K)).toBe(!c.complex && !(complexChannel && n > 2));
      }),
      { numRuns: propertyRuns(60) },
    );
    expect(ldlSeen, 'LDLᵀ taken on symmetric systems').toBeGreaterThan(10);
  });

  it('solve the same systems as the dense LU (refined and unrefined), and as the LU fronts', () => {
    let ldlRuns = 0;
    fc.assert(
      fc.property(
        systemArb.filter((c) => !c.complex),
        uniform(-6, 6),
        uniform(0, 0.2),
        (c, zr, zi) => {
          const n = c.h.n;
          const K = effectiveHamiltonian(c.h, [c.sites.map((s) => localChannels([s], c.gamma)[0])]);
          const bR = Float64Array.from({ length: n }, (_, i) => Math.cos(1.3 * i)),
            bI = Float64Array.from({ length: n }, (_, i) => Math.sin(0.7 * i));
          const A = shifted(K, zr, zi);
          const ref = denseRef(A, bR, bI);
          let xn = 0;
          for (let i = 0; i < n; i++) xn = Math.max(xn, Math.hypot(ref.xR[i], ref.xI[i]));
          const results: Array<{ xR: Float64Array; xI: Float64Array; eta: number }> = [];
          for (const enabled of [true, false]) {
            const s = sparseSolver(K, { method: 'multifrontal', symmetricFronts: enabled });
            s.factor(zr, zi);
            if (!enabled) expect(s.factorisations?.ldl, 'switched off').toBe(0);
            else ldlRuns += s.factorisations?.ldl ?? 0;
            const xR = new Float64Array(n),
              xI = new Float64Array(n);
            const eta = s.solve(bR, bI, 1, xR, xI);
            results.push({ xR, xI, eta });
            // the unrefined substitutions: their residual under the |L||U| bound
            const bound = s.backwardErrorBound;
            const all = Int32Array.from({ length: n }, (_, i) => i);
            const uR = new Float64Array(n),
              uI = new Float64Array(n);
            s.solveRows(bR, bI, 1, all, uR, uI);
            let rn = 0,
              an = 0,
              un = 0,
              bn = 0;
            for (let i = 0; i < n; i++) {
              let sr = bR[i],
                si = bI[i],
                ar = 0;
              for (let j = 0; j < n; j++) {
                const er = A.re[i * n + j],
                  ei = A.im[i * n + j];
                sr -= er * uR[j] - ei * uI[j];
                si -= er * uI[j] + ei * uR[j];
                ar += Math.abs(er) + Math.abs(ei);
              }
              rn = Math.max(rn, Math.abs(sr) + Math.abs(si));
              an = Math.max(an, ar);
              un = Math.max(un, Math.abs(uR[i]) + Math.abs(uI[i]));
              bn = Math.max(bn, Math.abs(bR[i]) + Math.abs(bI[i]));
            }
            expect(rn / (an * un + bn), `bound, ldl=${enabled}`).toBeLessThanOrEqual(bound * (1 + 1e-12));
          }
          for (const r of results) {
            let d = 0;
            for (let i = 0; i < n; i++) d = Math.max(d, Math.hypot(r.xR[i] - ref.xR[i], r.xI[i] - ref.xI[i]));
            // both: backward error ≤ 64u (refined) or the measured η; forward ≤ 2κη relative, plus the dense reference's own κ·nu
            const tol = (4 * ref.kappa * Math.max(r.eta, 64 * U) + 8 * n * U * ref.kappa) * xn;
            expect(d, `κ=${ref.kappa.toExponential(2)} η=${r.eta.toExponential(2)}`).toBeLessThanOrEqual(tol);
          }
        },
      ),
      { numRuns: propertyRuns(40) },
    );
    expect(ldlRuns, 'LDLᵀ factorisations among the cases').toBeGreaterThan(10);
  });

  it('pivot by Bunch–Kaufman (1 × 1 and 2 × 2) and solve through those pivots without the LU fallback (graphene flakes, in and out of the band)', () => {
    // A graphene flake's diagonal is E (small against |t| in the band): the fronts take 2 × 2
    // pivots and symmetric interchanges. The LDLᵀ's own solves must be accurate — refined `solve`
    // within 64u and root-only `solveRows` by the measured check — with no refactorisation by the LU
    // (a wrong interchange or a wrong 2 × 2 step would be caught by the residual and rescued by the
    // LU fallback, which the counts exclude); the second route is the dense LU of the same A.
    let twoByTwo = 0;
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 14 }), fc.integer({ min: 6, max: 16 }), uniform(-8.4, 8.4), (rows, cols, E) => {
        const n = rows * cols,
          mid = (rows >> 1) * cols + (cols >> 1),
          sites = [0, mid, n - 1];
        const K = effectiveHamiltonian(sparseGrapheneFlake(rows, cols, -2.7), [sites.map((v, j) => localChannels([v], j === 1 ? 0.1 : 0.5)[0])]);
        const s = sparseSolver(K, { method: 'multifrontal', last: sites });
        s.factor(E, 0);
        const f0 = s.factorisations as { ldl: number; lu: number; twoByTwoPivots: number };
        expect(f0.ldl, 'LDLᵀ taken').toBe(1);
        twoByTwo += f0.twoByTwoPivots;
        const bR = Float64Array.from({ length: n }, (_, i) => Math.cos(1.3 * i)),
          bI = Float64Array.from({ length: n }, (_, i) => Math.sin(0.7 * i));
        const xR = new Float64Array(n),
          xI = new Float64Array(n);
        const eta = s.solve(bR, bI, 1, xR, xI);
        expect(eta).toBeLessThanOrEqual(64 * U);
        // root-only columns (the coupled sites' unit vectors), measured column by column
        const r = 3,
          cR = new Float64Array(n * r),
          cI = new Float64Array(n * r);
        sites.forEach((v, j) => {
          cR[j * n + v] = 1;
        });
        const sel = Int32Array.from([...sites].sort((a, b) => a - b));
        const gR = new Float64Array(3 * r),
          gI = new Float64Array(3 * r);
        const etaRows = s.solveRows(cR, cI, r, sel, gR, gI);
        expect(etaRows).toBeLessThanOrEqual(16 * 64 * U);
        expect((s.factorisations as { lu: number }).lu, 'no LU fallback').toBe(0);
        const A = shifted(K, E, 0);
        const ref = denseRef(A, bR, bI);
        let xn = 0,
          d = 0;
        for (let i = 0; i < n; i++) {
          xn = Math.max(xn, Math.hypot(ref.xR[i], ref.xI[i]));
          d = Math.max(d, Math.hypot(xR[i] - ref.xR[i], xI[i] - ref.xI[i]));
        }
        expect(d, `κ=${ref.kappa.toExponential(2)}`).toBeLessThanOrEqual((4 * ref.kappa * 64 * U + 8 * n * U * ref.kappa) * xn);
        // G at the coupled sites against the dense solve of each unit column
        for (let j = 0; j < r; j++) {
          const col = denseRef(A, cR.subarray(j * n, (j + 1) * n), cI.subarray(j * n, (j + 1) * n));
          let e = 0;
          for (let k = 0; k < 3; k++) {
            const q = sel[k];
            e = Math.max(e, Math.hypot(gR[j * 3 + k] - col.xR[q], gI[j * 3 + k] - col.xI[q]));
          }
          let cn = 0;
          for (let i = 0; i < n; i++) cn = Math.max(cn, Math.hypot(col.xR[i], col.xI[i]));
          expect(e, `G column ${j}`).toBeLessThanOrEqual((4 * col.kappa * 16 * 64 * U + 8 * n * U * col.kappa) * cn);
        }
      }),
      { numRuns: propertyRuns(16) },
    );
    expect(twoByTwo, '2 × 2 pivots among the cases').toBeGreaterThan(16);
  });
});
