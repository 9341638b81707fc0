/**
 * The explorer's state and its controls: pure functions, shared by the page (bundled for the
 * browser) and the tests. The state *is* a CONFIG.json object (what `probecheck solve` reads) plus
 * the few view settings that are not part of a config (the μ0 scan range, which probe models are
 * drawn, the temperature a VTP's comparison VP is held at). Every control is addressed by its
 * CONFIG path, terminals by name: `terminals.P.coupling.gamma`, `reference.T`, `circuit`, … (see
 * docs/explorer.md for the list and their exact effect on the config).
 *
 * Units as in a config: energies in eV, temperatures in K, sites 0-based.
 */
import type { ProbecheckConfig } from '../config.js';
import { CONFIGURATIONS, DEFAULT_PARAMETERS, SITES } from '../paper/params.js';
import { linspace } from '../scan.js';

/** A config as JSON (what CONFIG.json holds). Validated only by parseConfig. */
export type ConfigJson = Record<string, unknown> & {
  hamiltonian: Record<string, unknown>;
  reference: { mu?: number; T: number };
  circuit?: 'electronic' | 'thermal';
  terminals: Array<TerminalJson>;
};

/** One terminal of a config as JSON. */
export interface TerminalJson {
  name: string;
  coupling: { sites?: number[]; gamma?: number | number[]; matrix?: unknown };
  probe?: 'VP' | 'VTP' | 'ER';
  mu?: number;
  T?: number;
}

/** Probe models the explorer shows: VP, VTP and the energy-resolved probe ER (docs/physics.md §8). */
export type ProbeModel = 'VP' | 'VTP' | 'ER';
export const PROBE_MODELS: readonly ProbeModel[] = ['VP', 'VTP', 'ER'];
/** Drawn when the page opens: ER needs adaptive quadrature (no closed form) and is computed after each update, so it is opt-in. */
export const DEFAULT_MODELS: readonly ProbeModel[] = ['VP', 'VTP'];

/** View settings that are not part of a config. */
export interface ExplorerView {
  /** μ0 grid in eV (`points` evenly spaced values from `min` to `max`, both included). */
  readonly mu0: { readonly min: number; readonly max: number; readonly points: number };
  /** Which models' curves are drawn. */
  readonly models: readonly ProbeModel[];
}

/** The explorer's whole state. */
export interface ExplorerState {
  /** The config that reproduces the view with `probecheck solve` (JSON, as written by a user). */
  readonly config: ConfigJson;
  readonly view: ExplorerView;
  /**
   * Per probe: the temperature (K) of the VP it is compared with; undefined = the reference T0
   * (the config default). A probe that is a VP in the config has its own `T` here.
   */
  readonly vpT: Readonly<Record<string, number | undefined>>;
  /**
   * μ_α − μ0 (eV) of every lead, kept while the thermal circuit is shown (where only the first
   * lead carries a μ), so that switching back to the electronic circuit restores the bias.
   */
  readonly leadOffsets: Readonly<Record<string, number>>;
}

/** A control input the explorer cannot use (not a number, unknown name): one line naming it. */
export class ControlError extends Error {
  constructor(
    readonly control: string,
    detail: string,
  ) {
    super(`${control}: ${detail}`);
    this.name = 'ControlError';
  }
}

/** Maximum μ0 grid size the page accepts (keeps an update interactive and the allocation bounded). */
export const MAX_MU0_POINTS = 5001;

/**
 * The paper's benzene junction (docs/physics.md §7): Hückel benzene t = −2.64 eV, L on site 0 and
 * R on site 2 (meta), a probe on site 3 (para to L), Γ_L = Γ_R = 0.5 eV, T_L = 325 K, T_R = 275 K,
 * T0 = T_VP = 300 K, ΔV = 10 mV, probe γ = 0.1 eV, as a VP.
 */
