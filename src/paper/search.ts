/**
 * The parameter space of the reproduction and the linear-response superposition that makes a wide
 * search affordable (docs/physics.md §4, §7).
 *
 * The paper leaves several parameters unstated (t, ΔV, the γ of its curves, how T_VP relates to the
 * leads, the flat-probe normalisation, the μ0 range and grid). A {@link ParameterSet} fixes all of
 * them; {@link SEARCH_SPACE} lists the values tried (the stated or default value first).
 *
 * Superposition. In linear response every current and every solved potential is a linear function
 * of the fixed variables x_F = (μ_L − μ0, μ_R − μ0, (T_L − T0)/T0, (T_R − T0)/T0, (T_P − T0)/T0):
 * the probe elimination gives y_F = M̃ x_F and x_U = S x_F (paper Eqs. 11, 16; {@link schurEliminate}).
 * So one elimination per circuit (VP or VTP, electronic or pure thermal) and per (geometry, μ0)
 * gives the response to every bias at once: every configuration's temperatures, every ΔV and every
 * T_VP rule cost a few multiply–adds. {@link LinearSweeps} stores, per geometry, μ0 and circuit, the
 * coefficients of I_R, J^Q_R, J^Q_P and (pure thermal circuit) μ_R on the four bias components
 * (ΔV, T_L, T_R, T_P); test/report/search.test.ts checks it against direct circuit solves.
 */
import { prepareSystem } from '../numeric/system.js';
import { physicalOnsagerMatrix } from '../numeric/circuit.js';
import { schurEliminate } from '../numeric/probes.js';
import { chargeCurrentSI, heatCurrentSI } from '../model/units.js';
import { linspace } from '../scan.js';
import { junctionSystem, geometryKey, type Geometry } from './junction.js';
import { CONFIGURATIONS, vpTemperature, type ConfigurationId, type FlatNormalisation, type VpTemperatureRule } from './params.js';

/** Every parameter the paper leaves open, fixed. */
export interface ParameterSet {
  /** Hückel hopping t (eV). */
  readonly hopping: number;
  /** Electrical bias ΔV (V) of the electronic circuit (±ΔV/2). */
  readonly deltaV: number;
  /** The figure's curves are the γ of the grid up to this (eV); a figure's peak is over them. */
  readonly gammaMax: number;
  /** How T_VP is fixed. */
  readonly vpTemperature: VpTemperatureRule;
  /** Flat-probe normalisation (Fig. 6). */
  readonly flatNormalisation: FlatNormalisation;
  /** μ0 − ε0 ∈ [−mu0Half, +mu0Half] (eV). */
  readonly mu0Half: number;
  /** Grid step of μ0 (eV). */
  readonly mu0Step: number;
}

/** A dimension of the search. */
export type Dimension = keyof ParameterSet;

/** Every dimension, in the order tables show them. */
export const DIMENSIONS: readonly Dimension[] = ['hopping', 'deltaV', 'gammaMax', 'vpTemperature', 'flatNormalisation', 'mu0Half', 'mu0Step'];

/** The values tried per dimension (the baseline first) and the γ grid of the curves. */
export interface SearchSpace {
  readonly values: { readonly [K in Dimension]: ReadonlyArray<ParameterSet[K]> };
  /** Probe couplings γ (eV) of the curves (γ > 0; the coherent curve γ = 0 is drawn but never searched). */
  readonly gammaGrid: readonly number[];
}

/**
 * The search space: t from 2.5 to 2.8 eV (ref. 52's −2.64 eV first), ΔV from 1 to 20 mV (10 mV
 * first: the paper's value is lost), γ up to each of 0.01 … 1 eV, the four T_VP rules, both flat
 * normalisations, μ0 − ε0 over ±3, ±2 or ±1.5 eV on a 5 or 10 meV grid.
 */
