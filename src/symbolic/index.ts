/**
 * probecheck/symbolic — exact arithmetic for the paper's analytic claims
 * (`import … from 'probecheck/symbolic'`).
 *
 * Exact identities are decided by probecheck's own BigInt arithmetic: rationals, multivariate
 * polynomials and rational functions over them ({@link Poly}, {@link RatFunc}), generic over a
 * {@link Field}. On top: the symbolic 2n × 2n Onsager matrix (docs/physics.md §3), its Schur
 * complement over any field (probes eliminated, docs/physics.md §4), exact circuits
 * (docs/physics.md §5), the Sommerfeld engine with exact Bernoulli moments (docs/physics.md §6),
 * Schwartz–Zippel random points, LaTeX, and the nerdamer boundary (nerdamer builds and prints;
 * it never decides).
 *
 * @example
 * ```ts
 * import { symbolicEffective } from 'probecheck/symbolic';
 *
 * // Eliminate a VP between two leads: the effective L̃^(0)_LR as an exact rational function.
 * const eff = symbolicEffective(['L', 'R', 'P'], ['lead', 'lead', 'VP']);
 * console.log(eff.coefficientLatex(0, 'L', 'R'));
 * ```
 * @packageDocumentation
 */

// Exact rationals (BigInt numerator/denominator), as a namespace: rational.add, rational.rat, …
export * as rational from './rational.js';
export type { Rational } from './rational.js';

// Polynomials and rational functions with rational coefficients; rings and fields over them.
export { Poly, RatFunc, type Monomial } from './polynomial.js';
export {
  DEGREE_VARIABLE,
  DegreeField,
  ExpressionField,
  NumberField,
  PolyRing,
  RatFuncField,
  RationalField,
  type DegreeBound,
  type Field,
  type Ring,
} from './field.js';

// Symbolic Onsager matrices, Schur complements, exact circuits — docs/physics.md §3–§5.
export { onsagerSymbols, symbolLatex, symbolicOnsagerMatrix } from './onsagerSymbolic.js';
export {
  SingularExactError,
  borderedNumerator,
  borderedSchur,
  determinant,
  schurComplement,
  schurComplementCramer,
  type BorderedSchur,
  type ExactSchur,
} from './schur.js';
export { solveExactCircuit, type ExactCircuit, type ExactRole } from './circuitExact.js';
export { symbolicEffective, type SymbolicEffective } from './probesSymbolic.js';

// Sommerfeld expansions with exact Bernoulli moments — docs/physics.md §6.
export {
  bernoulli,
  fermiMoment,
  fermiMomentNumber,
  sommerfeldOnsager,
  sommerfeldOnsagerNumber,
  zetaEvenOverPiPower,
  type SommerfeldOptions,
} from './sommerfeld.js';

// Random evaluation points (Schwartz–Zippel).
export { randomRational, rng, schwartzZippelBound, type Rng } from './random.js';

// LaTeX and the nerdamer boundary (builds and prints expressions; never decides an identity).
export { defaultSymbolLatex, expressionLatex, matrixLatex, polyLatex, ratFuncLatex, renameSymbols } from './latex.js';
export { NerdamerValueField, nerdamerExpandsToZero, nerdamerTeX } from './cas.js';
