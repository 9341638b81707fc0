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
import {
  closedFormArrays,
  closedFormKernel,
  onsagerQuadrature,
  worstRelativeError,
  type ClosedFormKernel,
  type Onsager,
  type OnsagerErrorArrays,
  type Reference,
} from './onsager.js';
import {
  pointTransmissionBuffer,
  pointTransmissionEngine,
  POINT_DD_MAX_SITES,
  type PointTransmission,
  type PointTransmissionEngine,
} from './pointTransmission.js';
import { SingularCircuitError, singularAt } from './probes.js';
import { solveCircuit, CircuitSpecError, type CircuitKind, type CircuitResult, type TerminalState } from './circuit.js';
import { energyDependentEngine, type SelfEnergyLead } from './leads.js';
import { energyResolvedElimination, onsagerEnergyResolved } from './energyResolved.js';
import { isEnergyResolved, isTestProbe, type ProbeModel } from '../model/probeModels.js';
import type { SpinFactor } from '../model/units.js';
import { isUnallocated } from './unallocated.js';
import { transmissionMemo, type TransmissionMemo } from './transmissionMemo.js';
import { denseNonZeros, reverseCuthillMcKee, sparseFromDense, type SparseMatrix } from './sparse.js';
import {
  sparseChannels,
  sparseOnsager,
  sparseLevelCount,
  sparseResonances,
  sparseTransmissionEngine,
  SPARSE_WINDOW,
  type SparseChannel,
  type SparseTransmissionEngine,
} from './sparseTransmission.js';

/** A terminal: its coupling and its bias/role. */
export interface Terminal extends TerminalState {
  /**
   * Wide-band coupling Γ. For a terminal with an energy-dependent `lead` it is the lead's
   * wide-band equivalent on its site (Γ at the band centre), used only for display and mesh seeds.
   */
  readonly coupling: Coupling;
  /** An energy-dependent self-energy Σ(E) (semi-infinite chain or table) replacing Γ (docs/physics.md §9). */
  readonly lead?: SelfEnergyLead;
}

/** Hamiltonian (N × N, eV) and its terminals. */
export interface TransportSystem {
  /** H (N × N, eV); for a sparse-only system an {@link unallocatedMatrix} (reading its entries throws). */
  readonly hamiltonian: CMatrix;
  /**
   * H in sparse form (docs/physics.md §14). When given, {@link prepareSystem}'s sparse path uses it
   * directly (no N × N scan); a system above the dense size limit has only this form.
   */
  readonly sparseHamiltonian?: SparseMatrix;
  readonly terminals: readonly Terminal[];
  /** Spin degeneracy factor s (default 1): multiplies every current, Ṡ and the reported L^(ν) (docs/physics.md §11). */
  readonly spin?: SpinFactor;
}

/** True when some terminal has an energy-dependent self-energy (no closed form). */
export function hasEnergyDependentLeads(system: TransportSystem): boolean {
  return system.terminals.some((t) => t.lead !== undefined);
}

/** Indices of the energy-resolved probes. */
export function energyResolvedProbes(system: TransportSystem): number[] {
  return system.terminals.map((t, a) => (isEnergyResolved(t.role) ? a : -1)).filter((a) => a >= 0);
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
/**
 * Largest (levels of H in the Fermi window μ0 ± 41 k_BT0) × N for which the sparse Onsager path runs:
 * locating and integrating each level costs O(N), measured ~2e-5 s per level·site on this 2-core
 * machine (a 2 000-site chain at 300 K: 252 levels, ~8 s; a 10⁵-site chain at 1 K: ~110 levels,
 * ~250 s), so the limit is a run of a few minutes. Beyond it (a 10⁵-site chain at 300 K: 3.6·10⁴
 * levels, hours) `solve` is refused with the estimate; the transmission engine still works.
 */
export const SPARSE_MAX_LEVEL_WORK = 2e7;

/** Thrown when a system is too large for the dense path and too wide for the sparse Onsager path. */
export class SparseLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SparseLimitError';
  }
}

