/**
 * Büttiker probes as Schur complements of the Onsager matrix (docs/physics.md §4; paper Eqs. 8–16).
 *
 * Split the variables x = (μ, T/T0) into free ones x_F (fixed by the experiment) and unknowns x_U
 * whose conjugate currents vanish, y_U = 0. With y = M x:
 *
 *   x_U = −M_UU⁻¹ M_UF x_F,   y_F = (M_FF − M_FU M_UU⁻¹ M_UF) x_F = M̃ x_F.
 *
 * A voltage probe (VP) contributes the unknown μ_P (J^N_P = 0, T_P held fixed); a
 * voltage–temperature probe (VTP) contributes μ_P and T_P (J^N_P = J^Q_P = 0). The pure thermal
 * circuit adds the μ of every lead but a gauge lead (all J^N = 0). This module holds the one
 * elimination that all of them call.
 */
import { realSolve } from './linalg.js';
import { R, ddAdd, twoProd, twoSum } from './doubleDouble.js';

/** Result of {@link schurEliminate}. */
export interface SchurResult {
  /** Indices (into the 2n variables) that remain free, in ascending order. */
  readonly free: readonly number[];
  /** Indices that were eliminated, in the order given. */
  readonly unknown: readonly number[];
  /** M̃ = M_FF − M_FU M_UU⁻¹ M_UF, |F| × |F| row-major. */
  readonly effective: Float64Array;
  /** x_U = S x_F with S = −M_UU⁻¹ M_UF, |U| × |F| row-major. */
  readonly response: Float64Array;
}

/** Raised when M_UU is singular: an unknown is not determined by the equations (e.g. a decoupled terminal). */
export class SingularCircuitError extends Error {
  constructor(
    message: string,
    readonly unknown: readonly number[],
  ) {
    super(message);
    this.name = 'SingularCircuitError';
  }
}

/**
 * The same singular circuit with the point named (`where`, e.g. "at μ0 = 2.5 eV"), its usual cause —
 * a terminal whose Onsager coefficients all vanish there (μ0 outside the spectrum at this T0, where
 * every transmission underflows), so its μ and T are not determined — and what to change (`remedy`).
 */
export function singularAt(e: SingularCircuitError, where: string, remedy: string): SingularCircuitError {
  return new SingularCircuitError(
    `${where}: ${e.message}; a terminal is decoupled there (its Onsager coefficients vanish, e.g. μ0 outside the spectrum at this T0): ${remedy}`,
    e.unknown,
  );
}

const SINGULAR_MESSAGE = 'the probe/circuit equations do not determine every unknown (M_UU is singular)';

/**
 * Jacobi scaling s_a = |M_{u_a u_a}|^{−1/2} of the unknowns, or null when a diagonal entry is 0
 * or not finite (the unknown does not appear in its own equation: a decoupled terminal).
 */
export function equilibration(M: Float64Array, m: number, unknown: readonly number[]): Float64Array | null {
  const sc = new Float64Array(unknown.length);
  for (let a = 0; a < unknown.length; a++) {
    const d = Math.abs(M[unknown[a] * m + unknown[a]]);
    if (!(d > 0) || !Number.isFinite(d)) return null;
    sc[a] = 1 / Math.sqrt(d);
  }
  return sc;
}

/**
 * Eliminate the variables `unknown` from y = M x under y_U = 0 (any order, any number of probes).
 * @param M square matrix of size m (row-major)
 * @param m size
 * @param unknown indices of x to eliminate
 * @param pivotTolerance pivot size of the Jacobi-equilibrated M_UU (entries ≤ 1) below which it
 *   counts as singular (default 1e-13)
 */
