/** src/io/decimal.ts: the one reading of a number written as text (CLI values, CSV cells). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MIN_NORMAL, parseDecimal } from '../../src/io/decimal.js';

describe('parseDecimal', () => {
  it('reads decimal literals exactly as Number() does', () => {
    for (const [t, v] of [
      ['0.3', 0.3],
      [' -2.64 ', -2.64],
      ['.5', 0.5],
      ['5.', 5],
      ['+1e-9', 1e-9],
      ['3E2', 300],
      ['-0', -0],
      ['2.2250738585072014e-308', 2 ** -1022],
    ] as const)
      expect(parseDecimal(t)).toBe(v);
  });

  it('round-trips every finite normal double through its shortest decimal form (−0 prints as "0")', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0) && (x === 0 || Math.abs(x) >= MIN_NORMAL)),
        (x) => {
          expect(parseDecimal(String(x))).toBe(x);
          expect(parseDecimal(x.toExponential())).toBe(x);
        },
      ),
      { seed: 20261202, numRuns: 500 },
    );
  });

  it('refuses what Number() would read as another number, with the reason', () => {
    for (const t of ['', '   ', '0x10', '0b11', '0o7', 'Infinity', '-Infinity', 'NaN', '1_000', '1e', 'e5', '--1', '1.2.3', '1,5'])
      expect(parseDecimal(t), t).toEqual(expect.any(String));
    expect(parseDecimal('1e400')).toMatch(/overflows/);
    expect(parseDecimal('-1e309')).toMatch(/overflows/);
    expect(parseDecimal('1e-400')).toMatch(/^"1e-400" underflows double precision/);
    expect(parseDecimal('0e-400')).toBe(0); // an exact zero written with an exponent is a zero
    expect(parseDecimal('0x10')).toMatch(/"0x10" is not a decimal number/);
  });

  it('audit D13: every non-zero literal below the normal range (to 0 or a subnormal) is refused, every zero accepted', () => {
    fc.assert(
      fc.property(
        // subnormals: k · 2^-1074, 1 ≤ k < 2^52
        fc.integer({ min: 1, max: 2 ** 52 - 1 }),
        fc.boolean(),
        (k, neg) => {
          const x = (neg ? -1 : 1) * k * 2 ** -1074;
          expect(Math.abs(x)).toBeLessThan(MIN_NORMAL);
          expect(parseDecimal(String(x))).toMatch(/underflows double precision .*subnormal/);
          expect(parseDecimal(x.toExponential(3))).toMatch(/underflows double precision/);
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
    for (const t of ['1e-400', '-7e-325', '0.0000001e-320', '123e-1000']) expect(parseDecimal(t), t).toMatch(/underflows double precision .*read as 0/);
    for (const t of ['0', '0.0', '-0e-999', '0e400', '000.000E+5']) expect(Math.abs(parseDecimal(t) as number), t).toBe(0);
  });
});
