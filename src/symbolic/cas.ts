/**
 * The nerdamer boundary (nerdamer 1.1.13, the CAS named by the design). nerdamer builds, expands
 * and prints expressions here; it never decides a proof on its own (the nerdamer traps pinned in test/symbolic/nerdamerTraps.test.ts: `simplify`
 * hangs on a 3×3 Schur inverse, `defint` returns wrong numbers, `factor` fails, matrix `toTeX`
 * prints determinant bars). Every trap is pinned by test/symbolic/nerdamerTraps.test.ts.
 *
 * Symbols must never be named `e` or `i` (constants in nerdamer, the nerdamer traps pinned in test/symbolic/nerdamerTraps.test.ts); `pi` is π.
 */
import nerdamer from 'nerdamer';
import 'nerdamer/Algebra.js';
import 'nerdamer/Calculus.js';

/** nerdamer's canonical text of an expression (it reorders and partially simplifies). */
export function nerdamerText(expr: string): string {
  return nerdamer(expr).toString();
}

/** nerdamer's `expand` of a polynomial expression, as text. */
export function nerdamerExpand(expr: string): string {
  return nerdamer(`expand(${expr})`).toString();
}

/**
 * Whether nerdamer's `expand` reduces a polynomial expression to 0. Only meaningful for
 * polynomials (no division): for rational expressions nerdamer does not bring terms over a
 * common denominator, and its `simplify` may not terminate (trap 2), so it is never called here.
 */
export function nerdamerExpandsToZero(expr: string): boolean {
  return nerdamerExpand(expr) === '0';
}

/** nerdamer's LaTeX for an expression (symbol names unchanged; see latex.ts for renaming). */
export function nerdamerTeX(expr: string): string {
  return nerdamer(expr).toTeX();
}

/** nerdamer substitution: the expression with `subs` (name → expression) inserted. */
export function nerdamerSubstitute(expr: string, subs: Record<string, string>): string {
  return nerdamer(expr, subs).toString();
}

/** Numeric evaluation of an expression with the given values (double precision). */
export function nerdamerEvaluate(expr: string, values: Record<string, number>): number {
  const subs: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) subs[k] = v.toString();
  return Number(nerdamer(expr, subs).evaluate().text('decimals'));
}

import type { Field } from './field.js';
import type { Rational } from './rational.js';

/**
 * nerdamer's own exact arithmetic (bigInt fractions) as a field: every operation is carried out
 * at once on numbers, so a derivation evaluated at a rational point stays small. An independent
 * exact engine beside src/symbolic/rational.ts.
 */
export const NerdamerValueField: Field<nerdamer.Expression> = {
  name: 'nerdamer-values',
  zero: nerdamer('0'),
  one: nerdamer('1'),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.subtract(b),
  mul: (a, b) => a.multiply(b),
  div: (a, b) => {
    if (b.toString() === '0') throw new RangeError('nerdamer: division by zero');
    return a.divide(b);
  },
  neg: (a) => nerdamer('0').subtract(a),
  isZero: (a) => a.toString() === '0',
  fromRational: (q: Rational) => nerdamer(`${q.num}/${q.den}`),
};
