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
import { onsagerClosedForm, onsagerQuadrature, type Onsager, type Reference } from './onsager.js';
import { solveCircuit, type CircuitKind, type CircuitResult, type TerminalState } from './circuit.js';
import { denseNonZeros, reverseCuthillMcKee, sparseFromDense, type SparseMatrix } from './sparse.js';
import { sparseChannels, sparseOnsager, sparseResonances, sparseTransmissionEngine, SPARSE_WINDOW, type SparseChannel, type SparseTransmissionEngine } from './sparseTransmission.js';

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
 * Sites from which a sparse H (≤ {@link SPARSE_MAX_ENTRIES_PER_SITE} stored entries per row) takes the
 * sparse path (docs/physics.md §14): the closed form needs the dense non-Hermitian eigenproblem of
 * H_eff, O(N³) with a large constant (407 s at N = 2000), the sparse quadrature O(N) per energy on
 * chains and ribbons.
 */
export const SPARSE_MIN_SITES = 300;
/** Stored entries of H per row (mean) up to which H counts as sparse. */
export const SPARSE_MAX_ENTRIES_PER_SITE = 16;
/**
 * Largest N·b² (b the RCM half-bandwidth of H) for which the sparse Onsager path locates the levels
 * that seed its quadrature (each Sturm count costs N·b²): chains (b = 1) up to 10⁷ sites, ribbons of
 * width ~10 up to ~10⁵. Wider devices get the sparse transmission engine but no Onsager path.
 */
export const SPARSE_MAX_SEEDING_WORK = 1e7;

/** Thrown when a system is too large for the dense path and too wide for the sparse Onsager path. */
export class SparseLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SparseLimitError';
  }
}

/** A system with its transmission engine and pole expansion built once (both lazily). */
export interface PreparedSystem {
  readonly system: TransportSystem;
  /** "dense" (eigen-decomposition, closed form available) or "sparse" (large sparse H: sparse LU per energy, quadrature). */
  readonly path: 'dense' | 'sparse';
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
  const getPoles = () => (poles ??= poleExpansion(system.hamiltonian, couplings, { inSelfEnergy }));
  const N = system.hamiltonian.rows;
  const sparse = N >= SPARSE_MIN_SITES && denseNonZeros(system.hamiltonian) <= SPARSE_MAX_ENTRIES_PER_SITE * N;
  if (sparse) {
    // docs/physics.md §14: the sparse path (sparse LU per energy, quadrature seeded with the levels)
    const h: SparseMatrix = sparseFromDense(system.hamiltonian);
    const channels: SparseChannel[][] = couplings.map(sparseChannels);
    const getSparse = (): SparseTransmissionEngine => (engine ??= sparseTransmissionEngine(h, channels, { inSelfEnergy })) as SparseTransmissionEngine;
    let seedingWork: number | undefined;
    const resonanceCache = new Map<string, Array<[number, number]>>();
    return {
      system,
      path: 'sparse',
      engine: getSparse,
      poles: getPoles,
      onsager(reference: Reference): Onsager {
        const kT = K_B_EV * reference.temperature;
        if (seedingWork === undefined) { const b = reverseCuthillMcKee(h).bandwidth; seedingWork = N * Math.max(1, b) * Math.max(1, b); }
        if (seedingWork > SPARSE_MAX_SEEDING_WORK) throw new SparseLimitError(`H has ${N} sites and RCM bandwidth ${Math.round(Math.sqrt(seedingWork / N))}: too large for the dense closed form and too wide for the sparse Onsager path (N·b² = ${seedingWork.toExponential(1)} > ${SPARSE_MAX_SEEDING_WORK.toExponential(0)}); the transmission engine still works`);
        const lo = reference.mu - (SPARSE_WINDOW + 1) * kT, hi = reference.mu + (SPARSE_WINDOW + 1) * kT;
        const key = `${lo}:${hi}`;
        let res = resonanceCache.get(key);
        if (!res) { res = sparseResonances(h, channels, lo, hi, { inSelfEnergy }); resonanceCache.set(key, res); }
        return sparseOnsager(getSparse(), res, reference.mu, kT);
      },
    };
  }
  const getEngine = () => (engine ??= transmissionEngine(system.hamiltonian, couplings, { inSelfEnergy }));
  return {
    system,
    path: 'dense',
    engine: getEngine,
    poles: getPoles,
    onsager(reference: Reference, method: OnsagerMethod = 'closed-form'): Onsager {
      const kT = K_B_EV * reference.temperature;
      if (method === 'closed-form') {
        const p = getPoles();
        // Near an exceptional point of H_eff the residues (built from left and right eigenvectors)
        // lose ~κ²ε (measured: κ = 7e5 gave 5e-4): beyond κ = 300 (κ²ε ≈ 2e-11) the quadrature,
        // which does not see κ, is used instead (reported in `method`).
        if (p.maxCondition <= CLOSED_FORM_MAX_CONDITION) return onsagerClosedForm(p, reference.mu, kT);
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
