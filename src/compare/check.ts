/**
 * The pass/fail test of one quantity (docs/compare.md §Tolerances). At every row
 *
 *   |theirs − ours| ≤ atol · scale_F + rtol · |ours|,
 *
 * with μ and T compared as deviations from the row's reference (μ − μ0, T − T0). `atol` is
 * dimensionless: a fraction of the scale of the quantity's family F at that row (from the row's
 * own state only: one row's magnitude never widens another row's tolerance), chosen so that it is
 * the size of the largest contribution that enters the quantity, even where the quantity itself
 * cancels to zero (a VTP's heat current, the particle currents of a thermal circuit, L^(1) at
 * particle–hole symmetry). Over the terminals (and pairs) of the row:
 *
 * - transmission: max T_ab(E) over the whole energy table (all pairs; see {@link transmissionScale});
 * - L0, L2: max |L^(ν)_ab|; L1: max √(L0_ab L2_ab), the Cauchy–Schwarz bound |L1| ≤ √(L0 L2) (docs/physics.md §3);
 * - particle / charge / heat currents: the largest single term |M_ij x_j| of y = M x (docs/physics.md §3),
 *   over all terminals (×1/h, ×e/h), an L^(1) entry taken as its bound √(L0 L2) (so that a
 *   thermal bias at particle–hole symmetry, where L^(1) = 0, still sets the particle-current scale);
 * - entropy production: Σ_ij |x_i M_ij x_j| /(h T0) (docs/physics.md §5);
 * - μ: max(|μ_α − μ0|, k_B|T_α − T0|) over terminals (bias or natural thermovoltage; k_B T0 when no
 *   row has a bias);
 * - T: max(|T_α − T0|, |μ_α − μ0|/k_B);
 * - seebeck: max(|S|, k_B/e); mu0: k_B T0; T0: T0; gamma: |γ| (≥ 1e-12 eV);
 * - bias: max(|μ_L − μ_R|, k_B T0); effective L̃^(ν) and G: as L^(ν), over the lead pairs of M̃;
 * - effective transmission: as transmission.
 *
 * A row whose scale is zero (a zero-bias row: every current exactly 0) takes the smallest positive
 * scale of the other rows.
 */
import { K_B_EV } from '../numeric/constants.js';
import { chargeCurrentSI, entropyProductionSI, heatCurrentSI, particleCurrentSI } from '../model/units.js';
import { isTestProbe } from '../model/probeModels.js';
import type { Column, Family } from './resolve.js';
import { effectiveAt, onsagerAt, spinOf, type PointState } from './evaluate.js';
import { CANONICAL } from './units.js';

/** Tolerances: rtol relative to |ours|, atol as a fraction of the family scale. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** Defaults (justified in docs/compare.md §Tolerances). */
export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-6, atol: 1e-7 };

/**
 * Largest rtol or atol accepted: 0.5 already passes a value off by half of itself (or of its
 * family's scale); a larger tolerance (--rtol 1e308) would pass anything and certify nothing.
 */
export const TOLERANCE_MAX = 0.5;

/** Why a tolerance is not usable, or null: finite, ≥ 0 and ≤ TOLERANCE_MAX (0 and 0 is an exact comparison). */
export function toleranceProblem(tol: Tolerance): string | null {
  for (const [name, v] of [
    ['rtol', tol.rtol],
    ['atol', tol.atol],
  ] as const) {
    if (!Number.isFinite(v) || v < 0) return `${name} must be a finite number ≥ 0 (got ${v})`;
    if (v > TOLERANCE_MAX) return `${name} = ${v} exceeds the maximum ${TOLERANCE_MAX} (a tolerance that large passes anything)`;
  }
  return null;
}

/** A location in their file. */
export interface Location {
  /** Row index (0-based) in the table. */
  readonly row: number;
  /** Human-readable: `line 7 (mu0 = -0.5 eV)`. */
  readonly at: string;
}

