/**
 * Columnar circuit kernels for scans (docs/physics.md §4–§5; paper Eqs. 8–16): the small probe
 * circuits of a scan (1–3 unknowns: a VP's μ_P; a VTP's μ_P, T_P; the thermal circuit's open-circuit
 * lead μ) solved in closed form (Cramer's rule on M_UU x_U = −M_UF x_F), written straight into one
 * Float64Array per quantity over the scan, with no allocation per point.
 *
 * Same physics and conventions as `prepareCircuit` (circuit.ts), which stays the general path: a
 * kernel refuses a point (returns false, writes nothing) when its closed form would lose accuracy —
 * a determinant that cancels to below {@link KERNEL_MIN_DET_RATIO} of the sum of its terms, or an
 * M_UU that is tiny against M — and the caller hands that point to the general pivoted solver,
 * which either solves it or raises SingularCircuitError. A kernel with more than 3 unknowns always
 * refuses. The property test test/numeric/circuitKernels.test.ts checks kernel ≡ solveCircuit.
 */
import { isEnergyResolved, isTestProbe } from '../model/probeModels.js';
import { accurateWorkspace, currentsCancel, type UnknownsWorkspace } from './probes.js';
import { chargeCurrentSI, entropyProductionSI, heatCurrentSI, particleCurrentSI, type SpinFactor } from '../model/units.js';
import {
  circuitVariables,
  currentRows,
  decoupleTestTerminals,
  seebeckFromMatrix,
  thermalBias,
  type CircuitKind,
  type CircuitResult,
  type TerminalState,
} from './circuit.js';
import type { Reference } from './onsager.js';

/**
 * Smallest |det M_UU| / Σ|terms of det| the closed form accepts. Below it the determinant has
 * cancelled by more than 12 bits, so Cramer's rule could lose up to ~2¹²·ε relative accuracy
 * (≈ 1e-12); such points go to the pivoted general path instead.
 */
export const KERNEL_MIN_DET_RATIO = 2 ** -12;
/** M_UU whose largest entry is below this fraction of max|M| goes to the general path (which decides singularity). */
export const KERNEL_MIN_BLOCK_SCALE = 1e-10;

/** One circuit's results over a scan: one array per quantity, point-major (point p, terminal a at p·n + a). */
export interface CircuitColumns {
  readonly kind: CircuitKind;
  readonly terminals: readonly string[];
  readonly points: number;
  /** μ of every terminal (eV, absolute), points × n. */
  readonly mu: Float64Array;
  /** T of every terminal (K), points × n. */
  readonly temperature: Float64Array;
  /** J^N into each terminal (1/s), points × n. */
  readonly particleCurrent: Float64Array;
  /** I = −e J^N into each terminal (A), points × n. */
  readonly chargeCurrent: Float64Array;
  /** J^Q into each terminal (W), points × n. */
  readonly heatCurrent: Float64Array;
  /** Ṡ (W/K), one per point. */
  readonly entropyProduction: Float64Array;
  /** Thermopower between the first two leads (V/K), one per point (at T_R = T_L the circuit's coefficient, circuit.ts `seebeckFromMatrix`); NaN in an electronic circuit. */
  readonly seebeck: Float64Array;
  /** How each point was solved: 1 = closed-form kernel, 2 = general pivoted path (a refusal), 0 = not yet solved. */
  readonly path: Uint8Array;
  /** Spin degeneracy factor of the currents and Ṡ (docs/physics.md §11). */
  readonly spin: SpinFactor;
}

/** Allocate the columns of one circuit for `points` scan points. */
export function circuitColumns(kind: CircuitKind, terminals: readonly string[], points: number, spin: SpinFactor = 1): CircuitColumns {
  const n = terminals.length;
  return {
    kind,
    terminals,
    points,
    mu: new Float64Array(points * n),
    temperature: new Float64Array(points * n),
    particleCurrent: new Float64Array(points * n),
    chargeCurrent: new Float64Array(points * n),
    heatCurrent: new Float64Array(points * n),
    entropyProduction: new Float64Array(points),
    seebeck: new Float64Array(points),
    path: new Uint8Array(points),
    spin,
  };
}

