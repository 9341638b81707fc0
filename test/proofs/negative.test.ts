/**
 * A proof that cannot fail proves nothing (issue 12). Each check of the proofs is fed a wrong
 * input and must say no: verdictOf, the rational and symbolic routes (Eq. 33 with a sign error),
 * the Eq. 33 numeric tolerance and the "VTP minimises Ṡ" scan (an injected solver that is
 * slightly off), the independent anchor (the solver with the sign of L^(1) flipped, a factor 2
 * dropped in L^(0), a wrong k_B digit, transposed Onsager blocks, a sign error in the currents),
 * and the exact determinant (its sign).
 */
import { describe, it, expect } from 'vitest';
import { verdictOf, rationalZero, symbolicZero, solveStates, numericCases, withSolve, SOLVER, type Residuals } from '../../proofs/lib.js';
import { anchorCheck, ANCHOR_SOLVER, type AnchorSolver } from '../../proofs/anchor.js';
import { eq33Numeric } from '../../proofs/eq33-entropy.js';
import { runAllProofs } from '../../proofs/index.js';
import { TP, electronic, electronicGiven, entropyForm, threeTerminal } from '../../proofs/threeTerminal.js';
import type { Field } from '../../src/symbolic/field.js';
import { RationalField } from '../../src/symbolic/field.js';
import { determinant } from '../../src/symbolic/schur.js';
import * as Q from '../../src/symbolic/rational.js';
import { randomRational, rng } from '../../src/symbolic/random.js';
import { K_B_EV, type Onsager, type CircuitResult } from '../../src/index.js';

const ok = { ok: true, detail: '' } as const;
const no = { ok: false, detail: '' } as const;
const undecided = { ok: null, detail: '' } as const;

describe('verdictOf', () => {
  it('fails as soon as one route fails; an undecided route does not fail a proof', () => {
    expect(verdictOf(ok, ok, ok)).toBe('proved');
    expect(verdictOf(no, ok, ok)).toBe('failed');
    expect(verdictOf(ok, no, ok)).toBe('failed');
    expect(verdictOf(ok, ok, no)).toBe('failed');
    expect(verdictOf(ok, ok, no, 'conditional')).toBe('failed');
    expect(verdictOf(undecided, ok, ok, 'conditional')).toBe('conditional');
  });
});

describe('Eq. 33 through the exact routes', () => {
  const eq33 =
    (sign: 1 | -1): Residuals =>
    <T>(F: Field<T>, v: (s: string) => T): T[] => {
      const j = threeTerminal(F, v);
      const { vp, vtp } = electronic(F, j.M, electronicGiven(F, v));
      const dS = F.sub(entropyForm(F, j.M, vp.x), entropyForm(F, j.M, vtp.x));
      const rhs = F.mul(vp.y[5], F.sub(vtp.x[TP], vp.x[TP]));
      return [F.sub(dS, sign === 1 ? rhs : F.neg(rhs))];
    };
  it('the right form is an identity, the sign-flipped one is refuted by both routes', () => {
    expect(symbolicZero(eq33(1)).ok).toBe(true);
    expect(rationalZero(eq33(1), 3, 7).ok).toBe(true);
    expect(symbolicZero(eq33(-1)).ok).toBe(false);
    const r = rationalZero(eq33(-1), 3, 7);
    expect(r.ok).toBe(false);
    expect(r.counterexample).toBeDefined();
  });
});

describe('Eq. 33 numeric route and the "VTP minimises Ṡ" scan', () => {
  const cases = numericCases({ mus: [0.6], gammas: [0.5], random: false });
  it('pass with the solver', () => {
    const r = eq33Numeric(SOLVER, cases);
    expect(r.maxError).toBeLessThanOrEqual(r.tolerance);
    expect(r.minimumOk).toBe(true);
  });
  it('the tolerance catches Ṡ_VTP off by 1e-6 relative', () => {
    const wrong: typeof solveStates = (o, states, kind, ref) => {
      const r = solveStates(o, states, kind, ref);
      return states[2].role === 'VTP' ? { ...r, entropyProduction: r.entropyProduction * (1 + 1e-6) } : r;
    };
    expect(eq33Numeric(withSolve(wrong), cases).maxError).toBeGreaterThan(eq33Numeric(SOLVER, cases).tolerance);
  });
  it('the minimum check catches a VP below the VTP', () => {
    const wrong: typeof solveStates = (o, states, kind, ref) => {
      const r = solveStates(o, states, kind, ref);
      return states[2].role === 'VP' && states[2].temperature === 360 ? { ...r, entropyProduction: 0 } : r;
    };
    expect(eq33Numeric(withSolve(wrong), cases).minimumOk).toBe(false);
  });
});

