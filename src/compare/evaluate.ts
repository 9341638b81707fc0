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
import { chargeCurrentSI, type SpinFactor } from '../model/units.js';
import { roleSpec, isTestProbe } from '../model/probeModels.js';
import type { SelfEnergyLead } from '../numeric/leads.js';
import { isEnergyResolved, type TerminalRole } from '../model/probeModels.js';
import { energyResolvedElimination, type ErElimination } from '../numeric/energyResolved.js';
import { solveNonlinear, NonlinearSolveError, type NonlinearResult } from '../numeric/nonlinear.js';
import { schurEliminate, type SchurResult } from '../numeric/probes.js';
import type { Terminal, TransportSystem, OnsagerMethod, PreparedSystem, SystemSolution } from '../numeric/system.js';
import { prepareSystem, solveSystem } from '../numeric/system.js';
import type { Reference } from '../numeric/onsager.js';
import { withTerminalGamma, shiftReference } from '../scan.js';
import { scaleCoupling } from '../numeric/coupling.js';
import { CompareInputError, OutOfRangeError } from './errors.js';
import { ENERGY_LIMIT, energyProblem, temperatureProblem } from '../limits.js';
import type { Column, ResolvedTable } from './resolve.js';

/** The solved state at one row. */
export interface PointState {
  readonly reference: Reference;
  readonly system: TransportSystem;
  /** Linear response around the row's reference (Onsager coefficients, M, the Schur complement). */
  readonly solution: SystemSolution;
  /** The finite-bias solution (CONFIG `"response": "nonlinear"`, or the finite-bias hypothesis). */
  readonly nonlinear?: NonlinearResult;
}

/** The circuit quantities a row reports: the nonlinear solution when there is one, else linear response. */
export function circuitOf(
  s: PointState,
): Pick<NonlinearResult, 'mu' | 'temperature' | 'particleCurrent' | 'chargeCurrent' | 'heatCurrent' | 'entropyProduction' | 'seebeck'> {
  return s.nonlinear ?? s.solution.circuit;
}

/** Changes the terminals of a row before it is solved (probe-model hypotheses in diagnose.ts). */
export type Variant = (terminals: Terminal[], reference: Reference) => Terminal[];

/** Per-row sweep values: terminal index → value, plus reference moves. */
interface RowSetup {
  readonly gamma: ReadonlyArray<readonly [number, number]>;
  /** μ_L − μ_R of the first two leads (eV), applied symmetrically about μ0. */
  readonly bias?: number;
  readonly mu0?: number;
  readonly T0?: number;
  readonly leadMu: ReadonlyArray<readonly [number, number]>;
  readonly leadT: ReadonlyArray<readonly [number, number]>;
}

function rowSetup(table: ResolvedTable, i: number): RowSetup {
  const gamma: Array<[number, number]> = [],
    leadMu: Array<[number, number]> = [],
    leadT: Array<[number, number]> = [];
  let mu0: number | undefined, T0: number | undefined, bias: number | undefined;
  for (const c of table.columns) {
    if (c.role !== 'sweep') continue;
    const q = c.quantity,
      v = c.values[i];
    if (q.kind === 'gamma') gamma.push([q.t, v]);
    else if (q.kind === 'mu0') mu0 = v;
    else if (q.kind === 'T0') T0 = v;
    else if (q.kind === 'mu') leadMu.push([q.t, v]);
    else if (q.kind === 'temperature') leadT.push([q.t, v]);
    else if (q.kind === 'bias') bias = v;
  }
  return { gamma, mu0, T0, bias, leadMu, leadT };
}

/** Caches one prepared system (eigenproblems) per distinct set of swept widths. */
export class SystemCache {
  private readonly cache = new Map<string, PreparedSystem>();
  constructor(readonly cfg: ParsedConfig) {}

