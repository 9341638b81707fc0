/**
 * Linear-response circuits (docs/physics.md §3–§5; paper §III): the electronic circuit (μ and T of
 * every lead given) and the pure thermal circuit (every particle current zero, the first lead's
 * μ fixing the gauge), with any mix of VP and VTP probes; currents, entropy production and
 * thermopower.
 *
 * Variables x = (μ_α − μ0 [eV], (T_α − T0)/T0) and y = h (J^N_α, J^Q_α) = M x, currents counted
 * into each terminal. SI results: particle current J^N (1/s), charge current I = −e J^N (A),
 * heat current J^Q (W), entropy production Ṡ = −xᵀ M x/(h T0) (W/K, paper Eq. 7 in linear
 * response), Seebeck S = −(μ_R − μ_L)/(e (T_R − T_L)) (V/K, paper Eq. 31).
 */
import { K_B_EV } from './constants.js';
import { type Onsager, type Reference, onsagerMatrix } from './onsager.js';
import { accurateCurrents, accurateWorkspace, schurEliminate, solveUnknowns, type SchurResult, type UnknownsWorkspace } from './probes.js';
import { isEnergyResolved, isTestProbe, solvedVariables, type TerminalRole } from '../model/probeModels.js';
import { chargeCurrentSI, entropyProductionSI, heatCurrentSI, particleCurrentSI, type SpinFactor } from '../model/units.js';
import type { ErMoments } from './energyResolved.js';

export type { TerminalRole } from '../model/probeModels.js';

/** Which circuit: leads biased in μ and T, or open circuit (all J^N = 0) under a thermal bias. */
export type CircuitKind = 'electronic' | 'thermal';

/** Bias and role of one terminal. */
export interface TerminalState {
  readonly name: string;
  readonly role: TerminalRole;
  /**
   * Chemical potential in eV (absolute). Required for leads of an electronic circuit; in a thermal
   * circuit only the gauge (first) lead may carry one (default μ0). Ignored for probes.
   */
  readonly mu?: number;
  /** Temperature in K. Required for leads; a VP's fixed temperature (default T0); unused for a VTP. */
  readonly temperature?: number;
  /**
   * A probe with zero coupling (γ → 0): its Onsager row holds the first-order coefficients
   * ∂L_Pβ/∂γ, which fix μ_P (and T_P) in the limit, while it exchanges no current with the rest:
   * the circuit is the coherent one.
   */
  readonly test?: boolean;
}

/** The solved circuit. */
export interface CircuitResult {
  readonly kind: CircuitKind;
  readonly reference: Reference;
  readonly terminals: readonly string[];
  /** μ of every terminal (eV, absolute), solved or given. */
  readonly mu: Float64Array;
  /** T of every terminal (K), solved or given. */
  readonly temperature: Float64Array;
  /** Particle current J^N into each terminal (1/s). */
  readonly particleCurrent: Float64Array;
  /** Charge current I = −e J^N into each terminal (A). */
  readonly chargeCurrent: Float64Array;
  /** Heat current J^Q into each terminal (W). */
  readonly heatCurrent: Float64Array;
  /** Entropy production Ṡ ≥ 0 (W/K). */
  readonly entropyProduction: number;
  /**
   * Thermopower between the first two leads (V/K, docs/physics.md §5 "Thermopower"); thermal
   * circuit only, null in an electronic one. T_R ≠ T_L: the ratio −(μ_R − μ_L)/(e(T_R − T_L)) at
   * the configured bias; T_R = T_L: the circuit's coefficient {@link seebeckFromMatrix}.
   */
  readonly seebeck: number | null;
  /** The Schur complement that produced it (variables: μ indices 0…n−1, T indices n…2n−1). */
  readonly schur: SchurResult;
  /** The Onsager matrix used (with decoupled test probes removed from the other rows). */
  readonly matrix: Float64Array;
  /** Spin degeneracy factor s applied to every current and to Ṡ (docs/physics.md §11). */
  readonly spin: SpinFactor;
}

/** Thrown for a circuit specification that cannot be solved (missing bias, no leads, …). */
export class CircuitSpecError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'CircuitSpecError';
  }
}