export const SEARCH_SPACE: SearchSpace = {
  values: {
    hopping: [-2.64, -2.5, -2.6, -2.7, -2.8],
    deltaV: [0.01, 0.001, 0.005, 0.015, 0.02],
    gammaMax: [1, 0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.2, 0.3, 0.5],
    vpTemperature: ['ambient', 'T_R', 'T_L', 'mid'],
    flatNormalisation: ['gammaI', 'gammaOver6I'],
    mu0Half: [3, 2, 1.5],
    mu0Step: [0.005, 0.01],
  },
  gammaGrid: [0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.2, 0.3, 0.5, 1],
};

/** The baseline: the paper's stated values and our defaults for the rest (first value of each dimension). */
export function baselineSet(space: SearchSpace = SEARCH_SPACE): ParameterSet {
  const v = space.values;
  return {
    hopping: v.hopping[0],
    deltaV: v.deltaV[0],
    gammaMax: v.gammaMax[0],
    vpTemperature: v.vpTemperature[0],
    flatNormalisation: v.flatNormalisation[0],
    mu0Half: v.mu0Half[0],
    mu0Step: v.mu0Step[0],
  };
}

/** Number of sets in the space. */
export function spaceSize(space: SearchSpace = SEARCH_SPACE): number {
  return DIMENSIONS.reduce((n, d) => n * space.values[d].length, 1);
}

/** The curves γ ≤ γ_max of a set (ascending). */
export function gammasOf(set: ParameterSet, space: SearchSpace = SEARCH_SPACE): number[] {
  return space.gammaGrid.filter((g) => g <= set.gammaMax + 1e-12).sort((a, b) => a - b);
}

/** The fine grid every subset is taken from: the widest range, the finest step. */
export function baseGrid(space: SearchSpace = SEARCH_SPACE): { min: number; max: number; points: number; step: number } {
  const half = Math.max(...space.values.mu0Half),
    step = Math.min(...space.values.mu0Step);
  return { min: -half, max: half, points: Math.round((2 * half) / step) + 1, step };
}

/** Indices of the base grid in a set's range and step (the node μ0 = ε0 = 0 is always on it). */
export function subsetIndices(x: ArrayLike<number>, half: number, step: number, baseStep: number): Int32Array {
  const stride = Math.round(step / baseStep);
  if (Math.abs(stride * baseStep - step) > 1e-9 * step) throw new Error(`μ0 step ${step} eV is not a multiple of the base step ${baseStep} eV`);
  const node = Math.round(-x[0] / baseStep);
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) <= half + 1e-9 && (i - node) % stride === 0) out.push(i);
  return Int32Array.from(out);
}

/** The four circuits: electronic or pure thermal, the probe as a VP or a VTP. */
export type CircuitId = 'elVP' | 'elVTP' | 'thVP' | 'thVTP';

/** Linear quantities: I_R (A), J^Q_R (W), J^Q_P (W; zero for a VTP), μ_R − μ0 (eV; thermal circuit). */
export type LinearQuantity = 'IR' | 'QR' | 'QP' | 'muR';

/** Bias components, in the order of the coefficient arrays: ΔV (V), T_L − T0, T_R − T0, T_P − T0 (K). */
export const COMPONENTS = ['deltaV', 'TL', 'TR', 'TP'] as const;

const L = 0,
  R = 1,
  P = 2,
  N = 3;
/** Unknowns per circuit (μ: 0…2, T: 3…5): the probe's μ (and T for a VTP); the thermal circuit adds μ_R (gauge μ_L = μ0). */
const UNKNOWN: Record<CircuitId, readonly number[]> = { elVP: [P], elVTP: [P, N + P], thVP: [R, P], thVTP: [R, P, N + P] };
const CIRCUITS: readonly CircuitId[] = ['elVP', 'elVTP', 'thVP', 'thVTP'];

/** Coefficients of one circuit of one geometry: per quantity, 4·m numbers (component c at point i: [c·m + i]). */
type CircuitMaps = Partial<Record<LinearQuantity, Float64Array>>;

/**
 * Linear response maps of the junction's circuits along the base μ0 grid, per geometry (solved
 * lazily, or all at once by {@link flush} after {@link request}s, for a progress bar).
 */