export function schurEliminate(M: Float64Array, m: number, unknown: readonly number[], pivotTolerance = 1e-13): SchurResult {
  const isU = new Uint8Array(m);
  for (const u of unknown) isU[u] = 1;
  const free: number[] = [];
  for (let i = 0; i < m; i++) if (!isU[i]) free.push(i);
  const nu = unknown.length,
    nf = free.length;
  const D = new Float64Array(nu * nu),
    B = new Float64Array(nu * nf);
  for (let a = 0; a < nu; a++) {
    for (let b = 0; b < nu; b++) D[a * nu + b] = M[unknown[a] * m + unknown[b]];
    for (let b = 0; b < nf; b++) B[a * nf + b] = M[unknown[a] * m + free[b]];
  }
  let response = new Float64Array(0);
  if (nu > 0) {
    // Scale-invariant singularity test (docs/physics.md §13): solve the Jacobi-equilibrated system
    // (S D S)(S⁻¹ X) = S B with S = diag(|M_uu|^{−1/2}), whose entries are ≤ 1 for the
    // semidefinite Onsager matrix, and compare its pivots with 1. A probe coupled by γ = 1e-30 or
    // a temperature block scaling as (k_BT)² at 1 mK is then as well determined as any other;
    // an unknown with M_uu = 0 (decoupled) is singular.
    const sc = equilibration(M, m, unknown);
    if (!sc) throw new SingularCircuitError(SINGULAR_MESSAGE, unknown);
    for (let a = 0; a < nu; a++) {
      for (let b = 0; b < nu; b++) D[a * nu + b] *= sc[a] * sc[b];
      for (let b = 0; b < nf; b++) B[a * nf + b] *= sc[a];
    }
    const { x, pivotRatio } = realSolve(D, nu, B, nf);
    let dscale = 0;
    for (let i = 0; i < nu * nu; i++) dscale = Math.max(dscale, Math.abs(D[i]));
    if (!(pivotRatio * dscale > pivotTolerance) || x.some((v) => !Number.isFinite(v))) {
      throw new SingularCircuitError(SINGULAR_MESSAGE, unknown);
    }
    response = x.map((v, i) => -v * sc[Math.floor(i / nf)]);
  }
  const eff = new Float64Array(nf * nf);
  for (let a = 0; a < nf; a++) {
    for (let b = 0; b < nf; b++) {
      let s = M[free[a] * m + free[b]];
      for (let k = 0; k < nu; k++) s += M[free[a] * m + unknown[k]] * response[k * nf + b];
      eff[a * nf + b] = s;
    }
  }
  return { free, unknown: [...unknown], effective: eff, response };
}

/**
 * Scratch space for {@link solveUnknowns}, sized for `nu` unknowns (reuse it across calls).
 */
export interface UnknownsWorkspace {
  readonly d: Float64Array;
  readonly rhs: Float64Array;
  readonly scale: Float64Array;
}

/** Scratch space for {@link solveUnknowns} with `nu` unknowns. */
export function unknownsWorkspace(nu: number): UnknownsWorkspace {
  return { d: new Float64Array(nu * nu), rhs: new Float64Array(nu), scale: new Float64Array(nu) };
}

/**
 * Solve y_U = 0 for the unknowns x_U of one given x (in place in `x`): M_UU x_U = −M_UF x_F, with
 * the same scale-aware singularity test as {@link schurEliminate}, but without forming M̃ and
 * without allocating (the circuit solver's hot path; M̃ is computed only when asked for).
 * @param isUnknown mask over the m variables (1 = unknown)
 */
export function solveUnknowns(
  M: Float64Array,
  m: number,
  unknown: readonly number[],
  isUnknown: Uint8Array,
  x: Float64Array,
  ws: UnknownsWorkspace,
  pivotTolerance = 1e-13,
): void {
  const nu = unknown.length;
  if (nu === 0) return;
  const { d, rhs } = ws;
  // Jacobi equilibration as in schurEliminate: unknowns z_a = x_{u_a}/s_a, rows scaled by s_a.
  const sc = ws.scale;
  for (let a = 0; a < nu; a++) {
    const v = Math.abs(M[unknown[a] * m + unknown[a]]);
    if (!(v > 0) || !Number.isFinite(v)) throw new SingularCircuitError(SINGULAR_MESSAGE, unknown);
    sc[a] = 1 / Math.sqrt(v);
  }
  for (let a = 0; a < nu; a++) {
    const row = unknown[a] * m;
    let s = 0;
    for (let j = 0; j < m; j++) if (!isUnknown[j]) s += M[row + j] * x[j];
    rhs[a] = -s * sc[a];
    for (let b = 0; b < nu; b++) d[a * nu + b] = M[row + unknown[b]] * sc[a] * sc[b];
  }
  solveScaled(ws, nu, unknown, pivotTolerance);
  for (let i = 0; i < nu; i++) x[unknown[i]] = rhs[i] * sc[i];
}