/** Copy a general-path {@link CircuitResult} into row `p` of the columns (the kernels' hand-over). */
export function storeCircuitResult(r: CircuitResult, cols: CircuitColumns, p: number): void {
  const n = cols.terminals.length;
  cols.mu.set(r.mu, p * n);
  cols.temperature.set(r.temperature, p * n);
  cols.particleCurrent.set(r.particleCurrent, p * n);
  cols.chargeCurrent.set(r.chargeCurrent, p * n);
  cols.heatCurrent.set(r.heatCurrent, p * n);
  cols.entropyProduction[p] = r.entropyProduction;
  cols.seebeck[p] = r.seebeck ?? NaN;
  cols.path[p] = 2;
}

/**
 * The physical Onsager matrix (as circuit.ts `physicalOnsagerMatrix`: M = [[𝓛0, 𝓛1], [𝓛1, 𝓛2]],
 * docs/physics.md §3, paper Eqs. 1, 9; test terminals removed from the other rows) from the
 * coefficient columns L0/L1/L2 at offset `off` (n² entries each), written into `out` (2n × 2n).
 */
export function physicalMatrixInto(
  L0: Float64Array,
  L1: Float64Array,
  L2: Float64Array,
  off: number,
  n: number,
  test: readonly boolean[] | null,
  out: Float64Array,
): Float64Array {
  const m = 2 * n;
  for (let blk = 0; blk < 4; blk++) {
    const L = blk === 0 ? L0 : blk === 3 ? L2 : L1;
    const r0 = blk >= 2 ? n : 0,
      c0 = blk & 1 ? n : 0;
    for (let a = 0; a < n; a++) {
      let diag = 0;
      const row = (r0 + a) * m + c0;
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const v = L[off + a * n + b];
        out[row + b] = v;
        diag -= v;
      }
      out[row + a] = diag;
    }
  }
  // test terminals decoupled exactly as circuit.ts does it (the two agree bit for bit)
  return test === null ? out : decoupleTestTerminals(out, n, test);
}

/** A circuit prepared once for a scan, solved in closed form into columns. */
export interface CircuitKernel {
  readonly kind: CircuitKind;
  readonly terminals: readonly string[];
  /** Variable indices solved for (μ: 0…n−1, T: n…2n−1), ascending. */
  readonly unknown: readonly number[];
  /** Test (zero-coupling) probes, as the circuit sees them. */
  readonly test: readonly boolean[];
  /**
   * Solve one point from the physical Onsager matrix `M` (2n × 2n, {@link physicalMatrixInto}) at
   * reference chemical potential `mu0` into row `p` of `cols`. Returns false, writing nothing, when
   * the closed form would lose accuracy (see {@link KERNEL_MIN_DET_RATIO}); the caller then uses the
   * general path. Allocates nothing. `scale` = {@link matrixScale}(M), when the caller has it (shared by the kernels of one point).
   */
  solveInto(M: Float64Array, mu0: number, cols: CircuitColumns, p: number, mscale?: number): boolean;
  /**
   * {@link solveInto} with μ0 and max|M| read from `at[0]`, `at[1]`: a scan's hot loop passes them
   * in a buffer, not as arguments (a double argument of a call that is not inlined is boxed: a
   * heap allocation per call).
   */
  solveAt(M: Float64Array, at: Float64Array, cols: CircuitColumns, p: number): boolean;
}

/** max |M_ij| over the 2n × 2n matrix (shared by the kernels of one point, see solveInto). */
export function matrixScale(M: Float64Array): number {
  let s = 0;
  for (let i = 0; i < M.length; i++) {
    const v = Math.abs(M[i]);
    if (v > s) s = v;
  }
  return s;
}

/**
 * Prepare the closed-form kernel of a circuit (the bias conventions of `prepareCircuit`: lead μ
 * and T fixed; probe μ, and T for a VTP, unknown; in a thermal circuit every lead μ but the first
 * (gauge) lead's unknown). Temperatures in K, μ in eV.
 * Internal kernel of `scanColumns` (not exported from the package): prepare it once per circuit,
 * fill the physical matrix with `physicalMatrixInto` per point, and fall back to the general
 * `prepareCircuit` path whenever `solveInto` returns false. ER probes always take that path.
 * @throws CircuitSpecError for a missing bias (the same messages as prepareCircuit)
 */
