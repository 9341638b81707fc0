/**
 * Resolving THEIR_OUTPUT's column names against CONFIG (docs/compare.md §Columns): every column
 * becomes a {@link Quantity} of a named terminal (or pair of terminals) with a declared
 * {@link Unit} and a role:
 *
 * - `abscissa`: the energy grid `E` of an energy-resolved table;
 * - `sweep`: a parameter that takes more than one value (`mu0`, `T0`, `gamma_<X>`, a lead's
 *   `T_<X>`, a lead's `mu_<X>` — in a thermal circuit only the gauge lead's): probecheck recomputes
 *   at every row with that value;
 * - `input`: the same parameters when they are constant, and a VP's `T_<P>` (always): compared with
 *   CONFIG, a mismatch means their run used different inputs;
 * - `output`: everything probecheck computes (transmissions, Onsager coefficients, probe μ and T,
 *   thermal-circuit lead μ, currents, entropy production, thermopower).
 *
 * Pure; errors are {@link CompareInputError}s naming the file and the column.
 */
import { siteCoupling, type ParsedConfig } from '../config.js';
import { CompareInputError } from './errors.js';
import type { RawColumn, RawTable } from './parse.js';
import type { ProbeModel } from '../model/probeModels.js';
import { type Dimension, type Unit, canonicalUnit, findUnit, acceptedList, unitKind, UNIT_KINDS, squaredEnergyUnit } from './units.js';
import { ENERGY_LIMIT, GAMMA_MIN, energyProblem, temperatureProblem } from '../limits.js';

/** What a column holds. Terminal indices refer to CONFIG's terminal order. */
export type Quantity =
  | { readonly kind: 'E' }
  | { readonly kind: 'transmission'; readonly a: number; readonly b: number }
  | { readonly kind: 'onsager'; readonly nu: 0 | 1 | 2; readonly a: number; readonly b: number }
  | { readonly kind: 'mu'; readonly t: number }
  | { readonly kind: 'temperature'; readonly t: number }
  | { readonly kind: 'particle' | 'charge' | 'heat'; readonly t: number }
  | { readonly kind: 'entropyProduction' }
  | { readonly kind: 'seebeck' }
  | { readonly kind: 'mu0' }
  | { readonly kind: 'T0' }
  | { readonly kind: 'gamma'; readonly t: number }
  /** μ_a − μ_b of the first two leads (eV): `bias`, or `V` in volts (μ_L − μ_R = e·V). */
  | { readonly kind: 'bias'; readonly voltage: boolean }
  /** Two-terminal current from the first lead to the second, Landauer sign: I = (e/h)∫T(f_L − f_R) = e J^N_R (A). */
  | { readonly kind: 'current' }
  /** Conductance G = (e²/h) L̃^(0)_ab after eliminating every probe (S). */
  | { readonly kind: 'conductance'; readonly a: number; readonly b: number }
  /** Effective Onsager coefficient L̃^(ν)_ab of the leads after eliminating every probe. */
  | { readonly kind: 'effective'; readonly nu: 0 | 1 | 2; readonly a: number; readonly b: number }
  /** Effective transmission T̃_ab(E) with every probe eliminated energy by energy (ER probes only). */
  | { readonly kind: 'teff'; readonly a: number; readonly b: number };

/** Families share one tolerance scale (docs/compare.md §Tolerances). */
export type Family =
  | 'E'
  | 'transmission'
  | 'L0'
  | 'L1'
  | 'L2'
  | 'mu'
  | 'temperature'
  | 'particle'
  | 'charge'
  | 'heat'
  | 'entropyProduction'
  | 'seebeck'
  | 'mu0'
  | 'T0'
  | 'gamma'
  | 'bias'
  | 'conductance'
  | 'Leff0'
  | 'Leff1'
  | 'Leff2'
  | 'teff';

export type Role = 'abscissa' | 'sweep' | 'input' | 'output';

/** Where a column's unit came from. */
export type UnitSource = 'annotation' | 'option' | 'file' | 'default';

