/**
 * What a number written as text is, in one place: a decimal literal, optionally signed, with an
 * optional exponent ("0.3", "-2.64", ".5", "1e-9", "+3E2"). JavaScript's `Number()` also reads
 * "0x10", "0b11", "Infinity" and the empty string (as 0): a command-line value or a CSV cell
 * written that way is refused instead of being read as some other number. A literal that does not
 * fit a double is refused too (audit D13): one that overflows to ±Infinity, and a non-zero one that
 * rounds to 0 or to a subnormal (|x| < 2.2e-308, fewer than 53 significant bits) — `gamma: 1e-400`
 * read as 0 would be the coherent-limit probe, a different physical system. The JSON reader
 * (src/io/json.ts) applies {@link literalProblem} to every number literal of a config or input file.
 */

/** A decimal literal (after trimming): sign, digits with an optional point, an optional exponent. */
export const DECIMAL_LITERAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The smallest positive normal double, 2^−1022 ≈ 2.2250738585072014e-308. */
export const MIN_NORMAL = 2 ** -1022;

/**
 * Why a well-formed decimal (or JSON) number literal does not denote a double, or null: it
 * overflows (|x| > 1.8e308 → ±Infinity), or it is non-zero and underflows to 0 or to a subnormal.
 * An exact zero written with an exponent ("0e-400") is a zero.
 * @example literalProblem('1e-400') // 'underflows double precision (…)'
 */
export function literalProblem(literal: string): string | null {
  const v = Number(literal);
  if (!Number.isFinite(v)) return 'overflows a double (|x| > 1.8e308)';
  if (Math.abs(v) < MIN_NORMAL && /[1-9]/.test(literal.replace(/[eE].*$/, '')))
    return `underflows double precision (a non-zero |x| < 2.2e-308 is read as ${v === 0 ? '0' : 'a subnormal with fewer than 53 significant bits'}; write 0 if zero is meant)`;
  return null;
}

/**
 * Parse a decimal literal into a finite double, or return the reason it is not one (a sentence
 * fragment naming the text: not a number, overflows, or a non-zero literal that underflows).
 * @example parseDecimal(' 1e-3 ') // 0.001
 * @example parseDecimal('0x10')   // '"0x10" is not a decimal number'
 */
export function parseDecimal(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'an empty value is not a number';
  if (!DECIMAL_LITERAL.test(t)) return `"${t}" is not a decimal number`;
  const p = literalProblem(t);
  if (p) return `"${t}" ${p}`;
  return Number(t);
}
