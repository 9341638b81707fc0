/**
 * Transmission and Onsager coefficients of large sparse devices (docs/physics.md §14):
 *
 *   T_αβ(E) = ‖W_α† G(E) W_β‖²_F,  G(E) = (E − H + (i/2) Σ_s Γ^s)⁻¹,  Γ^α = W_α W_α†
 *
 * (paper Eqs. 3, 5), with G(E) W (only the columns at the coupled channels) from the sparse direct
 * solver (sparse.ts) at every energy, and the Onsager functions L^(ν)_αβ (paper Eq. 2) by the adaptive
 * quadrature of onsager.ts over this engine. The quadrature is seeded with the resonances of the
 * device: the levels ε_k of H inside the Fermi window, located by Sturm counts (the inertia of
 * (σ − H) = L D Lᴴ, Sylvester's law: the number of negative pivots is the number of levels above σ)
 * and bisection, and their widths w_k = ‖W_s† u_k‖² from two steps of inverse iteration — the same
 * (energy, width) pairs the dense engine takes from its eigen-decomposition.
 */
import type { Coupling } from './coupling.js';
import type { TransmissionEngine, TransmissionOptions } from './transmission.js';
import { onsagerQuadrature, type OnsagerQuadrature, type QuadratureOptions } from './onsager.js';
import { nudgedEnergy } from './linalg.js';
import { SparseAccuracyError, sparseFromTriplets, sparseSolver, type SparseMatrix, type SparseSolver, type SparseSolverOptions } from './sparse.js';

/** One channel vector w (a column of W, Γ = Σ w w†) by its non-zero entries (site, √eV). */
export interface SparseChannel {
  readonly index: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** The channels of a coupling (the non-zero entries of each column of W). O(N r). */
export function sparseChannels(c: Coupling): SparseChannel[] {
  const W = c.channels,
    N = W.rows,
    r = W.cols;
  const out: SparseChannel[] = [];
  for (let j = 0; j < r; j++) {
    const idx: number[] = [],
      re: number[] = [],
      im: number[] = [];
    for (let i = 0; i < N; i++) {
      const a = W.re[i * r + j],
        b = W.im[i * r + j];
      if (a !== 0 || b !== 0) {
        idx.push(i);
        re.push(a);
        im.push(b);
      }
    }
    out.push({ index: Int32Array.from(idx), re: Float64Array.from(re), im: Float64Array.from(im) });
  }
  return out;
}

/**
 * Σ_w |w†v|² over the channels (eV · |v|²): ⟨v|Γ|v⟩ for Γ = Σ_w w w†, the first-order width of a
 * level with eigenvector v (docs/physics.md §14, §15). O(Σ channel lengths).
 */
export function channelWeight(chans: readonly SparseChannel[], vr: Float64Array, vi: Float64Array): number {
  let g = 0;
  for (const w of chans) {
    let ar = 0,
      ai = 0;
    for (let x = 0; x < w.index.length; x++) {
      const v = w.index[x];
      ar += w.re[x] * vr[v] + w.im[x] * vi[v];
      ai += w.re[x] * vi[v] - w.im[x] * vr[v];
    }
    g += ar * ar + ai * ai;
  }
  return g;
}

/** Local channels Γ = Σ_i γ_i e_i e_iᵀ (the sparse counterpart of `localCoupling`), γ in eV. */
export function localChannels(sites: readonly number[], gamma: number | readonly number[]): SparseChannel[] {
  return sites.flatMap((s, k) => {
    const g = typeof gamma === 'number' ? gamma : gamma[k];
    return g > 0 ? [{ index: Int32Array.of(s), re: Float64Array.of(Math.sqrt(g)), im: Float64Array.of(0) }] : [];
  });
}

/** H_eff = H − (i/2) Σ_{s ∈ self-energy} Γ^s as a sparse matrix. */
export function effectiveHamiltonian(h: SparseMatrix, terminals: ReadonlyArray<readonly SparseChannel[]>, inSelfEnergy?: readonly boolean[]): SparseMatrix {
  const I: number[] = [],
    J: number[] = [],
    R: number[] = [],
    Im: number[] = [];
  for (let i = 0; i < h.n; i++)
    for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) {
      I.push(i);
      J.push(h.col[p]);
      R.push(h.re[p]);
      Im.push(h.im[p]);
    }
  terminals.forEach((chs, a) => {
    if (inSelfEnergy && inSelfEnergy[a] === false) return;
    for (const w of chs) {
      for (let x = 0; x < w.index.length; x++) {
        for (let y = 0; y < w.index.length; y++) {
          // Γ_ij = w_i conj(w_j); −(i/2)(g_r + i g_i) = g_i/2 − i g_r/2
          const gr = w.re[x] * w.re[y] + w.im[x] * w.im[y],
            gi = w.im[x] * w.re[y] - w.re[x] * w.im[y];
          I.push(w.index[x]);
          J.push(w.index[y]);
          R.push(0.5 * gi);
          Im.push(-0.5 * gr);
        }
      }
    }
  });
  return sparseFromTriplets(h.n, I, J, R, Im);
}