export interface Column {
  /** The header as written (with any unit annotation). */
  readonly header: string;
  /** probecheck's canonical name, e.g. `T_L_R`, `heat_P`, `L1_L_R`. */
  readonly key: string;
  readonly quantity: Quantity;
  readonly family: Family;
  readonly dimension: Dimension;
  readonly unit: Unit;
  readonly unitSource: UnitSource;
  readonly role: Role;
  /** Values as written (their unit). */
  readonly raw: Float64Array;
  /** Values in probecheck's canonical unit (eV, eV², K, 1/s, A, W, W/K, V/K), currents into each terminal. */
  readonly values: Float64Array;
  /** −1 for currents negated by --currents-out, else 1: values = sign · raw · unit.factor / spin. */
  readonly sign: 1 | -1;
  /** Their spin degeneracy divided out of this column (1 unless it sums over spin: currents, Ṡ, G). */
  readonly spin: number;
}

export interface ResolvedTable {
  readonly source: string;
  readonly label: string;
  readonly kind: 'energy' | 'points';
  readonly rows: number;
  readonly rowLabels: readonly string[];
  readonly columns: readonly Column[];
  /** Remarks found while resolving (probe model declared in the file vs CONFIG, …). */
  readonly notes: readonly string[];
  /**
   * Set on the table of side-by-side probe-model columns (`charge_L_VP`, … of `scan --probe-models`):
   * its outputs are probecheck's solution with every probe of CONFIG made this model.
   */
  readonly model?: ProbeModel;
}

/** Options of {@link resolveTable}. */
export interface ResolveOptions {
  /** `--units` declarations (kind → unit). */
  readonly units?: ReadonlyMap<string, Unit>;
  /** Column names (without unit annotation) to skip. */
  readonly ignore?: ReadonlySet<string>;
  /** Their currents are counted out of each terminal (negated before comparison). */
  readonly currentsOut?: boolean;
  /**
   * Their spin degeneracy g (1 or 2; default 1): their currents, Ṡ and conductances include it
   * and are divided by g (transmissions, Onsager functions L^(ν), L̃^(ν) — integrals of the
   * per-spin T(E) —, μ, T and the thermopower do not depend on it).
   */
  readonly spinDegeneracy?: number;
}

const DIMENSION_OF: Readonly<Record<Quantity['kind'], Dimension>> = {
  E: 'energy',
  transmission: 'dimensionless',
  onsager: 'dimensionless',
  mu: 'energy',
  temperature: 'temperature',
  particle: 'particle',
  charge: 'charge',
  heat: 'heat',
  entropyProduction: 'entropy',
  seebeck: 'seebeck',
  mu0: 'energy',
  T0: 'temperature',
  gamma: 'energy',
  bias: 'energy',
  current: 'charge',
  conductance: 'conductance',
  effective: 'dimensionless',
  teff: 'dimensionless',
};

/** Quantities that sum over spin (their values carry the spin degeneracy). */
export function spinSummed(q: Quantity): boolean {
  return (
    q.kind === 'particle' || q.kind === 'charge' || q.kind === 'heat' || q.kind === 'current' || q.kind === 'entropyProduction' || q.kind === 'conductance'
  );
}

/** Onsager functions: bare L^(ν) and effective L̃^(ν) (per spin channel unless the file declares its "spin"). */
export function isOnsagerFunction(q: Quantity): boolean {
  return q.kind === 'onsager' || q.kind === 'effective';
}

/** The dimension of a quantity (L^(ν) has energy^ν). */
export function dimensionOf(q: Quantity): Dimension {
  if (q.kind === 'onsager' || q.kind === 'effective') return q.nu === 0 ? 'dimensionless' : q.nu === 1 ? 'energy' : 'energy2';
  if (q.kind === 'bias' && q.voltage) return 'voltage';
  return DIMENSION_OF[q.kind];
}

/** The tolerance family of a quantity. */
export function familyOf(q: Quantity): Family {
  if (q.kind === 'onsager') return `L${q.nu}` as Family;
  if (q.kind === 'effective') return `Leff${q.nu}` as Family;
  if (q.kind === 'current') return 'charge';
  return q.kind;
}

