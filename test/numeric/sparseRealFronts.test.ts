/**
 * Real fronts of the multifrontal solver (docs/physics.md §14): at a real shift z every front whose
 * assembled entries of K and whose children are real is factored by the real kernels, which drop
 * the imaginary parts but keep the complex kernels' operations in the same order. Second route:
 * the same solver with `realFronts: false` (complex arithmetic everywhere). What must hold, bit for
 * bit (`===` on every entry: the two routes differ at most in the sign of a zero): the inertia
 * count, the |L||U| bound, the pivot ratio, and the solutions of `solveRows` (root-only, measured
 * per column) and of `solve` (general right-hand sides, refined) — for the symmetric LDLᵀ fronts,
 * the LU fronts with row interchanges, and the unpivoted LU of the Sturm counts. And the real
 * kernels must actually be used where they apply, and not where they do not (complex z, complex
 * hoppings: a magnetic phase). Seeds: the global fast-check seed of test/setup.ts (printed on failure).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sparseHamiltonianFromEdges, sparseSolver, type SparseMatrix } from '../../src/numeric/sparse.js';
import { effectiveHamiltonian, localChannels } from '../../src/numeric/sparseTransmission.js';
import { propertyRuns, uniform } from '../arbitraries.js';

/** Brick-wall (graphene) flake edges, rows × cols, hoppings cyclically from `hops` (disorder), optional Peierls phase φ on vertical bonds. */
function flake(rows: number, cols: number, hops: readonly number[], phase = 0): SparseMatrix {
  const edges: Array<[number, number, number | { re: number; im: number }]> = [];
  let k = 0;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) edges.push([i, i + 1, hops[k++ % hops.length]]);
      if (r + 1 < rows && (r + c) % 2 === 0) {
        const t = hops[k++ % hops.length];
        edges.push([i, i + cols, phase === 0 ? t : { re: t * Math.cos(phase * c), im: t * Math.sin(phase * c) }]);
      }
    }
  return sparseHamiltonianFromEdges(rows * cols, edges);
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i])) return false;
  return true;
}

interface Case {
  rows: number;
  cols: number;
  hops: number[];
  energy: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  rows: fc.integer({ min: 6, max: 14 }),
  cols: fc.integer({ min: 6, max: 16 }),
  hops: fc.array(uniform(-3, -2.4), { minLength: 3, maxLength: 7 }),
  energy: uniform(-8.5, 8.5),
});

/** The flake with leads on two corners and a probe in the middle, the coupled sites last (as sparseTransmissionEngine builds it). */
function prepared(c: Case, phase = 0) {
  const n = c.rows * c.cols,
    mid = (c.rows >> 1) * c.cols + (c.cols >> 1);
  const sites = [0, mid, n - 1];
  const K = effectiveHamiltonian(flake(c.rows, c.cols, c.hops, phase), [localChannels([0], 0.5), localChannels([n - 1], 0.5), localChannels([mid], 0.1)]);
  const r = 3,
    bR = new Float64Array(n * r),
    bI = new Float64Array(n * r);
  [0, n - 1, mid].forEach((v, j) => {
    bR[j * n + v] = Math.sqrt(j === 2 ? 0.1 : 0.5);
  });
  // a general right-hand side (every row) for `solve`
  const gR = new Float64Array(n),
    gI = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    gR[i] = Math.sin(1.3 * i + 0.2);
    gI[i] = Math.cos(0.7 * i);
  }
  return { n, K, sites: Int32Array.from(sites.sort((x, y) => x - y)), r, bR, bI, gR, gI };
}

/** Everything one factorisation and its solves deliver. */
function run(p: ReturnType<typeof prepared>, zr: number, zi: number, opts: { realFronts: boolean; symmetricFronts: boolean }, pivoting = true) {
  const s = sparseSolver(p.K, { method: 'multifrontal', last: p.sites, ...opts });
  const neg = s.factor(zr, zi, pivoting);
  const out = {
    neg,
    bound: s.backwardErrorBound,
    ratio: s.lastPivotRatio,
    f: s.factorisations,
    xR: new Float64Array(0),
    xI: new Float64Array(0),
    gR: new Float64Array(0),
    gI: new Float64Array(0),
    eta: NaN,
  };
  if (!pivoting || neg < 0) return out;
  const m = p.sites.length;
  out.xR = new Float64Array(m * p.r);
  out.xI = new Float64Array(m * p.r);
  out.eta = s.solveRows(p.bR, p.bI, p.r, p.sites, out.xR, out.xI);
  out.gR = new Float64Array(p.n);
  out.gI = new Float64Array(p.n);
  s.solve(p.gR, p.gI, 1, out.gR, out.gI);
  return out;
}

