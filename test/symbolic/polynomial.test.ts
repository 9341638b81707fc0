import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Poly, RatFunc } from '../../src/symbolic/polynomial.js';
import * as Q from '../../src/symbolic/rational.js';

const x = Poly.variable('x'),
  y = Poly.variable('y'),
  z = Poly.variable('z');
const arbPoly = fc
  .array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat(3), fc.nat(3), fc.nat(2)), { maxLength: 5 })
  .map((ts) => ts.reduce((p, [c, a, b, d]) => p.add(x.pow(a).mul(y.pow(b)).mul(z.pow(d)).scale(Q.rat(c))), Poly.zero));

describe('sparse polynomials over Q', () => {
  it('canonical form decides (x + y)² − x² − 2xy − y² = 0', () => {
    expect(
      x
        .add(y)
        .pow(2)
        .sub(x.pow(2))
        .sub(x.mul(y).scale(Q.rat(2)))
        .sub(y.pow(2))
        .isZero(),
    ).toBe(true);
    expect(
      x
        .add(y)
        .pow(2)
        .equals(x.pow(2).add(y.pow(2))),
    ).toBe(false);
  });
  it('ring axioms and evaluation homomorphism (property)', () => {
    fc.assert(
      fc.property(arbPoly, arbPoly, arbPoly, fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), (a, b, c, xv, yv) => {
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.mul(b).equals(b.mul(a))).toBe(true);
        const at = { x: Q.rat(xv), y: Q.rat(yv), z: Q.rat(3, 7) };
        expect(Q.equals(a.mul(b).evaluate(at), Q.mul(a.evaluate(at), b.evaluate(at)))).toBe(true);
      }),
    );
  });
  it('degree, derivative, coefficient, substitution, division by a variable power', () => {
    const p = x.pow(3).mul(y).add(y.pow(2)).scale(Q.rat(2)); // 2x³y + 2y²
    expect(p.degree()).toBe(4);
    expect(p.derivative('x').equals(x.pow(2).mul(y).scale(Q.rat(6)))).toBe(true);
    expect(p.coefficient('y', 2).equals(Poly.constant(2))).toBe(true);
    expect(p.substitute(new Map([['y', x]])).equals(x.pow(4).add(x.pow(2)).scale(Q.rat(2)))).toBe(true);
    expect(p.minDegreeIn('y')).toBe(1);
    expect(p.divideByPower('y', 1).equals(x.pow(3).add(y).scale(Q.rat(2)))).toBe(true);
    expect(() => p.divideByPower('x', 1)).toThrow(RangeError);
  });
  it('prints a nerdamer-parseable string', () => {
    expect(x.scale(Q.rat(-1, 2)).add(y.pow(2)).toString()).toBe('y^2-1/2*x');
  });
});

describe('rational functions (factored denominators)', () => {
  const X = RatFunc.variable('x'),
    Y = RatFunc.variable('y'),
    Z = RatFunc.variable('z');
  it('a/b + c/d − (ad + bc)/(bd) = 0', () => {
    const lhs = X.div(Y).add(Z.div(X.add(Y)));
    const rhs = new RatFunc(x.mul(x.add(y)).add(z.mul(y)), y.mul(x.add(y)));
    expect(lhs.sub(rhs).isZero()).toBe(true);
    expect(lhs.sub(rhs.add(RatFunc.constant(1))).isZero()).toBe(false);
  });
  it('a false identity is not zero: 1/(x+y) ≠ 1/x + 1/y', () => {
    expect(
      RatFunc.constant(1)
        .div(X.add(Y))
        .sub(RatFunc.constant(1).div(X).add(RatFunc.constant(1).div(Y)))
        .isZero(),
    ).toBe(false);
  });
  it('a numerator equal to a denominator factor cancels (also up to a constant)', () => {
    const r = X.add(Y).mul(RatFunc.constant(2)).div(X.add(Y));
    expect(r.isZero()).toBe(false);
    expect(r.den.equals(Poly.one)).toBe(true);
    expect(r.num.equals(Poly.constant(2))).toBe(true);
  });
  it('evaluates exactly and throws at a pole', () => {
    const r = X.div(X.sub(Y));
    expect(r.evaluate({ x: Q.rat(3), y: Q.rat(1) })).toEqual(Q.rat(3, 2));
    expect(() => r.evaluate({ x: Q.rat(1), y: Q.rat(1) })).toThrow(RangeError);
  });
});