describe('the independent anchor of the numeric routes', () => {
  const mapL = (f: (o: Onsager) => Partial<Onsager>): AnchorSolver => ({
    ...ANCHOR_SOLVER,
    onsager: (s, ref) => {
      const o = ANCHOR_SOLVER.onsager(s, ref);
      return { ...o, ...f(o) };
    },
  });
  const transpose = (a: Float64Array, n: number) => Float64Array.from(a, (_, i) => a[(i % n) * n + Math.floor(i / n)]);
  it('accepts the solver', () => {
    const r = anchorCheck();
    expect(r.ok, r.detail).toBe(true);
  });
  const broken: Array<[string, AnchorSolver]> = [
    ['L^(1) sign flipped', mapL((o) => ({ L1: o.L1.map((v) => -v) }))],
    ['factor 2 dropped in L^(0)', mapL((o) => ({ L0: o.L0.map((v) => v / 2) }))],
    ['L^(1) and L^(2) blocks exchanged', mapL((o) => ({ L1: o.L2, L2: o.L1 }))],
    [
      'transposed, non-symmetric L^(1) (one pair only)',
      mapL((o) => {
        const L1 = transpose(o.L1, o.terminals);
        L1[1] *= 1.001;
        return { L1 };
      }),
    ],
    ['k_B with one digit wrong (8.617343262e-5)', { ...ANCHOR_SOLVER, constants: { ...ANCHOR_SOLVER.constants, kB: 8.617343262e-5 } }],
    [
      'k_B wrong in its tenth digit, through k_BT0',
      { ...ANCHOR_SOLVER, onsager: (s, ref) => ANCHOR_SOLVER.onsager(s, { ...ref, temperature: ref.temperature * (8.617333263e-5 / K_B_EV) }) },
    ],
    [
      'heat currents with the wrong sign',
      {
        ...ANCHOR_SOLVER,
        solve: (o, st, kind, ref) => {
          const r = ANCHOR_SOLVER.solve(o, st, kind, ref);
          return { ...r, heatCurrent: r.heatCurrent.map((v) => -v) } as CircuitResult;
        },
      },
    ],
  ];
  for (const [label, solver] of broken) {
    it(`rejects a solver with ${label}`, () => {
      expect(anchorCheck(solver).ok).toBe(false);
    });
  }
  it('a failed anchor fails every proof', async () => {
    const results = await runAllProofs({ anchor: () => ({ ok: false, detail: 'broken on purpose', worst: { constants: 1, onsager: 1, circuit: 1 } }) });
    for (const r of results) {
      expect(r.numeric.ok).toBe(false);
      expect(r.verdict).toBe('failed');
      expect(r.numeric.detail).toContain('broken on purpose');
    }
  }, 60_000);
});

describe('the exact determinant', () => {
  const q = (n: number) => Q.rat(n, 1);
  it('has the sign of the permutation', () => {
    expect(
      Q.toString(
        determinant(RationalField, [
          [q(0), q(1)],
          [q(1), q(0)],
        ]),
      ),
    ).toBe('-1');
    expect(
      Q.toString(
        determinant(RationalField, [
          [q(0), q(1), q(0)],
          [q(0), q(0), q(1)],
          [q(1), q(0), q(0)],
        ]),
      ),
    ).toBe('1');
    expect(
      Q.toString(
        determinant(RationalField, [
          [q(0), q(0), q(1)],
          [q(0), q(1), q(0)],
          [q(1), q(0), q(0)],
        ]),
      ),
    ).toBe('-1');
  });
  it('equals the Leibniz sum on random rational 4 × 4 matrices', () => {
    const r = rng(4242);
    const perms = (k: number): number[][] =>
      k === 0 ? [[]] : perms(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]));
    const sign = (p: number[]) => {
      let s = 1;
      for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) if (p[i] > p[j]) s = -s;
      return s;
    };
    for (let t = 0; t < 5; t++) {
      const A = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => randomRational(r)));
      let s = Q.ZERO;
      for (const p of perms(4)) {
        let term = sign(p) === 1 ? Q.ONE : Q.neg(Q.ONE);
        p.forEach((c, row) => {
          term = Q.mul(term, A[row][c]);
        });
        s = Q.add(s, term);
      }
      expect(Q.toString(determinant(RationalField, A))).toBe(Q.toString(s));
    }
  });
});
