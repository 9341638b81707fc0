/**
 * Exact linear-response circuits over any field (docs/physics.md §4–§5; paper §III): the same
 * boundary conditions as solveCircuit() in src/numeric/circuit.ts, written independently, so a
 * derivation can be run over rational functions (symbolic route), random rationals
 * (Schwartz–Zippel route) or degree bounds.
 *
 * Variables x = (μ_α − μ0 [eV], θ_α = (T_α − T0)/T0), rows y = h (J^N_α, J^Q_α) (currents into
 * each terminal). Electronic circuit: μ and θ of every lead given; unknowns μ_P of each probe and
 * θ_P of each VTP. Thermal circuit: additionally the μ of every lead but the first (the gauge).
 */
import type { Field } from './field.js';
import { schurComplement, type ExactSchur } from './schur.js';

/** Role of a terminal in an exact circuit. */
export type ExactRole = 'lead' | 'VP' | 'VTP';

/** A solved exact circuit. */
export interface ExactCircuit<T> {
  /** All 2n variables (given and solved). */
  readonly x: T[];
  /** y = M x: h J^N (first n) and h J^Q (last n). */
  readonly y: T[];
  readonly schur: ExactSchur<T>;
}

/** The unknown variable indices for the roles and circuit kind (ascending). */
export function circuitUnknowns(roles: readonly ExactRole[], kind: 'electronic' | 'thermal'): number[] {
  const n = roles.length;
  const U: number[] = [];
  const gauge = roles.indexOf('lead');
  roles.forEach((r, a) => {
    if (r === 'lead') {
      if (kind === 'thermal' && a !== gauge) U.push(a);
    } else {
      U.push(a);
      if (r === 'VTP') U.push(n + a);
    }
  });
  return U.sort((p, q) => p - q);
}

/**
 * Solve y_U = 0 for the unknowns and return x and y.
 * @param M 2n × 2n Onsager matrix over F
 * @param roles role of each terminal
 * @param given values of the given variables (entries at unknown indices are ignored)
 * @example
 * ```ts
 * import { RationalField, rational, solveExactCircuit } from 'probecheck/symbolic';
 *
 * // Two leads and a VP over exact rationals: M = [[𝓛0, 𝓛1], [𝓛1, 𝓛2]] from chosen L^(ν)_αβ.
 * const q = rational.rat;
 * const L0 = [[q(-3), q(1), q(2)], [q(1), q(-2), q(1)], [q(2), q(1), q(-3)]];
 * const L1 = [[q(0), q(0), q(0)], [q(0), q(0), q(0)], [q(0), q(0), q(0)]];
 * const L2 = [[q(-3), q(1), q(2)], [q(1), q(-2), q(1)], [q(2), q(1), q(-3)]];
 * const M = [...L0.map((r, a) => [...r, ...(L1[a] ?? [])]), ...L1.map((r, a) => [...r, ...(L2[a] ?? [])])];
 * const given = [q(1), q(-1), q(0), q(0), q(0), q(0)]; // μ_L, μ_R (μ_P is solved), θ = 0
 * const c = solveExactCircuit(RationalField, M, ['lead', 'lead', 'VP'], 'electronic', given);
 * console.log(rational.toString(c.x[2] ?? rational.ZERO)); // μ_P = 1/3
 * ```
 */
export function solveExactCircuit<T>(
  F: Field<T>,
  M: readonly (readonly T[])[],
  roles: readonly ExactRole[],
  kind: 'electronic' | 'thermal',
  given: readonly T[],
): ExactCircuit<T> {
  const U = circuitUnknowns(roles, kind);
  const schur = schurComplement(F, M, U);
  const x = [...given];
  schur.unknown.forEach((u, k) => {
    let s = F.zero;
    schur.free.forEach((f, b) => {
      s = F.add(s, F.mul(schur.response[k][b], given[f]));
    });
    x[u] = s;
  });
  const y = M.map((row) => row.reduce((s, a, j) => F.add(s, F.mul(a, x[j])), F.zero));
  return { x, y, schur };
}
