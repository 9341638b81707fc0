/**
 * The sparse path (docs/physics.md §14): the sparse direct solver against dense LU, the sparse
 * transmission engine against the dense channel-space engine, the Sturm-located levels against the
 * dense eigenvalues, the sparse Onsager coefficients against the closed form, and the method choice
 * of prepareSystem.
 *
 * Tolerances. A backward-stable solve of A x = b has forward error ≲ κ(A)·η with η its backward
 * error (≤ 64u after refinement, checked); T_αβ = ‖W†GW‖² then carries ≲ 2κη relative to the largest
 * |T|. With κ(A) ≤ ‖A‖/dist(E, spectrum of H_eff) ≈ 10 eV / 0.05 eV on the test grids (energies off
 * the narrowest resonances) that is ~1e-12; we allow 1e-10 of max T. The Onsager functions: both
 * routes meet rtol 1e-12 of their natural scale (k_BT)^ν|L^(0)_αβ|, the quadrature by its own error
 * estimate; we allow 1e-10 (the closed form vs dense quadrature tests in onsager.test.ts use 1e-10 too).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  sparseSolver,
  sparseFromDense,
  sparseToDense,
  sparseChain,
  sparseGrapheneFlake,
  nestedDissection,
  reverseCuthillMcKee,
  type SparseMatrix,
} from '../../src/numeric/sparse.js';
import {
  sparseTransmissionEngine,
  sparseChannels,
  sparseLevels,
  sparseLevelsCanonical,
  gershgorinInterval,
  sparseResonances,
  sparseOnsager,
  localChannels,
} from '../../src/numeric/sparseTransmission.js';
import { luFactor, luSolve, cmatrix, hermitianEigen, type CMatrix } from '../../src/numeric/linalg.js';
import { chain, grapheneFlake, ring } from '../../src/numeric/hamiltonian.js';
import { localCoupling, matrixCoupling } from '../../src/numeric/coupling.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { poleExpansion } from '../../src/numeric/poles.js';
import { onsagerClosedForm } from '../../src/numeric/onsager.js';
import { prepareSystem, solveSystem, SPARSE_MIN_SITES } from '../../src/numeric/system.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { uniform } from '../arbitraries.js';

/** A random sparse complex matrix: a random graph with ~3 neighbours per site plus a diagonal. */
const sparseArb = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), uniform(-3, 3), uniform(-1, 1)), {
      minLength: n,
      maxLength: 3 * n,
    }),
    fc.array(uniform(-2, 2), { minLength: n, maxLength: n }),
    fc.boolean(),
  ),
);

function denseSolve(A: CMatrix, bR: Float64Array, bI: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = A.rows;
  const M = { rows: n, cols: n, re: Float64Array.from(A.re), im: Float64Array.from(A.im) };
  const piv = luFactor(M);
  if (!piv) throw new Error('singular');
  const B = cmatrix(n, 1);
  B.re.set(bR);
  B.im.set(bI);
  luSolve(M, piv, B);
  return { re: B.re, im: B.im };
}

