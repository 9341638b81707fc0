/**
 * The a-priori degree bounds of DegreeField (src/symbolic/field.ts) are what the Schwartz–Zippel
 * failure probabilities of every proof rest on (proofs/README.md): a bound that is too small makes the
 * stated probabilities too optimistic, one that is far too large makes them meaningless. Pinned here
 * against two independent routes on random expression trees (fast-check, global seed of test/setup.ts):
 *  - the naive fraction route: numerator and denominator polynomials carried as a pair with the
 *    schoolbook rules a/b ± c/d = (ad ± cb)/(bd), (a/b)(c/d) = ac/(bd), (a/b)/(c/d) = ad/(bc) —
 *    exactly the representation DegreeField claims to bound, with true polynomial degrees;
 *  - the reduced route: RatFunc (lcm of denominator factors, cancellations), whose degrees can only
 *    be smaller.
 * Without subtraction, negation or zero constants every coefficient of the naive route is positive, so
 * no leading term can cancel and the bound must be EXACT there (not merely an upper bound).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEGREE_VARIABLE, DegreeField, RatFuncField, type Field } from '../../src/symbolic/field.js';
import { Poly, RatFunc } from '../../src/symbolic/polynomial.js';
import * as Q from '../../src/symbolic/rational.js';
import { schurComplement, schurComplementCramer } from '../../src/symbolic/schur.js';
import { symbolicOnsagerMatrix } from '../../src/symbolic/onsagerSymbolic.js';

type Expr = { k: 'var'; name: string } | { k: 'const'; value: number } | { k: 'add' | 'sub' | 'mul' | 'div'; a: Expr; b: Expr } | { k: 'neg'; a: Expr };

const VARS = ['x', 'y', 'z'];

/** Random expression trees; `positive` leaves out sub/neg and uses constants in 1..9. */
function exprArb(positive: boolean): fc.Arbitrary<Expr> {
  const ops = positive ? (['add', 'mul', 'div'] as const) : (['add', 'sub', 'mul', 'div'] as const);
  const { e } = fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...VARS).map((name): Expr => ({ k: 'var', name })),
      fc.integer({ min: positive ? 1 : -9, max: 9 }).map((value): Expr => ({ k: 'const', value })),
      fc.record({ k: fc.constantFrom(...ops), a: tie('e'), b: tie('e') }) as fc.Arbitrary<Expr>,
      ...(positive ? [] : [fc.record({ k: fc.constant('neg' as const), a: tie('e') }) as fc.Arbitrary<Expr>]),
    ),
  }));
  return e;
}

/** Interpret a tree in a field (throws RangeError on a division by zero where the field decides it). */
function interpret<T>(F: Field<T>, v: (name: string) => T, e: Expr): T {
  switch (e.k) {
    case 'var':
      return v(e.name);
    case 'const':
      return F.fromRational(Q.rat(e.value, 1));
    case 'neg':
      return F.neg(interpret(F, v, e.a));
    default: {
      const a = interpret(F, v, e.a),
        b = interpret(F, v, e.b);
      return e.k === 'add' ? F.add(a, b) : e.k === 'sub' ? F.sub(a, b) : e.k === 'mul' ? F.mul(a, b) : F.div(a, b);
    }
  }
}

/** The naive fraction route: a (num, den) pair of polynomials, never reduced. */
interface Pair {
  num: Poly;
  den: Poly;
}
const NaivePairs: Field<Pair> = {
  name: 'naive pairs',
  zero: { num: Poly.zero, den: Poly.one },
  one: { num: Poly.one, den: Poly.one },
  add: (a, b) => ({ num: a.num.mul(b.den).add(b.num.mul(a.den)), den: a.den.mul(b.den) }),
  sub: (a, b) => ({ num: a.num.mul(b.den).sub(b.num.mul(a.den)), den: a.den.mul(b.den) }),
  mul: (a, b) => ({ num: a.num.mul(b.num), den: a.den.mul(b.den) }),
  div: (a, b) => {
    if (b.num.isZero()) throw new RangeError('division by zero');
    return { num: a.num.mul(b.den), den: a.den.mul(b.num) };
  },
  neg: (a) => ({ num: a.num.neg(), den: a.den }),
  isZero: (a) => a.num.isZero(),
  fromRational: (q) => ({ num: Poly.constant(q), den: Poly.one }),
};