/**
 * The Onsager matrix with test (zero-coupling) terminals removed from every other terminal's
 * row: L_αP = 0 for α not a test terminal, so they exchange no current, while their own rows keep
 * the first-order coefficients that fix their μ and T. Written into `out` when given.
 */
export function physicalOnsagerMatrix(o: Onsager, test: readonly boolean[], out?: Float64Array): Float64Array {
  const M = onsagerMatrix(o, out);
  return decoupleTestTerminals(M, o.terminals, test);
}

/**
 * In a 2n × 2n Onsager matrix, zero L_αP (α not a test terminal, P a test terminal) in all four
 * blocks and restore the sum-rule diagonals (docs/physics.md §4, the coherent limit), in place.
 */
export function decoupleTestTerminals(M: Float64Array, n: number, test: readonly boolean[]): Float64Array {
  if (!test.some(Boolean)) return M;
  const m = 2 * n;
  for (const [r0, c0] of [
    [0, 0],
    [0, n],
    [n, 0],
    [n, n],
  ] as const) {
    for (let a = 0; a < n; a++) {
      if (test[a]) continue;
      for (let b = 0; b < n; b++) {
        if (!test[b] || a === b) continue;
        const v = M[(r0 + a) * m + c0 + b];
        M[(r0 + a) * m + c0 + b] = 0;
        M[(r0 + a) * m + c0 + a] += v;
      }
    }
  }
  return M;
}

/**
 * The thermopower of a linear thermal circuit as a coefficient, independent of the bias
 * (docs/physics.md §5 "Thermopower", paper Eq. 31): S = −∂(μ_R − μ_L)/∂(T_R − T_L) with the mean
 * (T_L + T_R)/2 and every other held temperature fixed, i.e. the circuit solved for the unit thermal
 * bias θ_L = −½, θ_R = +½ (every other fixed variable 0). In linear response μ_R − μ_L is linear in
 * the held temperatures and vanishes for a uniform shift of all of them (sum rules, §3), so this is
 * the ratio at any bias whose other held temperatures (a VP's T, a third lead's) sit at the mean of
 * T_L and T_R — in particular with VTP probes only — and the limit of that ratio as T_R − T_L → 0;
 * two terminals: S = +L1/(e T0 L0) (§11). V/K; `x` (length m) and `ws` are scratch.
 * @throws SingularCircuitError (probes.ts) when the unknowns are not determined
 */
export function seebeckFromMatrix(
  M: Float64Array,
  m: number,
  unknown: readonly number[],
  isUnknown: Uint8Array,
  leadL: number,
  leadR: number,
  T0: number,
  x: Float64Array,
  ws: UnknownsWorkspace,
): number {
  const n = m / 2;
  x.fill(0);
  x[n + leadL] = -0.5;
  x[n + leadR] = 0.5;
  solveUnknowns(M, m, unknown, isUnknown, x, ws);
  // μ in eV, so μ/e is in volts; ΔT = T0 (θ_R − θ_L) = T0
  return -(x[leadR] - x[leadL]) / T0;
}

/** T_R − T_L of the first two leads as given (K); the denominator of Eq. 31 (docs/physics.md §5). */
export function thermalBias(terminals: readonly TerminalState[], [l, r]: readonly number[]): number {
  return (terminals[r].temperature as number) - (terminals[l].temperature as number);
}

/**
 * The bias-independent thermopower coefficient {@link seebeckFromMatrix} of a thermal circuit
 * (docs/physics.md §5) from its Onsager coefficients; the biases of `terminals` are not used beyond
 * deciding the unknowns.
 * @throws CircuitSpecError unless the circuit is thermal with at least two leads
 */
export function seebeckCoefficient(o: Onsager, terminals: readonly TerminalState[], reference: Reference): number {
  const n = terminals.length,
    m = 2 * n;
  const { leads, unknown } = circuitVariables(terminals, reference, 'thermal');
  if (leads.length < 2) throw new CircuitSpecError('the thermopower needs two leads', 'terminals');
  const isUnknown = new Uint8Array(m);
  for (const u of unknown) isUnknown[u] = 1;
  const M = physicalOnsagerMatrix(o, terminals.map(isTestProbe));
  return seebeckFromMatrix(M, m, unknown, isUnknown, leads[0], leads[1], reference.temperature, new Float64Array(m), accurateWorkspace(m, unknown.length));
}

