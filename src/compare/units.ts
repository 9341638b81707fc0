/**
 * Units of the quantities `probecheck compare` reads (docs/compare.md §Units). Every accepted unit
 * is a linear factor to probecheck's canonical unit of its dimension:
 *
 * | dimension   | canonical | also accepted |
 * |-------------|-----------|---------------|
 * | energy      | eV        | meV, J |
 * | energy2     | eV^2      | meV^2, J^2 (L^(2) coefficients) |
 * | temperature | K         | mK, eV and meV (meaning k_B·T) |
 * | particle    | 1/s       | eV/h (the number is h·J^N in eV) |
 * | charge      | A         | mA, uA, nA, pA, fA, e/h (≡ e²/h·V: the number is h·I/(e·1 eV)) |
 * | heat        | W         | mW, uW, nW, pW, fW, eV/s, eV^2/h (the number is h·J^Q in eV²) |
 * | entropy     | W/K       | eV/(K s), kB/s |
 * | seebeck     | V/K       | mV/K, uV/K, kB/e |
 * | dimensionless | 1       | (transmissions, L^(0)) |
 *
 * "e/h-normalised" charge current: Landauer's I = (e/h)∫T(f_L − f_R)dE makes I/(e/h) an energy, so
 * the number X in unit `e/h` means I = X · (e/h) · 1 eV = X · e²/h · 1 V = X · 3.874e-5 A. The two
 * common readings ("in units of e/h times eV" and "in units of e²/h times one volt") are the same
 * number, which is why both spellings are accepted. Constants: docs/physics.md §1 (exact SI).
 */
import { E_CHARGE, K_B_EV } from '../numeric/constants.js';
// docs/physics.md §1, §11: the one h·J → SI conversion; a unit "per h" is that conversion of 1 eV (or eV²)
import { chargeCurrentSI, heatCurrentSI, particleCurrentSI } from '../model/units.js';

/** A physical dimension of a compared quantity. */
export type Dimension =
  | 'energy'
  | 'energy2'
  | 'temperature'
  | 'particle'
  | 'charge'
  | 'heat'
  | 'entropy'
  | 'seebeck'
  | 'voltage'
  | 'conductance'
  | 'dimensionless';

/** A unit: multiply a value in this unit by `factor` to get probecheck's canonical unit. */
export interface Unit {
  readonly symbol: string;
  readonly dimension: Dimension;
  readonly factor: number;
}

/** Canonical unit symbol of each dimension. */
export const CANONICAL: Readonly<Record<Dimension, string>> = {
  energy: 'eV',
  energy2: 'eV^2',
  temperature: 'K',
  particle: '1/s',
  charge: 'A',
  heat: 'W',
  entropy: 'W/K',
  seebeck: 'V/K',
  voltage: 'eV',
  conductance: 'S',
  dimensionless: '1',
};

/** k_B in J/K (exact SI). */
const K_B_J = K_B_EV * E_CHARGE;

/** [symbol, factor, aliases…] per dimension; the first entry is canonical. */
const TABLE: Readonly<Record<Dimension, ReadonlyArray<readonly [string, number, ...string[]]>>> = {
  energy: [
    ['eV', 1],
    ['meV', 1e-3],
    ['J', 1 / E_CHARGE],
  ],
  energy2: [
    ['eV^2', 1, 'eV2'],
    ['meV^2', 1e-6, 'meV2'],
    ['J^2', 1 / (E_CHARGE * E_CHARGE), 'J2'],
  ],
  temperature: [
    ['K', 1],
    ['mK', 1e-3],
    ['eV', 1 / K_B_EV, 'kT[eV]'],
    ['meV', 1e-3 / K_B_EV, 'kT[meV]'],
  ],
  particle: [
    ['1/s', 1, 's^-1', 'Hz'],
    ['eV/h', particleCurrentSI(1)],
  ],
  charge: [
    ['A', 1],
    ['mA', 1e-3],
    ['uA', 1e-6],
    ['nA', 1e-9],
    ['pA', 1e-12],
    ['fA', 1e-15],
    // docs/physics.md §1: I = X·(e/h)·(1 eV) → X·e[C]/h[eV s] amperes
    ['e/h', -chargeCurrentSI(1), 'e^2/h', 'e2/h', 'e^2/h*V', 'e^2/h.V', 'e*eV/h', 'e/h*eV'],
  ],
  heat: [
    ['W', 1],
    ['mW', 1e-3],
    ['uW', 1e-6],
    ['nW', 1e-9],
    ['pW', 1e-12],
    ['fW', 1e-15],
    ['eV/s', E_CHARGE],
    // X = h·J^Q in eV² → J^Q = X eV/(h[eV s]) = X·e/h watts
    ['eV^2/h', heatCurrentSI(1), 'eV2/h'],
  ],
  entropy: [
    ['W/K', 1, 'J/(K*s)', 'J/K/s'],
    ['eV/(K*s)', E_CHARGE, 'eV/K/s', 'eV/(s*K)'],
    ['kB/s', K_B_J, 'k_B/s'],
  ],
  seebeck: [
    ['V/K', 1],
    ['mV/K', 1e-3],
    ['uV/K', 1e-6],
    ['kB/e', K_B_EV, 'k_B/e'],
  ],
  // A bias voltage V: μ_L − μ_R = e·V, so V volts is V eV of bias (canonical: the bias in eV).
  voltage: [
    ['V', 1],
    ['mV', 1e-3],
    ['uV', 1e-6],
  ],
  // docs/physics.md §1: e²/h = e[C]/h[eV s] siemens; G0 = 2e²/h
  conductance: [
    ['S', 1],
    ['mS', 1e-3],
    ['uS', 1e-6],
    ['nS', 1e-9],
    ['e^2/h', -chargeCurrentSI(1), 'e2/h'],
    ['2e^2/h', -chargeCurrentSI(1, 2), '2e2/h', 'G0'],
  ],
  dimensionless: [['1', 1, '', '-']],
};

