/** src/io/decimal.ts: the one reading of a number written as text (CLI values, CSV cells). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from '../../src/io/decimal.js';

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
      ['4.9e-324', 5e-324],
    ] as const)
      expect(parseDecimal(t)).toBe(v);
  });

  it('round-trips every finite double through its shortest decimal form (−0 prints as "0")', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
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
    expect(parseDecimal('1e-400')).toMatch(/underflows/);
    expect(parseDecimal('0e-400')).toBe(0); // an exact zero written with an exponent is a zero
    expect(parseDecimal('0x10')).toMatch(/"0x10" is not a decimal number/);
  });
});
