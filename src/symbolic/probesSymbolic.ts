/**
 * Symbolic effective Onsager coefficients of any set of VP/VTP probes (docs/physics.md §4; paper
 * Eqs. 10–11 for the VP, 15–16 for the VTP): the exact Schur complement of the symbolic Onsager
 * matrix, every entry num/det M_UU over Q[L] (Sylvester's bordered determinants), with LaTeX.
 *
 * L̃^(ν)_αβ is read off M̃ like L^(ν) off M: ν = 0 is the (J^N_α, μ_β) entry, ν = 1 the
 * (J^N_α, θ_β) entry, ν = 2 the (J^Q_α, θ_β) entry (α ≠ β; for the VP, β may be the probe's θ).
 */
import { PolyRing } from './field.js';
import { Poly, RatFunc } from './polynomial.js';
import { borderedSchur } from './schur.js';
import { symbolicOnsagerMatrix } from './onsagerSymbolic.js';
import { circuitUnknowns, type ExactRole } from './circuitExact.js';
import { defaultSymbolLatex, ratFuncLatex } from './latex.js';

/** The effective (probe-eliminated) Onsager matrix in symbols. */
export interface SymbolicEffective {
  readonly terminals: readonly string[];
  readonly roles: readonly ExactRole[];
  /** Remaining variable indices (μ_α: α, θ_α: n + α). */
  readonly free: readonly number[];
  /** det M_UU, the common denominator. */
  readonly den: Poly;
  /** Numerators, |free| × |free|. */
  readonly num: readonly (readonly Poly[])[];
  /** M̃ entry (by original variable indices) as a rational function. */
  entry(i: number, j: number): RatFunc;
  /** L̃^(ν)_αβ as a rational function (terminal names). @throws RangeError if eliminated */
  coefficient(nu: 0 | 1 | 2, a: string, b: string): RatFunc;
  /** LaTeX "\tilde L^{(ν)}_{αβ} = …". */
  coefficientLatex(nu: 0 | 1 | 2, a: string, b: string): string;
}

/**
 * Eliminate the probes (μ of every VP/VTP, θ of every VTP) from the symbolic Onsager matrix of
 * `terminals` (electronic circuit: leads keep μ and θ).
 * @example
 * ```ts
 * import { symbolicEffective } from 'probecheck/symbolic';
 *
 * // A VTP between two leads: the effective coefficients as exact rational functions of the L^(ν)_αβ.
 * const eff = symbolicEffective(['L', 'R', 'P'], ['lead', 'lead', 'VTP']);
 * console.log(eff.coefficientLatex(0, 'L', 'R'));
 * ```
 */
export function symbolicEffective(terminals: readonly string[], roles: readonly ExactRole[]): SymbolicEffective {
  if (terminals.length !== roles.length) throw new RangeError('one role per terminal');
  const n = terminals.length;
  const M = symbolicOnsagerMatrix(PolyRing, terminals, (s) => Poly.variable(s));
  const U = circuitUnknowns(roles, 'electronic');
  const b = borderedSchur(PolyRing, M, U);
  const entry = (i: number, j: number): RatFunc => {
    const r = b.free.indexOf(i),
      c = b.free.indexOf(j);
    if (r < 0 || c < 0) throw new RangeError(`variable ${r < 0 ? i : j} was eliminated`);
    return new RatFunc(b.num[r][c], b.den);
  };
  const idx = (t: string) => {
    const k = terminals.indexOf(t);
    if (k < 0) throw new RangeError(`unknown terminal ${t}`);
    return k;
  };
  const coefficient = (nu: 0 | 1 | 2, a: string, c: string): RatFunc => {
    const row = nu === 2 ? n + idx(a) : idx(a);
    const col = nu === 0 ? idx(c) : n + idx(c);
    return entry(row, col);
  };
  const sym = defaultSymbolLatex(terminals);
  return {
    terminals,
    roles,
    free: b.free,
    den: b.den,
    num: b.num,
    entry,
    coefficient,
    coefficientLatex: (nu, a, c) => `\\tilde L^{(${nu})}_{${a}${c}} = ${ratFuncLatex(coefficient(nu, a, c), sym)}`,
  };
}
