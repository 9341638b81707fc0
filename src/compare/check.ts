/**
 * The pass/fail test of one quantity (docs/compare.md §Tolerances). At every row
 *
 *   |theirs − ours| ≤ atol · scale_F + rtol · |ours|,
 *
 * with μ and T compared as deviations from the row's reference (μ − μ0, T − T0). `atol` is
 * dimensionless: a fraction of the scale of the quantity's family F over the whole table, chosen
 * so that it is the size of the largest contribution that enters the quantity, even where the
 * quantity itself cancels to zero (a VTP's heat current, the particle currents of a thermal
 * circuit, L^(1) at particle–hole symmetry):
 *
 * - transmission: max T_ab(E) over the table (all pairs);
 * - L0, L2: max |L^(ν)_ab|; L1: max √(L0_ab L2_ab), the Cauchy–Schwarz bound |L1| ≤ √(L0 L2) (docs/physics.md §3);
 * - particle / charge / heat currents: the largest single term |M_ij x_j| of y = M x (docs/physics.md §3),
 *   over all terminals and rows (×1/h, ×e/h), an L^(1) entry taken as its bound √(L0 L2) (so that a
 *   thermal bias at particle–hole symmetry, where L^(1) = 0, still sets the particle-current scale);
 * - entropy production: Σ_ij |x_i M_ij x_j| /(h T0) (docs/physics.md §5);
 * - μ: max(|μ_α − μ0|, k_B|T_α − T0|) over terminals and rows (bias or natural thermovoltage);
 * - T: max(|T_α − T0|, |μ_α − μ0|/k_B);
 * - seebeck: max(|S|, k_B/e); mu0: k_B T0; T0: T0; gamma: max |γ| (≥ 1e-12 eV);
 * - bias: max(|μ_L − μ_R|, k_B T0); effective L̃^(ν) and G: as L^(ν), over the lead pairs of M̃;
 * - effective transmission: as transmission.
 */
import { K_B_EV } from '../numeric/constants.js';
import { chargeCurrentSI, entropyProductionSI, heatCurrentSI, particleCurrentSI, type SpinFactor } from '../model/units.js';
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
  /** Max |theirs − ours|/scale. */
  readonly maxScaled: number;
  /** The family scale (canonical unit). */
  readonly scale: number;
  /** The row that is furthest outside (or closest to) its tolerance. */
  readonly worst: Location & { readonly theirs: number; readonly ours: number; readonly allowed: number };
  readonly pass: boolean;
}

