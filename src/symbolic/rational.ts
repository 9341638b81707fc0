/**
 * Exact rational numbers over BigInt (the arithmetic that decides every identity in proofs/).
 *
 * A {@link Rational} is always normalised: gcd(num, den) = 1 and den > 0, so equality is
 * structural. Pure functions, no floating point anywhere except {@link toNumber}.
 */

/** An exact rational p/q with q > 0 and gcd(p, q) = 1. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** gcd of two BigInts (non-negative result; gcd(0, 0) = 0). */
export const gcd = gcdBig;

/** The normalised rational num/den. @throws RangeError if den = 0 */
export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  let p = typeof num === 'number' ? BigInt(num) : num;
  let q = typeof den === 'number' ? BigInt(den) : den;
  if (q === 0n) throw new RangeError('rational with zero denominator');
  if (q < 0n) {
    p = -p;
    q = -q;
  }
  const g = gcdBig(p, q);
  return g === 1n || g === 0n ? { num: p, den: q } : { num: p / g, den: q / g };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export function add(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return rat(a.num + b.num, a.den);
  return rat(a.num * b.den + b.num * a.den, a.den * b.den);
}
export function sub(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return rat(a.num - b.num, a.den);
  return rat(a.num * b.den - b.num * a.den, a.den * b.den);
}
export function mul(a: Rational, b: Rational): Rational {
  if (a.num === 0n || b.num === 0n) return ZERO;
  return rat(a.num * b.num, a.den * b.den);
}
/** a / b. @throws RangeError if b = 0 */
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('division by zero rational');
  return rat(a.num * b.den, a.den * b.num);
}
export function neg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}
export function isZero(a: Rational): boolean {
  return a.num === 0n;
}
export function equals(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}
/** Sign of a − b: −1, 0 or 1. */
export function compare(a: Rational, b: Rational): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
/** a^k for an integer k (negative k inverts). */
export function pow(a: Rational, k: number): Rational {
  if (k < 0) return pow(div(ONE, a), -k);
  let r = ONE,
    b = a;
  while (k > 0) {
    if (k & 1) r = mul(r, b);
    b = mul(b, b);
    k >>= 1;
  }
  return r;
}

/** Nearest double to p/q (correctly rounded for |p|, |q| < 2^53; otherwise to within a few ulps). */
export function toNumber(a: Rational): number {
  if (a.num === 0n) return 0;
  const p = a.num < 0n ? -a.num : a.num;
  const sign = a.num < 0n ? -1 : 1;
  // Scale so the quotient has ~64 significant bits, then divide in BigInt.
  const shift = BigInt(Math.max(0, 64 - (p.toString(2).length - a.den.toString(2).length)));
  const q = (p << shift) / a.den;
  // Scale in two steps so a subnormal result does not underflow in an intermediate power of two.
  const sh = Number(shift),
    first = Math.min(sh, 1000);
  return sign * Number(q) * 2 ** -first * 2 ** -(sh - first);
}

/**
 * The exact rational value of a double (every finite double is a dyadic rational).
 * @throws RangeError for NaN or ±∞
 */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x)) return rat(BigInt(x));
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return rat(BigInt(m), 1n << BigInt(e));
}

/** "p/q" or "p". */
export function toString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** LaTeX: an integer, or \frac{p}{q} with the sign in front. */
export function toLatex(a: Rational): string {
  if (a.den === 1n) return a.num.toString();
  const s = a.num < 0n ? '-' : '';
  const p = a.num < 0n ? -a.num : a.num;
  return `${s}\\frac{${p}}{${a.den}}`;
}

/** Factorial n! as a BigInt. */
export function factorial(n: number): bigint {
  let r = 1n;
  for (let k = 2; k <= n; k++) r *= BigInt(k);
  return r;
}

/** Binomial coefficient C(n, k) as a BigInt. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let j = 1; j <= k; j++) r = (r * BigInt(n - j + 1)) / BigInt(j);
  return r;
}
