/**
 * Deterministic pseudo-random rationals for the Schwartz–Zippel route of the proofs.
 *
 * Schwartz–Zippel (generalised to any independent distributions): if P ≠ 0 is a polynomial of
 * total degree d and every variable is drawn independently with no value more likely than
 * 1/N, then Pr[P(r) = 0] ≤ d/N. {@link randomRational} draws p uniformly from {1, …, 2^31}
 * and an independent denominator q ∈ {1, …, 1000}; p ↦ p/q is injective for fixed q, so no value
 * has probability above 2^-31: N = 2^31. k independent points all miss a non-zero P with
 * probability ≤ (d/N)^k.
 */
import { rat, type Rational } from './rational.js';

/** Numerators are uniform on {1, …, 2^31}: the N of the Schwartz–Zippel bound. */
export const SAMPLE_SIZE_LOG2 = 31;

/** A seeded 32-bit generator (mulberry32): reproducible, no global state. */
export interface Rng {
  /** Uniform on {0, …, 2^32 − 1}. */
  nextU32(): number;
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32 seeded generator. */
export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const nextU32 = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { nextU32, next: () => nextU32() / 2 ** 32 };
}

/** A positive random rational p/q, p uniform on {1, …, 2^31}, q uniform on {1, …, 1000}. */
export function randomRational(r: Rng): Rational {
  const p = BigInt((r.nextU32() & 0x7fffffff) + 1);
  const q = BigInt((r.nextU32() % 1000) + 1);
  return rat(p, q);
}

/** A random rational of either sign (sign independent of |value|; max atom probability still ≤ 2^-31). */
export function randomSignedRational(r: Rng): Rational {
  const x = randomRational(r);
  return r.nextU32() & 1 ? { num: -x.num, den: x.den } : x;
}

/**
 * The Schwartz–Zippel failure bound (d/N)^k as a human-readable string, e.g. "≤ (6/2^31)^24 ≈ 1e-180".
 * @param degree total degree d of the numerator polynomial of the identity
 * @param points number k of independent random points
 */
export function schwartzZippelBound(degree: number, points: number): string {
  const log10 = points * (Math.log10(Math.max(degree, 1)) - SAMPLE_SIZE_LOG2 * Math.log10(2));
  return `≤ (${degree}/2^${SAMPLE_SIZE_LOG2})^${points} ≈ 1e${Math.floor(log10)}`;
}
