/**
 * What a number written as text is, in one place: a decimal literal, optionally signed, with an
 * optional exponent ("0.3", "-2.64", ".5", "1e-9", "+3E2"). JavaScript's `Number()` also reads
 * "0x10", "0b11", "Infinity" and the empty string (as 0): a command-line value or a CSV cell
 * written that way is refused instead of being read as some other number.
 */

/** A decimal literal (after trimming): sign, digits with an optional point, an optional exponent. */
export const DECIMAL_LITERAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parse a decimal literal into a finite double, or return the reason it is not one (a sentence
 * fragment naming the text: not a number, overflows, or a non-zero literal that underflows to 0).
 * @example parseDecimal(' 1e-3 ') // 0.001
 * @example parseDecimal('0x10')   // '"0x10" is not a decimal number'
 */
export function parseDecimal(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'an empty value is not a number';
  if (!DECIMAL_LITERAL.test(t)) return `"${t}" is not a decimal number`;
  const v = Number(t);
  if (!Number.isFinite(v)) return `"${t}" overflows a double (|x| > 1.8e308)`;
  // a non-zero literal that rounds to 0 (1e-400) would be taken as an exact zero
  if (v === 0 && /[1-9]/.test(t.replace(/[eE].*$/, ''))) return `"${t}" underflows a double (|x| < 4.9e-324)`;
  return v;
}