/**
 * The relative error of a probe's Onsager row from the rounding of the Green's function
 * (docs/physics.md §15 "Isolated sites"): G is known to |δG| ≈ u·‖G‖, so a transmission T_Pβ ∝ |G_Pβ|²
 * carries an absolute error ≈ 2u|G_Pβ|‖G‖ + u²‖G‖², i.e. a probe row of sum S = Σ_β |L0_Pβ| is known to a
 * relative 2u·√(K·S_ref/S) + u²·K·S_ref/S, with S_ref = max|L0_αβ| (α, β ≠ P) of the circuit (the scale
 * of ‖G‖²Γ_αΓ_β) times Γ_P/max Γ_α (the noise of the probe's row is ∝ Γ_P: a narrow probe's small row is
 * not noise) and K = 16 a margin (measured: a probe on a site coupled by a hopping t to the device has
 * S ∝ t² down to t ≈ 1e-12 and sits at a floor ≈ 0.01·u²·S_ref below). At 1 or more the probe's μ_P,
 * T_P are not determined by the coefficients (a site no path of non-zero hoppings connects to a
 * lead, S = 0: Infinity; or a coupling below the floor). Test (γ = 0) probes carry their first-order
 * row (per eV of γ): Γ_P = 1 eV. `p` is the probe's index, `width` tr Γ of every terminal (eV,
 * coupling.ts `couplingWidth`).
 */
export function probeRowError(o: Onsager, p: number, test: readonly boolean[], width: readonly number[]): number {
  const n = o.terminals;
  let S = 0,
    ref = 0;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      if (a === b || (test[a] && a !== p) || test[b]) continue;
      const v = Math.abs(o.L0[a * n + b]);
      if (a === p) S += v;
      else if (b !== p) ref = Math.max(ref, v);
    }
  let wmax = 0;
  for (let a = 0; a < n; a++) if (a !== p && !test[a]) wmax = Math.max(wmax, width[a]);
  const wp = test[p] ? 1 : width[p];
  if (wmax > 0) ref *= wp / wmax;
  ref = Math.max(ref, S);
  if (!(S > 0)) return Infinity;
  const u = Number.EPSILON,
    q = (16 * ref) / S;
  return 2 * u * Math.sqrt(q) + u * u * q;
}

/** A circuit whose bias and unknowns are fixed once, solved for any Onsager coefficients. */
export interface PreparedCircuit {
  readonly kind: CircuitKind;
  readonly reference: Reference;
  /** Variable indices (μ: 0…n−1, T: n…2n−1) solved for. */
  readonly unknown: readonly number[];
  /**
   * Solve for one set of Onsager coefficients. `mu0` moves the reference chemical potential with
   * every bias μ_α − μ0 kept (a μ0 scan); default: the prepared reference. The result keeps a
   * reference to `o` (its `matrix` and `schur` are built from it on demand): do not mutate `o`.
   */
  solve(o: Onsager, mu0?: number): CircuitResult;
}

/**
 * The circuit's variables (docs/physics.md §4, §8), the one place they are decided: the leads, the
 * sorted unknowns (probe μ and VTP T; in a thermal circuit the μ of every lead but the gauge, the
 * first lead) and the fixed variables x_F (μ_α − μ0 in eV, (T_α − T0)/T0). An energy-resolved
 * probe has no unknown here (it is eliminated energy by energy, §8). Shared by
 * {@link prepareCircuit} and the scan's closed-form kernels (circuitKernels.ts).
 * @throws CircuitSpecError for a missing bias (a lead without T, or without μ in an electronic circuit)
 */