/**
 * Largest estimated error of the closed form, relative to the natural scale of each coefficient
 * (onsagerScales), that is accepted; beyond it the quadrature is used (docs/physics.md §13: the
 * pole sums cancel at transmission zeros at low T, losing ~ε·Σ|terms|/L).
 */
export const CLOSED_FORM_TARGET = 5e-11;

/** A system with its transmission engine and pole expansion built once (both lazily). */
export interface PreparedSystem {
  readonly system: TransportSystem;
  /** "dense" (eigen-decomposition, closed form available) or "sparse" (large sparse H: sparse LU per energy, quadrature). */
  readonly path: 'dense' | 'sparse';
  readonly engine: () => TransmissionEngine;
  readonly poles: () => PoleExpansion;
  /** Onsager coefficients at (μ0, T0). */
  onsager(reference: Reference, method?: OnsagerMethod): Onsager;
  /**
   * The same coefficients as {@link PreparedSystem.onsager}, written into row `p` of scan columns
   * (no allocation where the closed form holds: the scan's hot loop). Temperature in K, μ0 in eV.
   * Returns the {@link Onsager} object where one was computed (quadrature, ER moments), null where
   * the closed form wrote the columns directly.
   */
  onsagerInto(mu: number, temperature: number, method: OnsagerMethod, cols: OnsagerColumns, p: number): Onsager | null;
  /**
   * The same device with every probe switched to `model` ({@link withProbeModel}), sharing what
   * depends on the device only (H, the couplings, the self-energy): the transmission engine, the
   * pole expansion, the sparse path's resonances and, there, the T_αβ(E) of the last reference point
   * (docs/physics.md §14, "Probe models side by side"). Results are those of
   * `prepareSystem(withProbeModel(this.system, model))`, at a fraction of the cost.
   * @example
   * ```ts
   * import { chain, localCoupling, prepareSystem } from 'probecheck';
   *
   * const n = 400; // ≥ 300 sites: the sparse path, where sharing pays most
   * const vtp = prepareSystem({
   *   hamiltonian: chain(n, -1),
   *   terminals: [
   *     { name: 'L', role: 'lead', mu: 0.3001, temperature: 31, coupling: localCoupling(n, [0], 0.5) },
   *     { name: 'R', role: 'lead', mu: 0.2999, temperature: 29, coupling: localCoupling(n, [n - 1], 0.5) },
   *     { name: 'P', role: 'VTP', coupling: localCoupling(n, [123], 0.1) },
   *   ],
   * });
   * const reference = { mu: 0.3, temperature: 30 };
   * const plain = vtp.onsager(reference);
   * const er = vtp.withProbeModel('ER').onsager(reference); // reads most T(E) from the plain quadrature
   * console.log(plain.L0[1], er.L0[1]); // L^(0)_LR of T and of T_eff (the ER probe eliminated)
   * ```
   */
  withProbeModel(model: ProbeModel): PreparedSystem;
}

/**
 * What the probe models of one device share (PreparedSystem.withProbeModel): H, the couplings and
 * which terminals are in the self-energy fix all of it.
 */
interface DeviceState {
  readonly inSelfEnergy: readonly boolean[];
  engine?: TransmissionEngine;
  poles?: PoleExpansion;
  /** Sparse path: resonances per Fermi window ("lo:hi"), the bandwidth work, the T(E) memo. */
  readonly resonances: Map<string, Array<[number, number]>>;
  /** Sparse path: the resonance of each level found so far (sparseResonances' cache), shared by overlapping windows. */
  readonly levelResonances: Map<number, readonly [number, number]>;
  seedingWork?: number;
  memo?: TransmissionMemo;
}

/**
 * Onsager coefficients of many points in columns: L0/L1/L2 points × n² (off-diagonal L^(ν)_αβ,
 * diagonal 0); `method` 0 closed form, 1 quadrature, 2 sparse quadrature; `error` the estimated error
 * relative to the natural scales (worstRelativeError; NaN when the method gives none).
 */
export interface OnsagerColumns {
  readonly L0: Float64Array;
  readonly L1: Float64Array;
  readonly L2: Float64Array;
  readonly method: Uint8Array;
  readonly error: Float64Array;
}