/** Whether K = Kᵀ exactly (complex symmetric: then G = Gᵀ). */
export function isComplexSymmetric(k: SparseMatrix): boolean {
  for (let i = 0; i < k.n; i++)
    for (let p = k.rowPtr[i]; p < k.rowPtr[i + 1]; p++) {
      const j = k.col[p];
      if (j <= i) continue;
      // find (j, i)
      let lo = k.rowPtr[j],
        hi = k.rowPtr[j + 1] - 1,
        found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (k.col[mid] === i) {
          found = mid;
          break;
        }
        if (k.col[mid] < i) lo = mid + 1;
        else hi = mid - 1;
      }
      if (found < 0 || k.re[found] !== k.re[p] || k.im[found] !== k.im[p]) return false;
    }
  return true;
}

/** A transmission engine on the sparse solver; `levels` is empty (H is never diagonalised). */
export interface SparseTransmissionEngine extends TransmissionEngine {
  readonly solver: SparseSolver;
  /** Largest normwise backward error of the solves so far (each ≤ SPARSE_MAX_BACKWARD_ERROR, else SparseAccuracyError). */
  readonly maxBackwardError: number;
  /** Number of energies evaluated. */
  readonly evaluations: number;
  /** Energies at which the multifrontal solve missed its backward-error bound and the banded LU (full partial pivoting) was used. */
  readonly fallbacks: number;
}

/** Largest banded-LU work (complex multiply–adds, N·b·2b) accepted for a fallback solve. */
export const SPARSE_MAX_FALLBACK_WORK = 4e9;

/**
 * Prepare T_αβ(E) of a sparse H (N × N, Hermitian, eV) with n wide-band terminals given by their
 * channels. Set-up: the ordering and symbolic factorisation; each evaluate: one sparse LU and r
 * solves (r = number of channels). Test terminals (`inSelfEnergy[α] = false`) as in transmission.ts.
 * Internal engine (not exported from the package; `prepareSystem` chooses it for large sparse H):
 * ```text
 * const e = sparseTransmissionEngine(sparseGrapheneFlake(100, 100), [localChannels([0], 0.5), localChannels([9999], 0.5)]);
 * const t = new Float64Array(4); e.evaluate(0.3, t);   // t[1] = T_LR(0.3 eV)
 * ```
 */