/** probecheck's canonical column name of a quantity. */
export function canonicalName(q: Quantity, names: readonly string[]): string {
  switch (q.kind) {
    case 'transmission':
      return `T_${names[q.a]}_${names[q.b]}`;
    case 'onsager':
      return `L${q.nu}_${names[q.a]}_${names[q.b]}`;
    case 'mu':
    case 'particle':
    case 'charge':
    case 'heat':
    case 'gamma':
      return `${q.kind}_${names[q.t]}`;
    case 'temperature':
      return `T_${names[q.t]}`;
    case 'bias':
      return q.voltage ? 'V' : 'bias';
    case 'current':
      return 'I';
    case 'conductance':
      return `G_${names[q.a]}_${names[q.b]}`;
    case 'effective':
      return `Leff${q.nu}_${names[q.a]}_${names[q.b]}`;
    case 'teff':
      return `Teff_${names[q.a]}_${names[q.b]}`;
    default:
      return q.kind;
  }
}

const ACCEPTED =
  'E, T_<a>_<b> (or T_<ab>), Teff_<a>_<b>, L0_<a>_<b>, L1_…, L2_…, Leff0_<a>_<b>, Leff1_…, Leff2_…, G (or G_<a>_<b>), I, bias, V, mu_<X>, T_<X>, particle_<X>, charge_<X>, heat_<X>, entropyProduction, seebeck, mu0, T0, gamma_<X>; rename yours with --map OLD=NEW';

/** Identify a column name. `leads`: CONFIG's lead indices (the first two define I, bias, V and G). */
function identify(name: string, names: readonly string[], energyTable: boolean, src: string, leads: readonly number[] = []): Quantity {
  const index = new Map(names.map((n, i) => [n, i]));
  const list = names.join(', ');
  const terminal = (rest: string, col: string): number => {
    const t = index.get(rest);
    if (t === undefined) throw new CompareInputError(src, `column ${col}: CONFIG has no terminal "${rest}" (terminals: ${list})`);
    return t;
  };
  const pair = (rest: string, col: string, allowDiagonal: boolean): [number, number] => {
    const found = new Map<string, [number, number]>();
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '_') {
        const a = index.get(rest.slice(0, i)),
          b = index.get(rest.slice(i + 1));
        if (a !== undefined && b !== undefined) found.set(`${a},${b}`, [a, b]);
      }
      if (i > 0) {
        const a = index.get(rest.slice(0, i)),
          b = index.get(rest.slice(i));
        if (a !== undefined && b !== undefined) found.set(`${a},${b}`, [a, b]);
      }
    }
    if (found.size === 0)
      throw new CompareInputError(src, `column ${col}: "${rest}" is not a pair of CONFIG terminals (terminals: ${list}); write ${col.split('_')[0]}_<a>_<b>`);
    if (found.size > 1) {
      const opts = [...found.values()].map(([a, b]) => `${names[a]}→${names[b]}`).join(' or ');
      throw new CompareInputError(src, `column ${col}: ambiguous terminal pair (${opts}); write ${col.split('_')[0]}_<a>_<b>`);
    }
    const [a, b] = [...found.values()][0];
    if (a === b && !allowDiagonal) throw new CompareInputError(src, `column ${col}: T_αα is not a transmission (α ≠ β)`);
    return [a, b];
  };
  if (name === 'E') return { kind: 'E' };
  if (name === 'mu0' || name === 'T0' || name === 'entropyProduction' || name === 'seebeck') return { kind: name };
  const twoLeads = (what: string) => {
    if (leads.length < 2) throw new CompareInputError(src, `column ${name}: ${what} needs two leads, CONFIG has ${leads.length}`);
  };
  if (name === 'bias' || name === 'V') {
    twoLeads(`the bias μ_${names[leads[0]] ?? 'L'} − μ_${names[leads[1]] ?? 'R'}`);
    return { kind: 'bias', voltage: name === 'V' };
  }
  if (name === 'I') {
    twoLeads('the two-terminal current');
    if (leads.length > 2)
      throw new CompareInputError(src, `column I: the two-terminal current needs exactly two leads, CONFIG has ${leads.length} (name a terminal: charge_<X>)`);
    return { kind: 'current' };
  }
  if (name === 'G') {
    twoLeads('the conductance');
    if (leads.length > 2) throw new CompareInputError(src, `column G: CONFIG has ${leads.length} leads; write G_<a>_<b>`);
    return { kind: 'conductance', a: leads[0], b: leads[1] };
  }
  const leadPair = (rest: string, col: string): [number, number] => {
    const [a, b] = pair(rest, col, false);
    for (const t of [a, b])
      if (!leads.includes(t))
        throw new CompareInputError(src, `column ${col}: ${names[t]} is a probe; effective quantities are between leads (every probe is eliminated)`);
    return [a, b];
  };
  let m = /^G_(.+)$/.exec(name);
  if (m) {
    const [a, b] = leadPair(m[1], name);
    return { kind: 'conductance', a, b };
  }
  m = /^(?:Leff([012])|L([012])_?eff)_(.+)$/.exec(name);
  if (m) {
    const [a, b] = leadPair(m[3], name);
    return { kind: 'effective', nu: Number(m[1] ?? m[2]) as 0 | 1 | 2, a, b };
  }
  m = /^(?:Teff|T_eff)_(.+)$/.exec(name);
  if (m) {
    if (!energyTable) throw new CompareInputError(src, `column ${name}: an effective transmission needs an energy column E in the same table`);
    const [a, b] = leadPair(m[1], name);
    return { kind: 'teff', a, b };
  }
  m = /^L([012])_(.+)$/.exec(name);
  if (m) {
    const [a, b] = pair(m[2], name, true);
    return { kind: 'onsager', nu: Number(m[1]) as 0 | 1 | 2, a, b };
  }
  m = /^T_(.+)$/.exec(name);
  if (m) {
    if (energyTable) {
      if (index.has(m[1]))
        throw new CompareInputError(
          src,
          `column ${name}: in an energy-resolved table (it has E) columns T_… are transmissions T_<a>_<b>; "${m[1]}" is a single terminal`,
        );
      const [a, b] = pair(m[1], name, false);
      return { kind: 'transmission', a, b };
    }
    if (index.has(m[1])) return { kind: 'temperature', t: index.get(m[1])! };
    let isPair = true;
    try {
      pair(m[1], name, false);
    } catch {
      isPair = false;
    }
    if (isPair)
      throw new CompareInputError(
        src,
        `column ${name}: a transmission needs an energy column E in the same table (without E, T_<X> is the temperature of terminal X)`,
      );
    return { kind: 'temperature', t: terminal(m[1], name) };
  }
  m = /^(mu|particle|charge|heat|gamma)_(.+)$/.exec(name);
  if (m) return { kind: m[1] as 'mu', t: terminal(m[2], name) };
  throw new CompareInputError(src, `unknown column "${name}" (accepted: ${ACCEPTED}; skip it with --ignore ${name})`);
}