/** Normalise a unit spelling: no spaces, µ/μ → u, ² → ^2, ** → ^, · → *. */
export function normaliseUnit(s: string): string {
  return s.trim().replace(/\s+/g, '').replace(/[µμ]/g, 'u').replace(/²/g, '^2').replace(/\*\*/g, '^').replace(/[·×]/g, '*');
}

/** Every unit of a dimension (canonical first). */
export function unitsOf(d: Dimension): Unit[] {
  return TABLE[d].map(([symbol, factor]) => ({ symbol, dimension: d, factor }));
}

/** Look a unit spelling up within a dimension; undefined if not accepted. */
export function findUnit(d: Dimension, spelling: string): Unit | undefined {
  const s = normaliseUnit(spelling);
  for (const [symbol, factor, ...aliases] of TABLE[d]) {
    if (s === normaliseUnit(symbol) || aliases.some((a) => normaliseUnit(a) === s)) return { symbol, dimension: d, factor };
  }
  return undefined;
}

/** The canonical unit of a dimension. */
export function canonicalUnit(d: Dimension): Unit {
  return unitsOf(d)[0];
}

/** Accepted spellings of a dimension, for error messages. */
export function acceptedList(d: Dimension): string {
  return TABLE[d].map((e) => e[0]).join(', ');
}

/**
 * The kinds a `--units` option (or a JSON `units` object) can set, and the dimension each maps to.
 * `energy` also sets energy2 (L^(2)) to the square of the energy unit.
 */
export const UNIT_KINDS: Readonly<Record<string, Dimension>> = {
  energy: 'energy',
  temperature: 'temperature',
  particle: 'particle',
  charge: 'charge',
  heat: 'heat',
  entropy: 'entropy',
  seebeck: 'seebeck',
  voltage: 'voltage',
  conductance: 'conductance',
};

/** Aliases of unit kinds (the keys of probecheck's own `solve` output `units` object). */
const KIND_ALIASES: Readonly<Record<string, string>> = {
  mu: 'energy',
  E: 'energy',
  T: 'temperature',
  entropyProduction: 'entropy',
  V: 'voltage',
  G: 'conductance',
};

/** Resolve a kind name (or an alias such as `mu`, `T`, `entropyProduction`) to its canonical kind. */
export function unitKind(name: string): string | undefined {
  const k = KIND_ALIASES[name] ?? name;
  return UNIT_KINDS[k] !== undefined ? k : undefined;
}

/** The energy² unit that goes with an energy unit (eV → eV^2, J → J^2, meV → meV^2). */
export function squaredEnergyUnit(u: Unit): Unit {
  const sq = findUnit('energy2', `${u.symbol}^2`);
  if (!sq) throw new Error(`no squared unit for ${u.symbol}`);
  return sq;
}

/** Declared units per kind (from `--units` or a JSON `units` object); values are accepted units. */
export type UnitDeclarations = ReadonlyMap<string, Unit>;

/**
 * Parse `kind=unit,kind=unit` (the `--units` option). Throws an Error whose message names the bad
 * entry (the CLI turns it into a one-line usage error).
 */
export function parseUnitOption(text: string): Map<string, Unit> {
  const out = new Map<string, Unit>();
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^\s*([^=]+?)\s*=\s*(.+?)\s*$/.exec(part);
    if (!m) throw new Error(`--units expects kind=unit[,kind=unit…], got "${part}"`);
    const kind = unitKind(m[1]);
    if (!kind) throw new Error(`--units: unknown kind "${m[1]}" (kinds: ${Object.keys(UNIT_KINDS).join(', ')})`);
    const d = UNIT_KINDS[kind];
    const u = findUnit(d, m[2]);
    if (!u) throw new Error(`--units: "${m[2]}" is not an accepted ${kind} unit (${acceptedList(d)})`);
    if (out.has(kind) && out.get(kind)!.symbol !== u.symbol) throw new Error(`--units: ${kind} is given twice (${out.get(kind)!.symbol}, ${u.symbol})`);
    out.set(kind, u);
  }
  return out;
}