export function sparseTransmissionEngine(
  h: SparseMatrix,
  terminals: ReadonlyArray<readonly SparseChannel[]>,
  options: TransmissionOptions & SparseSolverOptions = {},
): SparseTransmissionEngine {
  const N = h.n,
    n = terminals.length;
  const K = effectiveHamiltonian(h, terminals, options.inSelfEnergy);
  const chans: SparseChannel[] = [];
  const owner: number[] = [];
  terminals.forEach((chs, a) =>
    chs.forEach((w) => {
      chans.push(w);
      owner.push(a);
    }),
  );
  const r = chans.length;
  // the coupled sites, numbered last by the nested dissection: G at them is the inverse of the
  // root front's Schur complement (docs/physics.md §14), no sweep over the tree per energy
  const siteSet = new Set<number>();
  for (const w of chans) for (let x = 0; x < w.index.length; x++) siteSet.add(w.index[x]);
  const sites = Int32Array.from([...siteSet].sort((x, y) => x - y));
  const m = sites.length;
  const slot = new Map<number, number>();
  sites.forEach((v, k) => slot.set(v, k));
  const solver = sparseSolver(K, { ...options, last: options.last ?? sites });
  const test = terminals.map((_, a) => options.inSelfEnergy?.[a] === false);
  const bRe = new Float64Array(N * r),
    bIm = new Float64Array(N * r),
    xRe = new Float64Array(m * r),
    xIm = new Float64Array(m * r);
  chans.forEach((w, c) => {
    for (let x = 0; x < w.index.length; x++) {
      bRe[c * N + w.index[x]] = w.re[x];
      bIm[c * N + w.index[x]] = w.im[x];
    }
  });
  // channel entries as slots into the m coupled sites
  const chanSlot = chans.map((w) => Int32Array.from(w.index, (v) => slot.get(v) as number));
  // banded path: G at the coupled sites (m × m) from the unit columns, halved when K = Kᵀ
  // (real H, local or real Γ); then X_j at the sites = G_SS w_j
  const symmetric = isComplexSymmetric(K);
  const gRe = new Float64Array(m * m),
    gIm = new Float64Array(m * m),
    gRe2 = new Float64Array(m * m),
    gIm2 = new Float64Array(m * m),
    pairBounds = new Float64Array(2);
  const viaGreen = (s: SparseSolver): number => {
    const eta = s.greenSites ? s.greenSites(sites, symmetric, gRe, gIm) : -1;
    if (eta >= 0) fromGreen();
    return eta;
  };
  /** X_j at the sites = G_SS w_j from gRe, gIm. */
  const fromGreen = (): void => {
    xRe.fill(0);
    xIm.fill(0);
    for (let j = 0; j < r; j++) {
      const w = chans[j],
        sl = chanSlot[j];
      for (let y = 0; y < sl.length; y++) {
        const wr = w.re[y],
          wi = w.im[y],
          col = sl[y] * m;
        for (let k = 0; k < m; k++) {
          const gr = gRe[col + k],
            gi = gIm[col + k];
          xRe[j * m + k] += gr * wr - gi * wi;
          xIm[j * m + k] += gr * wi + gi * wr;
        }
      }
    }
  };
  let maxEta = 0,
    evaluations = 0,
    fallbacks = 0;
  let banded: SparseSolver | null = null;
  /**
   * The multifrontal LU pivots only among a front's fully summed rows. Each factorisation bounds
   * its own backward error (‖|L||U|‖ / ‖A‖, SparseSolver.backwardErrorBound); above
   * SPARSE_MAX_BACKWARD_ERROR the solve is refined and its residual measured, and where that still
   * misses the bound (an energy on a level decoupled from every lead, e.g. a zero mode of a
   * bipartite flake) the same energy is solved by the banded LU, whose partial pivoting ranges over
   * every row of the column (as dense GEPP), or the error is raised.
   */
  const solveAt = (energy: number): number => {
    // a tridiagonal H: the twisted factorisations first (no interchanges, two sweeps, no factor
    // stored), accepted under their own computed backward-error bound; else the pivoting LU below
    const twisted = solver.twistedGreen ? solver.twistedGreen(energy, 0, sites, gRe, gIm) : -1;
    if (twisted >= 0) {
      fromGreen();
      return twisted;
    }
    if (solver.factor(energy, 0) < -0.5) solver.factor(nudgedEnergy(energy), 0); // exactly zero pivot: nudge
    try {
      const eta = viaGreen(solver);
      return eta >= 0 ? eta : solver.solveRows(bRe, bIm, r, sites, xRe, xIm);
    } catch (e) {
      if (!(e instanceof SparseAccuracyError) || solver.method === 'banded') throw e;
      banded ??= sparseSolver(K, { method: 'banded' });
      if (banded.stats.work > SPARSE_MAX_FALLBACK_WORK) throw e;
      fallbacks++;
      if (banded.factor(energy, 0) < -0.5) banded.factor(nudgedEnergy(energy), 0);
      return banded.solveRows(bRe, bIm, r, sites, xRe, xIm);
    }
  };
  const twisted2 = solver.twistedGreen2;
  const engine: SparseTransmissionEngine = {
    terminals: n,
    channels: r,
    levels: new Float64Array(0),
    resonances: [],
    solver,
    get maxBackwardError() {
      return maxEta;
    },
    get evaluations() {
      return evaluations;
    },
    get fallbacks() {
      return fallbacks;
    },
    evaluate(energy: number, out: Float64Array): void {
      out.fill(0, 0, n * n);
      if (r === 0) return;
      record(solveAt(energy), out);
    },
    // a tridiagonal H: both energies through one pass of the twisted factorisations
    // (sparse.ts twistedGreen2, bit for bit twistedGreen); an energy it refuses goes by solveAt
    ...(twisted2
      ? {
          evaluate2(e1: number, e2: number, out1: Float64Array, out2: Float64Array): void {
            out1.fill(0, 0, n * n);
            out2.fill(0, 0, n * n);
            if (r === 0) return;
            twisted2(e1, e2, sites, gRe, gIm, gRe2, gIm2, pairBounds);
            const b2 = pairBounds[1];
            if (pairBounds[0] >= 0) fromGreen();
            record(pairBounds[0] >= 0 ? pairBounds[0] : solveAt(e1), out1);
            if (b2 >= 0) {
              gRe.set(gRe2);
              gIm.set(gIm2);
              fromGreen();
            }
            record(b2 >= 0 ? b2 : solveAt(e2), out2);
          },
        }
      : {}),
  };
  /** One energy solved with backward error η: counted, and its T_αβ from X at the coupled sites into `out`. */
  function record(eta: number, out: Float64Array): void {
    if (eta > maxEta) maxEta = eta;
    evaluations++;
    transmissionFromX(out);
  }
  /** T_αβ from X at the coupled sites (xRe, xIm) into `out` (zeroed by the caller). */
  function transmissionFromX(out: Float64Array): void {
    // K_ij = w_i† X_j, T_αβ += |K_ij|² for i ∈ α, j ∈ β (docs/physics.md §2)
    for (let i = 0; i < r; i++) {
      const w = chans[i],
        sl = chanSlot[i],
        a = owner[i];
      for (let j = 0; j < r; j++) {
        const b = owner[j];
        if (a === b || (test[a] && test[b])) continue;
        let sr = 0,
          si = 0;
        for (let x = 0; x < sl.length; x++) {
          const wr = w.re[x],
            wi = -w.im[x];
          const yr = xRe[j * m + sl[x]],
            yi = xIm[j * m + sl[x]];
          sr += wr * yr - wi * yi;
          si += wr * yi + wi * yr;
        }
        out[a * n + b] += sr * sr + si * si;
      }
    }
  }
  return engine;
}