/** Polynomial degree with the zero polynomial at −∞ (Poly.degree's convention may differ). */
const deg = (p: Poly) => (p.isZero() ? Number.NEGATIVE_INFINITY : p.degree());

const bound = (e: Expr) => interpret(DegreeField, () => DEGREE_VARIABLE, e);

describe('DegreeField: a-priori degree bounds (Schwartz–Zippel)', () => {
  it('equal the true degrees of the naive fraction route on subtraction-free trees with positive constants', () => {
    fc.assert(
      fc.property(exprArb(true), (e) => {
        const b = bound(e);
        const p = interpret(NaivePairs, (n) => ({ num: Poly.variable(n), den: Poly.one }), e);
        expect(deg(p.num)).toBe(b.num);
        expect(deg(p.den)).toBe(b.den);
      }),
      { numRuns: 200 },
    );
  });

  it('dominate the naive and the reduced (RatFunc) degrees on any tree, and the three routes agree in value', () => {
    let checked = 0;
    fc.assert(
      fc.property(exprArb(false), (e) => {
        let p: Pair, r: RatFunc;
        try {
          p = interpret(NaivePairs, (n) => ({ num: Poly.variable(n), den: Poly.one }), e);
          r = interpret(RatFuncField, (n) => RatFunc.variable(n), e);
        } catch (err) {
          if (err instanceof RangeError) return; // a division by an identically zero subexpression
          throw err;
        }
        checked++;
        const b = bound(e);
        expect(deg(p.num)).toBeLessThanOrEqual(b.num);
        expect(deg(p.den)).toBeLessThanOrEqual(b.den);
        expect(deg(r.num)).toBeLessThanOrEqual(b.num);
        expect(deg(r.den)).toBeLessThanOrEqual(b.den);
        // value check at one rational point (where both denominators are non-zero)
        const at = new Map([
          ['x', Q.rat(3, 7)],
          ['y', Q.rat(-5, 11)],
          ['z', Q.rat(13, 17)],
        ]);
        const dp = p.den.evaluate(at);
        if (Q.isZero(dp)) return;
        let rv: Q.Rational;
        try {
          rv = r.evaluate(at);
        } catch {
          return;
        }
        expect(Q.toString(rv)).toBe(Q.toString(Q.div(p.num.evaluate(at), dp)));
      }),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('a variable has degree (1, 0), a constant (0, 0)', () => {
    expect(DEGREE_VARIABLE).toEqual({ num: 1, den: 0 });
    expect(DegreeField.fromRational(Q.rat(5, 3))).toEqual({ num: 0, den: 0 });
    expect(DegreeField.one).toEqual({ num: 0, den: 0 });
  });

  it('dominate every entry of the three-terminal Schur complement (Gauss–Jordan and Cramer) and are tight there', () => {
    // The probe elimination of every proof: M over the 18 L-symbols of terminals L, R, P, P's μ and θ unknown.
    const terms = ['L', 'R', 'P'];
    const unknown = [2, 5];
    const exact = schurComplementCramer(
      RatFuncField,
      symbolicOnsagerMatrix(RatFuncField, terms, (n) => RatFunc.variable(n)),
      unknown,
    );
    for (const route of [schurComplement, schurComplementCramer]) {
      const s = route(
        DegreeField,
        symbolicOnsagerMatrix(DegreeField, terms, () => DEGREE_VARIABLE),
        unknown,
      );
      let slack = 0;
      s.effective.forEach((row, i) =>
        row.forEach((b, j) => {
          const r = exact.effective[i][j];
          expect(deg(r.num)).toBeLessThanOrEqual(b.num);
          expect(deg(r.den)).toBeLessThanOrEqual(b.den);
          slack = Math.max(slack, b.num - deg(r.num));
        }),
      );
      // "not absurdly loose": the stated bound is within a few degrees of the actual numerators
      // (the bound counts the common denominator det M_UU of degree 2 in every entry).
      expect(slack).toBeLessThanOrEqual(6);
    }
  });
});
