/**
 * Linear-response circuits (PHYSICS.md §3–§5; paper §III): the electronic circuit (μ and T of
 * every lead given) and the pure thermal circuit (every particle current zero, the first lead's
 * μ fixing the gauge), with any mix of VP and VTP probes; currents, entropy production and
 * thermopower.
 *
 * Variables x = (μ_α − μ0 [eV], (T_α − T0)/T0) and y = h (J^N_α, J^Q_α) = M x, currents counted
 * into each terminal. SI results: particle current J^N (1/s), charge current I = −e J^N (A),
 * heat current J^Q (W), entropy production Ṡ = −xᵀ M x/(h T0) (W/K, paper Eq. 7 in linear
 * response), Seebeck S = −(μ_R − μ_L)/(e (T_R − T_L)) (V/K, paper Eq. 31).
 */
import { E_CHARGE, H_EV_S } from './constants.js';
import { type Onsager, type Reference, onsagerMatrix } from './onsager.js';
import { schurEliminate, type SchurResult } from './probes.js';

/** A terminal's role: a physical lead, a voltage probe, or a voltage–temperature probe. */
export type TerminalRole = 'lead' | 'VP' | 'VTP';

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
  /** Thermopower between the first two leads (V/K); thermal circuit only, null otherwise or if T_R = T_L. */
  readonly seebeck: number | null;
  /** The Schur complement that produced it (variables: μ indices 0…n−1, T indices n…2n−1). */
  readonly schur: SchurResult;
  /** The Onsager matrix used (with decoupled test probes removed from the other rows). */
  readonly matrix: Float64Array;
}

/** Thrown for a circuit specification that cannot be solved (missing bias, no leads, …). */
export class CircuitSpecError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'CircuitSpecError';
  }
}

/**
 * The Onsager matrix with test (zero-coupling) terminals removed from every other terminal's
 * row: L_αP = 0 for α not a test terminal, so they exchange no current, while their own rows keep
 * the first-order coefficients that fix their μ and T.
 */
export function physicalOnsagerMatrix(o: Onsager, test: readonly boolean[]): Float64Array {
  if (!test.some(Boolean)) return onsagerMatrix(o);
  const n = o.terminals;
  const mask = (L: Float64Array) => L.map((v, ab) => (!test[Math.floor(ab / n)] && test[ab % n] ? 0 : v));
  return onsagerMatrix({ terminals: n, L0: mask(o.L0), L1: mask(o.L1), L2: mask(o.L2) });
}

/**
 * Solve a circuit in linear response around `reference`.
 * @throws CircuitSpecError for a missing or contradictory bias
 * @throws SingularCircuitError (probes.ts) when the unknowns are not determined
 */
export function solveCircuit(o: Onsager, terminals: readonly TerminalState[], reference: Reference, kind: CircuitKind): CircuitResult {
  const n = o.terminals;
  if (terminals.length !== n) throw new CircuitSpecError(`expected ${n} terminals, got ${terminals.length}`, 'terminals');
  const T0 = reference.temperature, mu0 = reference.mu;
  const leads = terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
  if (leads.length < 1) throw new CircuitSpecError('a circuit needs at least one lead (a terminal without "probe")', 'terminals');
  const x = new Float64Array(2 * n);
  const unknown: number[] = [];
  const gauge = leads[0];
  terminals.forEach((t, a) => {
    const where = `terminals[${a}]`;
    if (t.role === 'lead') {
      if (t.temperature === undefined) throw new CircuitSpecError(`lead "${t.name}" needs a temperature T`, `${where}.T`);
      x[n + a] = (t.temperature - T0) / T0;
      if (kind === 'electronic') {
        if (t.mu === undefined) throw new CircuitSpecError(`lead "${t.name}" needs a chemical potential mu in an electronic circuit`, `${where}.mu`);
        x[a] = t.mu - mu0;
      } else if (a === gauge) {
        x[a] = (t.mu ?? mu0) - mu0;
      } else {
        unknown.push(a);
      }
    } else {
      unknown.push(a); // μ_P
      if (t.role === 'VTP') unknown.push(n + a);
      else x[n + a] = ((t.temperature ?? T0) - T0) / T0;
    }
  });
  const test = terminals.map((t) => t.role !== 'lead' && t.test === true);
  const M = physicalOnsagerMatrix(o, test);
  unknown.sort((p, q) => p - q);
  const schur = schurEliminate(M, 2 * n, unknown);
  // x_U = S x_F
  const nf = schur.free.length;
  schur.unknown.forEach((u, k) => {
    let s = 0;
    for (let b = 0; b < nf; b++) s += schur.response[k * nf + b] * x[schur.free[b]];
    x[u] = s;
  });
  // Currents from the full matrix with test probes silenced entirely (they carry γ = 0).
  const Mphys = M.slice();
  const m = 2 * n;
  for (let a = 0; a < n; a++) {
    if (!test[a]) continue;
    for (const row of [a, n + a]) for (let j = 0; j < m; j++) Mphys[row * m + j] = 0;
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += Mphys[i * m + j] * x[j];
    y[i] = s;
  }
  let xMx = 0;
  for (let i = 0; i < m; i++) xMx += x[i] * y[i];
  const particle = new Float64Array(n), charge = new Float64Array(n), heat = new Float64Array(n);
  const mu = new Float64Array(n), temperature = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    particle[a] = y[a] / H_EV_S; // eV / (eV s)
    charge[a] = -E_CHARGE * particle[a];
    heat[a] = (y[n + a] / H_EV_S) * E_CHARGE; // eV/s → W
    mu[a] = mu0 + x[a];
    temperature[a] = T0 * (1 + x[n + a]);
  }
  // PHYSICS.md §5: Ṡ = −xᵀ M x /(h T0), eV/(s K) → W/K
  const entropyProduction = (-xMx / (H_EV_S * T0)) * E_CHARGE;
  let seebeck: number | null = null;
  if (kind === 'thermal' && leads.length >= 2) {
    const [l, r] = leads;
    const dT = temperature[r] - temperature[l];
    // PHYSICS.md §5, paper Eq. 31: S = −(μ_R − μ_L)/(e ΔT); μ in eV, so μ/e is in volts.
    if (dT !== 0) seebeck = -(mu[r] - mu[l]) / dT;
  }
  return {
    kind, reference, terminals: terminals.map((t) => t.name), mu, temperature,
    particleCurrent: particle, chargeCurrent: charge, heatCurrent: heat,
    entropyProduction, seebeck, schur, matrix: M,
  };
}