/**
 * The levels of H (eV) inside [lo, hi] by Sturm counts and bisection to `tol` (eV), with
 * multiplicity. Each count is one LDLᴴ factorisation of σ − H without pivoting, in the banded
 * (RCM) form: for a tridiagonal H this is the classical Sturm sequence, whose count is backward
 * stable (Kahan); for wider bands element growth can spoil a count: a count that meets zero
 * pivots or breaks monotonicity stops the bisection of its interval, whose levels are then reported
 * at its midpoint (they only seed the quadrature). Cost per count N·b² (b the RCM half-bandwidth). The nested-dissection
 * form is not used here: without 2 × 2 pivots its leading blocks are singular at σ = 0 on bipartite
 * lattices (measured: exact zero pivots on a 12 × 12 flake).
 * @throws Error if no valid count exists at the ends of the window
 */
export function sparseLevels(h: SparseMatrix, lo: number, hi: number, tol: number, solver?: SparseSolver): Float64Array {
  const below = levelsBelow(h, solver);
  let ca0 = below(lo),
    cb0 = below(hi);
  for (let k = 1; k <= 4 && !(Number.isFinite(ca0) && Number.isFinite(cb0)); k++) {
    lo -= 1e-3 * k;
    hi += 1e-3 * k;
    ca0 = below(lo);
    cb0 = below(hi);
  }
  if (!(cb0 >= ca0)) throw new Error(`sparseLevels: no valid Sturm count at the ends of [${lo}, ${hi}] eV`);
  return bisectLevels(below, [lo, hi, ca0, cb0], lo, hi, tol);
}

