/**
 * polyLatex / ratFuncLatex print what they are given: the printed LaTeX, read back as arithmetic by
 * an independent little reader (\frac, ^{n}, \, as product, + and −), evaluates to the same value as
 * the polynomial at random rational points (fast-check, global seed). A printer that drops, merges
 * or mis-signs a term is caught.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Poly, RatFunc } from '../../src/symbolic/polynomial.js';
import { polyLatex, ratFuncLatex } from '../../src/symbolic/latex.js';
import * as Q from '../../src/symbolic/rational.js';

const VARS = ['x', 'y', 'z'];

/** LaTeX of our printer → a JS arithmetic expression over numbers (the reader). */
function latexToJs(tex: string): string {
  let s = tex.replace(/\{([a-z])\}\^\{(\d+)\}/g, '($1**$2)').replace(/\\,/g, '*');
  // \frac{a}{b} → ((a)/(b)), innermost first
  for (let k = 0; k < 20 && s.includes('\\frac'); k++) s = s.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '(($1)/($2))');
  // implicit product between a coefficient and a variable never occurs: the printer writes \,
  return s;
}

function evalJs(expr: string, at: Record<string, number>): number {
  return new Function(...VARS, `return ${expr};`)(...VARS.map((v) => at[v]));
}

const polyArb = fc
  .array(
    fc.record({
      c: fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 5 })),
      e: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2)),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((terms) =>
    terms.reduce(
      (p, { c, e }) =>
        p.add(Poly.constant(Q.rat(c[0], c[1])).mul(Poly.variable('x').pow(e[0])).mul(Poly.variable('y').pow(e[1])).mul(Poly.variable('z').pow(e[2]))),
      Poly.zero,
    ),
  );

describe('LaTeX printers read back to the same value', () => {
  const at = { x: 0.37, y: -1.21, z: 0.83 };
  const atQ = new Map([
    ['x', Q.rat(37, 100)],
    ['y', Q.rat(-121, 100)],
    ['z', Q.rat(83, 100)],
  ]);
  it('polyLatex (every term, its sign and coefficient)', () => {
    fc.assert(
      fc.property(polyArb, (p) => {
        const tex = polyLatex(p, (n) => n);
        const got = evalJs(latexToJs(tex), at);
        const want = Q.toNumber(p.evaluate(atQ));
        // a handful of double operations on O(10) values: 1e-12 relative to the sum of |terms|
        expect(Math.abs(got - want), tex).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want)) * 100);
        if (!p.isZero()) expect(tex.split(/ [+-] /).length, tex).toBe(p.size);
      }),
    );
  });
  it('ratFuncLatex', () => {
    fc.assert(
      fc.property(polyArb, polyArb, (a, b) => {
        fc.pre(!b.isZero() && !Q.isZero(b.evaluate(atQ)));
        const r = new RatFunc(a, b);
        const got = evalJs(latexToJs(ratFuncLatex(r, (n) => n)), at);
        const want = Q.toNumber(r.evaluate(atQ));
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(want)));
      }),
    );
  });
});