export function circuitVariables(
  terminals: readonly TerminalState[],
  reference: Reference,
  kind: CircuitKind,
): { readonly leads: readonly number[]; readonly unknown: readonly number[]; readonly xFixed: Float64Array } {
  const n = terminals.length;
  const T0 = reference.temperature,
    mu0 = reference.mu;
  const leads = terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
  if (leads.length < 1) throw new CircuitSpecError('a circuit needs at least one lead (a terminal without "probe")', 'terminals');
  const xFixed = new Float64Array(2 * n);
  const unknown: number[] = [];
  const gauge = leads[0];
  terminals.forEach((t, a) => {
    const where = `terminals[${a}]`;
    // docs/physics.md §4, §8: which variables the role fixes and which it solves (src/model)
    const solved = solvedVariables(t.role, kind, a === gauge);
    if (t.role === 'lead') {
      if (t.temperature === undefined) throw new CircuitSpecError(`lead "${t.name}" needs a temperature T`, `${where}.T`);
      if (kind === 'electronic' && t.mu === undefined)
        throw new CircuitSpecError(`lead "${t.name}" needs a chemical potential mu in an electronic circuit`, `${where}.mu`);
    }
    if (isEnergyResolved(t.role)) return; // eliminated energy by energy; its moments are filled in after the solve
    if (solved.mu) unknown.push(a);
    else xFixed[a] = (t.mu ?? mu0) - mu0;
    if (solved.temperature) unknown.push(n + a);
    else xFixed[n + a] = ((t.temperature ?? T0) - T0) / T0;
  });
  unknown.sort((p, q) => p - q);
  return { leads, unknown, xFixed };
}

/**
 * The rows of y = M x a circuit computes (a test probe's are dropped: it carries γ = 0) and, of
 * those, the ones checked for cancellation (docs/physics.md §4 "Currents to full precision"): not
 * the currents that vanish by construction — a solved variable's conjugate current, and in a
 * thermal circuit the gauge lead's particle current (every other one is solved to zero). Shared
 * by {@link prepareCircuit} and the scan's kernels.
 */
export function currentRows(
  kind: CircuitKind,
  test: readonly boolean[],
  isUnknown: Uint8Array,
  leads: readonly number[],
): { readonly computed: Uint8Array; readonly checked: Uint8Array } {
  const n = test.length,
    m = 2 * n;
  const computed = Uint8Array.from({ length: m }, (_, i) => (test[i % n] ? 0 : 1));
  const checked = Uint8Array.from(computed, (c, i) => (c && !isUnknown[i] ? 1 : 0));
  if (kind === 'thermal' && leads.length > 0) checked[leads[0]] = 0;
  return { computed, checked };
}

/**
 * Prepare a circuit in linear response around `reference`: the unknowns (probe μ and VTP T; in a
 * thermal circuit the μ of every lead but the gauge) and the fixed variables are decided once, and
 * {@link PreparedCircuit.solve} reuses its buffers (a scan solves thousands of points).
 * @throws CircuitSpecError for a missing or contradictory bias
 */