/** The verdict on one quantity. */
export interface QuantityResult {
  readonly source: string;
  /** The column as written. */
  readonly column: string;
  /** probecheck's canonical name. */
  readonly key: string;
  readonly family: Family;
  readonly role: 'input' | 'output';
  /** Their declared unit. */
  readonly unit: string;
  /** Unit of every number in this result (probecheck's canonical unit). */
  readonly canonicalUnit: string;
  readonly points: number;
  /** Max |theirs − ours|, canonical unit. */
  readonly maxAbs: number;
  readonly maxAbsAt: Location;
  /** Max |theirs − ours|/|ours| over rows where |ours| > atol·scale; null if there is none. */
  readonly maxRel: number | null;
  readonly maxRelAt: Location | null;
  /** Max over rows of |theirs − ours|/scale (each row's own scale). */
  readonly maxScaled: number;
  /** The family scale at the worst row (canonical unit; every row has its own, {@link pointScales}). */
  readonly scale: number;
  /** The row that is furthest outside (or closest to) its tolerance. */
  readonly worst: Location & { readonly theirs: number; readonly ours: number; readonly allowed: number };
  readonly pass: boolean;
}

/**
 * A family's scale at every row of a table (canonical unit). Each row's scale is formed from that
 * row's own state only, so that no row's magnitude (a bias of 1e3 eV in one row of a sweep, a
 * T0 of 1e5 K) can widen the tolerance of another row and mask its failure (audit D3). A row
 * whose own scale is zero (no driving force at all: every current of a zero-bias row is exactly
 * 0) takes the smallest positive scale of the table's other rows — a value other rows can only
 * lower — or, when every row is zero, the family's floor.
 */
export type RowScales = Float64Array;

/** Fill the zero entries of per-row scales with the smallest positive one (or `floor`). */
function fillZeroRows(v: Float64Array, floor: number): Float64Array {
  let min = Number.POSITIVE_INFINITY;
  for (const x of v) if (x > 0 && x < min) min = x;
  const fill = Number.isFinite(min) ? min : floor;
  for (let i = 0; i < v.length; i++) if (!(v[i] > 0)) v[i] = fill;
  return v;
}

/** The largest per-row scale (what a report prints as "the scale" of a table). */
export function maxScale(s: RowScales): number {
  let m = 0;
  for (const x of s) m = Math.max(m, x);
  return m;
}

