/**
 * A transport system (Hamiltonian + terminals) and the one pipeline every caller uses:
 * system → Onsager coefficients (closed form or quadrature) → circuit solve (Schur) → result.
 * The CLI, the report and `compare` all go through {@link solveSystem}.
 */
import type { CMatrix } from './linalg.js';
import type { Coupling } from './coupling.js';
import { K_B_EV } from './constants.js';
import { transmissionEngine, type TransmissionEngine } from './transmission.js';
import { poleExpansion, type PoleExpansion } from './poles.js';
import { onsagerClosedForm, onsagerQuadrature, worstRelativeError, type Onsager, type Reference } from './onsager.js';
import { solveCircuit, type CircuitKind, type CircuitResult, type TerminalState } from './circuit.js';

/** A terminal: its coupling and its bias/role. */
export interface Terminal extends TerminalState {
  readonly coupling: Coupling;
}

/** Hamiltonian (N × N, eV) and its terminals. */
export interface TransportSystem {
  readonly hamiltonian: CMatrix;
  readonly terminals: readonly Terminal[];
}

/** How the Onsager coefficients are computed. */
export type OnsagerMethod = 'closed-form' | 'quadrature';

/** Largest eigenvalue condition number of H_eff for which the closed form is trusted (see onsager()). */
export const CLOSED_FORM_MAX_CONDITION = 300;

/**
 * Largest estimated error of the closed form, relative to the natural scale of each coefficient
 * (onsagerScales), that is accepted; beyond it the quadrature is used (docs/physics.md §13: the
 * pole sums cancel at transmission zeros at low T, losing ~ε·Σ|terms|/L).
 */
export const CLOSED_FORM_TARGET = 5e-11;

/** A system with its transmission engine and pole expansion built once (both lazily). */
export interface PreparedSystem {
  readonly system: TransportSystem;
  readonly engine: () => TransmissionEngine;
  readonly poles: () => PoleExpansion;
  /** Onsager coefficients at (μ0, T0). */
  onsager(reference: Reference, method?: OnsagerMethod): Onsager;
}

/** The `inSelfEnergy` flags: test (zero-coupling) probes do not enter G. */
export function selfEnergyFlags(system: TransportSystem): boolean[] {
  return system.terminals.map((t) => !(t.role !== 'lead' && t.test === true));
}

/** Prepare a system for repeated evaluation (e.g. a μ0 scan: the eigenproblems are solved once). */
export function prepareSystem(system: TransportSystem): PreparedSystem {
  const inSelfEnergy = selfEnergyFlags(system);
  const couplings = system.terminals.map((t) => t.coupling);
  let engine: TransmissionEngine | undefined;
  let poles: PoleExpansion | undefined;
  const getEngine = () => (engine ??= transmissionEngine(system.hamiltonian, couplings, { inSelfEnergy }));
  const getPoles = () => (poles ??= poleExpansion(system.hamiltonian, couplings, { inSelfEnergy }));
  return {
    system,
    engine: getEngine,
    poles: getPoles,
    onsager(reference: Reference, method: OnsagerMethod = 'closed-form'): Onsager {
      const kT = K_B_EV * reference.temperature;
      let p: PoleExpansion | undefined;
      if (method === 'closed-form') {
        try { p = getPoles(); } catch { p = undefined; } // a failed pole expansion: quadrature below
      }
      if (p) {
        // Near an exceptional point of H_eff the residues (built from left and right eigenvectors)
        // lose ~κ²ε (measured: κ = 7e5 gave 5e-4): beyond κ = 300 (κ²ε ≈ 2e-11) the quadrature,
        // which does not see κ, is used instead (reported in `method`).
        // docs/physics.md §13: the closed form estimates its own rounding error and hands over
        // when it exceeds CLOSED_FORM_TARGET of the natural scale (transmission zeros at low T).
        if (p.maxCondition <= CLOSED_FORM_MAX_CONDITION) {
          // T(μ0) from the Green's-function engine: the zero-temperature parts are subtracted
          const t0 = new Float64Array(p.terminals * p.terminals);
          getEngine().evaluate(reference.mu, t0);
          const cf = onsagerClosedForm(p, reference.mu, kT, t0);
          if (worstRelativeError(cf) <= CLOSED_FORM_TARGET) return cf;
        }
      }
      // Mesh seeds: the poles (exact positions and widths) when available, else the levels of H.
      let resonances: ReadonlyArray<readonly [number, number]>;
      try {
        const p = getPoles();
        const rs: Array<[number, number]> = [];
        for (let k = 0; k < p.poles; k++) rs.push([p.lambdaRe[k], -2 * p.lambdaIm[k]]);
        resonances = rs;
      } catch {
        resonances = getEngine().resonances;
      }
      return onsagerQuadrature(getEngine(), reference.mu, kT, { resonances });
    },
  };
}

/** Onsager coefficients and the solved circuit. */
export interface SystemSolution {
  readonly onsager: Onsager;
  readonly circuit: CircuitResult;
}

/** Solve a system: Onsager coefficients at the reference point, then the circuit. */
export function solveSystem(system: TransportSystem | PreparedSystem, reference: Reference, kind: CircuitKind, method: OnsagerMethod = 'closed-form'): SystemSolution {
  const prepared = 'onsager' in system ? system : prepareSystem(system);
  const onsager = prepared.onsager(reference, method);
  const circuit = solveCircuit(onsager, prepared.system.terminals, reference, kind);
  return { onsager, circuit };
}