/**
 * The levels in the node `root` = [a, b, count below a, count below b] by bisection to `tol`,
 * descending only into nodes that meet [lo, hi]; each reported at the midpoint of its leaf, with
 * multiplicity, sorted. An unresolved count (zero pivots, or non-monotone: element growth) stops the
 * bisection of its node: its levels are reported at the node's midpoint (seeds only; the
 * quadrature's own error estimate decides convergence).
 */
function bisectLevels(below: (sigma: number) => number, root: [number, number, number, number], lo: number, hi: number, tol: number): Float64Array {
  const out: number[] = [];
  const stack: Array<[number, number, number, number]> = [root];
  while (stack.length) {
    const [a, b, ca, cb] = stack.pop() as [number, number, number, number];
    if (cb === ca || b < lo || a > hi) continue;
    const m = 0.5 * (a + b);
    if (b - a <= tol) {
      for (let k = ca; k < cb; k++) out.push(m);
      continue;
    }
    const cm = below(m);
    if (!(cm >= ca && cm <= cb)) {
      for (let k = ca; k < cb; k++) out.push(m);
      continue;
    }
    stack.push([m, b, cm, cb], [a, m, ca, cm]);
  }
  return Float64Array.from(out.sort((x, y) => x - y));
}

/**
 * The levels of H near [lo, hi] by bisection of one tree fixed by H alone: the root is H's Gershgorin
 * interval and every node is bisected at its midpoint until it is at most `tol` (eV) wide, descending
 * only into nodes that meet [lo, hi]. Each level is reported at the midpoint of its leaf (with
 * multiplicity), so overlapping windows report the levels they share as the very same doubles — what
 * lets neighbouring μ0 of a scan share their quadrature energies (onsager.ts quadratureMesh). Leaves
 * that reach past lo or hi are kept: a level within `tol` outside the window may be reported. Counts
 * as in {@link sparseLevels} (an unresolved count stops its node: its levels at the node's midpoint);
 * the root's own counts, 0 and N, need none. Cost: about log₂(width of the spectrum / tol) counts per
 * level, as for sparseLevels, plus a few for the nodes above the window.
 */
export function sparseLevelsCanonical(h: SparseMatrix, lo: number, hi: number, tol: number, solver?: SparseSolver): Float64Array {
  const below = levelsBelow(h, solver);
  const [g0, g1] = gershgorinInterval(h);
  // the root a little wider than Gershgorin's (no level on its ends), its counts 0 and N by construction
  const pad = 1e-3 * (g1 - g0) + tol;
  return bisectLevels(below, [g0 - pad, g1 + pad, 0, h.n], lo, hi, tol);
}