/**
 * Gaussian elimination with partial pivoting of the equilibrated system in `ws` (d z = rhs, nu
 * unknowns), z written into ws.rhs; the singularity test of {@link solveUnknowns}.
 */
function solveScaled(ws: UnknownsWorkspace, nu: number, unknown: readonly number[], pivotTolerance: number): void {
  const { d, rhs } = ws;
  for (let k = 0; k < nu; k++) {
    let p = k,
      best = -1;
    for (let i = k; i < nu; i++) {
      const v = Math.abs(d[i * nu + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > pivotTolerance)) throw new SingularCircuitError(SINGULAR_MESSAGE, unknown);
    if (p !== k) {
      for (let j = 0; j < nu; j++) {
        const t = d[k * nu + j];
        d[k * nu + j] = d[p * nu + j];
        d[p * nu + j] = t;
      }
      const t = rhs[k];
      rhs[k] = rhs[p];
      rhs[p] = t;
    }
    const piv = d[k * nu + k];
    for (let i = k + 1; i < nu; i++) {
      const l = d[i * nu + k] / piv;
      if (l === 0) continue;
      for (let j = k + 1; j < nu; j++) d[i * nu + j] -= l * d[k * nu + j];
      rhs[i] -= l * rhs[k];
    }
  }
  // back substitution in z (kept in rhs), then x_u = s_u z_u
  for (let i = nu - 1; i >= 0; i--) {
    let s = rhs[i];
    for (let k = i + 1; k < nu; k++) s -= d[i * nu + k] * rhs[k];
    rhs[i] = s / d[i * nu + i];
  }
}

/**
 * A current y_i = Σ_j M_ij x_j computed in double carries an error of order u·Σ_j |M_ij x_j| (its
 * gross flow), and so does Ṡ ∝ xᵀy. When fewer than 2⁻²⁰ of the gross flow is left, more than 20
 * of the 53 bits cancelled and the relative error may exceed ~1e-10 (docs/physics.md §4 "Currents
 * to full precision"); below 2⁻⁴⁴ (≈ 6e-14) the value is zero to rounding, as a current that
 * vanishes by symmetry or by construction, and left as computed.
 */
export const CANCELLATION_LOSS = 2 ** -20;
/** See {@link CANCELLATION_LOSS}. */
export const CANCELLATION_NOISE = 2 ** -44;

/**
 * Whether y = M x (and xᵀy) computed in double lost more than 20 bits to cancellation in a row
 * that `checked` marks (1) while not being zero to rounding ({@link CANCELLATION_LOSS}): then
 * {@link accurateCurrents} should recompute it.
 */
export function currentsCancel(M: Float64Array, m: number, x: Float64Array, y: Float64Array, checked: Uint8Array, xMx: number): boolean {
  for (let i = 0; i < m; i++) {
    if (!checked[i]) continue;
    let g = 0;
    for (let j = 0; j < m; j++) g += Math.abs(M[i * m + j] * x[j]);
    const a = Math.abs(y[i]);
    if (a < CANCELLATION_LOSS * g && a > CANCELLATION_NOISE * g) return true;
  }
  let g = 0;
  for (let i = 0; i < m; i++) g += Math.abs(x[i] * y[i]);
  const a = Math.abs(xMx);
  return a < CANCELLATION_LOSS * g && a > CANCELLATION_NOISE * g;
}

/**
 * Row i of y = M x in the pair form of an Onsager matrix whose rows sum to zero in each block
 * (docs/physics.md §3, §4): y_i = Σ_s Σ_{b≠a} M_i,(s,b) (x_(s,b) − x_(s,a)) with a the terminal of
 * row i, so the diagonal blocks (minus the rows' sums, rounded) are never read. Every difference,
 * product and sum in double-double, x as hi + lo; the result in R.
 */
function pairRow(M: Float64Array, m: number, n: number, i: number, x: Float64Array, xlo: Float64Array): void {
  const a = i % n;
  let sh = 0,
    sl = 0;
  for (let s = 0; s < 2; s++) {
    const xa = x[s * n + a],
      xal = xlo[s * n + a];
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const c = M[i * m + s * n + b];
      if (c === 0) continue;
      twoSum(x[s * n + b], -xa);
      const dh = R.hi,
        dl = R.lo + (xlo[s * n + b] - xal);
      twoProd(c, dh);
      const ph = R.hi,
        pl = R.lo + c * dl;
      ddAdd(sh, sl, ph, pl);
      sh = R.hi;
      sl = R.lo;
    }
  }
  R.hi = sh;
  R.lo = sl;
}