describe('sparse direct solver', () => {
  it('solves (zI − K) x = b like dense LU, both orderings (random sparse K, complex z)', () => {
    fc.assert(
      fc.property(sparseArb, uniform(-3, 3), uniform(0.01, 1), ([n, edges, diag, sym], zr, zi) => {
        const I: number[] = [],
          J: number[] = [],
          R: number[] = [],
          Im: number[] = [];
        diag.forEach((d, i) => {
          I.push(i);
          J.push(i);
          R.push(d);
          Im.push(0);
        });
        for (const [i, j, re, im] of edges) {
          I.push(i);
          J.push(j);
          R.push(re);
          Im.push(im);
          if (sym && i !== j) {
            I.push(j);
            J.push(i);
            R.push(re);
            Im.push(-im);
          }
        }
        const dense = cmatrix(n, n);
        for (let k = 0; k < I.length; k++) {
          dense.re[I[k] * n + J[k]] += R[k];
          dense.im[I[k] * n + J[k]] += Im[k];
        }
        const K: SparseMatrix = sparseFromDense(dense);
        const A = cmatrix(n, n);
        for (let k = 0; k < n * n; k++) {
          A.re[k] = -dense.re[k];
          A.im[k] = -dense.im[k];
        }
        for (let i = 0; i < n; i++) {
          A.re[i * n + i] += zr;
          A.im[i * n + i] += zi;
        }
        const bR = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1)),
          bI = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * i));
        const ref = denseSolve(A, bR, bI);
        let xn = 0;
        for (let i = 0; i < n; i++) xn = Math.max(xn, Math.hypot(ref.re[i], ref.im[i]));
        // κ_∞(A) by the dense inverse (n ≤ 60)
        let kappa = 0;
        {
          let an = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += Math.hypot(A.re[i * n + j], A.im[i * n + j]);
            an = Math.max(an, s);
          }
          const cols: Float64Array[] = [];
          for (let j = 0; j < n; j++) {
            const e = new Float64Array(n);
            e[j] = 1;
            const x = denseSolve(A, e, new Float64Array(n));
            cols.push(x.re, x.im);
          }
          let inn = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += Math.hypot(cols[2 * j][i], cols[2 * j + 1][i]);
            inn = Math.max(inn, s);
          }
          kappa = an * inn;
        }
        for (const method of ['banded', 'multifrontal'] as const) {
          const s = sparseSolver(K, { method });
          s.factor(zr, zi);
          const xR = new Float64Array(n),
            xI = new Float64Array(n);
          const eta = s.solve(bR, bI, 1, xR, xI);
          expect(eta).toBeLessThanOrEqual(1e-10);
          let d = 0;
          for (let i = 0; i < n; i++) d = Math.max(d, Math.hypot(xR[i] - ref.re[i], xI[i] - ref.im[i]));
          expect(d, `${method} n=${n} κ=${kappa.toExponential(2)}`).toBeLessThanOrEqual(1e3 * 2 ** -53 * kappa * xn);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('orders a chain with bandwidth 1 and dissects a flake into a tree (every vertex once, postorder)', () => {
    expect(reverseCuthillMcKee(sparseChain(50, -1)).bandwidth).toBe(1);
    const t = nestedDissection(sparseGrapheneFlake(20, 30));
    expect([...t.perm].sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    for (let k = 0; k < t.parent.length; k++) if (t.parent[k] >= 0) expect(t.parent[k]).toBeGreaterThan(k);
    // nested dissection beats the band on a 2-D flake
    const K = sparseGrapheneFlake(40, 40);
    expect(sparseSolver(K).method).toBe('multifrontal');
    expect(sparseSolver(sparseChain(500, -1)).method).toBe('banded');
  });
});

describe('sparse transmission engine', () => {
  const cases: Array<[string, CMatrix, () => ReturnType<typeof localCoupling>[]]> = [
    [
      'graphene 14×16 (multifrontal)',
      grapheneFlake(14, 16),
      () => [localCoupling(224, [0], 0.5), localCoupling(224, [223], 0.4), localCoupling(224, [7 * 16 + 8], 0.1)],
    ],
    ['chain 150 (banded)', chain(150, -2.7), () => [localCoupling(150, [0], 0.5), localCoupling(150, [149], 0.5), localCoupling(150, [70, 71], 0.2)]],
    [
      'ring 90 with flux (complex H), matrix coupling',
      ring(90, -2.7, 0, 0.3),
      () => {
        const g = cmatrix(90, 90);
        // a coherent two-site contact Γ = v v†, v = (√0.3, i√0.2) on sites 44, 45
        const v = [
          [44, Math.sqrt(0.3), 0],
          [45, 0, Math.sqrt(0.2)],
        ] as const;
        for (const [i, ar, ai] of v)
          for (const [j, br, bi] of v) {
            g.re[i * 90 + j] = ar * br + ai * bi;
            g.im[i * 90 + j] = ai * br - ar * bi;
          }
        return [localCoupling(90, [0], 0.5), matrixCoupling(g), localCoupling(90, [20], 0.1)];
      },
    ],
  ];
  for (const [name, H, mk] of cases) {
    it(`agrees with the dense engine: ${name}, with and without a test probe`, () => {
      const cs = mk();
      for (const inSelfEnergy of [undefined, [true, true, false]]) {
        const dense = transmissionEngine(H, cs, { inSelfEnergy });
        const sp = sparseTransmissionEngine(sparseFromDense(H), cs.map(sparseChannels), { inSelfEnergy });
        const a = new Float64Array(9),
          b = new Float64Array(9);
        let tmax = 0,
          worst = 0;
        const Es = Array.from({ length: 41 }, (_, k) => -8.1 + (16.2 * k) / 40 + 0.0137);
        const rows: Float64Array[] = [];
        for (const E of Es) {
          dense.evaluate(E, a);
          sp.evaluate(E, b);
          rows.push(a.slice(), b.slice());
          for (const v of a) tmax = Math.max(tmax, v);
        }
        for (let k = 0; k < rows.length; k += 2) for (let i = 0; i < 9; i++) worst = Math.max(worst, Math.abs(rows[k][i] - rows[k + 1][i]));
        expect(worst / tmax, name).toBeLessThanOrEqual(1e-10);
        // accepted unrefined up to 16·64u (bound or measured per column), refined above it
        expect(sp.maxBackwardError).toBeLessThanOrEqual(16 * 64 * 2 ** -53);
      }
    });
  }

  // Exactly on a level decoupled from every terminal (zero modes of a bipartite flake at E = 0) A is
  // singular: the sparse path moves E by 2⁻⁵⁰·max(|E|, 1) eV and solves by the banded LU; the
  // decoupled direction then has κ ~ 2⁵⁰ and its rounding leaks into T at ~1e-8 relative (measured
  // 5.4e-9), where the dense engine drops the decoupled modes exactly. Off the level the usual κη bound holds.
  it('gives the finite T of the dense engine on an exactly zero mode of a bipartite flake (E = 0)', () => {
    const H = grapheneFlake(12, 12);
    const cs = [localCoupling(144, [0], 0.5), localCoupling(144, [143], 0.5), localCoupling(144, [70], 0.1)];
    const sp = sparseTransmissionEngine(sparseFromDense(H), cs.map(sparseChannels));
    const dense = transmissionEngine(H, cs);
    const a = new Float64Array(9),
      b = new Float64Array(9);
    for (const E of [0, 1e-3, -2e-3]) {
      sp.evaluate(E, b);
      dense.evaluate(E, a);
      const tol = (E === 0 ? 1e-7 : 1e-10) * Math.max(...a);
      for (let i = 0; i < 9; i++) {
        expect(Number.isFinite(b[i])).toBe(true);
        expect(Math.abs(a[i] - b[i]), `E=${E} i=${i}`).toBeLessThanOrEqual(tol);
      }
    }
  });
});

describe('sparse levels and Onsager coefficients', () => {
  it('Sturm bisection finds the eigenvalues of H in a window (chain, ribbon), with multiplicity', () => {
    for (const H of [chain(80, -2.7), grapheneFlake(4, 30)]) {
      const ev = hermitianEigen(H).values;
      const lv = sparseLevels(sparseFromDense(H), -1.3, 2.2, 1e-10);
      const inside = Array.from(ev).filter((e) => e > -1.3 && e < 2.2);
      expect(lv.length).toBe(inside.length);
      lv.forEach((e, k) => expect(Math.abs(e - inside[k])).toBeLessThanOrEqual(2e-10));
    }
  });

  it("on H's own bisection tree: the eigenvalues near a window, and the same doubles for a level in two windows", () => {
    for (const H of [chain(80, -2.7), grapheneFlake(4, 30), ring(41, -1, 0.3)]) {
      const h = sparseFromDense(H);
      const ev = Array.from(hermitianEigen(H).values);
      const [g0, g1] = gershgorinInterval(h);
      // (the dense eigenvalues carry a rounding of a few ε‖H‖; a ring's extreme level sits on the bound)
      const round = 16 * Number.EPSILON * Math.max(Math.abs(g0), Math.abs(g1));
      expect(g0).toBeLessThanOrEqual(ev[0] + round);
      expect(g1).toBeGreaterThanOrEqual(ev[ev.length - 1] - round);
      const tol = 1e-10;
      const a = sparseLevelsCanonical(h, -1.3, 0.9, tol),
        b = sparseLevelsCanonical(h, -0.2, 2.2, tol);
      for (const [lv, lo, hi] of [
        [a, -1.3, 0.9],
        [b, -0.2, 2.2],
      ] as const) {
        // every level of the window, and at most those within tol outside it (a leaf across an end)
        const inside = ev.filter((e) => e > lo && e < hi);
        const near = ev.filter((e) => e > lo - tol && e < hi + tol);
        expect(lv.length).toBeGreaterThanOrEqual(inside.length);
        expect(lv.length).toBeLessThanOrEqual(near.length);
        const ref = lv.length === inside.length ? inside : near;
        lv.forEach((e, k) => expect(Math.abs(e - ref[k]), `${H.rows} sites, level ${k}: ${e} vs ${ref[k]}`).toBeLessThanOrEqual(2 * tol));
      }
      // the overlap [−0.2, 0.9]: the same doubles from both windows
      const shared = (lv: Float64Array) => Array.from(lv).filter((e) => e > -0.2 + tol && e < 0.9 - tol);
      expect(shared(a).length).toBeGreaterThan(0);
      expect(shared(b)).toEqual(shared(a));
    }
  });

  it('on a bipartite flake around σ = 0 (zero pivots in the counts) still finds every level, with multiplicity', () => {
    const H = grapheneFlake(12, 12);
    const ev = Array.from(hermitianEigen(H).values).filter((e) => e > -0.6 && e < 0.7);
    const lv = sparseLevels(sparseFromDense(H), -0.6, 0.7, 1e-10);
    expect(lv.length).toBe(ev.length);
    // resolved levels to 2e-10; a level in an interval whose count failed is placed at its midpoint
    ev.forEach((e, k) => expect(Math.abs(lv[k] - e)).toBeLessThanOrEqual(1e-3));
  });

  it('the sparse quadrature equals the closed form to 1e-10 of the natural scale (chain with a probe)', () => {
    const N = 90;
    const H = chain(N, -2.7);
    const cs = [localCoupling(N, [0], 0.5), localCoupling(N, [N - 1], 0.3), localCoupling(N, [40], 0.1)];
    const kT = K_B_EV * 300;
    for (const mu of [0.05, -1.7]) {
      const res = sparseResonances(sparseFromDense(H), cs.map(sparseChannels), mu - 41 * kT, mu + 41 * kT);
      const q = sparseOnsager(sparseTransmissionEngine(sparseFromDense(H), cs.map(sparseChannels)), res, mu, kT);
      expect(q.converged).toBe(true);
      expect(q.method).toBe('sparse-quadrature');
      const cf = onsagerClosedForm(poleExpansion(H, cs), mu, kT);
      for (let ab = 0; ab < 9; ab++) {
        if (ab % 4 === 0) continue;
        const s0 = Math.abs(cf.L0[ab]);
        expect(Math.abs(q.L0[ab] - cf.L0[ab])).toBeLessThanOrEqual(1e-10 * s0);
        expect(Math.abs(q.L1[ab] - cf.L1[ab])).toBeLessThanOrEqual(1e-10 * s0 * kT);
        expect(Math.abs(q.L2[ab] - cf.L2[ab])).toBeLessThanOrEqual(1e-10 * s0 * kT * kT);
      }
    }
  });

  it('prepareSystem takes the sparse path from SPARSE_MIN_SITES sites and records the method', () => {
    const N = SPARSE_MIN_SITES;
    const H = chain(N, -2.7);
    const terminals = [
      { name: 'L', role: 'lead' as const, mu: 0.0005, temperature: 310, coupling: localCoupling(N, [0], 0.5) },
      { name: 'R', role: 'lead' as const, mu: -0.0005, temperature: 290, coupling: localCoupling(N, [N - 1], 0.5) },
      { name: 'P', role: 'VTP' as const, coupling: localCoupling(N, [N >> 1], 0.1) },
    ];
    const prepared = prepareSystem({ hamiltonian: H, terminals });
    expect(prepared.path).toBe('sparse');
    const sol = solveSystem(prepared, { mu: 0, temperature: 300 }, 'electronic');
    expect(sol.onsager.method).toBe('sparse-quadrature');
    // physics on the sparse path: VTP carries no heat, Ṡ ≥ 0, sum rules of the currents
    expect(Math.abs(sol.circuit.heatCurrent[2])).toBeLessThanOrEqual(1e-9 * Math.abs(sol.circuit.heatCurrent[0]));
    expect(sol.circuit.entropyProduction).toBeGreaterThan(0);
    const sumI = sol.circuit.chargeCurrent.reduce((s, v) => s + v, 0);
    expect(Math.abs(sumI)).toBeLessThanOrEqual(1e-9 * Math.abs(sol.circuit.chargeCurrent[0]));
    expect(
      prepareSystem({
        hamiltonian: chain(N - 1, -2.7),
        terminals: terminals.map((t) => ({ ...t, coupling: localCoupling(N - 1, t.name === 'R' ? [N - 2] : t.name === 'L' ? [0] : [100], 0.3) })),
      }).path,
    ).toBe('dense');
    void localChannels;
    void sparseToDense;
  });
});