function varies(v: Float64Array): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return true;
  return false;
}

/** Declared units of the file (JSON `units`) as kind → Unit. */
function fileUnits(raw: RawTable): Map<string, Unit> {
  const out = new Map<string, Unit>();
  for (const [k, spelling] of Object.entries(raw.units)) {
    const kind = unitKind(k);
    if (!kind)
      throw new CompareInputError(raw.source, `units.${k}: unknown kind (kinds: ${Object.keys(UNIT_KINDS).join(', ')}; also mu, T, entropyProduction)`);
    const u = findUnit(UNIT_KINDS[kind], spelling);
    if (!u) throw new CompareInputError(raw.source, `units.${k}: "${spelling}" is not an accepted ${kind} unit (${acceptedList(UNIT_KINDS[kind])})`);
    const prev = out.get(kind);
    if (prev && prev.symbol !== u.symbol) throw new CompareInputError(raw.source, `units.${k}: ${kind} is declared twice (${prev.symbol}, ${u.symbol})`);
    out.set(kind, u);
  }
  return out;
}

/** Decide a column's unit from its annotation, the file's `units`, and `--units`. */
function columnUnit(
  d: Dimension,
  header: string,
  annotation: string | undefined,
  fromFile: Map<string, Unit>,
  fromOption: ReadonlyMap<string, Unit> | undefined,
  src: string,
): { unit: Unit; source: UnitSource } {
  const kind = d === 'energy2' ? 'energy' : d === 'dimensionless' ? undefined : d;
  const lift = (u: Unit | undefined) => (u && d === 'energy2' ? squaredEnergyUnit(u) : u);
  const opt = kind ? lift(fromOption?.get(kind)) : undefined;
  const file = kind ? lift(fromFile.get(kind)) : undefined;
  if (opt && file && opt.symbol !== file.symbol)
    throw new CompareInputError(src, `${kind} is declared ${file.symbol} in the file's "units" but ${opt.symbol} by --units; remove one`);
  const declared = opt ?? file;
  if (annotation !== undefined) {
    const u = findUnit(d, annotation);
    if (!u) throw new CompareInputError(src, `column ${header}: "${annotation}" is not an accepted unit here (${d}: ${acceptedList(d)})`);
    if (declared && declared.symbol !== u.symbol)
      throw new CompareInputError(
        src,
        `column ${header} is annotated [${u.symbol}] but ${opt ? '--units' : 'the file\'s "units"'} declares ${kind} in ${declared.symbol}; remove one`,
      );
    return { unit: u, source: 'annotation' };
  }
  if (opt) return { unit: opt, source: 'option' };
  if (file) return { unit: file, source: 'file' };
  return { unit: canonicalUnit(d), source: 'default' };
}