export function circuitKernel(terminals: readonly TerminalState[], reference: Reference, kind: CircuitKind, spin: SpinFactor = 1): CircuitKernel {
  const n = terminals.length,
    m = 2 * n;
  const T0 = reference.temperature;
  // docs/physics.md §4: the unknowns and fixed variables, decided where prepareCircuit decides them
  const { leads, unknown, xFixed } = circuitVariables(terminals, reference, kind);
  // An energy-resolved probe's μ and T come from its moments after the solve (circuit.ts): the
  // general path handles every circuit that has one.
  const hasEnergyResolved = terminals.some((t) => isEnergyResolved(t.role));
  const nu = unknown.length;
  const isUnknown = new Uint8Array(m);
  for (const u of unknown) isUnknown[u] = 1;
  const free = Int32Array.from({ length: m }, (_, i) => i).filter((i) => !isUnknown[i]);
  const U = Int32Array.from(unknown);
  const test = terminals.map(isTestProbe);
  const anyTest = test.some(Boolean);
  const names = terminals.map((t) => t.name);
  const leadL = leads.length >= 2 ? leads[0] : -1,
    leadR = leads.length >= 2 ? leads[1] : -1;
  // the rows checked for cancellation, as circuit.ts checks them (a hand-over recomputes the point there)
  const { checked } = currentRows(kind, test, isUnknown, leads);
  const leadDT = kind === 'thermal' && leadL >= 0 ? thermalBias(terminals, [leadL, leadR]) : NaN;
  return new ClosedFormCircuit(kind, names, unknown, test, n, T0, U, free, xFixed, anyTest, hasEnergyResolved, leadL, leadR, spin, checked, leadDT);
}

/**
 * The kernel as a class (not a closure): every kernel of a scan shares one optimised `solveInto`
 * (V8 keeps type feedback per closure, so a fresh closure per γ would start cold each time).
 */
class ClosedFormCircuit implements CircuitKernel {
  private readonly m: number;
  private readonly nu: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly checked: Uint8Array;
  private readonly rhs = new Float64Array(3);
  private readonly d = new Float64Array(9);
  private readonly at = new Float64Array(2);
  /** T_L = T_R: S is the circuit's coefficient (circuit.ts seebeckFromMatrix), with this scratch. */
  private seebeckScratch: { isUnknown: Uint8Array; x: Float64Array; ws: UnknownsWorkspace } | null = null;
  constructor(
    readonly kind: CircuitKind,
    readonly terminals: readonly string[],
    readonly unknown: readonly number[],
    readonly test: readonly boolean[],
    private readonly n: number,
    private readonly T0: number,
    private readonly U: Int32Array,
    private readonly free: Int32Array,
    private readonly xFixed: Float64Array,
    private readonly anyTest: boolean,
    private readonly hasEnergyResolved: boolean,
    private readonly leadL: number,
    private readonly leadR: number,
    private readonly spin: SpinFactor,
    checked: Uint8Array,
    /** T_R − T_L as given (K), circuit.ts `thermalBias`; NaN for an electronic circuit. */
    private readonly leadDT: number,
  ) {
    this.m = 2 * n;
    this.nu = U.length;
    this.x = new Float64Array(this.m);
    this.y = new Float64Array(this.m);
    this.checked = checked;
  }

  solveInto(M: Float64Array, mu0: number, cols: CircuitColumns, p: number, scale?: number): boolean {
    const at = this.at;
    at[0] = mu0;
    at[1] = scale ?? matrixScale(M);
    return this.solveAt(M, at, cols, p);
  }

