/**
 * One derivation, several interpretations. The Onsager/Schur algebra of the proofs is written
 * once against this {@link Field} interface and then run
 *  - over the exact rationals at random points (the Schwartz–Zippel route),
 *  - over rational functions of the symbols (the symbolic route: zero iff the numerator polynomial
 *    is the zero polynomial),
 *  - over doubles (only to evaluate a formula with the NEGF solver's Onsager coefficients),
 *  - over nerdamer expression strings (to build and print the formulas; never to decide).
 */
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { Poly, RatFunc } from './polynomial.js';

/** A commutative ring with the operations division-free algorithms (determinants) use. */
export interface Ring<T> {
  readonly name: string;
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  neg(a: T): T;
  /** Exact zero test where the ring can decide it; an expression builder returns false. */
  isZero(a: T): boolean;
  fromRational(q: Rational): T;
}

/** A field (or a field-like expression builder) with the operations the derivations use. */
export interface Field<T> extends Ring<T> {
  div(a: T, b: T): T;
  /**
   * Prefer division-free algorithms (Cramer's rule with one common denominator) over
   * Gauss–Jordan: true for rational functions without gcd, whose sizes otherwise multiply at
   * every pivot step.
   */
  readonly divisionFree?: boolean;
}

/** Polynomials over Q (a ring: used by the division-free bordered-determinant Schur complement). */
export const PolyRing: Ring<Poly> = {
  name: 'Q[x]',
  zero: Poly.zero,
  one: Poly.one,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  neg: (a) => a.neg(),
  isZero: (a) => a.isZero(),
  fromRational: (q) => Poly.constant(q),
};

/** Exact rationals over BigInt. */
export const RationalField: Field<Rational> = {
  name: 'Q',
  zero: Q.ZERO,
  one: Q.ONE,
  add: Q.add,
  sub: Q.sub,
  mul: Q.mul,
  div: Q.div,
  neg: Q.neg,
  isZero: Q.isZero,
  fromRational: (q) => q,
};

/** Rational functions over Q (the symbolic route). */
export const RatFuncField: Field<RatFunc> = {
  name: 'Q(x)',
  divisionFree: true,
  zero: RatFunc.constant(0),
  one: RatFunc.constant(1),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  isZero: (a) => a.isZero(),
  fromRational: (q) => RatFunc.constant(q),
};

/** IEEE doubles (for evaluating derived formulas with solver output; never decides an identity). */
export const NumberField: Field<number> = {
  name: 'float64',
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
  isZero: (a) => a === 0,
  fromRational: (q) => Q.toNumber(q),
};

/**
 * Expression strings for nerdamer/mathjs (fully parenthesised, with trivial 0/1 folding so the
 * printed formulas stay readable). Builds and prints; cannot decide zero.
 */
export const ExpressionField: Field<string> = {
  name: 'expression',
  zero: '0',
  one: '1',
  add: (a, b) => (a === '0' ? b : b === '0' ? a : `(${a})+(${b})`),
  sub: (a, b) => (b === '0' ? a : a === '0' ? `-(${b})` : `(${a})-(${b})`),
  mul: (a, b) => (a === '0' || b === '0' ? '0' : a === '1' ? b : b === '1' ? a : `(${a})*(${b})`),
  div: (a, b) => (b === '1' ? a : a === '0' ? '0' : `(${a})/(${b})`),
  neg: (a) => (a === '0' ? '0' : `-(${a})`),
  isZero: (a) => a === '0',
  fromRational: (q) => (q.den === 1n ? q.num.toString() : `(${q.num}/${q.den})`),
};

/** Helper: Σ of a list in a field. */
export function fsum<T>(F: Ring<T>, xs: readonly T[]): T {
  let s = F.zero;
  for (const x of xs) s = F.add(s, x);
  return s;
}

/**
 * Upper bounds on the total degrees of numerator and denominator of a rational function built by
 * field operations from variables (degree 1) and constants (degree 0). Used to state the
 * Schwartz–Zippel bound of an identity a priori, without trusting the symbolic route.
 */
export interface DegreeBound {
  readonly num: number;
  readonly den: number;
}

/** The degree-bound interpretation of a derivation (cannot decide zero). */
export const DegreeField: Field<DegreeBound> = {
  name: 'degree',
  divisionFree: true,
  zero: { num: 0, den: 0 },
  one: { num: 0, den: 0 },
  add: (a, b) => ({ num: Math.max(a.num + b.den, b.num + a.den), den: a.den + b.den }),
  sub: (a, b) => ({ num: Math.max(a.num + b.den, b.num + a.den), den: a.den + b.den }),
  mul: (a, b) => ({ num: a.num + b.num, den: a.den + b.den }),
  div: (a, b) => ({ num: a.num + b.den, den: a.den + b.num }),
  neg: (a) => a,
  isZero: () => false,
  fromRational: () => ({ num: 0, den: 0 }),
};

/** A variable in the degree-bound interpretation. */
export const DEGREE_VARIABLE: DegreeBound = { num: 1, den: 0 };