/** Group consecutive rows with equal sweep values (energy tables). */
export function sweepGroups(sweeps: readonly Float64Array[], rows: number): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= rows; i++) {
    if (i === rows || sweeps.some((v) => v[i] !== v[i - 1])) {
      groups.push([start, i]);
      start = i;
    }
  }
  return groups;
}

/** The probe models `scan --probe-models` writes side by side, as column-name suffixes. */
const SIDE_BY_SIDE = /^(.+)_(VP|VTP|ER)$/;

/**
 * A side-by-side probe-model column of `scan --probe-models` (`charge_L_VP`, `mu_P_VTP`,
 * `entropyProduction_ER`, …): a name that is not a column of its own (no terminal `L_VP`) and,
 * without its `_<model>` suffix, a lead current, a probe's μ or T, or Ṡ. CONFIG needs a probe.
 */
function sideBySide(
  name: string,
  names: readonly string[],
  cfg: ParsedConfig,
  src: string,
  leads: readonly number[],
): { q: Quantity; model: ProbeModel } | null {
  const m = SIDE_BY_SIDE.exec(name);
  if (!m || cfg.system.terminals.every((t) => t.role === 'lead')) return null;
  try {
    identify(name, names, false, src, leads);
    return null; // an ordinary column (e.g. a terminal named L_VP)
  } catch {
    // not an ordinary column: try the base name
  }
  let q: Quantity;
  try {
    q = identify(m[1], names, false, src, leads);
  } catch {
    return null;
  }
  const terms = cfg.system.terminals;
  const ok =
    q.kind === 'charge' ||
    q.kind === 'heat' ||
    q.kind === 'particle' ||
    q.kind === 'entropyProduction' ||
    ((q.kind === 'mu' || q.kind === 'temperature') && terms[q.t].role !== 'lead');
  return ok ? { q, model: m[2] as ProbeModel } : null;
}

/** Resolve one raw table against CONFIG (side-by-side probe-model columns are resolved by {@link resolveTables}). */
export function resolveTable(raw: RawTable, cfg: ParsedConfig, opts: ResolveOptions = {}): ResolvedTable {
  return resolveTables(raw, cfg, opts)[0];
}

/**
 * Resolve one raw table against CONFIG: the table itself and, for the side-by-side probe-model
 * columns of `scan --probe-models` (`charge_L_VP`, …), one more table per model holding those
 * columns (without the suffix) and the table's swept parameters, with {@link ResolvedTable.model} set.
 */
