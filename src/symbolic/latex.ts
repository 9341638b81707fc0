/**
 * LaTeX output of the symbolic layer (KaTeX-renderable in display mode). Matrices are printed as
 * `pmatrix` (nerdamer's own matrix `toTeX` prints `vmatrix`, determinant bars: the nerdamer traps pinned in test/symbolic/nerdamerTraps.test.ts).
 */
import { nerdamerTeX } from './cas.js';
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import type { Poly, RatFunc } from './polynomial.js';
import { symbolLatex } from './onsagerSymbolic.js';

/** Default symbol printer: Onsager symbols, μ/θ biases, k_BT, π. */
export function defaultSymbolLatex(terminals: readonly string[]): (name: string) => string {
  return (name) => {
    if (name === 'kT') return 'k_B T_0';
    if (name === 'pi') return '\\pi';
    if (name === 'gam') return '\\gamma';
    return symbolLatex(name, terminals);
  };
}

const SYMBOL_RE = /(?<![A-Za-z\\])(L[012][A-Z]\d?[A-Z]\d?|mu[A-Z]\d?|th[A-Z]\d?|kT|gam)(?![A-Za-z0-9])/g;

/** Rename our symbol names inside a LaTeX string produced by nerdamer. */
export function renameSymbols(tex: string, terminals: readonly string[]): string {
  const f = defaultSymbolLatex(terminals);
  // nerdamer writes multiplication as \cdot and may leave names like L0LP untouched.
  return tex.replace(SYMBOL_RE, (m) => `{${f(m)}}`);
}

/** nerdamer LaTeX of an expression with our symbols renamed. */
export function expressionLatex(expr: string, terminals: readonly string[]): string {
  return renameSymbols(nerdamerTeX(expr), terminals);
}

/** LaTeX of a rational coefficient times a monomial, with sign handled by the caller. */
function monomialLatex(mono: ReadonlyArray<readonly [string, number]>, sym: (n: string) => string): string {
  return mono.map(([v, e]) => (e === 1 ? sym(v) : `{${sym(v)}}^{${e}}`)).join('\\,');
}

/** LaTeX of a polynomial with our own printer (deterministic term order). */
export function polyLatex(p: Poly, sym: (name: string) => string): string {
  if (p.isZero()) return '0';
  const terms = p.entries();
  // Sort as Poly.toString does: by degree descending then by key.
  terms.sort((a, b) => {
    const da = a.mono.reduce((x, [, e]) => x + e, 0),
      db = b.mono.reduce((x, [, e]) => x + e, 0);
    return db - da || (JSON.stringify(a.mono) < JSON.stringify(b.mono) ? -1 : 1);
  });
  let out = '';
  terms.forEach(({ mono, coef }, k) => {
    const negative = coef.num < 0n;
    const abs: Rational = { num: negative ? -coef.num : coef.num, den: coef.den };
    const m = monomialLatex(mono, sym);
    let body: string;
    if (m === '') body = Q.toLatex(abs);
    else if (Q.equals(abs, Q.ONE)) body = m;
    else body = `${Q.toLatex(abs)}\\,${m}`;
    out += negative ? (k === 0 ? `-${body}` : ` - ${body}`) : k === 0 ? body : ` + ${body}`;
  });
  return out;
}

/** LaTeX of a rational function num/den. */
export function ratFuncLatex(r: RatFunc, sym: (name: string) => string): string {
  const n = polyLatex(r.num, sym);
  if (r.den.size === 1 && r.den.toString() === '1') return n;
  return `\\frac{${n}}{${polyLatex(r.den, sym)}}`;
}

/** A matrix of LaTeX entries as pmatrix. */
export function matrixLatex(entries: readonly (readonly string[])[]): string {
  return `\\begin{pmatrix} ${entries.map((row) => row.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** A LaTeX-safe \text{…} (escapes the characters KaTeX treats specially). */
export function text(s: string): string {
  return `\\text{${s.replace(/([\\{}$&#%_^~])/g, (c) => (c === '\\' ? '\\backslash ' : `\\${c}`))}}`;
}