export class LinearSweeps {
  readonly x: Float64Array;
  readonly step: number;
  private readonly maps = new Map<string, Record<CircuitId, CircuitMaps>>();
  private readonly pending = new Map<string, Geometry>();
  private readonly subsets = new Map<string, { idx: Int32Array; x: Float64Array }>();
  /** Geometries solved so far. */
  solvedGeometries = 0;

  constructor(
    readonly space: SearchSpace,
    readonly T0: number,
  ) {
    const g = baseGrid(space);
    this.x = Float64Array.from(linspace(g.min, g.max, g.points));
    this.step = g.step;
  }

  /** The base-grid indices and x values of a set's μ0 range and step. */
  subset(half: number, step: number): { idx: Int32Array; x: Float64Array } {
    const key = `${half}|${step}`;
    let s = this.subsets.get(key);
    if (!s) {
      const idx = subsetIndices(this.x, half, step, this.step);
      s = { idx, x: Float64Array.from(idx, (i) => this.x[i]) };
      this.subsets.set(key, s);
    }
    return s;
  }

  /** Note a geometry to solve in {@link flush}. */
  request(g: Geometry): void {
    const k = geometryKey(g);
    if (!this.maps.has(k)) this.pending.set(k, g);
  }

  /** Geometries requested and not solved yet. */
  get pendingGeometries(): number {
    return this.pending.size;
  }

  /** Solve every requested geometry; `onPoints(k)` after every k μ0 points. */
  flush(onPoints?: (k: number) => void): void {
    for (const [k, g] of this.pending) this.maps.set(k, this.solve(g, onPoints));
    this.pending.clear();
  }

  /** The requested geometries, in request order (for a driver that solves them elsewhere, then {@link provide}s them). */
  pendingList(): Geometry[] {
    return [...this.pending.values()];
  }

  /** Store a geometry's maps solved elsewhere by {@link solve} (the same code: the same bits). */
  provide(g: Geometry, maps: Record<CircuitId, CircuitMaps>): void {
    const k = geometryKey(g);
    this.pending.delete(k);
    this.maps.set(k, maps);
    this.solvedGeometries++;
  }

  /** The linear-response maps of one geometry along the base grid (what {@link flush} stores). */
  solve(g: Geometry, onPoints?: (k: number) => void): Record<CircuitId, CircuitMaps> {
    // The flat probe's rows (Fig. 6, Appendix C) are all electronic circuits: its thermal circuits are skipped.
    const circuits = g.probe === 'flat' ? CIRCUITS.slice(0, 2) : CIRCUITS;
    if (!(g.gamma > 0)) throw new Error('LinearSweeps: γ must be > 0 (the coherent limit is not searched)');
    const prepared = prepareSystem(junctionSystem(g));
    const m = this.x.length,
      T0 = this.T0;
    const out = {} as Record<CircuitId, CircuitMaps>;
    const quantities: Record<CircuitId, readonly LinearQuantity[]> = {
      elVP: ['IR', 'QR', 'QP'],
      elVTP: ['IR', 'QR'],
      thVP: ['QR', 'QP', 'muR'],
      thVTP: ['QR', 'muR'],
    };
    for (const c of circuits) {
      out[c] = {};
      for (const q of quantities[c]) out[c][q] = new Float64Array(4 * m);
    }
    const M = new Float64Array(36);
    // the one h·J → SI conversion (src/model/units.ts, docs/physics.md §1) as factors per unit of h·J
    const toI = chargeCurrentSI(1),
      toW = heatCurrentSI(1); // h J^N (eV) → I = −e J^N (A); h J^Q (eV²) → W
    const noTest = [false, false, false];
    // Weight of free variable f on bias component k (ΔV, T_L, T_R, T_P): μ_L = +ΔV/2, μ_R = −ΔV/2 in the
    // electronic circuit (the thermal circuit's μ_L is the gauge μ0), x_T = ΔT/T0. Per circuit: [f][k].
    const weights = new Map<CircuitId, Float64Array>();
    for (const c of circuits) {
      const thermal = c.startsWith('th');
      const w = new Float64Array(24);
      for (let f = 0; f < 6; f++)
        for (let k = 0; k < 4; k++) {
          w[f * 4 + k] = f === L ? (!thermal && k === 0 ? 0.5 : 0) : f === R ? (!thermal && k === 0 ? -0.5 : 0) : f - N === k - 1 ? 1 / T0 : 0;
        }
      weights.set(c, w);
    }
    for (let i = 0; i < m; i++) {
      const o = prepared.onsager({ mu: g.onsite + this.x[i], temperature: T0 });
      physicalOnsagerMatrix(o, noTest, M);
      for (const c of circuits) {
        const s = schurEliminate(M, 6, UNKNOWN[c]);
        const w = weights.get(c)!;
        const maps = out[c];
        const effRow = (v: number) => s.free.indexOf(v) * s.free.length;
        if (maps.IR) project(maps.IR, s.effective, effRow(R), s.free, w, m, i, toI);
        project(maps.QR!, s.effective, effRow(N + R), s.free, w, m, i, toW);
        if (maps.QP) project(maps.QP, s.effective, effRow(N + P), s.free, w, m, i, toW);
        if (maps.muR) project(maps.muR, s.response, s.unknown.indexOf(R) * s.free.length, s.free, w, m, i, 1);
      }
      if (onPoints && (i + 1) % 100 === 0) onPoints(100);
    }
    if (onPoints && m % 100) onPoints(m % 100);
    this.solvedGeometries++;
    return out;
  }