export function resolveTables(raw: RawTable, cfg: ParsedConfig, opts: ResolveOptions = {}): ResolvedTable[] {
  const src = raw.label;
  const terms = cfg.system.terminals;
  const names = terms.map((t) => t.name);
  const notes: string[] = [];
  // The file's own description of the system must match CONFIG (mismatched terminal names are bad input).
  if (raw.meta.terminals) {
    const theirs = new Set(raw.meta.terminals),
      ours = new Set(names);
    const unknown = [...theirs].filter((n) => !ours.has(n)),
      missing = [...ours].filter((n) => !theirs.has(n));
    if (unknown.length || missing.length) {
      throw new CompareInputError(
        raw.source,
        `terminals [${raw.meta.terminals.join(', ')}] do not match CONFIG's [${names.join(', ')}]${unknown.length ? ` (not in CONFIG: ${unknown.join(', ')})` : ''}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`,
      );
    }
  }
  if (raw.meta.response !== undefined && raw.meta.response !== cfg.response) {
    notes.push(`the file declares "response": "${raw.meta.response}", CONFIG's is "${cfg.response}" (probecheck computes CONFIG's)`);
  }
  if (raw.meta.circuit !== undefined && raw.meta.circuit !== cfg.circuit) {
    throw new CompareInputError(raw.source, `circuit "${raw.meta.circuit}" but CONFIG's circuit is "${cfg.circuit}"`);
  }
  for (const [name, model] of Object.entries(raw.meta.models)) {
    const t = terms.find((x) => x.name === name);
    if (!t) throw new CompareInputError(raw.source, `probes.${name}: CONFIG has no terminal "${name}" (terminals: ${names.join(', ')})`);
    if (model !== t.role) notes.push(`the file declares probe ${name} a ${model}, CONFIG makes it a ${t.role === 'lead' ? 'lead' : t.role}`);
  }
  const ignore = opts.ignore ?? new Set<string>();
  // Spin (docs/compare.md §Spin): s = CONFIG's factor (probecheck's currents, Ṡ, G and L^(ν) carry it);
  // g = theirs (--spin-degeneracy, else the file's "spin", else s): their currents, Ṡ and G are scaled by s/g.
  const s = cfg.system.spin ?? 1;
  if (opts.spinDegeneracy !== undefined && raw.spin !== undefined && opts.spinDegeneracy !== raw.spin) {
    throw new CompareInputError(raw.source, `the file declares "spin": ${raw.spin} but --spin-degeneracy is ${opts.spinDegeneracy}; remove one`);
  }
  const g = opts.spinDegeneracy ?? raw.spin ?? s;
  if (g !== 1 && g !== 2) throw new CompareInputError('', `--spin-degeneracy must be 1 or 2 (got ${g})`);
  // L^(ν) as the paper defines them (Eq. 2) are per spin channel; probecheck's own output multiplies them by
  // its "spin" and says so in the file: their L carry the file's "spin", else 1.
  const gL = raw.spin ?? 1;
  const kept = raw.columns.filter((c) => !ignore.has(c.name));
  const energyTable = kept.some((c) => c.name === 'E');
  const fromFile = fileUnits(raw);
  const leads = terms.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
  const gauge = leads[0];
  const seen = new Map<string, string>();
  const models: Array<{ c: RawColumn; q: Quantity; model: ProbeModel }> = [];
  const own = kept.filter((c) => {
    const s = energyTable ? null : sideBySide(c.name, names, cfg, src, leads);
    if (s) models.push({ c, ...s });
    return s === null;
  });
  const build = (c: RawColumn, q: Quantity, model?: ProbeModel): Column => {
    const key = canonicalName(q, names) + (model ? `_${model}` : '');
    if (seen.has(key)) throw new CompareInputError(src, `columns ${seen.get(key)} and ${c.header} are the same quantity (${key})`);
    seen.set(key, c.header);
    const d = dimensionOf(q);
    const { unit, source } = columnUnit(d, c.header, c.unit, fromFile, opts.units, src);
    const sign: 1 | -1 = opts.currentsOut && (q.kind === 'particle' || q.kind === 'charge' || q.kind === 'heat') ? -1 : 1;
    const spin = spinSummed(q) ? g / s : isOnsagerFunction(q) ? gL / s : 1;
    const values = c.values.map((v) => (sign * v * unit.factor) / spin);
    let role: Role;
    const swept = varies(c.values);
    // A side-by-side probe-model column is an output of that model's solution (the VP's T included).
    if (model) role = 'output';
    else
      switch (q.kind) {
        case 'E':
          role = 'abscissa';
          break;
        case 'mu0':
        case 'T0':
        case 'gamma':
        case 'bias':
          role = swept ? 'sweep' : 'input';
          break;
        case 'temperature': {
          const t = terms[q.t];
          role = t.role === 'lead' ? (swept ? 'sweep' : 'input') : t.role === 'VP' ? 'input' : 'output';
          break;
        }
        case 'mu': {
          const t = terms[q.t];
          const given = t.role === 'lead' && (cfg.circuit === 'electronic' || q.t === gauge);
          role = given ? (swept ? 'sweep' : 'input') : 'output';
          break;
        }
        default:
          role = 'output';
      }
    if (energyTable && q.kind !== 'E' && q.kind !== 'transmission' && q.kind !== 'teff' && q.kind !== 'gamma') {
      throw new CompareInputError(
        src,
        `column ${c.header} does not belong in an energy-resolved table (the table has an E column): give point quantities in their own table or file`,
      );
    }
    if (q.kind === 'seebeck' && cfg.circuit !== 'thermal')
      throw new CompareInputError(src, 'column seebeck: the thermopower is defined for a thermal circuit, CONFIG\'s circuit is "electronic"');
    if (q.kind === 'gamma') {
      const tc = siteCoupling(cfg.config.terminals[q.t].coupling);
      if (!tc) throw new CompareInputError(src, `column ${c.header}: terminal ${names[q.t]} has a matrix coupling; gamma_<X> needs "sites" with "gamma"`);
      const g = tc.gamma;
      if (Array.isArray(g) && g.some((x) => x !== g[0]) && role === 'input') {
        throw new CompareInputError(src, `column ${c.header}: terminal ${names[q.t]} has different widths on its sites; one gamma column cannot describe it`);
      }
      values.forEach((v, i) => {
        const bad = terms[q.t].role === 'lead' ? !(v > 0) : !(v >= 0);
        if (bad)
          throw new CompareInputError(
            src,
            `column ${c.header}, ${raw.rowLabels[i]}: γ must be ${terms[q.t].role === 'lead' ? '> 0 for a lead' : '≥ 0'} (got ${c.values[i]})`,
          );
      });
    }
    if (q.kind === 'T0' || (q.kind === 'temperature' && role !== 'output')) {
      values.forEach((v, i) => {
        if (!(v > 0)) throw new CompareInputError(src, `column ${c.header}, ${raw.rowLabels[i]}: a temperature must be > 0 K (got ${c.values[i]})`);
      });
    }
    return { header: c.header, key, quantity: q, family: familyOf(q), dimension: d, unit, unitSource: source, role, raw: c.values, values, sign, spin };
  };
  const columns: Column[] = own.map((c) => build(c, identify(c.name, names, energyTable, src, leads)));
  const modelColumns = models.map(({ c, q, model }) => ({ model, column: build(c, q, model) }));
  const bias = columns.find((c) => c.quantity.kind === 'bias');
  if (bias) {
    const other = columns.find((c) => c.quantity.kind === 'bias' && c !== bias);
    if (other) throw new CompareInputError(src, `columns ${bias.header} and ${other.header} both give the bias; keep one`);
    const mu = columns.find((c) => c.quantity.kind === 'mu' && (c.quantity.t === leads[0] || c.quantity.t === leads[1]) && c.role === 'sweep');
    if (mu && bias.role === 'sweep')
      throw new CompareInputError(src, `columns ${bias.header} and ${mu.header} both set the bias; give either the bias or the lead chemical potentials`);
    if (cfg.circuit !== 'electronic')
      throw new CompareInputError(src, `column ${bias.header}: a bias needs an electronic circuit (CONFIG's is "${cfg.circuit}")`);
  }
  if (gL !== s && columns.some((c) => isOnsagerFunction(c.quantity)))
    notes.push(
      `their Onsager functions L^(ν) are read per spin channel (the file declares no "spin"); probecheck's carry CONFIG's spin ${s}: theirs were multiplied by ${s}`,
    );
  if (g !== s && columns.some((c) => spinSummed(c.quantity)))
    notes.push(`their currents, Ṡ and conductances carry spin degeneracy ${g}, CONFIG's is ${s}: they were multiplied by ${s}/${g} before comparison`);
  if (energyTable) {
    const e = columns.find((c) => c.quantity.kind === 'E')!;
    const sweeps = columns.filter((c) => c.role === 'sweep').map((c) => c.values);
    for (const [s, t] of sweepGroups(sweeps, raw.rows)) {
      if (t - s < 2) continue;
      const dir = Math.sign(e.values[s + 1] - e.values[s]);
      for (let i = s + 1; i < t; i++) {
        const step = e.values[i] - e.values[i - 1];
        if (dir === 0 || Math.sign(step) !== dir) {
          throw new CompareInputError(
            src,
            `column ${e.header}: the energy grid is not strictly monotone at ${raw.rowLabels[i]} (E = ${e.raw[i]} after ${e.raw[i - 1]}${i >= 2 ? ` and ${e.raw[i - 2]}` : ''})`,
          );
        }
      }
    }
    if (!columns.some((c) => c.quantity.kind === 'transmission' || c.quantity.kind === 'teff'))
      throw new CompareInputError(src, 'the table has an energy column E but no transmission columns T_<a>_<b> or Teff_<a>_<b>');
  } else {
    if (!columns.some((c) => c.role === 'output' || c.role === 'input')) {
      const t = columns.find((c) => c.quantity.kind === 'transmission');
      throw new CompareInputError(src, t ? 'missing column E (transmissions need their energy grid)' : 'no quantity to compare (only swept parameters)');
    }
  }
  if (opts.currentsOut && columns.some((c) => c.quantity.kind === 'particle' || c.quantity.kind === 'charge' || c.quantity.kind === 'heat')) {
    notes.push('currents were negated before comparison (--currents-out: their currents are counted out of each terminal)');
  }
  const main: ResolvedTable = {
    source: raw.source,
    label: raw.label,
    kind: energyTable ? 'energy' : 'points',
    rows: raw.rows,
    rowLabels: raw.rowLabels,
    columns,
    notes,
  };
  const byModel = PROBE_MODEL_ORDER.flatMap((model): ResolvedTable[] => {
    const mine = modelColumns.filter((m) => m.model === model).map((m) => m.column);
    if (mine.length === 0) return [];
    return [
      {
        ...main,
        label: `${raw.label}#${model}`,
        columns: [...columns.filter((c) => c.role === 'sweep'), ...mine],
        notes: [
          `the side-by-side columns ${mine.map((c) => c.header).join(', ')} (scan --probe-models) are compared with probecheck's solution with every probe made ${model === 'ER' ? 'an' : 'a'} ${model}${model === 'VP' ? ' (a VP of CONFIG keeps its T, any other probe is held at T0)' : ''}`,
        ],
        model,
      },
    ];
  });
  return [main, ...byModel];
}