export function paperConfig(): ConfigJson {
  const c = CONFIGURATIONS.symmetric,
    p = DEFAULT_PARAMETERS;
  return {
    hamiltonian: { model: 'benzene', hopping: p.hopping, onsite: p.onsite },
    reference: { mu: 0, T: p.T0 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [SITES.L], gamma: c.gammaL }, mu: p.deltaV / 2, T: c.TL },
      { name: 'R', coupling: { sites: [SITES.R], gamma: c.gammaR }, mu: -p.deltaV / 2, T: c.TR },
      { name: 'P', probe: 'VP', coupling: { sites: [SITES.P], gamma: 0.1 }, T: p.T0 },
    ],
  };
}

/** Deep copy of a JSON value. */
export function cloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

const refMu = (c: ConfigJson) => c.reference.mu ?? 0;
const isProbe = (t: TerminalJson) => t.probe !== undefined;
const leads = (c: ConfigJson) => c.terminals.filter((t) => !isProbe(t));

/** The initial state for a config (already validated by parseConfig) and a μ0 grid. */
export function initialState(config: ConfigJson | ProbecheckConfig, mu0: ExplorerView['mu0']): ExplorerState {
  const c = cloneJson(config) as ConfigJson;
  const vpT: Record<string, number | undefined> = {};
  const leadOffsets: Record<string, number> = {};
  for (const t of c.terminals) {
    if (isProbe(t)) vpT[t.name] = t.probe === 'VP' ? t.T : undefined;
    else if (t.mu !== undefined) leadOffsets[t.name] = t.mu - refMu(c);
  }
  return { config: c, view: { mu0, models: [...DEFAULT_MODELS] }, vpT, leadOffsets };
}

/**
 * The config with every probe set to `model` (a VP held at its comparison temperature, see
 * {@link ExplorerState.vpT}; a VTP with no `T`): the configs of the VP and VTP columns.
 */
export function withProbeModel(state: ExplorerState, model: ProbeModel): ConfigJson {
  const c = cloneJson(state.config);
  for (const t of c.terminals) {
    if (!isProbe(t)) continue;
    t.probe = model;
    delete t.T;
    const T = state.vpT[t.name];
    if (model === 'VP' && T !== undefined) t.T = T;
  }
  return c;
}

/** The probes of a config, by name. */
export function probeNames(c: ConfigJson): string[] {
  return c.terminals.filter(isProbe).map((t) => t.name);
}

/** The local coupling's single width (eV) when the terminal has one, else undefined. */
export function scalarGamma(t: TerminalJson): number | undefined {
  const g = t.coupling.gamma;
  if (t.coupling.sites === undefined || g === undefined) return undefined;
  if (typeof g === 'number') return g;
  return g.length > 0 && g.every((v) => v === g[0]) ? g[0] : undefined;
}

/** The number of sites of the config's Hamiltonian (benzene 6, ring/chain N, graphene rows·cols, matrix/edges size). */
export function siteCount(c: ConfigJson): number {
  const h = c.hamiltonian;
  if (h.model === 'benzene') return 6;
  if (h.model === 'graphene') return Number(h.rows) * Number(h.cols);
  if (typeof h.sites === 'number') return h.sites;
  const m = h.matrix as unknown;
  if (Array.isArray(m)) return m.length;
  if (m && typeof m === 'object' && Array.isArray((m as { re?: unknown[] }).re)) return (m as { re: unknown[] }).re.length;
  return 0;
}

/** The symmetric bias ΔV = μ_L − μ_R (V) between the first two leads, when both have a μ. */
export function bias(state: ExplorerState): number | undefined {
  const ls = leads(state.config);
  if (ls.length < 2) return undefined;
  const a = state.leadOffsets[ls[0].name],
    b = state.leadOffsets[ls[1].name];
  return a === undefined || b === undefined ? undefined : a - b;
}