/** Family scales of a point table from the solved states (all terminals, all rows). */
export function pointScales(states: readonly PointState[], effective = false): Map<Family, number> {
  let mu = 0,
    T = 0,
    muT = 0,
    Tmu = 0,
    N = 0,
    Q = 0,
    S = 0,
    L0 = 0,
    L1 = 0,
    L2 = 0,
    seeb = 0,
    T0max = 0,
    bias = 0;
  let E0 = 0,
    E1 = 0,
    E2 = 0;
  let sp: SpinFactor = 1; // CONFIG's spin factor (the same at every row)
  for (const s of states) {
    const c = s.solution.circuit,
      n = c.terminals.length,
      m = 2 * n;
    const mu0 = s.reference.mu,
      T0 = s.reference.temperature;
    T0max = Math.max(T0max, T0);
    const test = s.system.terminals.map(isTestProbe);
    const spin = spinOf(s);
    const x = new Float64Array(m);
    for (let a = 0; a < n; a++) {
      x[a] = c.mu[a] - mu0;
      x[n + a] = (c.temperature[a] - T0) / T0;
      mu = Math.max(mu, Math.abs(x[a]));
      T = Math.max(T, Math.abs(c.temperature[a] - T0));
    }
    muT = Math.max(muT, K_B_EV * T);
    Tmu = Math.max(Tmu, mu / K_B_EV);
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
    S = Math.max(S, entropyProductionSI(sdot, T0, spin));
    sp = spin;
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const l0 = onsagerAt(s, 0, a, b),
          l2 = onsagerAt(s, 2, a, b);
        L0 = Math.max(L0, Math.abs(l0));
        L2 = Math.max(L2, Math.abs(l2));
        L1 = Math.max(L1, Math.sqrt(Math.abs(l0 * l2)), Math.abs(onsagerAt(s, 1, a, b)));
      }
    if (c.seebeck !== null) seeb = Math.max(seeb, Math.abs(c.seebeck));
    const leads = s.system.terminals.map((t, i) => (t.role === 'lead' ? i : -1)).filter((i) => i >= 0);
    if (leads.length >= 2) bias = Math.max(bias, Math.abs(c.mu[leads[0]] - c.mu[leads[1]]));
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
  }
  const pos = (v: number, floor: number) => (v > 0 ? v : floor);
  const kT0 = K_B_EV * T0max;
  return new Map<Family, number>([
    ['mu', pos(Math.max(mu, muT), kT0)],
    ['temperature', pos(Math.max(T, Tmu), T0max)],
    // docs/physics.md §1, §11: the one h·J → SI conversion (src/model/units.ts), with the spin factor
    ['particle', pos(particleCurrentSI(N, sp), Number.MIN_VALUE)],
    ['charge', pos(Math.abs(chargeCurrentSI(N, sp)), Number.MIN_VALUE)],
    ['heat', pos(heatCurrentSI(Q, sp), Number.MIN_VALUE)],
    ['entropyProduction', pos(S, Number.MIN_VALUE)],
    ['L0', pos(L0, Number.MIN_VALUE)],
    ['L1', pos(L1, Number.MIN_VALUE)],
    ['L2', pos(L2, Number.MIN_VALUE)],
    ['seebeck', Math.max(seeb, K_B_EV)],
    ['mu0', kT0],
    ['T0', T0max],
    ['bias', Math.max(bias, kT0)],
    ['Leff0', pos(E0, Number.MIN_VALUE)],
    ['Leff1', pos(E1, Number.MIN_VALUE)],
    ['Leff2', pos(E2, Number.MIN_VALUE)],
    ['conductance', pos(-chargeCurrentSI(E0), Number.MIN_VALUE)],
  ]);
}

/** Scale of the gamma family (inputs): max |γ| of ours, at least 1e-12 eV. */
export function gammaScale(ours: Float64Array): number {
  let g = 1e-12;
  for (const v of ours) g = Math.max(g, Math.abs(v));
  return g;
}

/** Transmission scale of an energy table: max T over every compared pair and row (≥ tiny). */
export function transmissionScale(ours: Iterable<Float64Array>): number {
  let s = 0;
  for (const v of ours) for (const x of v) s = Math.max(s, Math.abs(x));
  return s > 0 ? s : Number.MIN_VALUE;
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
  scale: number,
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
  const floor = tol.atol * scale;
  for (let i = 0; i < ours.length; i++) {
    const off = offset ? offset[i] : 0;
    const y = theirs[i] - off,
      x = ours[i] - off;
    const d = Math.abs(y - x);
    const allowed = floor + tol.rtol * Math.abs(x);
    if (!(d <= allowed)) pass = false;
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
    maxScaled: Math.min(maxAbs / scale, Number.MAX_VALUE),
    scale,
    worst: { ...loc(worstRow), theirs: theirs[worstRow], ours: ours[worstRow], allowed: floor + tol.rtol * Math.abs(ours[worstRow] - worstOff) },
    pass,
  };
}

/**
 * True when `theirs` matches `ours` as a *significant* signal: every row within tolerance and at
 * least one row where |ours| ≥ 1e-3·scale. Used to accept a unit or sign hypothesis only when it
 * explains real values, never by matching noise against zero.
 */
export function matchesSignificantly(theirs: Float64Array, ours: Float64Array, offset: Float64Array | null, scale: number, tol: Tolerance): boolean {
  let significant = false;
  for (let i = 0; i < ours.length; i++) {
    const off = offset ? offset[i] : 0;
    const y = theirs[i] - off,
      x = ours[i] - off;
    if (!(Math.abs(y - x) <= tol.atol * scale + tol.rtol * Math.abs(x))) return false;
    if (Math.abs(x) >= 1e-3 * scale) significant = true;
  }
  return significant;
}
