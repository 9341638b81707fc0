/**
 * probecheck — the typed library API (`import … from 'probecheck'`).
 *
 * The root entry is the numeric pipeline a user builds on: a system (Hamiltonian + wide-band
 * terminals) → Onsager coefficients (closed form or quadrature) → a circuit with its probes
 * eliminated → currents, probe μ/T, entropy production, thermopower; plus the CONFIG.json
 * validator and the μ0/γ scans. Two layers are imported on purpose through their own subpaths:
 * `probecheck/symbolic` (exact BigInt rationals, rational functions, symbolic Schur complements,
 * the Sommerfeld engine) and `probecheck/compare` (the regression oracle for other probe codes).
 * Internal kernels (dense complex linear algebra, polygamma, the Gauss–Kronrod engine, the
 * workspace-level Schur solver) are deliberately not exported; their modules are not part of the
 * public API and may change without notice.
 *
 * Physics: docs/physics.md §1–§7 (units §1, model §2, Onsager functions §3, probes §4,
 * circuits and entropy production §5).
 *
 * @example
 * ```ts
 * import { parseConfig, solveSystem } from 'probecheck';
 *
 * const { system, reference, circuit } = parseConfig({
 *   hamiltonian: { model: 'benzene', hopping: -2.64 },
 *   reference: { mu: 0, T: 300 },
 *   terminals: [
 *     { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 300 },
 *     { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: -0.0005, T: 300 },
 *     { name: 'P', probe: 'VP', coupling: { sites: [1], gamma: 0.1 } },
 *   ],
 * });
 * const { circuit: result } = solveSystem(system, reference, circuit);
 * console.log(result.chargeCurrent, result.entropyProduction); // A per terminal, W/K
 * ```
 * @packageDocumentation
 */

// Physical constants (CODATA 2018, exact SI where defined) — docs/physics.md §1.
export { K_B_EV, H_EV_S, E_CHARGE } from './numeric/constants.js';

// The model: Hamiltonians and wide-band couplings — docs/physics.md §2.
export type { CMatrix } from './numeric/linalg.js';
export { benzene, chain, grapheneFlake, hamiltonianFromEdges, hamiltonianFromMatrix, ring, type Complex, type Edge } from './numeric/hamiltonian.js';
export { localCoupling, matrixCoupling, type Coupling } from './numeric/coupling.js';

// Transmission T_αβ(E) and its pole expansion — docs/physics.md §2–§3.
export { transmissionDirect, transmissionEngine, type TransmissionEngine, type TransmissionOptions } from './numeric/transmission.js';
export { poleExpansion, transmissionFromPoles, type PoleExpansion } from './numeric/poles.js';

// Onsager functions L^(0,1,2): closed form and quadrature — docs/physics.md §3.
export {
  onsagerClosedForm,
  onsagerMatrix,
  onsagerQuadrature,
  onsagerScales,
  worstRelativeError,
  type Onsager,
  type OnsagerQuadrature,
  type QuadratureOptions,
  type Reference,
} from './numeric/onsager.js';

// Probes as Schur complements; circuits, Ṡ, thermopower — docs/physics.md §4–§5.
export { SingularCircuitError, schurEliminate, type SchurResult } from './numeric/probes.js';
export {
  CircuitSpecError,
  prepareCircuit,
  solveCircuit,
  type CircuitKind,
  type CircuitResult,
  type PreparedCircuit,
  type TerminalRole,
  type TerminalState,
} from './numeric/circuit.js';

// The one pipeline: system → Onsager → circuit.
export {
  prepareSystem,
  solveSystem,
  type OnsagerMethod,
  type PreparedSystem,
  type SystemSolution,
  type Terminal,
  type TransportSystem,
  hasEnergyDependentLeads,
  withProbeModel,
  SparseLimitError,
} from './numeric/system.js';

// Probe models (which variables each fixes and solves) and the one h·J → SI conversion with the
// spin factor — docs/physics.md §4, §8, §11.
export {
  PROBE_MODELS,
  ROLES,
  chargeCurrentSI,
  entropyProductionSI,
  heatCurrentSI,
  isEnergyResolved,
  isProbe,
  isTestProbe,
  particleCurrentSI,
  roleSpec,
  solvedVariables,
  type ProbeModel,
  type RoleSpec,
  type SpinFactor,
} from './model/index.js';

// Energy-dependent leads (semi-infinite chains, tabulated Σ(E)) — docs/physics.md §9.
export { chainLead, chainSelfEnergy, tabulatedLead, type SelfEnergyLead } from './numeric/leads.js';

// The energy-resolved probe (elimination energy by energy) — docs/physics.md §8.
export { energyResolvedElimination, onsagerEnergyResolved, type ErMoments, type ErOnsager } from './numeric/energyResolved.js';

// Finite bias: nonlinear, self-consistent probes — docs/physics.md §10.
export { NonlinearSolveError, fermi, solveNonlinear, type NonlinearOptions, type NonlinearResult } from './numeric/nonlinear.js';

// Ṡ_VP − Ṡ_VTP with or without time-reversal symmetry — docs/physics.md §5, §12.
export { excessEntropy, type ExcessEntropy } from './numeric/entropy.js';

// VP against VTP (and ER) along μ0 for one system: what `probecheck report` renders.
export { analyseVpVtp, probeVariants, type VpVtpAnalysis } from './analysis/vpVtp.js';

// Probe maps: the probe moved over every site (T_P, μ_P, VP heat current), site layouts, SVG — docs/physics.md §15.
export { mapFlagSummary, probeMap, probeMapTable, type ProbeMap, type ProbeMapOptions } from './analysis/map.js';
export { circleLayout, latticeLayout, type LatticeModel, type SiteLayout } from './analysis/geometry.js';
export { mapSvg, type MapSvgOptions } from './analysis/mapSvg.js';

// Scans along μ0 and terminal widths γ.
export {
  linspace,
  scan,
  scanCircuits,
  scanColumns,
  scanPoints,
  shiftReference,
  withTerminalGamma,
  type CircuitVariant,
  type MultiScanPoint,
  type ScanPoint,
  type ScanColumns,
  type ScanSpec,
} from './scan.js';

// CONFIG.json: validation (ConfigError names the field) and its JSON Schema — docs/config.md.
export { ConfigError, configJsonSchema, configWarnings, parseConfig, parseConfigText, type ParsedConfig, type ProbecheckConfig } from './config.js';

// Physical ranges and size limits of the inputs, and the documented accuracy — docs/config.md, docs/physics.md §13.
export {
  DENSE_SITE_LIMIT,
  ENERGY_LIMIT,
  GAMMA_MIN,
  GRID_POINT_LIMIT,
  ONSAGER_ACCURACY,
  TEMPERATURE_MAX,
  TEMPERATURE_MIN,
  TERMINAL_LIMIT,
} from './limits.js';

export { VERSION } from './version.js';