/** Store a computed {@link Onsager} into row `p` of scan columns. */
export function storeOnsager(o: Onsager, cols: OnsagerColumns, p: number): void {
  const nn = o.L0.length;
  cols.L0.set(o.L0, p * nn);
  cols.L1.set(o.L1, p * nn);
  cols.L2.set(o.L2, p * nn);
  cols.method[p] = o.method === 'closed-form' ? 0 : o.method === 'sparse-quadrature' ? 2 : 1;
  cols.error[p] = worstRelativeError(o);
}

/** The `inSelfEnergy` flags: test (zero-coupling) probes do not enter G. */
/**
 * H of a system in sparse form (docs/physics.md §14): the one it holds (a sparse-only config), else
 * built from the dense H (O(N²)). The one home of this choice (prepareSystem's sparse path, the
 * thermometer map).
 */
export function systemSparseHamiltonian(system: TransportSystem): SparseMatrix {
  return system.sparseHamiltonian ?? sparseFromDense(system.hamiltonian);
}

/** The channel vectors of every terminal in sparse form (held, or taken from the dense W). */
export function systemChannels(system: TransportSystem): SparseChannel[][] {
  return system.terminals.map((t) => (t.coupling.sparse ? [...t.coupling.sparse] : sparseChannels(t.coupling)));
}

/** Whether a system holds H only in sparse form (its dense H is an unallocated placeholder). */
export function isSparseOnly(system: TransportSystem): boolean {
  return isUnallocated(system.hamiltonian);
}

/**
 * Whether H and every Γ^α are real (time-reversal symmetric, docs/physics.md §12: then T_αβ = T_βα),
 * read from the sparse forms when the system holds them (no dense H is touched). Conservative for a
 * sparse channel with complex entries (Γ = WW† may still be real): reported as not symmetric.
 */
export function isTimeReversalSymmetric(system: TransportSystem): boolean {
  const h = system.sparseHamiltonian;
  if (h ? !h.im.every((v) => v === 0) : !system.hamiltonian.im.every((v) => v === 0)) return false;
  return system.terminals.every((t) =>
    t.coupling.sparse ? t.coupling.sparse.every((c) => c.im.every((v) => v === 0)) : t.coupling.gamma.im.every((v) => v === 0),
  );
}

export function selfEnergyFlags(system: TransportSystem): boolean[] {
  return system.terminals.map((t) => !isTestProbe(t));
}

/**
 * Prepare a system for repeated evaluation (e.g. a μ0 scan: the eigenproblems are solved once).
 * @example
 * ```ts
 * import { chain, localCoupling, prepareSystem, solveSystem } from 'probecheck';
 *
 * const prepared = prepareSystem({
 *   hamiltonian: chain(5, -1),
 *   terminals: [
 *     { name: 'L', role: 'lead', mu: 0.001, temperature: 300, coupling: localCoupling(5, [0], 0.3) },
 *     { name: 'R', role: 'lead', mu: 0, temperature: 300, coupling: localCoupling(5, [4], 0.3) },
 *   ],
 * });
 * for (const mu of [-0.5, 0, 0.5]) {
 *   // the eigenproblems are solved once; each reference point costs one Onsager evaluation
 *   const { circuit } = solveSystem(prepared, { mu, temperature: 300 }, 'electronic');
 *   console.log(mu, circuit.chargeCurrent[1]);
 * }
 * ```
 */
export function prepareSystem(system: TransportSystem): PreparedSystem {
  // every field present from the start: one hidden class for every device (fields added later, in
  // whatever order the path fills them, would give the closures that read them several)
  const device: DeviceState = {
    inSelfEnergy: selfEnergyFlags(system),
    resonances: new Map(),
    levelResonances: new Map(),
    engine: undefined,
    poles: undefined,
    seedingWork: undefined,
    memo: undefined,
  };
  return prepareOnDevice(system, device);
}