  /** The coefficient arrays of a geometry's circuit (solving it now if needed). */
  coefficients(g: Geometry, c: CircuitId, q: LinearQuantity): Float64Array {
    const k = geometryKey(g);
    let maps = this.maps.get(k);
    if (!maps) {
      this.pending.delete(k);
      maps = this.solve(g);
      this.maps.set(k, maps);
    }
    const a = maps[c]?.[q];
    if (!a)
      throw new Error(`LinearSweeps: ${q} is not a quantity of circuit ${c}${g.probe === 'flat' ? ' (the flat probe has electronic circuits only)' : ''}`);
    return a;
  }

  /**
   * A quantity along the base grid for one bias: Σ_k coefficient_k · b_k with b = (ΔV (V),
   * T_L − T0, T_R − T0, T_P − T0 (K)).
   */
  evaluate(g: Geometry, c: CircuitId, q: LinearQuantity, b: readonly [number, number, number, number]): Float64Array {
    const a = this.coefficients(g, c, q);
    const m = this.x.length;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = a[i] * b[0] + a[m + i] * b[1] + a[2 * m + i] * b[2] + a[3 * m + i] * b[3];
    return out;
  }
}

/** out[k·m + i] = scale · Σ_j row[j] · w[free_j][k]: one row of M̃ (or of the response S) on the bias components. */
function project(out: Float64Array, mat: Float64Array, offset: number, free: readonly number[], w: Float64Array, m: number, i: number, scale: number): void {
  for (let k = 0; k < 4; k++) {
    let v = 0;
    for (let j = 0; j < free.length; j++) v += mat[offset + j] * w[free[j] * 4 + k];
    out[k * m + i] = v * scale;
  }
}

/** The bias components (ΔV, T_L − T0, T_R − T0, T_P − T0) of a configuration under a set. */
export function biasComponents(config: ConfigurationId, set: ParameterSet, T0: number): [number, number, number, number] {
  const k = CONFIGURATIONS[config];
  return [set.deltaV, k.TL - T0, k.TR - T0, vpTemperature(set.vpTemperature, k, T0) - T0];
}

/** The junction geometry of a configuration, probe shape and γ under a set. */
export function geometryFor(config: ConfigurationId, probe: 'local' | 'flat', gamma: number, set: ParameterSet, onsite = 0): Geometry {
  const k = CONFIGURATIONS[config];
  return { hopping: set.hopping, onsite, gammaL: k.gammaL, gammaR: k.gammaR, probe, gamma, flatNormalisation: set.flatNormalisation };
}