/** The current value of a control as the text an input shows (see {@link applyControl} for the names). */
export function controlValue(state: ExplorerState, name: string): string {
  const c = state.config;
  if (name === 'circuit') return c.circuit ?? 'electronic';
  if (name === 'reference.mu') return String(refMu(c));
  if (name === 'reference.T') return String(c.reference.T);
  if (name === 'hamiltonian.hopping' || name === 'hamiltonian.onsite') {
    const v = c.hamiltonian[name.slice('hamiltonian.'.length)];
    return v === undefined ? String(name.endsWith('onsite') ? 0 : c.hamiltonian.model === 'benzene' ? -2.64 : -2.7) : String(v);
  }
  if (name === 'bias') return String(bias(state) ?? '');
  if (name === 'explore.mu0.min') return String(state.view.mu0.min);
  if (name === 'explore.mu0.max') return String(state.view.mu0.max);
  if (name === 'explore.mu0.points') return String(state.view.mu0.points);
  if (name === 'explore.models') return state.view.models.join(',');
  const m = /^terminals\.(.+)\.(coupling\.gamma|coupling\.sites|probe|T)$/.exec(name);
  if (m) {
    const t = c.terminals.find((x) => x.name === m[1]);
    if (!t) return '';
    switch (m[2]) {
      case 'coupling.gamma':
        return String(scalarGamma(t) ?? '');
      case 'coupling.sites':
        return (t.coupling.sites ?? []).join(',');
      case 'probe':
        return t.probe ?? '';
      case 'T':
        return String(isProbe(t) ? (state.vpT[t.name] ?? c.reference.T) : (t.T ?? ''));
    }
  }
  return '';
}

function number(name: string, raw: string): number {
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) throw new ControlError(name, `expected a number (got "${raw}")`);
  return v;
}

function terminal(c: ConfigJson, name: string, control: string): TerminalJson {
  const t = c.terminals.find((x) => x.name === name);
  if (!t) throw new ControlError(control, `no terminal named "${name}"`);
  return t;
}

/** Rebuild the leads' μ from the offsets for the circuit kind (thermal: only the first lead's, the gauge). */
function placeLeadMu(c: ConfigJson, offsets: Readonly<Record<string, number>>): void {
  const ls = leads(c);
  ls.forEach((t, i) => {
    const off = offsets[t.name];
    if (c.circuit === 'thermal' && i > 0) delete t.mu;
    else if (off !== undefined) t.mu = refMu(c) + off;
  });
}

/**
 * Set one control; returns the new state (the input is not modified). Names and effects:
 *  - `hamiltonian.hopping`, `hamiltonian.onsite`, `reference.T`, `circuit`: that config field;
 *  - `reference.mu`: μ0, with every lead's μ moved along (μ_α − μ0 kept, as `probecheck scan` does);
 *  - `bias`: ΔV (V) between the first two leads, μ_1 = μ0 + ΔV/2, μ_2 = μ0 − ΔV/2;
 *  - `terminals.<name>.coupling.gamma`: that terminal's width γ (eV) on each of its sites;
 *  - `terminals.<name>.coupling.sites`: comma-separated 0-based sites;
 *  - `terminals.<name>.probe`: "VP", "VTP" or "ER" (a VP gets `T` = its comparison temperature);
 *  - `terminals.<name>.T`: a lead's T; for a probe the VP temperature (the config's `T` if it is a VP);
 *  - `explore.mu0.min|max|points`, `explore.models` (comma-separated): view settings only.
 * Range checks are parseConfig's (its error names the field); this only rejects non-numbers.
 * @throws ControlError for an unknown control or a value that is not a number / a known option
 */
