import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { Poly, RatFunc } from '../../src/symbolic/polynomial.js';
import * as Q from '../../src/symbolic/rational.js';
import { defaultSymbolLatex, expressionLatex, matrixLatex, polyLatex, ratFuncLatex, renameSymbols, text } from '../../src/symbolic/latex.js';
import { borderedSchur } from '../../src/symbolic/schur.js';
import { PolyRing, ExpressionField } from '../../src/symbolic/field.js';
import { symbolicOnsagerMatrix } from '../../src/symbolic/onsagerSymbolic.js';
import { schurComplement } from '../../src/symbolic/schur.js';

const render = (s: string) => katex.renderToString(s, { displayMode: true, throwOnError: true });
const terms = ['L', 'R', 'P'];

describe('LaTeX output parses with KaTeX', () => {
  it('symbols, polynomials and rational functions', () => {
    const sym = defaultSymbolLatex(terms);
    expect(sym('L1LP')).toBe('L^{(1)}_{LP}');
    expect(sym('thR')).toBe('\\theta_{R}');
    const p = Poly.variable('L0LR')
      .pow(2)
      .scale(Q.rat(-3, 4))
      .add(Poly.variable('kT').mul(Poly.variable('pi')));
    expect(() => render(polyLatex(p, sym))).not.toThrow();
    expect(() => render(ratFuncLatex(new RatFunc(p, Poly.variable('L2RP').add(Poly.one)), sym))).not.toThrow();
  });
  it("the VTP effective coefficients (bordered determinants) and nerdamer's VP coefficients", () => {
    const b = borderedSchur(
      PolyRing,
      symbolicOnsagerMatrix(PolyRing, terms, (s) => Poly.variable(s)),
      [2, 5],
    );
    const sym = defaultSymbolLatex(terms);
    for (const row of b.num) for (const n of row) expect(() => render(ratFuncLatex(new RatFunc(n, b.den), sym))).not.toThrow();
    const vp = schurComplement(
      ExpressionField,
      symbolicOnsagerMatrix(ExpressionField, terms, (s) => s),
      [2],
    );
    for (const row of vp.effective)
      for (const e of row) {
        const tex = expressionLatex(e, terms);
        expect(tex).not.toMatch(/L[012][LRP]{2}/); // every symbol renamed
        expect(() => render(tex)).not.toThrow();
      }
  });
  it("matrices are pmatrix (not nerdamer's vmatrix) and \\text escapes", () => {
    const m = matrixLatex([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(m).toContain('pmatrix');
    expect(() => render(m)).not.toThrow();
    expect(() => render(text('a_b & {c} 50%'))).not.toThrow();
    expect(renameSymbols('L0LP \\cdot muL', terms)).toBe('{L^{(0)}_{LP}} \\cdot {\\mu_{L}}');
  });
});