function prepareOnDevice(system: TransportSystem, device: DeviceState): PreparedSystem {
  const inSelfEnergy = device.inSelfEnergy;
  const couplings = system.terminals.map((t) => t.coupling);
  // Read once: the closures below run per point, and `system` objects reach them with several
  // hidden classes (a scan's per-γ copies are spreads), so each read of a field of `system` there
  // was a map check that deoptimised the scan's hot loop when a new class appeared.
  const hamiltonian = system.hamiltonian,
    terminals = system.terminals,
    nTerminals = terminals.length;
  const energyDependent = hasEnergyDependentLeads(system);
  const er = energyResolvedProbes(system);
  let kernel: ClosedFormKernel | null | undefined;
  let point: PointTransmissionEngine | null | undefined;
  let pointBuf: PointTransmission | undefined;
  let t0Buf: Float64Array | undefined;
  let intoT = NaN,
    intoKT = NaN;
  const getEngine = () =>
    (device.engine ??= energyDependent
      ? energyDependentEngine(hamiltonian, terminals, inSelfEnergy)
      : transmissionEngine(hamiltonian, couplings, { inSelfEnergy }));
  const getPoles = () => {
    if (energyDependent) throw new Error('no pole expansion: the system has energy-dependent leads (docs/physics.md §9)');
    return (device.poles ??= poleExpansion(hamiltonian, couplings, { inSelfEnergy }));
  };
  const leadBreakpoints = system.terminals.flatMap((t) => t.lead?.breakpoints ?? []);
  const checkDomain = (reference: Reference, window: number) => {
    const kT = K_B_EV * reference.temperature;
    system.terminals.forEach((t, a) => {
      if (!t.lead) return;
      const [lo, hi] = t.lead.domain;
      if (reference.mu - window * kT < lo || reference.mu + window * kT > hi) {
        throw new CircuitSpecError(
          `terminals[${a}].coupling.selfEnergy.energies: the tabulated self-energy of "${t.name}" covers [${lo}, ${hi}] eV but the Fermi window needs [${reference.mu - window * kT}, ${reference.mu + window * kT}] eV (μ0 ± 40 k_BT0)`,
          `terminals[${a}].coupling.selfEnergy.energies`,
        );
      }
    });
  };
  const given = system.sparseHamiltonian;
  const N = given ? given.n : system.hamiltonian.rows;
  const denseMissing = isUnallocated(system.hamiltonian) || couplings.some((c) => isUnallocated(c.gamma));
  const nonZeros = () => (given ? given.rowPtr[N] : denseNonZeros(system.hamiltonian));
  // energy-dependent leads need the dense engine (docs/physics.md §9); ER probes run on either
  // path (the elimination needs only T_αβ(E) among the terminals, docs/physics.md §8, §14)
  const sparse = !energyDependent && N >= SPARSE_MIN_SITES && nonZeros() <= SPARSE_MAX_ENTRIES_PER_SITE * N;
  if (!sparse && denseMissing) {
    const why = [
      energyDependent ? 'energy-dependent leads Σ(E)' : '',
      N < SPARSE_MIN_SITES ? `fewer than ${SPARSE_MIN_SITES} sites` : '',
      !energyDependent && N >= SPARSE_MIN_SITES ? `more than ${SPARSE_MAX_ENTRIES_PER_SITE} stored entries of H per site` : '',
    ].filter(Boolean);
    throw new SparseLimitError(
      `the system has only sparse forms of H and Γ (${N} sites) but needs the dense solver: ${why.join(' and ')} (docs/physics.md §14)`,
    );
  }
  if (sparse) {
    // docs/physics.md §14: the sparse path (sparse LU per energy, quadrature seeded with the levels)
    const h = systemSparseHamiltonian(system);
    const channels = systemChannels(system);
    const getSparse = (): SparseTransmissionEngine => (device.engine ??= sparseTransmissionEngine(h, channels, { inSelfEnergy })) as SparseTransmissionEngine;
    const resonanceCache = device.resonances;
    return {
      system,
      path: 'sparse',
      engine: getSparse,
      poles: getPoles,
      withProbeModel: (model: ProbeModel) => variant(system, device, model),
      onsager(reference: Reference): Onsager {
        const kT = K_B_EV * reference.temperature;
        if (device.seedingWork === undefined) {
          const b = reverseCuthillMcKee(h).bandwidth;
          device.seedingWork = N * Math.max(1, b) * Math.max(1, b);
        }
        const seedingWork = device.seedingWork;
        if (seedingWork > SPARSE_MAX_SEEDING_WORK)
          throw new SparseLimitError(
            `H has ${N} sites and RCM bandwidth ${Math.round(Math.sqrt(seedingWork / N))}: too large for the dense closed form and too wide for the sparse Onsager path (N·b² = ${seedingWork.toExponential(1)} > ${SPARSE_MAX_SEEDING_WORK.toExponential(0)}); the transmission engine still works`,
          );
        const lo = reference.mu - (SPARSE_WINDOW + 1) * kT,
          hi = reference.mu + (SPARSE_WINDOW + 1) * kT;
        const key = `${lo}:${hi}`;
        let res = resonanceCache.get(key);
        if (!res) {
          // docs/physics.md §14: the cost grows as levels in the window × N; refuse a run of hours
          const levels = sparseLevelCount(h, lo, hi);
          if (levels * N > SPARSE_MAX_LEVEL_WORK)
            throw new SparseLimitError(
              `H has ${levels} levels in the Fermi window μ0 ± ${SPARSE_WINDOW + 1} k_BT0 and ${N} sites: the sparse Onsager path would locate and integrate each at O(N) cost (levels × N = ${(levels * N).toExponential(1)} > ${SPARSE_MAX_LEVEL_WORK.toExponential(0)}, hours on this kind of machine); lower T0 or N — the transmission engine still works`,
            );
          res = sparseResonances(h, channels, lo, hi, { inSelfEnergy, method: getSparse().solver.method, cache: device.levelResonances });
          resonanceCache.set(key, res);
        }
        // T_αβ(E) through the device's memo: the probe models side by side at this reference point,
        // and the μ0 point before it, evaluate largely the same energies (docs/physics.md §14,
        // "Probe models side by side", "Neighbouring μ0")
        const engine = (device.memo ??= transmissionMemo(getSparse())).at(reference.mu, reference.temperature);
        if (er.length) {
          // docs/physics.md §8, §14: the ER probes eliminated energy by energy over the sparse
          // engine's T_αβ(E), on the mesh of the plain sparse quadrature (Lorentzian panels), seeded
          // with the same resonances
          const elim = energyResolvedElimination(nTerminals, er, terminals.map(isTestProbe));
          const o = onsagerEnergyResolved(engine, elim, reference.mu, kT, { resonances: res, lorentzian: true });
          return {
            ...o,
            method: 'sparse-quadrature',
            methodReason:
              'closed form does not apply: energy-resolved probes (T_eff is a ratio of transmissions); adaptive quadrature over the sparse engine used',
          };
        }
        return sparseOnsager(engine, res, reference.mu, kT);
      },
      onsagerInto(mu: number, temperature: number, _method: OnsagerMethod, cols: OnsagerColumns, p: number): Onsager | null {
        const o = this.onsager({ mu, temperature });
        storeOnsager(o, cols, p);
        return o;
      },
    };
  }
  return {
    system,
    path: 'dense',
    engine: getEngine,
    poles: getPoles,
    withProbeModel: (model: ProbeModel) => variant(system, device, model),
    onsager(reference: Reference, method: OnsagerMethod = 'closed-form'): Onsager {
      if (method === 'closed-form' && !(er.length || energyDependent)) {
        const { L0, L1, L2, error } = closedFormArrays(nTerminals * nTerminals);
        if (closedFormAt(reference.mu, K_B_EV * reference.temperature, L0, L1, L2, 0, error) <= CLOSED_FORM_TARGET)
          return { terminals: nTerminals, L0, L1, L2, method: 'closed-form', error };
      }
      return byQuadrature(reference, method);
    },
    onsagerInto(mu: number, temperature: number, method: OnsagerMethod, cols: OnsagerColumns, p: number): Onsager | null {
      if (method === 'closed-form' && !(er.length || energyDependent)) {
        // k_BT0 computed once per temperature: passed on as the same boxed number, not a new one per point
        if (temperature !== intoT) {
          intoT = temperature;
          intoKT = K_B_EV * temperature;
        }
        const worst = closedFormAt(mu, intoKT, cols.L0, cols.L1, cols.L2, p * nTerminals * nTerminals, null);
        if (worst <= CLOSED_FORM_TARGET) {
          cols.method[p] = 0;
          cols.error[p] = worst;
          return null;
        }
      }
      const o = byQuadrature({ mu, temperature }, method);
      storeOnsager(o, cols, p);
      return o;
    },
  };
  /**
   * The quadrature routes (docs/physics.md §8, §9, §13): ER probes and energy-dependent leads
   * (no pole form), the hand-over from the closed form, or quadrature asked for.
   */
  function byQuadrature(reference: Reference, method: OnsagerMethod): Onsager {
    const kT = K_B_EV * reference.temperature;
    if (er.length || energyDependent) {
      // docs/physics.md §8, §9: neither T^eff (a ratio of transmissions) nor Σ(E) has the pole form:
      // adaptive quadrature with its own error estimate, recorded in `method`.
      checkDomain(reference, 40);
      const eng = getEngine();
      const resonances = energyDependent ? eng.resonances : polesOrLevels();
      const reason = [er.length ? 'energy-resolved probes (T_eff is a ratio of transmissions)' : '', energyDependent ? 'energy-dependent leads Σ(E)' : '']
        .filter(Boolean)
        .join(' and ');
      const methodReason = method === 'closed-form' ? `closed form does not apply: ${reason}; adaptive quadrature used` : undefined;
      if (er.length) {
        const elim = energyResolvedElimination(system.terminals.length, er, system.terminals.map(isTestProbe));
        const o = onsagerEnergyResolved(eng, elim, reference.mu, kT, { resonances, breakpoints: leadBreakpoints });
        return { ...o, ...(methodReason ? { methodReason } : {}) };
      }
      const o = onsagerQuadrature(eng, reference.mu, kT, { resonances, breakpoints: leadBreakpoints });
      return { ...o, ...(methodReason ? { methodReason } : {}) };
    }
    // each pole integrated in its Lorentzian variable (docs/physics.md §3): a level far narrower than
    // k_BT (a weakly coupled side site) converges where 7 breakpoints per pole stall
    return onsagerQuadrature(getEngine(), reference.mu, kT, { resonances: polesOrLevels(), lorentzian: true });
  }
  /**
   * The closed form at one point (docs/physics.md §13), in three tiers: the plain pole sums; where
   * their estimated error exceeds CLOSED_FORM_TARGET, the zero-temperature parts of L^(0), L^(2)
   * subtracted with T(μ0) from the double engine; where that is not enough, T(μ0) and T′(μ0) from
   * the double-double point evaluation (N ≤ POINT_DD_MAX_SITES) subtract L^(1)'s as well. Writes L^(ν) at `off` and the errors (when asked); returns the
   * worst relative error, Infinity when the closed form does not apply (no expansion, κ too large).
   */
  function closedFormAt(mu: number, kT: number, L0: Float64Array, L1: Float64Array, L2: Float64Array, off: number, error: OnsagerErrorArrays | null): number {
    if (kernel === undefined) {
      kernel = null;
      try {
        const p = getPoles();
        // Near an exceptional point of H_eff the residues (built from left and right eigenvectors)
        // lose ~κ²ε (measured: κ = 7e5 gave 5e-4): beyond κ = 300 (κ²ε ≈ 2e-11) the quadrature,
        // which does not see κ, is used instead (reported in `method`).
        if (p.maxCondition <= CLOSED_FORM_MAX_CONDITION) kernel = closedFormKernel(p);
      } catch {
        kernel = null; // a failed pole expansion: quadrature
      }
    }
    if (kernel === null) return Infinity;
    const plain = kernel.evaluate(mu, kT, null, L0, L1, L2, off, error);
    if (plain <= CLOSED_FORM_TARGET) return plain;
    // T(μ0) from the double-precision Green's-function engine: exact to ~ε² at a node (T = ‖K‖²)
    t0Buf ??= new Float64Array(couplings.length ** 2);
    getEngine().evaluate(mu, t0Buf);
    const withT = kernel.evaluate(mu, kT, t0Buf, L0, L1, L2, off, error);
    if (withT <= CLOSED_FORM_TARGET) return withT;
    // T′(μ0) as well (L^(1) at a node): double-double, from the exact double inputs
    if (point === undefined) {
      point = null;
      if (N <= POINT_DD_MAX_SITES) {
        point = pointTransmissionEngine(hamiltonian, couplings, inSelfEnergy);
        pointBuf = pointTransmissionBuffer(couplings.length);
      }
    }
    if (point === null || !pointBuf || !point.evaluate(mu, pointBuf)) return withT;
    return kernel.evaluate(mu, kT, pointBuf, L0, L1, L2, off, error);
  }
  /** Mesh seeds: the poles (exact positions and widths) when available, else the levels of H. */
  function polesOrLevels(): ReadonlyArray<readonly [number, number]> {
    try {
      const p = getPoles();
      const rs: Array<[number, number]> = [];
      for (let k = 0; k < p.poles; k++) rs.push([p.lambdaRe[k], -2 * p.lambdaIm[k]]);
      return rs;
    } catch {
      return getEngine().resonances;
    }
  }
}