/** Gershgorin's interval of a Hermitian H: every level lies in [min_i (h_ii − r_i), max_i (h_ii + r_i)], r_i = Σ_{j≠i} |h_ij|. */
export function gershgorinInterval(h: SparseMatrix): [number, number] {
  let g0 = Infinity,
    g1 = -Infinity;
  for (let i = 0; i < h.n; i++) {
    let d = 0,
      r = 0;
    for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) {
      if (h.col[p] === i) d = h.re[p];
      else r += Math.hypot(h.re[p], h.im[p]);
    }
    g0 = Math.min(g0, d - r);
    g1 = Math.max(g1, d + r);
  }
  return h.n ? [g0, g1] : [0, 0];
}

/**
 * The Sturm count of {@link sparseLevels}: σ ↦ the number of levels of H below σ. A count that meets
 * an exact zero pivot is retried at shifted σ (up to 1e-6 eV away: on a bipartite lattice with
 * |σ| ≲ √ε·|t| the pivots lose σ entirely); NaN if it never succeeds.
 */
function levelsBelow(h: SparseMatrix, solver?: SparseSolver): (sigma: number) => number {
  const N = h.n;
  const tri = realTridiagonal(h);
  // the banded LDLᴴ only where the classical Sturm sequence does not apply
  const banded = tri ? null : (solver ?? sparseSolver(h, { method: 'banded' }));
  return (s: number): number => {
    for (let k = 0; k < 8; k++) {
      const z = s + (k === 0 ? 0 : 1e-6 * 4 ** (k - 8));
      const neg = tri ? sturmCount(tri, z) : (banded as SparseSolver).factor(z, 0, false);
      if (neg >= 0) return N - neg;
    }
    return NaN;
  };
}

/**
 * The number of levels of H in [lo, hi] (eV) from two Sturm counts (cost 2·N·b²), without locating
 * them: what the sparse Onsager path checks before it seeds (docs/physics.md §14). NaN if a count fails.
 */
export function sparseLevelCount(h: SparseMatrix, lo: number, hi: number, solver?: SparseSolver): number {
  const below = levelsBelow(h, solver);
  return below(hi) - below(lo);
}

/** A real symmetric tridiagonal H in its own site order: diagonal a and squared couplings b2[i] = H[i][i+1]²; else null. */
function realTridiagonal(h: SparseMatrix): { a: Float64Array; b2: Float64Array } | null {
  const N = h.n;
  const a = new Float64Array(N),
    b2 = new Float64Array(N);
  for (let i = 0; i < N; i++)
    for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) {
      const j = h.col[p];
      if (h.im[p] !== 0 || j < i - 1 || j > i + 1) return null;
      if (j === i) a[i] = h.re[p];
      else if (j === i + 1) b2[i] = h.re[p] * h.re[p];
    }
  return { a, b2 };
}

/**
 * The classical Sturm count of a real symmetric tridiagonal H (Kahan: backward stable): the number of
 * negative pivots q_i = (σ − a_i) − b²_{i−1}/q_{i−1} of σ − H = L D Lᵀ, i.e. the levels above σ —
 * the count {@link sparseLevels} otherwise takes from the complex banded factorisation, in real
 * arithmetic (one division per site). −1 for an exactly zero pivot.
 */
function sturmCount(t: { a: Float64Array; b2: Float64Array }, sigma: number): number {
  const { a, b2 } = t;
  let neg = 0,
    q = 1,
    prev = 0;
  for (let i = 0; i < a.length; i++) {
    q = sigma - a[i] - (i > 0 ? prev / q : 0);
    if (q === 0) return -1;
    if (q < 0) neg++;
    prev = b2[i];
  }
  return neg;
}

/**
 * Resonances [energy, width] (eV) inside [lo, hi]: the levels of H (Sturm bisection to `tol`, then
 * the Rayleigh quotient u_k†Hu_k) and their coupling weights w_k = Σ_{s ∈ self-energy} |w_s† u_k|²
 * (first-order perturbation theory: the pole of G near ε_k − i w_k/2; u_k from two steps of inverse
 * iteration at ε_k + i·tol), as the dense engine reports them (transmission.ts `resonances`).
 * Degenerate levels are reported once per distinct position.
 */