  /**
   * The system with the given widths (terminal index → γ in eV), prepared once; `couplingScale`
   * multiplies every Γ^α (the Σ = −iγ hypothesis: Γ = 2γ).
   */
  prepared(gamma: ReadonlyArray<readonly [number, number]>, couplingScale = 1, roles?: readonly TerminalRole[], dropReSigma = false): PreparedSystem {
    const own = this.cfg.system.terminals.map((t) => t.role);
    const r = roles?.some((x, i) => x !== own[i]) ? roles : undefined;
    const key =
      gamma.map(([t, g]) => `${t}:${g}`).join(',') +
      (couplingScale === 1 ? '' : `×${couplingScale}`) +
      (r ? `|${r.join(',')}` : '') +
      (dropReSigma ? '|ImΣ' : '');
    let p = this.cache.get(key);
    if (!p) {
      let sys = this.cfg.system;
      for (const [t, g] of gamma) {
        const term = this.cfg.config.terminals[t];
        sys = withTerminalGamma(sys, term.name, g, siteCoupling(term.coupling)!.sites);
      }
      if (couplingScale !== 1)
        sys = {
          ...sys,
          terminals: sys.terminals.map((t) => ({
            ...t,
            coupling: scaleCoupling(t.coupling, couplingScale),
            ...(t.lead ? { lead: scaledLead(t.lead, couplingScale) } : {}),
          })),
        };
      // The Re Σ(E) hypothesis: energy-dependent leads with only their imaginary part (Γ(E)/2).
      if (dropReSigma) sys = { ...sys, terminals: sys.terminals.map((t) => (t.lead ? { ...t, lead: imaginaryPartOnly(t.lead) } : t)) };
      // Probe models of a hypothesis: the ER elimination happens inside the Onsager coefficients.
      if (r)
        sys = {
          ...sys,
          terminals: sys.terminals.map((t, i) => (r[i] === t.role ? t : { ...t, role: r[i], temperature: r[i] === 'VP' ? t.temperature : undefined })),
        };
      // withTerminalGamma rebuilds the system without its spin factor: keep CONFIG's.
      p = prepareSystem({ ...sys, spin: this.cfg.system.spin ?? 1 });
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
  if (setup.bias !== undefined) {
    // A bias (or voltage, μ_L − μ_R = e·V) column sets the first two leads symmetrically about μ0.
    const [l, r] = terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
    terminals[l] = { ...terminals[l], mu: mu0 + setup.bias / 2 };
    terminals[r] = { ...terminals[r], mu: mu0 - setup.bias / 2 };
  }
  for (const [t, v] of setup.leadMu) terminals[t] = { ...terminals[t], mu: v };
  for (const [t, v] of setup.leadT) terminals[t] = { ...terminals[t], temperature: v };
  return { system: { hamiltonian: shifted.hamiltonian, terminals, spin: prepared.system.spin ?? 1 }, reference: { mu: mu0, temperature: T0 } };
}

/**
 * The μ and T a row sets are within CONFIG's limits (docs/config.md "Ranges and limits"): each
 * swept value is checked on its own (resolve.ts), but a μ0 or T0 sweep moves every terminal with
 * it (μ_α − μ0, T_α − T0 kept) and a bias adds ±eV/2, so that e.g. μ0 = 900 eV with V = 400 V puts
 * μ_L at 1100 eV, and T0 = 10 K with CONFIG's T_R = T0 − 25 K a lead at −15 K.
 */
function checkRowLimits(table: ResolvedTable, i: number, terminals: readonly Terminal[]): void {
  const swept = table.columns
    .filter((c) => c.role === 'sweep')
    .map((c) => c.header)
    .join(', ');
  for (const t of terminals) {
    const pm = t.mu === undefined ? null : energyProblem(t.mu);
    const pt = t.temperature === undefined ? null : temperatureProblem(t.temperature);
    const p = pm ? `μ_${t.name} = ${t.mu} eV is outside ±${ENERGY_LIMIT} eV` : pt ? `terminal ${t.name}: ${pt}` : null;
    if (p) throw new OutOfRangeError(table.label, `${table.rowLabels[i]}: ${p} (set by the swept ${swept} with CONFIG's offsets from μ0, T0)`);
  }
}

/**
 * The variant a table is evaluated under: a table of side-by-side probe-model columns
 * ({@link ResolvedTable.model}) has every probe made that model first, as `scan --probe-models`
 * does (src/numeric/system.ts withProbeModel: a VP of CONFIG keeps its T, any other probe made a
 * VP is held at T0), then `variant` (a hypothesis) applies.
 */
export function withTableModel(table: ResolvedTable, variant?: Variant): Variant | undefined {
  const model = table.model;
  if (!model) return variant;
  return (terms, ref) => {
    const made = terms.map((t) => (t.role === 'lead' ? t : { ...t, role: model, temperature: model === 'VP' && t.role === 'VP' ? t.temperature : undefined }));
    return variant ? variant(made, ref) : made;
  };
}

/** Solve every row of a point table (optionally under a variant of the terminals; a probe-model table under its model first). */
export function evaluatePoints(
  table: ResolvedTable,
  cfg: ParsedConfig,
  method: OnsagerMethod,
  cache: SystemCache,
  variant?: Variant,
  couplingScale = 1,
  response: 'linear' | 'nonlinear' = cfg.response,
): PointState[] {
  const out: PointState[] = [];
  variant = withTableModel(table, variant);
  for (let i = 0; i < table.rows; i++) {
    const setup = rowSetup(table, i);
    let prepared = cache.prepared(setup.gamma, couplingScale);
    const row = rowSystem(cfg, prepared, setup);
    checkRowLimits(table, i, row.system.terminals);
    const terminals = variant ? variant(row.system.terminals.slice(), row.reference) : row.system.terminals;
    // A variant that changes which probes are energy-resolved needs its own Onsager coefficients.
    if (terminals.some((t, a) => t.role !== prepared.system.terminals[a].role && (t.role === 'ER' || prepared.system.terminals[a].role === 'ER'))) {
      prepared = cache.prepared(
        setup.gamma,
        couplingScale,
        terminals.map((t) => t.role),
      );
    }
    const system = { ...row.system, terminals };
    const p = { ...prepared, system };
    if (response === 'nonlinear') {
      let nonlinear: NonlinearResult;
      try {
        nonlinear = solveNonlinear(p, row.reference, cfg.circuit);
      } catch (e) {
        if (e instanceof NonlinearSolveError) throw new CompareInputError(table.label, `${table.rowLabels[i]}: the nonlinear solve fails there (${e.message})`);
        throw e;
      }
      out.push({ reference: row.reference, system, solution: { onsager: p.onsager(row.reference, method), circuit: nonlinear.linear }, nonlinear });
    } else {
      out.push({ reference: row.reference, system, solution: solveSystem(p, row.reference, cfg.circuit, method) });
    }
  }
  return out;
}

/** True for a probe in the coherent limit (γ = 0): it exchanges nothing, its L and T are 0. */
function isTest(s: PointState | TransportSystem, t: number): boolean {
  const terms = 'solution' in s ? s.system.terminals : s.terminals;
  return isTestProbe(terms[t]);
}

/** L^(ν)_ab at a state (test probes masked to 0; a = b gives the matrix form −Σ_{c≠a} L_ac). */
export function onsagerAt(s: PointState, nu: 0 | 1 | 2, a: number, b: number): number {
  const o = s.solution.onsager;
  const n = o.terminals;
  const L = nu === 0 ? o.L0 : nu === 1 ? o.L1 : o.L2;
  // docs/physics.md §11: probecheck reports L^(ν) with the spin factor s of CONFIG (solve output).
  const sp = spinOf(s);
  const get = (x: number, y: number) => (isTest(s, x) || isTest(s, y) ? 0 : sp * L[x * n + y]);
  if (a !== b) return get(a, b);
  let d = 0;
  for (let c = 0; c < n; c++) if (c !== a) d -= get(a, c);
  return d; // docs/physics.md §3: 𝓛_αα = −Σ_{β≠α} L_αβ
}

/** CONFIG's spin factor s at a state (1 or 2). */
export function spinOf(s: PointState): SpinFactor {
  return s.system.spin ?? 1;
}

/** A self-energy lead with Σ(E) scaled by f (the Σ = −iγ hypothesis for energy-dependent leads). */
function scaledLead(lead: SelfEnergyLead, f: number): SelfEnergyLead {
  return {
    ...lead,
    selfEnergy: (e, out) => {
      lead.selfEnergy(e, out);
      out[0] *= f;
      out[1] *= f;
    },
  };
}

/** A self-energy lead with Re Σ(E) set to 0 (keeps Γ(E) = −2 Im Σ(E)). */
function imaginaryPartOnly(lead: SelfEnergyLead): SelfEnergyLead {
  return {
    ...lead,
    selfEnergy: (e, out) => {
      lead.selfEnergy(e, out);
      out[0] = 0;
    },
  };
}

/** Lead indices of a state's system. */
function leadsOf(s: PointState): number[] {
  return s.system.terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
}

const effectiveCache = new WeakMap<PointState, SchurResult>();

/**
 * The Onsager matrix of the leads with every probe eliminated (docs/physics.md §4): M̃ over the
 * lead variables (and a VP's fixed T_P), the Schur complement for J^N_P = 0 (and J^Q_P = 0 for
 * a VTP) of the circuit's matrix. Cached per state.
 */
export function effectiveMatrix(s: PointState): SchurResult {
  let r = effectiveCache.get(s);
  if (!r) {
    const terms = s.system.terminals,
      n = terms.length;
    const unknown: number[] = [];
    // VP and VTP unknowns (ER probes are already eliminated energy by energy in L^(ν): their rows are 0).
    terms.forEach((t, a) => {
      if (t.role === 'lead') return;
      const spec = roleSpec(t.role);
      if (spec.mu === 'solved') unknown.push(a);
      if (spec.temperature === 'solved') unknown.push(n + a);
    });
    r = schurEliminate(
      s.solution.circuit.matrix,
      2 * n,
      unknown.sort((x, y) => x - y),
    );
    effectiveCache.set(s, r);
  }
  return r;
}

/**
 * L̃^(ν)_ab of leads a ≠ b after eliminating the probes: the off-diagonal element of M̃ in the
 * block of ν (μ_a,μ_b for ν = 0; μ_a,T_b for ν = 1; T_a,T_b for ν = 2), the same position as
 * L^(ν)_ab in M (docs/physics.md §3–§4, paper Eqs. 11, 16).
 */
export function effectiveAt(s: PointState, nu: 0 | 1 | 2, a: number, b: number): number {
  const e = effectiveMatrix(s),
    n = s.system.terminals.length,
    nf = e.free.length;
  const row = e.free.indexOf(nu === 2 ? n + a : a),
    col = e.free.indexOf(nu === 0 ? b : n + b);
  return spinOf(s) * e.effective[row * nf + col]; // with CONFIG's spin factor, as L^(ν)
}

/** CONFIG's width of a terminal with a local coupling (all sites equal, checked by resolve). */
function configGamma(cfg: ParsedConfig, t: number): number {
  const g = siteCoupling(cfg.config.terminals[t].coupling)!.gamma;
  return typeof g === 'number' ? g : g[0];
}

/** probecheck's value of a point-table column at a state, in the canonical unit. */
export function pointValue(c: Column, s: PointState, cfg: ParsedConfig, rowLabel: string, source: string): number {
  const q = c.quantity,
    r = circuitOf(s);
  switch (q.kind) {
    case 'mu':
      return r.mu[q.t];
    case 'temperature':
      return r.temperature[q.t];
    case 'particle':
      return r.particleCurrent[q.t];
    case 'charge':
      return r.chargeCurrent[q.t];
    case 'heat':
      return r.heatCurrent[q.t];
    case 'entropyProduction':
      return r.entropyProduction;
    case 'seebeck':
      if (r.seebeck === null)
        throw new CompareInputError(
          source,
          `column ${c.header}, ${rowLabel}: the thermopower is undefined there (the first two leads have the same temperature)`,
        );
      return r.seebeck;
    case 'onsager':
      return onsagerAt(s, q.nu, q.a, q.b);
    case 'mu0':
      return s.reference.mu;
    case 'T0':
      return s.reference.temperature;
    case 'gamma':
      return configGamma(cfg, q.t);
    case 'bias': {
      const [l, rr] = leadsOf(s);
      return r.mu[l] - r.mu[rr];
    }
    // Landauer sign: I = (e/h)∫T(f_L − f_R) dE = e J^N into the second lead (docs/physics.md §1: I_into = −e J^N)
    case 'current':
      return -r.chargeCurrent[leadsOf(s)[1]];
    // G = (e²/h)·s·L̃^(0) (S): the charge current per volt, through the one h·J → SI conversion
    case 'conductance':
      return -chargeCurrentSI(effectiveAt(s, 0, q.a, q.b));
    case 'effective':
      return effectiveAt(s, q.nu, q.a, q.b);
    default:
      throw new Error(`pointValue: ${q.kind} is not a point quantity`);
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

/** Why T̃(E) is not defined for CONFIG's probes (null when it is: every probe energy-resolved or in the coherent limit). */
export function teffUndefinedReason(system: TransportSystem): string | null {
  const bad = system.terminals.filter((t) => t.role !== 'lead' && (t.role as string) !== 'ER' && t.test !== true);
  if (bad.length === 0) return null;
  const p = bad[0];
  return `probe ${p.name} is a ${p.role}: its μ_${p.name}${p.role === 'VTP' ? ` and T_${p.name} are` : ' is'} fixed by the energy-integrated current${p.role === 'VTP' ? 's' : ''}, so no energy-resolved effective transmission exists (it does only when every probe is energy-resolved, "probe": "ER", or in the coherent limit γ = 0); compare the conductance G or the effective coefficients Leff0/Leff1/Leff2 instead`;
}

/** Transmissions of an energy table at their energies (scaled by `energyFactor`, for unit checks). */
export function evaluateEnergy(table: ResolvedTable, cache: SystemCache, energyFactor = 1, couplingScale = 1, dropReSigma = false): Map<Column, Float64Array> {
  const out = new Map<Column, Float64Array>();
  const e = table.columns.find((c) => c.quantity.kind === 'E')!;
  const tcols = table.columns.filter((c) => c.quantity.kind === 'transmission' || c.quantity.kind === 'teff');
  for (const c of tcols) out.set(c, new Float64Array(table.rows));
  const sweeps = table.columns.filter((c) => c.role === 'sweep' && c.quantity.kind === 'gamma');
  let key = '',
    engineT: { n: number; evaluate: (E: number, out: Float64Array) => void; test: boolean[]; er: ErElimination } | undefined;
  let teff = new Float64Array(0),
    w = new Float64Array(0);
  let t = new Float64Array(0);
  for (let i = 0; i < table.rows; i++) {
    const gamma = sweeps.map((c) => [(c.quantity as { t: number }).t, c.values[i]] as const);
    const k = gamma.map(([a, g]) => `${a}:${g}`).join(',');
    if (!engineT || k !== key) {
      const p = cache.prepared(gamma, couplingScale, undefined, dropReSigma);
      const eng = p.engine();
      if (tcols.some((c) => c.quantity.kind === 'teff')) {
        const why = teffUndefinedReason(p.system);
        if (why) throw new CompareInputError(table.label, `column ${tcols.find((c) => c.quantity.kind === 'teff')!.header}: ${why}`);
      }
      engineT = {
        n: eng.terminals,
        evaluate: (E, o) => eng.evaluate(E, o),
        test: p.system.terminals.map((_, a) => isTest(p.system, a)),
        // docs/physics.md §8: the ER probes eliminated energy by energy (numeric/energyResolved.ts)
        er: energyResolvedElimination(
          eng.terminals,
          p.system.terminals.map((x, a) => (isEnergyResolved(x.role) ? a : -1)).filter((a) => a >= 0),
          p.system.terminals.map(isTestProbe),
        ),
      };
      t = new Float64Array(eng.terminals * eng.terminals);
      teff = new Float64Array(t.length);
      w = new Float64Array(t.length);
      key = k;
    }
    engineT.evaluate(e.values[i] * energyFactor, t);
    if (tcols.some((c) => c.quantity.kind === 'teff')) engineT.er.apply(t, teff, w);
    for (const c of tcols) {
      const q = c.quantity as { a: number; b: number };
      if (c.quantity.kind === 'teff') {
        const v = teff[q.a * engineT.n + q.b];
        if (!Number.isFinite(v))
          throw new CompareInputError(
            table.label,
            `column ${c.header}, ${table.rowLabels[i]}: the energy-resolved elimination is singular there (a probe exchanges nothing at E = ${e.raw[i]})`,
          );
        out.get(c)![i] = v;
        continue;
      }
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