/**
 * PreparedSystem.withProbeModel: the device's state shared. withProbeModel changes only the probes'
 * roles and VP temperatures; H, the couplings and the self-energy flags (leads and non-test probes
 * in, test probes out) stay as they are (test/numeric/transmissionMemo.test.ts pins this).
 */
function variant(system: TransportSystem, device: DeviceState, model: ProbeModel): PreparedSystem {
  return prepareOnDevice(withProbeModel(system, model), device);
}

/** Onsager coefficients and the solved circuit. */
export interface SystemSolution {
  readonly onsager: Onsager;
  readonly circuit: CircuitResult;
}

/**
 * Solve a system: Onsager coefficients at the reference point, then the circuit.
 * @example
 * ```ts
 * import { benzene, localCoupling, solveSystem, type TransportSystem } from 'probecheck';
 *
 * const system: TransportSystem = {
 *   hamiltonian: benzene(-2.64),
 *   terminals: [
 *     { name: 'L', role: 'lead', mu: 0.0005, temperature: 300, coupling: localCoupling(6, [0], 0.5) },
 *     { name: 'R', role: 'lead', mu: -0.0005, temperature: 300, coupling: localCoupling(6, [3], 0.5) },
 *     { name: 'P', role: 'VTP', coupling: localCoupling(6, [1], 0.1) },
 *   ],
 * };
 * const { onsager, circuit } = solveSystem(system, { mu: 0, temperature: 300 }, 'electronic');
 * console.log(onsager.L0, circuit.mu, circuit.temperature); // L^(0) n×n; μ_P and T_P solved
 * ```
 */