export function sparseResonances(
  h: SparseMatrix,
  terminals: ReadonlyArray<readonly SparseChannel[]>,
  lo: number,
  hi: number,
  opts: {
    readonly tol?: number;
    readonly inSelfEnergy?: readonly boolean[];
    readonly method?: SparseSolver['method'];
    /** Resonances already computed for this H, channels and tol, by level (filled here): overlapping windows compute each level once. */
    readonly cache?: Map<number, readonly [number, number]>;
  } = {},
): Array<[number, number]> {
  const N = h.n;
  const tol = opts.tol ?? 1e-9;
  // the levels on H's own bisection tree: a level shared by two windows is the same double in both
  const levels = sparseLevelsCanonical(h, lo, hi, tol);
  const cache = opts.cache;
  // built on the first level not in the cache (`method`: the transmission engine's choice for the
  // same pattern, saving the ordering analysis)
  let solver: SparseSolver | undefined;
  const out: Array<[number, number]> = [];
  const bR = new Float64Array(N),
    bI = new Float64Array(N),
    xR = new Float64Array(N),
    xI = new Float64Array(N);
  const se = terminals.filter((_, a) => opts.inSelfEnergy?.[a] !== false).flat();
  let last = NaN;
  for (const e of levels) {
    if (e === last) continue;
    last = e;
    const known = cache?.get(e);
    if (known) {
      out.push([known[0], known[1]]);
      continue;
    }
    // deterministic start vector with weight on every site
    for (let i = 0; i < N; i++) {
      bR[i] = 1 + ((i * 7919) % 13) / 13;
      bI[i] = 0;
    }
    let width = 0,
      centre = e;
    try {
      solver ??= sparseSolver(h, opts.method ? { method: opts.method } : {});
      solver.factor(e, tol);
      for (let it = 0; it < 2; it++) {
        solver.solve(bR, bI, 1, xR, xI);
        let nrm = 0;
        for (let i = 0; i < N; i++) nrm += xR[i] * xR[i] + xI[i] * xI[i];
        nrm = Math.sqrt(nrm);
        for (let i = 0; i < N; i++) {
          bR[i] = xR[i] / nrm;
          bI[i] = xI[i] / nrm;
        }
      }
      // the Rayleigh quotient ρ = u†Hu (‖u‖ = 1): error O(‖Hu − ρu‖²/gap), far below the bisection's
      // tol, which matters for a peak narrower than tol; kept only inside the bisection interval
      let rho = 0;
      for (let i = 0; i < N; i++) {
        let yr = 0,
          yi = 0;
        for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) {
          const j = h.col[p];
          yr += h.re[p] * bR[j] - h.im[p] * bI[j];
          yi += h.re[p] * bI[j] + h.im[p] * bR[j];
        }
        rho += bR[i] * yr + bI[i] * yi;
      }
      if (Math.abs(rho - e) <= tol) centre = rho;
      width += channelWeight(se, bR, bI);
    } catch {
      width = 0; // unknown: the quadrature seeds the narrowest breakpoints around ε
    }
    out.push([centre, width]);
    cache?.set(e, [centre, width]);
  }
  return out;
}

/** Half-width of the Fermi window of onsagerQuadrature, in k_BT (its default). */
export const SPARSE_WINDOW = 40;

/**
 * Onsager coefficients of a sparse device by adaptive quadrature over the sparse engine, seeded with
 * the resonances inside the window μ0 ± 40 k_BT0, each integrated in its Lorentzian variable
 * (`lorentzian: true` unless `opts` says otherwise; docs/physics.md §14). `method` is "sparse-quadrature".
 * @param kT k_B T0 (eV)
 */
export function sparseOnsager(
  engine: TransmissionEngine,
  resonances: ReadonlyArray<readonly [number, number]>,
  mu: number,
  kT: number,
  opts: QuadratureOptions = {},
): OnsagerQuadrature {
  const q = onsagerQuadrature(engine, mu, kT, { lorentzian: true, ...opts, resonances });
  return { ...q, method: 'sparse-quadrature' };
}