/** Family scales of a point table from the solved states, per row (every terminal of the row). */
export function pointScales(states: readonly PointState[], effective = false): Map<Family, RowScales> {
  const rows = states.length;
  const fam = () => new Float64Array(rows);
  const muS = fam(),
    TS = fam(),
    NS = fam(),
    chS = fam(),
    QS = fam(),
    SS = fam(),
    L0S = fam(),
    L1S = fam(),
    L2S = fam(),
    seebS = fam(),
    mu0S = fam(),
    T0S = fam(),
    biasS = fam(),
    E0S = fam(),
    E1S = fam(),
    E2S = fam(),
    GS = fam();
  states.forEach((s, row) => {
    let mu = 0,
      T = 0,
      N = 0,
      Q = 0,
      L0 = 0,
      L1 = 0,
      L2 = 0,
      E0 = 0,
      E1 = 0,
      E2 = 0,
      bias = 0;
    const c = s.solution.circuit,
      n = c.terminals.length,
      m = 2 * n;
    const mu0 = s.reference.mu,
      T0 = s.reference.temperature;
    const kT0 = K_B_EV * T0;
    const test = s.system.terminals.map(isTestProbe);
    const spin = spinOf(s);
    const x = new Float64Array(m);
    for (let a = 0; a < n; a++) {
      x[a] = c.mu[a] - mu0;
      x[n + a] = (c.temperature[a] - T0) / T0;
      mu = Math.max(mu, Math.abs(x[a]));
      T = Math.max(T, Math.abs(c.temperature[a] - T0));
    }
    const M = c.matrix;
    // The L^(1) blocks enter with their Cauchy–Schwarz bound √(L0 L2) ≥ |L1| (docs/physics.md §3):
    // at particle–hole symmetry L^(1) vanishes and a thermal bias would otherwise give the
    // particle currents (and a bias the heat currents) a scale of rounding noise.
    const cs = new Float64Array(n * n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const v = Math.sqrt(Math.abs(onsagerAt(s, 0, a, b) * onsagerAt(s, 2, a, b)));
        cs[a * n + b] = v;
        cs[a * n + a] += v;
      }
    let sdot = 0;
    for (let i = 0; i < m; i++) {
      if (test[i % n]) continue; // a coherent-limit probe carries no current (circuit.ts)
      for (let j = 0; j < m; j++) {
        const l1 = i < n !== j < n ? cs[(i % n) * n + (j % n)] : 0;
        const term = Math.max(Math.abs(M[i * m + j]), l1) * Math.abs(x[j]);
        if (i < n) N = Math.max(N, term);
        else Q = Math.max(Q, term);
        sdot += Math.abs(x[i] * M[i * m + j] * x[j]);
      }
    }
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const l0 = onsagerAt(s, 0, a, b),
          l2 = onsagerAt(s, 2, a, b);
        L0 = Math.max(L0, Math.abs(l0));
        L2 = Math.max(L2, Math.abs(l2));
        L1 = Math.max(L1, Math.sqrt(Math.abs(l0 * l2)), Math.abs(onsagerAt(s, 1, a, b)));
      }
    const leads = s.system.terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
    if (leads.length >= 2) bias = Math.abs(c.mu[leads[0]] - c.mu[leads[1]]);
    if (effective) {
      for (const a of leads)
        for (const b of leads) {
          if (a === b) continue;
          const e0 = effectiveAt(s, 0, a, b),
            e2 = effectiveAt(s, 2, a, b);
          E0 = Math.max(E0, Math.abs(e0));
          E2 = Math.max(E2, Math.abs(e2));
          E1 = Math.max(E1, Math.sqrt(Math.abs(e0 * e2)), Math.abs(effectiveAt(s, 1, a, b)));
        }
    }
    muS[row] = Math.max(mu, K_B_EV * T);
    TS[row] = Math.max(T, mu / K_B_EV);
    // docs/physics.md §1, §11: the one h·J → SI conversion (src/model/units.ts), with the spin factor
    NS[row] = particleCurrentSI(N, spin);
    chS[row] = Math.abs(chargeCurrentSI(N, spin));
    QS[row] = heatCurrentSI(Q, spin);
    SS[row] = entropyProductionSI(sdot, T0, spin);
    L0S[row] = L0;
    L1S[row] = L1;
    L2S[row] = L2;
    seebS[row] = Math.max(c.seebeck === null ? 0 : Math.abs(c.seebeck), K_B_EV);
    mu0S[row] = kT0;
    T0S[row] = T0;
    biasS[row] = Math.max(bias, kT0);
    E0S[row] = E0;
    E1S[row] = E1;
    E2S[row] = E2;
    GS[row] = -chargeCurrentSI(E0);
  });
  // μ and T when no row has any bias: the thermal scale (k_B T0, T0) of each row
  const unbiased = !muS.some((v) => v > 0);
  if (unbiased)
    states.forEach((s, row) => {
      muS[row] = K_B_EV * s.reference.temperature;
      TS[row] = s.reference.temperature;
    });
  const tiny = Number.MIN_VALUE;
  return new Map<Family, RowScales>([
    ['mu', fillZeroRows(muS, tiny)],
    ['temperature', fillZeroRows(TS, tiny)],
    ['particle', fillZeroRows(NS, tiny)],
    ['charge', fillZeroRows(chS, tiny)],
    ['heat', fillZeroRows(QS, tiny)],
    ['entropyProduction', fillZeroRows(SS, tiny)],
    ['L0', fillZeroRows(L0S, tiny)],
    ['L1', fillZeroRows(L1S, tiny)],
    ['L2', fillZeroRows(L2S, tiny)],
    ['seebeck', seebS],
    ['mu0', mu0S],
    ['T0', T0S],
    ['bias', biasS],
    ['Leff0', fillZeroRows(E0S, tiny)],
    ['Leff1', fillZeroRows(E1S, tiny)],
    ['Leff2', fillZeroRows(E2S, tiny)],
    ['conductance', fillZeroRows(GS, tiny)],
  ]);
}

/** Scale of the gamma family (inputs) per row: |γ| of ours at the row, at least 1e-12 eV. */
export function gammaScale(ours: Float64Array): RowScales {
  return Float64Array.from(ours, (v) => Math.max(1e-12, Math.abs(v)));
}