/** Scratch space for {@link accurateCurrents} over m variables with nu unknowns. */
export interface AccurateWorkspace extends UnknownsWorkspace {
  readonly xlo: Float64Array;
  readonly ylo: Float64Array;
}

/** Scratch space for {@link accurateCurrents}. */
export function accurateWorkspace(m: number, nu: number): AccurateWorkspace {
  return { ...unknownsWorkspace(nu), xlo: new Float64Array(m), ylo: new Float64Array(m) };
}

/**
 * The circuit's currents to full precision, however much of them cancels and however
 * ill-conditioned M_UU is (docs/physics.md §4 "Currents to full precision"; the general circuit
 * solver calls it for every solve, the scan's kernels hand over to it when {@link currentsCancel}
 * says so): x_U (already solved by
 * {@link solveUnknowns}) refined in double-double against the residual of y_U = 0 in pair form,
 * then every row i with `rows[i]` set recomputed in pair form from x in double-double (the other
 * rows of y set to 0) and rounded into y. x_U is updated to the refined value (rounded). Returns xᵀy
 * evaluated in double-double and rounded. Exact inputs are the matrix's off-diagonal entries and
 * x_F; the result is then accurate to a few units of rounding of each current itself, not of its
 * gross flow, unless the current is below ~u² of it.
 */
export function accurateCurrents(
  M: Float64Array,
  m: number,
  unknown: readonly number[],
  x: Float64Array,
  y: Float64Array,
  rows: Uint8Array,
  ws: AccurateWorkspace,
): number {
  const n = m / 2,
    nu = unknown.length;
  const { d, rhs, xlo, ylo } = ws;
  const sc = ws.scale;
  xlo.fill(0);
  if (nu > 0) {
    // refinement: M_UU δ = −r(x_U) with r in double-double, x_U ← x_U + δ (hi + lo). Each step
    // multiplies the error by ~u·κ(M_UU); it stops when δ is below 2⁻⁶⁰ of x_U (or after 6 steps)
    for (let a = 0; a < nu; a++) sc[a] = 1 / Math.sqrt(Math.abs(M[unknown[a] * m + unknown[a]]));
    for (let step = 0; step < 6; step++) {
      for (let a = 0; a < nu; a++) {
        pairRow(M, m, n, unknown[a], x, xlo);
        rhs[a] = -(R.hi + R.lo) * sc[a];
        for (let b = 0; b < nu; b++) d[a * nu + b] = M[unknown[a] * m + unknown[b]] * sc[a] * sc[b];
      }
      solveScaled(ws, nu, unknown, 0);
      let dmax = 0,
        xmax = 0;
      for (let a = 0; a < nu; a++) {
        const u = unknown[a],
          delta = rhs[a] * sc[a];
        ddAdd(x[u], xlo[u], delta, 0);
        x[u] = R.hi;
        xlo[u] = R.lo;
        dmax = Math.max(dmax, Math.abs(delta));
        xmax = Math.max(xmax, Math.abs(x[u]));
      }
      if (!(dmax > 2 ** -60 * xmax)) break;
    }
  }
  for (let i = 0; i < m; i++) {
    if (!rows[i]) {
      y[i] = 0;
      ylo[i] = 0;
      continue;
    }
    pairRow(M, m, n, i, x, xlo);
    y[i] = R.hi;
    ylo[i] = R.lo;
  }
  // xᵀy = Σ (x_i + xlo_i)(y_i + ylo_i) in double-double
  let sh = 0,
    sl = 0;
  for (let i = 0; i < m; i++) {
    if (y[i] === 0 && ylo[i] === 0) continue;
    twoProd(x[i], y[i]);
    ddAdd(sh, sl, R.hi, R.lo + (x[i] * ylo[i] + xlo[i] * y[i]));
    sh = R.hi;
    sl = R.lo;
  }
  return sh + sl;
}