export function applyControl(state: ExplorerState, name: string, raw: string): ExplorerState {
  const c = cloneJson(state.config);
  const vpT = { ...state.vpT };
  const offsets = { ...state.leadOffsets };
  let view = state.view;
  const done = (): ExplorerState => ({ config: c, view, vpT, leadOffsets: offsets });
  switch (name) {
    case 'hamiltonian.hopping':
    case 'hamiltonian.onsite':
      if (c.hamiltonian.model === undefined) throw new ControlError(name, 'only a model Hamiltonian (benzene, ring, chain, graphene) has this parameter');
      c.hamiltonian[name.slice('hamiltonian.'.length)] = number(name, raw);
      return done();
    case 'reference.T':
      c.reference.T = number(name, raw);
      return done();
    case 'reference.mu':
      c.reference.mu = number(name, raw);
      placeLeadMu(c, offsets);
      return done();
    case 'circuit':
      if (raw !== 'electronic' && raw !== 'thermal') throw new ControlError(name, `expected "electronic" or "thermal" (got "${raw}")`);
      c.circuit = raw;
      placeLeadMu(c, offsets);
      return done();
    case 'bias': {
      const ls = leads(c);
      if (ls.length < 2) throw new ControlError(name, 'needs two leads');
      const dV = number(name, raw);
      offsets[ls[0].name] = dV / 2;
      offsets[ls[1].name] = -dV / 2;
      placeLeadMu(c, offsets);
      return done();
    }
    case 'explore.mu0.min':
    case 'explore.mu0.max':
    case 'explore.mu0.points': {
      const v = number(name, raw);
      const key = name.slice('explore.mu0.'.length) as 'min' | 'max' | 'points';
      if (key === 'points' && (!Number.isInteger(v) || v < 2 || v > MAX_MU0_POINTS))
        throw new ControlError(name, `expected an integer from 2 to ${MAX_MU0_POINTS} (got ${raw})`);
      const mu0 = { ...view.mu0, [key]: v };
      if (!(mu0.max > mu0.min)) throw new ControlError(name, `the μ0 range needs min < max (got ${mu0.min} … ${mu0.max})`);
      view = { ...view, mu0 };
      return done();
    }
    case 'explore.models': {
      const ms = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const m of ms)
        if (!PROBE_MODELS.includes(m as ProbeModel)) throw new ControlError(name, `unknown probe model "${m}" (have ${PROBE_MODELS.join(', ')})`);
      view = { ...view, models: PROBE_MODELS.filter((m) => ms.includes(m)) };
      return done();
    }
  }
  const m = /^terminals\.(.+)\.(coupling\.gamma|coupling\.sites|probe|T)$/.exec(name);
  if (!m) throw new ControlError(name, 'unknown control');
  const t = terminal(c, m[1], name);
  switch (m[2]) {
    case 'coupling.gamma':
      if (t.coupling.sites === undefined) throw new ControlError(name, `terminal "${t.name}" has a matrix coupling`);
      t.coupling.gamma = number(name, raw);
      return done();
    case 'coupling.sites': {
      if (t.coupling.sites === undefined) throw new ControlError(name, `terminal "${t.name}" has a matrix coupling`);
      const parts = raw.split(',').map((s) => s.trim());
      const sites = parts.map((s) => {
        const v = Number(s);
        if (s === '' || !Number.isInteger(v)) throw new ControlError(name, `expected comma-separated site indices (got "${raw}")`);
        return v;
      });
      const g = scalarGamma(t);
      t.coupling.sites = sites;
      if (g !== undefined) t.coupling.gamma = g; // one width on every site
      return done();
    }
    case 'probe':
      if (!isProbe(t)) throw new ControlError(name, `"${t.name}" is a lead, not a probe`);
      if (raw !== 'VP' && raw !== 'VTP' && raw !== 'ER') throw new ControlError(name, `expected "VP", "VTP" or "ER" (got "${raw}")`);
      t.probe = raw;
      delete t.T;
      if (raw === 'VP' && vpT[t.name] !== undefined) t.T = vpT[t.name];
      return done();
    case 'T': {
      const T = number(name, raw);
      if (isProbe(t)) {
        vpT[t.name] = T;
        if (t.probe === 'VP') t.T = T;
      } else {
        t.T = T;
      }
      return done();
    }
  }
  throw new ControlError(name, 'unknown control');
}

/** The μ0 grid of the view (evenly spaced, both ends included). */
export function mu0Grid(view: ExplorerView): number[] {
  return linspace(view.mu0.min, view.mu0.max, view.mu0.points);
}
