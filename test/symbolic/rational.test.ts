import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Q from '../../src/symbolic/rational.js';
import { randomRational, rng, schwartzZippelBound } from '../../src/symbolic/random.js';

const arbQ = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n })).map(([p, q]) => Q.rat(p, q));

describe('BigInt rationals', () => {
  it('normalise: gcd 1, positive denominator, structural equality', () => {
    expect(Q.rat(6, -4)).toEqual({ num: -3n, den: 2n });
    expect(Q.equals(Q.rat(2, 4), Q.rat(-3, -6))).toBe(true);
    expect(() => Q.rat(1, 0)).toThrow(RangeError);
  });
  it('field axioms hold exactly', () => {
    fc.assert(
      fc.property(arbQ, arbQ, arbQ, (a, b, c) => {
        expect(Q.equals(Q.mul(a, Q.add(b, c)), Q.add(Q.mul(a, b), Q.mul(a, c)))).toBe(true);
        expect(Q.equals(Q.sub(Q.add(a, b), b), a)).toBe(true);
        if (!Q.isZero(b)) expect(Q.equals(Q.mul(Q.div(a, b), b), a)).toBe(true);
      }),
    );
  });
  it('fromNumber is exact and toNumber rounds back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const q = Q.fromNumber(x);
        expect(Q.toNumber(q)).toBe(x === 0 ? 0 : x);
      }),
    );
    expect(Q.toNumber(Q.rat(1, 3))).toBe(1 / 3);
    expect(Q.toNumber(Q.rat(-22, 7))).toBe(-22 / 7);
  });
  it('compare, pow, factorial, binomial', () => {
    expect(Q.compare(Q.rat(1, 3), Q.rat(1, 2))).toBe(-1);
    expect(Q.pow(Q.rat(2, 3), -2)).toEqual(Q.rat(9, 4));
    expect(Q.factorial(20)).toBe(2432902008176640000n);
    expect(Q.binomial(10, 3)).toBe(120n);
  });
  it('LaTeX of a rational', () => {
    expect(Q.toLatex(Q.rat(-7, 15))).toBe('-\\frac{7}{15}');
    expect(Q.toLatex(Q.rat(4))).toBe('4');
  });
});

describe('random rationals for Schwartz–Zippel', () => {
  it('are reproducible per seed and have numerators in 1..2^31', () => {
    const a = rng(5),
      b = rng(5);
    for (let k = 0; k < 100; k++) {
      const x = randomRational(a),
        y = randomRational(b);
      expect(x).toEqual(y);
      expect(x.num > 0n).toBe(true);
    }
  });
  it('states the bound (d/N)^k', () => {
    expect(schwartzZippelBound(4, 10)).toMatch(/^≤ \(4\/2\^31\)\^10 ≈ 1e-8\d$/);
  });
});
