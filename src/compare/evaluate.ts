/**
 * probecheck's own values at every row of a resolved table, computed with the pipeline the CLI
 * uses (src/numeric/system.ts {@link solveSystem}, src/scan.ts {@link withTerminalGamma} and
 * {@link shiftReference}; transmissions from the same engine as `probecheck transmission`).
 * No second solver lives here.
 *
 * Row set-up (docs/compare.md §Sweeps): start from CONFIG; a swept `gamma_<X>` sets every site
 * of X to that width (γ = 0 on a probe: the coherent limit); a swept `mu0`/`T0` moves the
 * reference with every given μ/T keeping its offset from it (the `scan` convention); a swept lead
 * `mu_<X>`/`T_<X>` then sets that lead's value. Non-swept parameters are CONFIG's.
 */
import { siteCoupling, type ParsedConfig } from '../config.js';
import { K_B_EV } from '../numeric/constants.js';
import type { Terminal, TransportSystem, OnsagerMethod, PreparedSystem, SystemSolution } from '../numeric/system.js';
import { prepareSystem, solveSystem } from '../numeric/system.js';
import type { Reference } from '../numeric/onsager.js';
import { withTerminalGamma, shiftReference } from '../scan.js';
import { CompareInputError } from './errors.js';
import type { Column, ResolvedTable } from './resolve.js';

/** The solved state at one row. */
export interface PointState {
  readonly reference: Reference;
  readonly system: TransportSystem;
  readonly solution: SystemSolution;
}

/** Changes the terminals of a row before it is solved (probe-model hypotheses in diagnose.ts). */
export type Variant = (terminals: Terminal[], reference: Reference) => Terminal[];

/** Per-row sweep values: terminal index → value, plus reference moves. */
interface RowSetup {
  readonly gamma: ReadonlyArray<readonly [number, number]>;
  readonly mu0?: number;
  readonly T0?: number;
  readonly leadMu: ReadonlyArray<readonly [number, number]>;
  readonly leadT: ReadonlyArray<readonly [number, number]>;
}

function rowSetup(table: ResolvedTable, i: number): RowSetup {
  const gamma: Array<[number, number]> = [], leadMu: Array<[number, number]> = [], leadT: Array<[number, number]> = [];
  let mu0: number | undefined, T0: number | undefined;
  for (const c of table.columns) {
    if (c.role !== 'sweep') continue;
    const q = c.quantity, v = c.values[i];
    if (q.kind === 'gamma') gamma.push([q.t, v]);
    else if (q.kind === 'mu0') mu0 = v;
    else if (q.kind === 'T0') T0 = v;
    else if (q.kind === 'mu') leadMu.push([q.t, v]);
    else if (q.kind === 'temperature') leadT.push([q.t, v]);
  }
  return { gamma, mu0, T0, leadMu, leadT };
}

/** Caches one prepared system (eigenproblems) per distinct set of swept widths. */
export class SystemCache {
  private readonly cache = new Map<string, PreparedSystem>();
  constructor(readonly cfg: ParsedConfig) {}

  /** The system with the given widths (terminal index → γ in eV), prepared once. */
  prepared(gamma: ReadonlyArray<readonly [number, number]>): PreparedSystem {
    const key = gamma.map(([t, g]) => `${t}:${g}`).join(',');
    let p = this.cache.get(key);
    if (!p) {
      let sys = this.cfg.system;
      for (const [t, g] of gamma) {
        const term = this.cfg.config.terminals[t];
        sys = withTerminalGamma(sys, term.name, g, siteCoupling(term.coupling)!.sites);
      }
      p = prepareSystem(sys);
      this.cache.set(key, p);
    }
    return p;
  }
}

/** The terminals and reference of one row (before any variant). */
function rowSystem(cfg: ParsedConfig, prepared: PreparedSystem, setup: RowSetup): { system: TransportSystem; reference: Reference } {
  const base = cfg.reference;
  const mu0 = setup.mu0 ?? base.mu;
  const T0 = setup.T0 ?? base.temperature;
  // docs/physics.md §1 / scan convention: moving the reference keeps every given bias μ − μ0, T − T0.
  const shifted = shiftReference(prepared.system, base, mu0).system;
  const dT = T0 - base.temperature;
  const terminals = shifted.terminals.map((t) => (t.temperature === undefined || dT === 0 ? t : { ...t, temperature: t.temperature + dT }));
  for (const [t, v] of setup.leadMu) terminals[t] = { ...terminals[t], mu: v };
  for (const [t, v] of setup.leadT) terminals[t] = { ...terminals[t], temperature: v };
  return { system: { hamiltonian: shifted.hamiltonian, terminals }, reference: { mu: mu0, temperature: T0 } };
}

/** Solve every row of a point table (optionally under a variant of the terminals). */
export function evaluatePoints(table: ResolvedTable, cfg: ParsedConfig, method: OnsagerMethod, cache: SystemCache, variant?: Variant): PointState[] {
  const out: PointState[] = [];
  for (let i = 0; i < table.rows; i++) {
    const setup = rowSetup(table, i);
    const prepared = cache.prepared(setup.gamma);
    const row = rowSystem(cfg, prepared, setup);
    const terminals = variant ? variant(row.system.terminals.slice(), row.reference) : row.system.terminals;
    const system = { hamiltonian: row.system.hamiltonian, terminals };
    const solution = solveSystem({ ...prepared, system }, row.reference, cfg.circuit, method);
    out.push({ reference: row.reference, system, solution });
  }
  return out;
}