export function solveSystem(
  system: TransportSystem | PreparedSystem,
  reference: Reference,
  kind: CircuitKind,
  method: OnsagerMethod = 'closed-form',
): SystemSolution {
  const prepared = 'onsager' in system ? system : prepareSystem(system);
  const onsager = prepared.onsager(reference, method);
  try {
    const circuit = solveCircuit(onsager, prepared.system.terminals, reference, kind, prepared.system.spin ?? 1);
    return { onsager, circuit };
  } catch (e) {
    if (!(e instanceof SingularCircuitError)) throw e;
    throw singularAt(
      e,
      `at the reference point μ0 = ${reference.mu} eV, T0 = ${reference.temperature} K`,
      'move the reference point (reference.mu, reference.T)',
    );
  }
}

/**
 * The system with every probe switched to one probe model (VP, VTP or ER), couplings unchanged: a
 * VP keeps its configured temperature (default T0), a probe that becomes a VP from another model is
 * held at T0 (docs/physics.md §8: the three models side by side).
 */
export function withProbeModel(system: TransportSystem, model: ProbeModel): TransportSystem {
  return {
    ...system,
    terminals: system.terminals.map((t) =>
      t.role === 'lead'
        ? t
        : {
            ...t,
            role: model,
            temperature: model === 'VP' && t.role === 'VP' ? t.temperature : undefined,
          },
    ),
  };
}