export function prepareCircuit(terminals: readonly TerminalState[], reference: Reference, kind: CircuitKind, spin: SpinFactor = 1): PreparedCircuit {
  const n = terminals.length,
    m = 2 * n;
  const T0 = reference.temperature;
  const { leads, unknown, xFixed } = circuitVariables(terminals, reference, kind);
  const erProbes = terminals.map((t, a) => (isEnergyResolved(t.role) ? a : -1)).filter((a) => a >= 0);
  const isUnknown = new Uint8Array(m);
  for (const u of unknown) isUnknown[u] = 1;
  const test = terminals.map(isTestProbe);
  const anyTest = test.some(Boolean);
  const names = terminals.map((t) => t.name);
  const leadPair = leads.length >= 2 ? [leads[0], leads[1]] : null;

  // Reused work buffers: the Onsager matrix, x and y (a result keeps copies only on demand).
  const Mbuf = new Float64Array(m * m),
    x = new Float64Array(m),
    y = new Float64Array(m);
  const { computed: computedRows } = currentRows(kind, test, isUnknown, leads);
  // one workspace for the double solve of x_U and its refinement (accurateCurrents)
  const ws = accurateWorkspace(m, unknown.length);
  // T_R − T_L as given (a difference of the inputs, not of rounded θ's); at T_L = T_R the ratio of
  // Eq. 31 is 0/0 and S is the circuit's coefficient (docs/physics.md §5 "Thermopower")
  const leadDT = kind === 'thermal' && leadPair !== null ? thermalBias(terminals, leadPair) : NaN;
  const xs = new Float64Array(m);

  function solve(o: Onsager, mu0Override?: number): CircuitResult {
    if (o.terminals !== n) throw new CircuitSpecError(`expected ${o.terminals} terminals, got ${n}`, 'terminals');
    const ref: Reference = mu0Override === undefined ? reference : { mu: mu0Override, temperature: T0 };
    const M = physicalOnsagerMatrix(o, test, Mbuf);
    x.set(xFixed);
    solveUnknowns(M, m, unknown, isUnknown, x, ws);
    if (erProbes.length) fillEnergyResolved(o.energyResolved, erProbes, x, n, K_B_EV * T0, names);
    // Currents with test probes silenced entirely (they carry γ = 0): their rows are dropped. x_U
    // refined and y = M x, xᵀy formed in double-double from the pair form (docs/physics.md §4
    // "Currents to full precision"): every current to a few u of itself, however much of it cancels
    // and however strongly a probe is tied to one terminal (κ(M_UU) large)
    const xMx = accurateCurrents(M, m, unknown, x, y, computedRows, ws);
    const particle = new Float64Array(n),
      charge = new Float64Array(n),
      heat = new Float64Array(n);
    const mu = new Float64Array(n),
      temperature = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      // docs/physics.md §1, §11: the one h·J → SI conversion, with the spin factor (src/model/units.ts)
      particle[a] = particleCurrentSI(y[a], spin);
      charge[a] = chargeCurrentSI(y[a], spin);
      heat[a] = heatCurrentSI(y[n + a], spin);
      mu[a] = ref.mu + x[a];
      temperature[a] = T0 * (1 + x[n + a]);
    }
    // docs/physics.md §5: Ṡ = −xᵀ M x /(h T0), eV/(s K) → W/K
    const entropyProduction = entropyProductionSI(-xMx, T0, spin);
    let seebeck: number | null = null;
    if (kind === 'thermal' && leadPair) {
      const [l, r] = leadPair;
      // docs/physics.md §5, paper Eq. 31: S = −(μ_R − μ_L)/(e ΔT); μ in eV, so μ/e is in volts.
      // (μ_R − μ_L from the solved deviations x: the absolute μ would round it to u·|μ0|)
      seebeck = leadDT === 0 ? seebeckFromMatrix(M, m, unknown, isUnknown, l, r, T0, xs, ws) : -(x[r] - x[l]) / leadDT;
    }
    // The matrix and M̃ (the effective Onsager matrix) on demand: most scan points never need them.
    return new SolvedCircuit(kind, ref, names, mu, temperature, particle, charge, heat, entropyProduction, seebeck, spin, { o, test, m, unknown });
  }
  return { kind, reference, unknown, solve };
}

/** What a {@link SolvedCircuit} builds its matrix and M̃ from, on first access. */
interface LazyParts {
  readonly o: Onsager;
  readonly test: readonly boolean[];
  readonly m: number;
  readonly unknown: readonly number[];
  matrix?: Float64Array;
  schur?: SchurResult;
}

/**
 * The result of {@link PreparedCircuit.solve}: plain fields, and `matrix`/`schur` built on first
 * access. A class, not an object literal with getters: V8 builds such a literal through the
 * runtime (≈ 1.4 µs against ≈ 0.15 µs for a class instance, measured), which was a third of a
 * solve. `toJSON` writes the same object the literal did.
 */