  solveAt(M: Float64Array, at: Float64Array, cols: CircuitColumns, p: number): boolean {
    const { n, m, nu, U, free, x, y, rhs, d, test, anyTest, kind, leadL, leadR, spin, T0, xFixed } = this;
    if (nu > 3 || this.hasEnergyResolved) return false;
    const mu0 = at[0],
      mscale = at[1];
    for (let i = 0; i < m; i++) x[i] = xFixed[i]; // (TypedArray.set costs a builtin call: 12 % of this method)
    let dscale = 0;
    for (let a = 0; a < nu; a++) {
      const row = U[a] * m;
      let s = 0;
      for (let f = 0; f < free.length; f++) s += M[row + free[f]] * x[free[f]];
      rhs[a] = -s;
      for (let b = 0; b < nu; b++) {
        const v = M[row + U[b]];
        d[a * nu + b] = v;
        if (Math.abs(v) > dscale) dscale = Math.abs(v);
      }
    }
    if (nu > 0 && !(dscale > KERNEL_MIN_BLOCK_SCALE * mscale)) return false;
    if (nu === 1) {
      x[U[0]] = rhs[0] / d[0];
    } else if (nu === 2) {
      // docs/physics.md §4: x_U = −M_UU⁻¹ M_UF x_F by Cramer's rule
      const a = d[0],
        b = d[1],
        c = d[2],
        e = d[3];
      const t1 = a * e,
        t2 = b * c,
        det = t1 - t2;
      if (!(Math.abs(det) > KERNEL_MIN_DET_RATIO * (Math.abs(t1) + Math.abs(t2)))) return false;
      x[U[0]] = (e * rhs[0] - b * rhs[1]) / det;
      x[U[1]] = (a * rhs[1] - c * rhs[0]) / det;
    } else if (nu === 3) {
      const a = d[0],
        b = d[1],
        c = d[2],
        e = d[3],
        f = d[4],
        g = d[5],
        h = d[6],
        i = d[7],
        j = d[8];
      // cofactors of the first row and det = a C00 + b C01 + c C02
      const c00 = f * j - g * i,
        c01 = g * h - e * j,
        c02 = e * i - f * h;
      const det = a * c00 + b * c01 + c * c02;
      const terms =
        Math.abs(a) * (Math.abs(f * j) + Math.abs(g * i)) +
        Math.abs(b) * (Math.abs(g * h) + Math.abs(e * j)) +
        Math.abs(c) * (Math.abs(e * i) + Math.abs(f * h));
      if (!(Math.abs(det) > KERNEL_MIN_DET_RATIO * terms)) return false;
      const c10 = c * i - b * j,
        c11 = a * j - c * h,
        c12 = b * h - a * i;
      const c20 = b * g - c * f,
        c21 = c * e - a * g,
        c22 = a * f - b * e;
      const r0 = rhs[0],
        r1 = rhs[1],
        r2 = rhs[2];
      // x = adj(D) rhs / det, adj = cofactor matrixᵀ
      x[U[0]] = (c00 * r0 + c10 * r1 + c20 * r2) / det;
      x[U[1]] = (c01 * r0 + c11 * r1 + c21 * r2) / det;
      x[U[2]] = (c02 * r0 + c12 * r1 + c22 * r2) / det;
    }
    // y = M x (test probes' rows dropped: they carry γ = 0), Ṡ = −xᵀMx/(h T0) (docs/physics.md §5)
    const o = p * n;
    const { particleCurrent, chargeCurrent, heatCurrent, mu, temperature } = cols;
    let xMx = 0;
    for (let a = 0; a < n; a++) {
      let s = 0,
        sq = 0;
      if (!(anyTest && test[a])) {
        const row = a * m,
          rowq = (n + a) * m;
        for (let k = 0; k < m; k++) {
          const xk = x[k];
          s += M[row + k] * xk;
          sq += M[rowq + k] * xk;
        }
      }
      y[a] = s;
      y[n + a] = sq;
      // docs/physics.md §1, §11: the one h·J → SI conversion (src/model/units.ts)
      particleCurrent[o + a] = particleCurrentSI(s, spin);
      chargeCurrent[o + a] = chargeCurrentSI(s, spin);
      mu[o + a] = mu0 + x[a];
      heatCurrent[o + a] = heatCurrentSI(sq, spin);
      temperature[o + a] = T0 * (1 + x[n + a]);
    }
    for (let i = 0; i < m; i++) xMx += x[i] * y[i]; // the order of circuit.ts: the same rounding
    // a current that lost more than 20 bits to cancellation: the general path recomputes it
    // (docs/physics.md §4 "Currents to full precision"; it overwrites this row of the columns)
    if (currentsCancel(M, m, x, y, this.checked, xMx)) return false;
    cols.entropyProduction[p] = entropyProductionSI(-xMx, T0, spin);
    let seebeck = NaN;
    if (kind === 'thermal' && leadL >= 0) {
      // docs/physics.md §5, paper Eq. 31: S = −(μ_R − μ_L)/(e ΔT) (as circuit.ts: from the deviations x
      // and the given ΔT); at ΔT = 0 the circuit's coefficient
      const dT = this.leadDT;
      if (dT !== 0) seebeck = -(x[leadR] - x[leadL]) / dT;
      else {
        const z = (this.seebeckScratch ??= {
          isUnknown: Uint8Array.from({ length: m }, (_, i) => (this.unknown.includes(i) ? 1 : 0)),
          x: new Float64Array(m),
          ws: accurateWorkspace(m, nu),
        });
        seebeck = seebeckFromMatrix(M, m, this.unknown, z.isUnknown, leadL, leadR, T0, z.x, z.ws);
      }
    }
    cols.seebeck[p] = seebeck;
    cols.path[p] = 1;
    return true;
  }
}
