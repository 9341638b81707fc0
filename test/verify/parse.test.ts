/** The claim language: tokenizer, precedence climbing, positions in errors, printing round trips. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParseError, parseExpression, parseStatement, exprToString, exprToLatex, type Expr } from '../../src/verify/parse.js';
import { evaluate } from '../../src/verify/evaluate.js';
import { RationalField } from '../../src/symbolic/field.js';
import * as Q from '../../src/symbolic/rational.js';
import { typeset } from '../../src/report/katex.js';

/** Evaluate over Q with every symbol a fixed value (x = 3/2, y = −5/7, z = 11). */
function value(e: Expr): string {
  const vals: Record<string, Q.Rational> = { x: Q.rat(3, 2), y: Q.rat(-5, 7), z: Q.rat(11) };
  return Q.toString(
    evaluate(e, 'declared', {
      F: RationalField,
      symbol: (n) => vals[n],
      fn: () => {
        throw new Error('no functions');
      },
      powReal: () => {
        throw new Error('no real powers');
      },
    }),
  );
}

describe('precedence and associativity', () => {
  it.each([
    ['1 + 2*3', '7'],
    ['(1 + 2)*3', '9'],
    ['2^3^2', '512'],
    ['-2^2', '-4'],
    ['(-2)^2', '4'],
    ['8/4/2', '1'],
    ['8 - 4 - 2', '2'],
    ['2*-3', '-6'],
    ['x^-1', '2/3'],
    ['0.25 + 1e-1', '7/20'],
    ['x − y', '31/14'],
    ['2·x', '3'],
    ['+x', '3/2'],
  ])('%s = %s', (src, want) => {
    expect(value(parseExpression(src))).toBe(want);
  });

  it('decimals are exact rationals', () => {
    const e = parseExpression('0.1 + 0.2');
    expect(value(e)).toBe('3/10');
  });
});

describe('errors carry the 1-based position', () => {
  it.each([
    ['x + * y', 5, /expected a number, a symbol or "\(" but found "\*"/],
    ['(x + y', 7, /expected "\)" but found the end of the formula/],
    ['x + y)', 6, /unexpected "\)"/],
    ['x $ y', 3, /unexpected character "\$"/],
    ['x < y', 3, /strict "<" is not a relation/],
  ])('%s → position %i', (src, col, msg) => {
    let err: ParseError | undefined;
    try {
      if (src.includes('<')) parseStatement(src);
      else parseExpression(src);
    } catch (e) {
      err = e as ParseError;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect(err!.column).toBe(col);
    expect(err!.message).toMatch(msg);
    expect(err!.message).toMatch(new RegExp(`at position ${col}$`));
  });

  it('bounded input: huge numbers, deep nesting and long formulas are parse errors, not allocations or stack overflows', () => {
    expect(() => parseExpression('1e999999')).toThrow(/out of range for an exact decimal .* at position 1$/);
    expect(() => parseExpression('1e-400')).toThrow(/the number 1e-400 is out of range for an exact decimal .*exponent within ±300/);
    expect(() => parseExpression('1'.repeat(101))).toThrow(/is too long for an exact decimal \(at most 100 characters/);
    expect(() => parseExpression('x + ' + '9'.repeat(200))).toThrow(/too long for an exact decimal/);
    expect(() => parseExpression('('.repeat(1000) + 'x' + ')'.repeat(1000))).toThrow(/nests deeper than 200 levels/);
    expect(() => parseExpression('-'.repeat(1000) + 'x')).toThrow(/nests deeper/);
    expect(() => parseExpression('x+'.repeat(3000) + 'x')).toThrow(/at most 5000 characters/);
    expect(value(parseExpression('('.repeat(150) + 'x' + ')'.repeat(150)))).toBe('3/2');
  });

  it('a claim needs exactly one relation', () => {
    expect(() => parseStatement('x + y')).toThrow(/needs one relation/);
    expect(() => parseStatement('x == y == z')).toThrow(/exactly one relation at position 8/);
  });

  it('relations: ==, =, >=, <=, ≥, ≤', () => {
    expect(parseStatement('x = y').relation).toBe('==');
    expect(parseStatement('x ≥ y').relation).toBe('>=');
    expect(parseStatement('x ≤ y').relation).toBe('<=');
  });
});

/** Random expression trees over x, y, z and small integers. */
const exprArb: fc.Arbitrary<string> = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constantFrom('x', 'y', 'z'), fc.integer({ min: 1, max: 9 }).map(String)),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/'), tie('node')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('node'), fc.integer({ min: -2, max: 3 })).map(([a, k]) => `(${a})^(${k})`),
    tie('node').map((a) => `-(${a})`),
  ),
})).node as fc.Arbitrary<string>;

describe('printing', () => {
  it('exprToString re-parses to the same value (property)', () => {
    fc.assert(
      fc.property(exprArb, (src) => {
        let e: Expr;
        try {
          e = parseExpression(src);
          value(e);
        } catch (err) {
          if (err instanceof RangeError) return true; // a division by zero at the sample point
          throw err;
        }
        const again = parseExpression(exprToString(e));
        expect(value(again)).toBe(value(e));
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('LaTeX of a claim typesets with KaTeX', () => {
    const e = parseExpression('VP(mu_P - (L0_LP*mu_L)/(L0_LP + L0_RP))^2 + VTP(Sdot)/T0 - sqrt(abs(JQ_R))');
    const t = typeset(exprToLatex(e));
    expect(t.error).toBeNull();
  });
});

describe('the longest formula accepted evaluates without exhausting the stack', () => {
  it('a 2500-term sum', () => {
    const e = parseExpression(Array(2500).fill('x').join('+'));
    expect(value(e)).toBe('3750');
  });
});