/**
 * Transmission scale of an energy table: max T over every compared pair and row (≥ tiny), the same
 * at every row. Unlike a point table's scales this is not per row: T_ab(E) is dimensionless and
 * bounded by the channel count, E is range-checked (resolve.ts), so no row can inflate it; and a
 * transmission computed in double precision is accurate to ~ε·max T, not relative to itself — an
 * antiresonance (T = 1e-33 at E = 0) has no scale of its own.
 */
export function transmissionScale(ours: readonly Float64Array[], rows: number): RowScales {
  let s = 0;
  for (const v of ours) for (const x of v) s = Math.max(s, Math.abs(x));
  return new Float64Array(rows).fill(s > 0 ? s : Number.MIN_VALUE);
}

/**
 * Compare one column. `offset[i]` is subtracted from both sides (μ0 or T0 of the row, else 0).
 * `theirs` may differ from `column.values` (re-read in another unit, negated, …).
 */
export function compareValues(
  column: Column,
  theirs: Float64Array,
  ours: Float64Array,
  offset: Float64Array | null,
  scale: RowScales,
  tol: Tolerance,
  where: (row: number) => string,
  source: string,
): QuantityResult {
  let maxAbs = -1,
    maxAbsRow = 0,
    maxRel = -1,
    maxRelRow = -1,
    worstRatio = -1,
    worstRow = 0;
  let pass = true;
  let maxScaled = 0;
  for (let i = 0; i < ours.length; i++) {
    const floor = tol.atol * scale[i];
    const off = offset ? offset[i] : 0;
    const y = theirs[i] - off,
      x = ours[i] - off;
    const d = Math.abs(y - x);
    const allowed = floor + tol.rtol * Math.abs(x);
    if (!(d <= allowed)) pass = false;
    maxScaled = Math.max(maxScaled, d / scale[i]);
    if (d > maxAbs) {
      maxAbs = d;
      maxAbsRow = i;
    }
    if (Math.abs(x) > floor && Math.abs(x) > 0) {
      const r = d / Math.abs(x);
      if (r > maxRel) {
        maxRel = r;
        maxRelRow = i;
      }
    }
    const ratio = allowed > 0 ? d / allowed : d > 0 ? Number.MAX_VALUE : 0;
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstRow = i;
    }
  }
  const loc = (row: number): Location => ({ row, at: where(row) });
  const worstOff = offset ? offset[worstRow] : 0;
  return {
    source,
    column: column.header,
    key: column.key,
    family: column.family,
    role: column.role === 'input' ? 'input' : 'output',
    unit: column.unit.symbol,
    canonicalUnit: CANONICAL[column.dimension],
    points: ours.length,
    maxAbs,
    maxAbsAt: loc(maxAbsRow),
    maxRel: maxRel >= 0 ? maxRel : null,
    maxRelAt: maxRelRow >= 0 ? loc(maxRelRow) : null,
    maxScaled: Math.min(maxScaled, Number.MAX_VALUE),
    scale: scale[worstRow],
    worst: {
      ...loc(worstRow),
      theirs: theirs[worstRow],
      ours: ours[worstRow],
      allowed: tol.atol * scale[worstRow] + tol.rtol * Math.abs(ours[worstRow] - worstOff),
    },
    pass,
  };
}

/**
 * True when `theirs` matches `ours` as a *significant* signal: every row within tolerance and at
 * least one row where |ours| ≥ 1e-3·scale. Used to accept a unit or sign hypothesis only when it
 * explains real values, never by matching noise against zero.
 */
export function matchesSignificantly(theirs: Float64Array, ours: Float64Array, offset: Float64Array | null, scale: RowScales, tol: Tolerance): boolean {
  let significant = false;
  for (let i = 0; i < ours.length; i++) {
    const off = offset ? offset[i] : 0;
    const y = theirs[i] - off,
      x = ours[i] - off;
    if (!(Math.abs(y - x) <= tol.atol * scale[i] + tol.rtol * Math.abs(x))) return false;
    if (Math.abs(x) >= 1e-3 * scale[i]) significant = true;
  }
  return significant;
}
