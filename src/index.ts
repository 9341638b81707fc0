/**
 * probecheck — the typed library API.
 *
 * ```ts
 * import { parseConfig, solveSystem } from 'probecheck';
 * const { system, reference, circuit } = parseConfig(json);
 * const { onsager, circuit: result } = solveSystem(system, reference, circuit);
 * ```
 */
export * from './numeric/constants.js';
export * from './numeric/linalg.js';
export * from './numeric/hamiltonian.js';
export * from './numeric/coupling.js';
export * from './numeric/transmission.js';
export * from './numeric/polygamma.js';
export * from './numeric/quadrature.js';
export * from './numeric/poles.js';
export * from './numeric/onsager.js';
export * from './numeric/probes.js';
export * from './numeric/circuit.js';
export * from './numeric/system.js';
export * from './scan.js';
export * from './config.js';
export { VERSION } from './version.js';

// Symbolic layer: exact BigInt rationals, polynomials and rational functions, symbolic Onsager
// matrices and Schur complements, the Sommerfeld engine, LaTeX, and the nerdamer boundary.
export * as rational from './symbolic/rational.js';
export type { Rational } from './symbolic/rational.js';
export { Poly, RatFunc, type Monomial } from './symbolic/polynomial.js';
export * from './symbolic/field.js';
export * from './symbolic/onsagerSymbolic.js';
export * from './symbolic/schur.js';
export * from './symbolic/circuitExact.js';
export * from './symbolic/probesSymbolic.js';
export * from './symbolic/sommerfeld.js';
export * from './symbolic/random.js';
export { defaultSymbolLatex, renameSymbols, expressionLatex, polyLatex, ratFuncLatex, matrixLatex, text as latexText } from './symbolic/latex.js';
export { nerdamerText, nerdamerExpand, nerdamerExpandsToZero, nerdamerTeX, NerdamerValueField } from './symbolic/cas.js';