describe('real fronts of the multifrontal solver', () => {
  for (const symmetricFronts of [true, false]) {
    it(`give the complex kernels' bits (${symmetricFronts ? 'LDLᵀ' : 'LU with row interchanges'} fronts), and are used on every front but the root`, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const p = prepared(c);
          const a = run(p, c.energy, 0, { realFronts: true, symmetricFronts });
          const b = run(p, c.energy, 0, { realFronts: false, symmetricFronts });
          expect(a.neg).toBe(b.neg);
          expect(a.bound).toBe(b.bound);
          expect(a.ratio).toBe(b.ratio);
          expect(a.eta).toBe(b.eta);
          expect(sameBits(a.xR, b.xR) && sameBits(a.xI, b.xI), 'solveRows').toBe(true);
          expect(sameBits(a.gR, b.gR) && sameBits(a.gI, b.gI), 'solve').toBe(true);
          // the root (the coupled sites, complex Σ) is the one complex front, per factorisation
          const fa = a.f as { ldl: number; lu: number; realFronts: number; complexFronts: number };
          const fb = b.f as { ldl: number; lu: number; realFronts: number; complexFronts: number };
          const factorisations = fa.ldl + fa.lu;
          expect(fa.complexFronts).toBe(factorisations);
          expect(fa.realFronts).toBeGreaterThan(0);
          expect(fb.realFronts).toBe(0);
          expect(fb.complexFronts).toBe(fa.realFronts + fa.complexFronts);
        }),
        { numRuns: propertyRuns(12) },
      );
    });
  }

  it('give the same inertia counts and bounds without pivoting (the Sturm counts of σ − H)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const n = c.rows * c.cols;
        const H = flake(c.rows, c.cols, c.hops);
        const s1 = sparseSolver(H, { method: 'multifrontal' }),
          s2 = sparseSolver(H, { method: 'multifrontal', realFronts: false });
        const n1 = s1.factor(c.energy, 0, false),
          n2 = s2.factor(c.energy, 0, false);
        expect(n1).toBe(n2);
        expect(n1).toBeLessThanOrEqual(n);
        expect(s1.backwardErrorBound).toBe(s2.backwardErrorBound);
        expect(s1.lastPivotRatio).toBe(s2.lastPivotRatio);
        // no coupled sites: every front real
        expect(s1.factorisations?.complexFronts).toBe(0);
      }),
      { numRuns: propertyRuns(12) },
    );
  });

  it('are not used at a complex shift, nor for complex hoppings (a magnetic phase)', () => {
    const c: Case = { rows: 8, cols: 10, hops: [-2.7, -2.6, -2.8], energy: 0.37 };
    const p = prepared(c);
    const s = sparseSolver(p.K, { method: 'multifrontal', last: p.sites });
    s.factor(c.energy, 1e-3);
    expect(s.factorisations?.realFronts).toBe(0);
    const q = prepared(c, 0.3);
    const t = sparseSolver(q.K, { method: 'multifrontal', last: q.sites });
    t.factor(c.energy, 0);
    // fronts whose subtree holds a bond with a phase are complex; the leaves without one may stay real
    const f = t.factorisations as { realFronts: number; complexFronts: number };
    expect(f.complexFronts).toBeGreaterThan(1);
    // and the complex results still solve the system: compare with the forced-complex route
    const a = run(q, c.energy, 0, { realFronts: true, symmetricFronts: true }),
      b = run(q, c.energy, 0, { realFronts: false, symmetricFronts: true });
    expect(sameBits(a.xR, b.xR) && sameBits(a.xI, b.xI)).toBe(true);
  });
});