class SolvedCircuit implements CircuitResult {
  /** (a private field: not among the result's keys, not copied by a spread) */
  readonly #lazy: LazyParts;
  constructor(
    readonly kind: CircuitKind,
    readonly reference: Reference,
    readonly terminals: readonly string[],
    readonly mu: Float64Array,
    readonly temperature: Float64Array,
    readonly particleCurrent: Float64Array,
    readonly chargeCurrent: Float64Array,
    readonly heatCurrent: Float64Array,
    readonly entropyProduction: number,
    readonly seebeck: number | null,
    readonly spin: SpinFactor,
    lazy: LazyParts,
  ) {
    this.#lazy = lazy;
  }
  get matrix(): Float64Array {
    const z = this.#lazy;
    return (z.matrix ??= physicalOnsagerMatrix(z.o, z.test));
  }
  get schur(): SchurResult {
    const z = this.#lazy;
    return (z.schur ??= schurEliminate(this.matrix, z.m, z.unknown));
  }
  toJSON(): Record<string, unknown> {
    return { ...circuitResultData(this), spin: this.spin, matrix: this.matrix, schur: this.schur };
  }
}

/**
 * The data fields of a circuit result, in their JSON order: the one home of that shape (the
 * solve result and the scan's per-point views serialise through it).
 */
export function circuitResultData(r: CircuitResult): Record<string, unknown> {
  return {
    kind: r.kind,
    reference: r.reference,
    terminals: r.terminals,
    mu: r.mu,
    temperature: r.temperature,
    particleCurrent: r.particleCurrent,
    chargeCurrent: r.chargeCurrent,
    heatCurrent: r.heatCurrent,
    entropyProduction: r.entropyProduction,
    seebeck: r.seebeck,
  };
}

/**
 * The ER probes' linear-response moment μ and T (docs/physics.md §8): δf_P = Σ_β w_Pβ δf_β, so
 * μ_P − μ0 = Σ_β (A0_Pβ δμ_β + A1_Pβ θ_β) and θ_P = Σ_β (A1_Pβ δμ_β + A2_Pβ θ_β)/(π²(k_BT0)²/3).
 * Written into x (the ER rows of M are zero: they do not feed back).
 */
function fillEnergyResolved(m: ErMoments | undefined, er: readonly number[], x: Float64Array, n: number, kT: number, names: readonly string[]): void {
  if (!m)
    throw new CircuitSpecError(
      `probe "${names[er[0]]}" is energy-resolved: its Onsager coefficients must come with the ER probes eliminated (prepareSystem does it)`,
      `terminals[${er[0]}].probe`,
    );
  const c2 = (Math.PI * Math.PI * kT * kT) / 3;
  for (const p of er) {
    let dmu = 0,
      th = 0;
    for (let b = 0; b < n; b++) {
      if (er.includes(b)) continue;
      const k = p * n + b;
      dmu += m.A0[k] * x[b] + m.A1[k] * x[n + b];
      th += m.A1[k] * x[b] + m.A2[k] * x[n + b];
    }
    x[p] = dmu;
    x[n + p] = th / c2;
  }
}

/**
 * Solve a circuit in linear response around `reference` (see {@link prepareCircuit}).
 * @throws CircuitSpecError for a missing or contradictory bias
 * @throws SingularCircuitError (probes.ts) when the unknowns are not determined
 * @example
 * ```ts
 * import { K_B_EV, benzene, localCoupling, onsagerClosedForm, poleExpansion, solveCircuit } from 'probecheck';
 *
 * const couplings = [localCoupling(6, [0], 0.5), localCoupling(6, [3], 0.5), localCoupling(6, [1], 0.1)];
 * const onsager = onsagerClosedForm(poleExpansion(benzene(), couplings), 0, K_B_EV * 300);
 * const result = solveCircuit(onsager, [
 *   { name: 'L', role: 'lead', mu: 0.0005, temperature: 310 },
 *   { name: 'R', role: 'lead', mu: -0.0005, temperature: 290 },
 *   { name: 'P', role: 'VP' },
 * ], { mu: 0, temperature: 300 }, 'electronic');
 * console.log(result.mu[2], result.heatCurrent[2], result.entropyProduction); // μ_P (eV), J^Q_P (W), Ṡ (W/K)
 * ```
 */
export function solveCircuit(o: Onsager, terminals: readonly TerminalState[], reference: Reference, kind: CircuitKind, spin: SpinFactor = 1): CircuitResult {
  if (terminals.length !== o.terminals) throw new CircuitSpecError(`expected ${o.terminals} terminals, got ${terminals.length}`, 'terminals');
  return prepareCircuit(terminals, reference, kind, spin).solve(o);
}