/** True for a probe in the coherent limit (γ = 0): it exchanges nothing, its L and T are 0. */
function isTest(s: PointState | TransportSystem, t: number): boolean {
  const terms = 'solution' in s ? s.system.terminals : s.terminals;
  return terms[t].role !== 'lead' && terms[t].test === true;
}

/** L^(ν)_ab at a state (test probes masked to 0; a = b gives the matrix form −Σ_{c≠a} L_ac). */
export function onsagerAt(s: PointState, nu: 0 | 1 | 2, a: number, b: number): number {
  const o = s.solution.onsager;
  const n = o.terminals;
  const L = nu === 0 ? o.L0 : nu === 1 ? o.L1 : o.L2;
  const get = (x: number, y: number) => (isTest(s, x) || isTest(s, y) ? 0 : L[x * n + y]);
  if (a !== b) return get(a, b);
  let d = 0;
  for (let c = 0; c < n; c++) if (c !== a) d -= get(a, c);
  return d; // docs/physics.md §3: 𝓛_αα = −Σ_{β≠α} L_αβ
}

/** CONFIG's width of a terminal with a local coupling (all sites equal, checked by resolve). */
function configGamma(cfg: ParsedConfig, t: number): number {
  const g = siteCoupling(cfg.config.terminals[t].coupling)!.gamma;
  return typeof g === 'number' ? g : g[0];
}

/** probecheck's value of a point-table column at a state, in the canonical unit. */
export function pointValue(c: Column, s: PointState, cfg: ParsedConfig, rowLabel: string, source: string): number {
  const q = c.quantity, r = s.solution.circuit;
  switch (q.kind) {
    case 'mu': return r.mu[q.t];
    case 'temperature': return r.temperature[q.t];
    case 'particle': return r.particleCurrent[q.t];
    case 'charge': return r.chargeCurrent[q.t];
    case 'heat': return r.heatCurrent[q.t];
    case 'entropyProduction': return r.entropyProduction;
    case 'seebeck':
      if (r.seebeck === null) throw new CompareInputError(source, `column ${c.header}, ${rowLabel}: the thermopower is undefined there (the first two leads have the same temperature)`);
      return r.seebeck;
    case 'onsager': return onsagerAt(s, q.nu, q.a, q.b);
    case 'mu0': return s.reference.mu;
    case 'T0': return s.reference.temperature;
    case 'gamma': return configGamma(cfg, q.t);
    default: throw new Error(`pointValue: ${q.kind} is not a point quantity`);
  }
}

/**
 * Offset subtracted from both sides before comparing: μ and T are compared as deviations from the
 * row's reference (μ − μ0, T − T0: the variables x of docs/physics.md §3), so that a tolerance relative
 * to the bias is not swamped by μ0 or T0 themselves.
 */
export function pointOffset(c: Column, s: PointState): number {
  if (c.quantity.kind === 'mu') return s.reference.mu;
  if (c.quantity.kind === 'temperature') return s.reference.temperature;
  return 0;
}

/** Transmissions of an energy table at their energies (scaled by `energyFactor`, for unit checks). */
export function evaluateEnergy(table: ResolvedTable, cache: SystemCache, energyFactor = 1): Map<Column, Float64Array> {
  const out = new Map<Column, Float64Array>();
  const e = table.columns.find((c) => c.quantity.kind === 'E')!;
  const tcols = table.columns.filter((c) => c.quantity.kind === 'transmission');
  for (const c of tcols) out.set(c, new Float64Array(table.rows));
  const sweeps = table.columns.filter((c) => c.role === 'sweep' && c.quantity.kind === 'gamma');
  let key = '', engineT: { n: number; evaluate: (E: number, out: Float64Array) => void; test: boolean[] } | undefined;
  let t = new Float64Array(0);
  for (let i = 0; i < table.rows; i++) {
    const gamma = sweeps.map((c) => [(c.quantity as { t: number }).t, c.values[i]] as const);
    const k = gamma.map(([a, g]) => `${a}:${g}`).join(',');
    if (!engineT || k !== key) {
      const p = cache.prepared(gamma);
      const eng = p.engine();
      engineT = { n: eng.terminals, evaluate: (E, o) => eng.evaluate(E, o), test: p.system.terminals.map((_, a) => isTest(p.system, a)) };
      t = new Float64Array(eng.terminals * eng.terminals);
      key = k;
    }
    engineT.evaluate(e.values[i] * energyFactor, t);
    for (const c of tcols) {
      const q = c.quantity as { a: number; b: number };
      // A probe in the coherent limit transmits nothing (as in `probecheck transmission`).
      out.get(c)![i] = engineT.test[q.a] || engineT.test[q.b] ? 0 : t[q.a * engineT.n + q.b];
    }
  }
  return out;
}

/** Thermal energy k_B T0 in eV at a state. */
export function kT(s: PointState): number {
  return K_B_EV * s.reference.temperature;
}
