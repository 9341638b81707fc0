/**
 * The one table of terminal roles and probe models (docs/physics.md §4, §8): for each role, which
 * of the terminal's variables (μ, T) the experiment fixes, which the circuit solves for and from
 * which zero current, and whether it is eliminated energy by energy. Circuit, config, nonlinear
 * solver and output read this table instead of switching on role strings.
 */

/** A terminal's role: a physical lead, a voltage probe, a voltage–temperature probe, or an energy-resolved probe. */
export type TerminalRole = 'lead' | 'VP' | 'VTP' | 'ER';

/** The probe models (every role but 'lead'). */
export type ProbeModel = Exclude<TerminalRole, 'lead'>;

/** How a role treats one of the terminal's two variables. */
export type VariableTreatment =
  /** given by the user (a lead's μ and T; a VP's T, default T0) */
  | 'fixed'
  /** solved for from the vanishing of its conjugate current (J^N for μ, J^Q for T) */
  | 'solved'
  /** not a variable: the terminal's distribution f_P(E) is fixed energy by energy (ER) */
  | 'energy-resolved';

/** One row of the table. */
export interface RoleSpec {
  readonly role: TerminalRole;
  /** True for a probe (a terminal whose currents vanish by construction). */
  readonly probe: boolean;
  /** Treatment of μ: for a lead 'fixed' (thermal circuit: solved, except the gauge lead). */
  readonly mu: VariableTreatment;
  /** Treatment of T. */
  readonly temperature: VariableTreatment;
  /** Whether the user may give μ / T in a config for this role. */
  readonly acceptsMu: boolean;
  readonly acceptsTemperature: boolean;
  /** Which currents vanish into it. */
  readonly zeroCurrents: string;
  /** One-line description (docs, CLI). */
  readonly description: string;
}

/** The table (docs/physics.md §4 for VP/VTP, §8 for ER). */
export const ROLES: Readonly<Record<TerminalRole, RoleSpec>> = {
  lead: {
    role: 'lead',
    probe: false,
    mu: 'fixed',
    temperature: 'fixed',
    acceptsMu: true,
    acceptsTemperature: true,
    zeroCurrents: 'none (thermal circuit: J^N for every lead but the gauge)',
    description: 'physical electrode with a given μ and T',
  },
  VP: {
    role: 'VP',
    probe: true,
    mu: 'solved',
    temperature: 'fixed',
    acceptsMu: false,
    acceptsTemperature: true,
    zeroCurrents: 'J^N_P = 0 (J^Q_P ≠ 0 in general: a heat source/sink)',
    description: 'voltage probe: μ_P from J^N_P = 0, T_P held (default T0)',
  },
  VTP: {
    role: 'VTP',
    probe: true,
    mu: 'solved',
    temperature: 'solved',
    acceptsMu: false,
    acceptsTemperature: false,
    zeroCurrents: 'J^N_P = J^Q_P = 0',
    description: 'voltage–temperature probe: μ_P, T_P from J^N_P = J^Q_P = 0',
  },
  ER: {
    role: 'ER',
    probe: true,
    mu: 'energy-resolved',
    temperature: 'energy-resolved',
    acceptsMu: false,
    acceptsTemperature: false,
    zeroCurrents: 'the particle current at every energy, i_P(E) = 0 (hence J^N_P = J^E_P = J^Q_P = 0)',
    description: "energy-resolved (elastic, D'Amato–Pastawski) probe: f_P(E) from current conservation at every energy",
  },
};

/** The probe models accepted by `"probe"` in a config. */
export const PROBE_MODELS: readonly ProbeModel[] = ['VP', 'VTP', 'ER'];

/** The row of a role. */
export function roleSpec(role: TerminalRole): RoleSpec {
  return ROLES[role];
}

/** True for a probe (VP, VTP or ER). */
export function isProbe(role: TerminalRole): boolean {
  return ROLES[role].probe;
}

/** True for a probe eliminated energy by energy (ER). */
export function isEnergyResolved(role: TerminalRole): boolean {
  return ROLES[role].mu === 'energy-resolved';
}

/**
 * The coherent-limit test, written once: a probe with zero coupling (γ → 0) is a "test" terminal —
 * it does not enter the self-energy, its rows hold the first-order coefficients that fix its μ and
 * T (or its distribution), and it exchanges no current (docs/physics.md §4).
 */
export function isTestProbe(t: { readonly role: TerminalRole; readonly test?: boolean }): boolean {
  return t.role !== 'lead' && t.test === true;
}

/** The circuit unknowns a terminal contributes: [solves μ, solves T] (linear and nonlinear circuits alike). */
export function solvedVariables(role: TerminalRole, kind: 'electronic' | 'thermal', isGaugeLead: boolean): { mu: boolean; temperature: boolean } {
  if (role === 'lead') return { mu: kind === 'thermal' && !isGaugeLead, temperature: false };
  const s = ROLES[role];
  return { mu: s.mu === 'solved', temperature: s.temperature === 'solved' };
}