const PROBE_MODEL_ORDER: readonly ProbeModel[] = ['VP', 'VTP', 'ER'];

/**
 * Why a swept parameter or grid value (canonical unit: eV, K, V) is outside CONFIG's limits
 * (docs/config.md "Ranges and limits"), or null: energies |x| ≤ ENERGY_LIMIT (a voltage V as the
 * energy e·V), temperatures TEMPERATURE_MIN … TEMPERATURE_MAX, a width γ 0 (a probe's coherent
 * limit; a lead's γ = 0 is refused when the table is resolved) or GAMMA_MIN … ENERGY_LIMIT.
 */
export function parameterProblem(q: Quantity, v: number): string | null {
  switch (q.kind) {
    case 'E':
    case 'mu0':
    case 'mu':
    case 'bias':
      return energyProblem(v) && `${q.kind === 'bias' && q.voltage ? `|e·V| = ${Math.abs(v)} eV` : `|${v}| eV`} is outside ±${ENERGY_LIMIT} eV`;
    case 'T0':
    case 'temperature':
      return temperatureProblem(v);
    case 'gamma':
      if (v === 0) return null;
      if (!(Math.abs(v) >= GAMMA_MIN)) return `a non-zero γ must be ≥ ${GAMMA_MIN} eV (0 is a probe's coherent limit)`;
      return energyProblem(v) && `γ = ${v} eV exceeds the limit of ${ENERGY_LIMIT} eV`;
    default:
      return null;
  }
}

/**
 * The first value probecheck would compute at (a swept parameter, the energy grid) that is
 * outside CONFIG's limits, as a message naming the column and the line, or null. One row at
 * V = 1e300 would otherwise be solved and its magnitude reported as a verdict (audit D3).
 */
export function rangeProblem(table: ResolvedTable): string | null {
  for (const c of table.columns) {
    if (c.role !== 'sweep' && c.role !== 'abscissa') continue;
    for (let i = 0; i < table.rows; i++) {
      const p = parameterProblem(c.quantity, c.values[i]);
      if (p) return `column ${c.header}, ${table.rowLabels[i]}: ${p} (got ${c.raw[i]}${c.unit.symbol === '1' ? '' : ` ${c.unit.symbol}`})`;
    }
  }
  return null;
}
