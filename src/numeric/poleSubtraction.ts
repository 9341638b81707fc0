/**
 * Window poles of a complex-symmetric sparse H_eff, refined on the sparse solver, and the residues
 * of the first-order probe transmissions at them (docs/physics.md §15, "pole subtraction"). Pure.
 *
 * For K = H − (i/2) Σ_c w_c w_cᵀ with K = Kᵀ (real H, real channels) and a diagonalisable K with
 * right eigenvectors r_k normalised r_kᵀ r_k = 1 (the left ones are r_kᵀ),
 *   G(z) = (z − K)⁻¹ = Σ_k r_k r_kᵀ / (z − λ_k),
 * so u†G(z)w = Σ_k (u†r_k)(r_kᵀw)/(z − λ_k) and F(z) = (u†G(z)w)·conj(u†G(z̄)w) — equal to
 * |u†G(E)w|² on the real axis, analytic elsewhere — has simple poles at λ_k (Im λ_k < 0) with residue
 *   ρ_k = (u†r_k)(r_kᵀw)·conj(u†G(conj λ_k)w),
 * and at conj λ_k with residue conj ρ_k (F(z̄) = conj F(z)). F decays like 1/z², so on the real
 * axis F(E) = Σ_k 2 Re[ρ_k/(E − λ_k)] exactly; any subset of the poles leaves a remainder that is
 * smooth wherever the omitted poles are far.
 *
 * Narrow poles: Im λ_k = −½ Σ_c |w_c† r_k|²/‖r_k‖² exactly (r†Hr is real), which we evaluate from
 * the eigenvector (accurate to the relative accuracy of r at the coupled sites) instead of taking the
 * Ritz value's imaginary part (absolute error ~ε‖K‖, which can exceed the width of an edge mode).
 * G(conj λ_k) w at a point within rounding of the pole is not computable by a solve there; it is
 * split as Σ_{j∈C} r_j(r_jᵀw)/(z − λ_j) (the cluster C of λ_k, analytic) plus G(z)P_C w with the
 * oblique projector P_C = I − Σ_{j∈C} r_j r_jᵀ, whose poles are all outside C, evaluated at
 * z1 = Re λ_k + iτ by one solve and continued to z by one Taylor step (a second solve).
 */
import { cmatrix, generalEigen, nudgedEnergy } from './linalg.js';
import type { SparseMatrix, SparseSolver } from './sparse.js';
import { channelWeight, type SparseChannel } from './sparseTransmission.js';

/** A refined pole λ of K with its right eigenvector r (rᵀr = 1) and estimated errors. */
export interface RefinedPole {
  readonly re: number;
  /** Im λ (< 0), from the eigenvector: −½ Σ_c |w_c† r|²/‖r‖². */
  readonly im: number;
  readonly rRe: Float64Array;
  readonly rIm: Float64Array;
  /**
   * Per site: estimated absolute error of r (difference of the last two iterates, floored at the
   * componentwise rounding of docs/physics.md §15). At the coupled sites of a narrow pole
   * (2|Im λ| < NARROW_POLE_TAU) the floor leaves out the levels outside the block: conjugateColumns
   * bounds that part from G_rest w (its `cwError`), and the caller adds it.
   */
  readonly rError: Float64Array;
  /** Estimated absolute errors of Re λ (last two iterates, floored at rounding ~ε‖K‖) and of Im λ (from the eigenvector's error at the coupled sites). */
  readonly reError: number;
  readonly imError: number;
  /** Index of its cluster (poles refined together from one block). */
  readonly cluster: number;
  /** ‖r‖²/|rᵀr| before normalisation (1 for a real eigenvector; large near an exceptional point). */
  readonly condition: number;
  /** Distance from the cluster to the nearest level outside it (eV): the scale of the remainder. */
  readonly separation: number;
}

/** Result of {@link refineWindowPoles}. */
export interface WindowPoleSet {
  readonly poles: RefinedPole[];
  /** Levels whose cluster did not converge (or was refused): left to the quadrature, as seeds. */
  readonly unresolved: number[];
  /**
   * Wanted Ritz pairs of a converged block that were refused (residual, condition, no width): λ and
   * the unit-norm vector, so that the caller can bound the weight the quadrature may miss.
   */
  readonly rejected: Array<{ readonly re: number; readonly im: number; readonly rRe: Float64Array; readonly rIm: Float64Array }>;
  /** LU factorisations and single-column solves used. */
  readonly factorisations: number;
  readonly solves: number;
}

/** Options of {@link refineWindowPoles}. */
export interface RefineOptions {
  /** Levels closer than this (eV) are refined as one cluster (default 2e-3). */
  readonly clusterGap?: number;
  /** Largest block iterations per cluster (default 25). */
  readonly maxIterations?: number;
  /** Converged when every wanted Ritz residual ‖Kr − θr‖ ≤ tol·‖K‖ (default 1e-13). */
  readonly tol?: number;
  /** Largest accepted eigenvector condition ‖r‖²/|rᵀr| (default 1e3). */
  readonly maxCondition?: number;
  /** Window ends (eV): the cluster separation counts them as possible levels beyond. */
  readonly window?: readonly [number, number];
}

/** A square root of x + iy without cancellation (the root with the larger of |re|, |im| computed first). */
function csqrt(x: number, y: number): [number, number] {
  const m = Math.hypot(x, y);
  if (m === 0) return [0, 0];
  if (x >= 0) {
    const a = Math.sqrt(0.5 * (m + x));
    return [a, y / (2 * a)];
  }
  const b = Math.sqrt(0.5 * (m - x)) * (y < 0 ? -1 : 1);
  return [y / (2 * b), b];
}

/** Poles narrower than this (2|Im λ|, eV) get their conjugate columns by the cluster split (no solve within rounding of them). */
export const NARROW_POLE_TAU = 1e-6;

/** Largest number of levels refined as one block (a longer chain of close levels is split). */
export const MAX_CLUSTER = 16;

/** Largest block of levels the Sturm counts cannot separate (reported at one energy), refined as one. */
export const MAX_DEGENERATE_BLOCK = 64;

/** ‖K‖_∞ (largest absolute row sum). */
export function sparseNormInf(k: SparseMatrix): number {
  let m = 0;
  for (let i = 0; i < k.n; i++) {
    let s = 0;
    for (let p = k.rowPtr[i]; p < k.rowPtr[i + 1]; p++) s += Math.abs(k.re[p]) + Math.abs(k.im[p]);
    m = Math.max(m, s);
  }
  return m;
}

/** y = K x (complex, N-vectors). */
function matvec(k: SparseMatrix, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, off = 0): void {
  for (let i = 0; i < k.n; i++) {
    let sr = 0,
      si = 0;
    for (let p = k.rowPtr[i]; p < k.rowPtr[i + 1]; p++) {
      const j = k.col[p] + off;
      sr += k.re[p] * xr[j] - k.im[p] * xi[j];
      si += k.re[p] * xi[j] + k.im[p] * xr[j];
    }
    yr[off + i] = sr;
    yi[off + i] = si;
  }
}

/** Orthonormalise the p columns (N each, column-major) by modified Gram–Schmidt, twice; false if a column vanishes. */
function orthonormalise(vr: Float64Array, vi: Float64Array, N: number, p: number): boolean {
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < p; a++) {
      const oa = a * N;
      for (let b = 0; b < a; b++) {
        const ob = b * N;
        let cr = 0,
          ci = 0;
        for (let i = 0; i < N; i++) {
          cr += vr[ob + i] * vr[oa + i] + vi[ob + i] * vi[oa + i];
          ci += vr[ob + i] * vi[oa + i] - vi[ob + i] * vr[oa + i];
        }
        for (let i = 0; i < N; i++) {
          vr[oa + i] -= cr * vr[ob + i] - ci * vi[ob + i];
          vi[oa + i] -= cr * vi[ob + i] + ci * vr[ob + i];
        }
      }
      let nrm = 0;
      for (let i = 0; i < N; i++) nrm += vr[oa + i] * vr[oa + i] + vi[oa + i] * vi[oa + i];
      nrm = Math.sqrt(nrm);
      if (!(nrm > 0) || !Number.isFinite(nrm)) return false;
      for (let i = 0; i < N; i++) {
        vr[oa + i] /= nrm;
        vi[oa + i] /= nrm;
      }
    }
  }
  return true;
}

/** Factor zI − K at z, nudging an exactly zero pivot (docs/physics.md §14). */
export function factorNudged(solver: SparseSolver, zr: number, zi: number): void {
  if (solver.factor(zr, zi) < -0.5) solver.factor(nudgedEnergy(zr), zi);
}

/**
 * Refine the poles of K near the given levels of H (sorted, eV) by block shift-and-invert
 * iteration with Rayleigh–Ritz, one cluster of near-degenerate levels at a time: one LU at the
 * cluster's centre, a block of (cluster size + 2) columns, the Ritz values of VᴴKV nearest the
 * centre kept. K must be complex symmetric (checked by the caller). `chans`: the channels of the
 * self-energy (K = H − (i/2) Σ w wᵀ), for Im λ from the eigenvector.
 */
export function refineWindowPoles(
  k: SparseMatrix,
  solver: SparseSolver,
  levels: ArrayLike<number>,
  chans: readonly SparseChannel[],
  opts: RefineOptions = {},
): WindowPoleSet {
  const N = k.n;
  const gap = opts.clusterGap ?? 2e-3,
    maxIt = opts.maxIterations ?? 25,
    tol = opts.tol ?? 1e-13,
    maxCond = opts.maxCondition ?? 1e3;
  const knorm = sparseNormInf(k);
  const lv = Array.from(levels).sort((a, b) => a - b);
  const chained: number[][] = [];
  for (const e of lv) {
    const last = chained[chained.length - 1];
    if (last && e - last[last.length - 1] < gap) last.push(e);
    else chained.push([e]);
  }
  // a dense spectrum chains into one long cluster (large devices: spacing below the gap); split such
  // a chain at its largest internal gaps until every block has at most MAX_CLUSTER levels (the
  // block's two extra columns still reach the neighbours; a pole no block finds is seeded, below)
  const clusters: number[][] = [];
  const split = (cl: number[]) => {
    if (cl.length <= MAX_CLUSTER) {
      clusters.push(cl);
      return;
    }
    let at = 1,
      best = -1;
    for (let i = 1; i < cl.length; i++)
      if (cl[i] - cl[i - 1] > best) {
        best = cl[i] - cl[i - 1];
        at = i;
      }
    if (best <= 0) {
      // levels the Sturm counts do not tell apart (all reported at one point: a flake's zero modes,
      // docs/physics.md §15): halves would be two blocks at the same shift chasing the same subspace,
      // each too small to converge. Refine them as one block, up to MAX_DEGENERATE_BLOCK levels.
      if (cl.length <= MAX_DEGENERATE_BLOCK) {
        clusters.push(cl);
        return;
      }
      at = cl.length >> 1;
    }
    split(cl.slice(0, at));
    split(cl.slice(at));
  };
  chained.forEach(split);
  const poles: RefinedPole[] = [];
  const unresolved: number[] = [];
  const rejected: WindowPoleSet['rejected'] = [];
  let factorisations = 0,
    solves = 0;
  clusters.forEach((cl, ci) => {
    const c = cl.length,
      p = c + 2;
    const centre = 0.5 * (cl[0] + cl[c - 1]);
    let sep = Infinity;
    if (ci > 0) sep = Math.min(sep, cl[0] - clusters[ci - 1][clusters[ci - 1].length - 1]);
    if (ci + 1 < clusters.length) sep = Math.min(sep, clusters[ci + 1][0] - cl[c - 1]);
    if (opts.window) sep = Math.min(sep, Math.max(cl[0] - opts.window[0], 0) + gap, Math.max(opts.window[1] - cl[c - 1], 0) + gap);
    if (!Number.isFinite(sep)) sep = 1;
    const vr = new Float64Array(N * p),
      vi = new Float64Array(N * p),
      xr = new Float64Array(N * p),
      xi = new Float64Array(N * p),
      kr = new Float64Array(N * p),
      ki = new Float64Array(N * p);
    for (let j = 0; j < p; j++)
      for (let i = 0; i < N; i++) {
        vr[j * N + i] = 1 + ((i * 7919 + j * 104729 + ci * 31) % 13) / 13 - 0.75;
        vi[j * N + i] = ((i * 31 + j * 17) % 7) / 7 - 0.4;
      }
    let ritz: Array<{ re: number; im: number; yr: Float64Array; yi: Float64Array; res: number }> = [];
    let prevR: Array<{ re: Float64Array; im: Float64Array; lam: number; lamIm: number; res: number }> | null = null;
    let curR: Array<{ re: Float64Array; im: Float64Array; lam: number; lamIm: number; res: number }> = [];
    let ok = false;
    try {
      // the shift above the real axis by more than the cluster's spread: never within rounding of a
      // pole (a zero mode of width ~ε‖K‖), and the convergence ratio still (spread + s)/(distance out)
      factorNudged(solver, centre, 0.5 * (cl[c - 1] - cl[0]) + 1e-6);
      factorisations++;
      if (!orthonormalise(vr, vi, N, p)) throw new Error('start block');
      let lastRes = Infinity;
      for (let it = 0; it < maxIt; it++) {
        solver.solve(vr, vi, p, xr, xi);
        solves += p;
        vr.set(xr);
        vi.set(xi);
        if (!orthonormalise(vr, vi, N, p)) throw new Error('block collapsed');
        for (let j = 0; j < p; j++) matvec(k, vr, vi, kr, ki, j * N);
        const M = cmatrix(p, p);
        for (let a = 0; a < p; a++)
          for (let b = 0; b < p; b++) {
            let sr = 0,
              si = 0;
            for (let i = 0; i < N; i++) {
              const ur = vr[a * N + i],
                ui = vi[a * N + i],
                wr = kr[b * N + i],
                wi = ki[b * N + i];
              sr += ur * wr + ui * wi;
              si += ur * wi - ui * wr;
            }
            M.re[a * p + b] = sr;
            M.im[a * p + b] = si;
          }
        const ev = generalEigen(M);
        const order = Array.from({ length: p }, (_, j) => j).sort(
          (a, b) => Math.abs(ev.values.re[a] - centre) + Math.abs(ev.values.im[a]) - (Math.abs(ev.values.re[b] - centre) + Math.abs(ev.values.im[b])),
        );
        ritz = order.map((j) => {
          const yr = new Float64Array(p),
            yi = new Float64Array(p);
          for (let a = 0; a < p; a++) {
            yr[a] = ev.right.re[a * p + j];
            yi[a] = ev.right.im[a * p + j];
          }
          return { re: ev.values.re[j], im: ev.values.im[j], yr, yi, res: 0 };
        });
        // Ritz vectors r = V y (unit norm), residuals ‖K r − θ r‖
        let worst = 0;
        curR = ritz.map((t, q) => {
          const rr = new Float64Array(N),
            ri = new Float64Array(N);
          let res = 0;
          for (let i = 0; i < N; i++) {
            let ar = 0,
              ai = 0,
              br = 0,
              bi = 0;
            for (let a = 0; a < p; a++) {
              const yr = t.yr[a],
                yi = t.yi[a];
              ar += vr[a * N + i] * yr - vi[a * N + i] * yi;
              ai += vr[a * N + i] * yi + vi[a * N + i] * yr;
              br += kr[a * N + i] * yr - ki[a * N + i] * yi;
              bi += kr[a * N + i] * yi + ki[a * N + i] * yr;
            }
            rr[i] = ar;
            ri[i] = ai;
            const dr = br - (t.re * ar - t.im * ai),
              di = bi - (t.re * ai + t.im * ar);
            res += dr * dr + di * di;
          }
          t.res = Math.sqrt(res);
          if (q < c) worst = Math.max(worst, t.res); // the wanted pairs (nearest the centre) decide convergence
          return { re: rr, im: ri, lam: t.re, lamIm: t.im, res: t.res };
        });
        if (worst <= tol * knorm) {
          ok = true;
          if (prevR) break;
        }
        // stagnation at rounding (the residual stopped falling) after a few steps: accept if small
        if (it >= 3 && worst > 0.5 * lastRes) {
          ok = worst <= 1e3 * tol * knorm;
          break;
        }
        lastRes = worst;
        prevR = curR;
      }
    } catch {
      ok = false; // a failed solve (SparseAccuracyError) or a collapsed block: the cluster stays in the quadrature
    }
    if (!ok || !prevR) {
      unresolved.push(...cl);
      // the last Ritz vectors, if any, still bound the weight at each site
      for (const q of curR.slice(0, c)) rejected.push({ re: q.lam, im: Math.min(q.lamIm, 0), rRe: q.re, rIm: q.im });
      return;
    }
    const prev = prevR;
    const accepted: RefinedPole[] = [];
    // every converged Ritz pair of the block (the extra columns often converge to a neighbour, or to
    // a pole the levels do not show: a broad pole of a cluster), matched to its previous iterate
    for (let j = 0; j < p; j++) {
      const cur = curR[j];
      const refuse = () => {
        if (j >= c) return;
        unresolved.push(cl[j]);
        rejected.push({ re: cur.lam, im: Math.min(cur.lamIm, 0), rRe: cur.re, rIm: cur.im });
      };
      if (!(cur.res <= 1e3 * tol * knorm)) {
        refuse();
        continue;
      }
      // the nearest other Ritz value of the block: within a (near-)degenerate pair the eigenvector is
      // determined only to ~ε‖K‖/gap (the solves' rounding mixes the pair)
      let gapMin = Infinity;
      for (let q = 0; q < p; q++) if (q !== j) gapMin = Math.min(gapMin, Math.hypot(curR[q].lam - cur.lam, curR[q].lamIm - cur.lamIm));
      let old = prev[0],
        bd = Infinity;
      for (const q of prev) {
        const dd = Math.hypot(q.lam - cur.lam, q.lamIm - cur.lamIm);
        if (dd < bd) {
          bd = dd;
          old = q;
        }
      }
      // rᵀr of the unit-norm Ritz vector; r ← r/√(rᵀr)
      let qr = 0,
        qi = 0;
      for (let i = 0; i < N; i++) {
        qr += cur.re[i] * cur.re[i] - cur.im[i] * cur.im[i];
        qi += 2 * cur.re[i] * cur.im[i];
      }
      const qa = Math.sqrt(qr * qr + qi * qi);
      const condition = 1 / qa;
      if (!(condition <= maxCond)) {
        refuse();
        continue;
      }
      // a square root of q (either sign will do: r and −r are the same eigenvector), then divide
      const [sr, si] = csqrt(qr, qi);
      const sd = sr * sr + si * si;
      const nr = new Float64Array(N),
        ni = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        nr[i] = (cur.re[i] * sr + cur.im[i] * si) / sd;
        ni[i] = (cur.im[i] * sr - cur.re[i] * si) / sd;
      }
      // Im λ from the eigenvector (module comment): −½ Σ |w†r|² / ‖r‖²  (‖cur‖ = 1)
      const widthOf = (vr2: Float64Array, vi2: Float64Array) => -0.5 * channelWeight(chans, vr2, vi2);
      const im = widthOf(cur.re, cur.im);
      if (!(im < 0)) {
        refuse(); // no width in double precision: a level decoupled from the terminals to rounding
        continue;
      }
      // the previous iterate, normalised alike and sign-aligned, for the error estimate
      let pr = 0,
        pi = 0;
      for (let i = 0; i < N; i++) {
        pr += old.re[i] * old.re[i] - old.im[i] * old.im[i];
        pi += 2 * old.re[i] * old.im[i];
      }

      const [tr, ti] = csqrt(pr, pi);
      const td = tr * tr + ti * ti;
      let dot = 0;
      const or = new Float64Array(N),
        oi = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        or[i] = (old.re[i] * tr + old.im[i] * ti) / td;
        oi[i] = (old.im[i] * tr - old.re[i] * ti) / td;
        dot += or[i] * nr[i] + oi[i] * ni[i];
      }
      const sgn = dot < 0 ? -1 : 1;
      const rError = new Float64Array(N);
      let rmax = 0;
      for (let i = 0; i < N; i++) rmax = Math.max(rmax, Math.abs(nr[i]) + Math.abs(ni[i]));
      // rounding floor of the vector, per site (docs/physics.md §15 "componentwise rounding"): the
      // rounding of the solves and of the Ritz step mixes r with every other eigenvector q by
      // ≲ 4ε‖K‖/|λ − λ_q|, which moves r_i by Σ_q |q_i| · 4ε‖K‖/|λ − λ_q|. The near eigenvectors are
      // the block's other Ritz vectors (their own components, not ‖r‖: a zero mode is small at a
      // lead's site and so are its near-degenerate partners, so the width Σ|w†r|² of such a mode is
      // determined far below ε‖K‖); the levels outside the block, ≥ sep away, add 4ε‖K‖ rmax/sep —
      // except at the coupled sites of a narrow pole, where conjugateColumns bounds that part from
      // G_rest w itself (its roundC), which is the sharper bound there.
      const scaleR = 1 / Math.sqrt(qa);
      const floorV = new Float64Array(N);
      const outside = Math.min((4 * Number.EPSILON * knorm) / sep, 2) * rmax;
      const narrow = -2 * im < NARROW_POLE_TAU;
      for (let i = 0; i < N; i++) floorV[i] = 8 * Number.EPSILON * (Math.abs(nr[i]) + Math.abs(ni[i])) + outside;
      if (narrow) for (const w of chans) for (let x = 0; x < w.index.length; x++) floorV[w.index[x]] -= outside;
      for (let q = 0; q < p; q++) {
        if (q === j) continue;
        const g = Math.hypot(curR[q].lam - cur.lam, curR[q].lamIm - cur.lamIm);
        const mix = Math.min((4 * Number.EPSILON * knorm) / g, 2) * scaleR;
        if (!(mix > 0)) continue;
        const qr = curR[q].re,
          qim = curR[q].im;
        for (let i = 0; i < N; i++) floorV[i] += mix * Math.hypot(qr[i], qim[i]);
      }
      // the difference is the previous iterate's error; the last one's is smaller by the ratio of the
      // residuals (an eigenvector's error is ∝ its residual / separation)
      const shrink = Math.min(1, (2 * cur.res) / Math.max(old.res, Number.MIN_VALUE));
      for (let i = 0; i < N; i++) rError[i] = Math.max(shrink * Math.hypot(nr[i] - sgn * or[i], ni[i] - sgn * oi[i]), floorV[i]);
      let oldNorm = 0;
      for (let i = 0; i < N; i++) oldNorm += old.re[i] * old.re[i] + old.im[i] * old.im[i];
      const imOld = widthOf(old.re, old.im) / (oldNorm || 1);
      // δ Im λ ≤ Σ_c |w_c†r| δ(w_c†r) + the iterates' difference (‖cur‖ = 1: r before the rᵀr scaling)
      let dIm = 0;
      for (const w of chans) {
        let ar = 0,
          ai = 0,
          dw = 0;
        for (let x = 0; x < w.index.length; x++) {
          const v = w.index[x];
          ar += w.re[x] * cur.re[v] + w.im[x] * cur.im[v];
          ai += w.re[x] * cur.im[v] - w.im[x] * cur.re[v];
          dw += Math.hypot(w.re[x], w.im[x]) * rError[v] * Math.sqrt(qa);
        }
        dIm += Math.hypot(ar, ai) * dw + 0.5 * dw * dw;
      }
      const reError = shrink * Math.abs(cur.lam - old.lam) + 4 * Number.EPSILON * knorm;
      const imError = shrink * Math.abs(im - imOld) + dIm;
      accepted.push({ re: cur.lam, im, rRe: nr, rIm: ni, rError, reError, imError, cluster: ci, condition, separation: sep });
    }
    poles.push(...accepted);
    // every level of the cluster must be accounted for by a pole (accepted or refused): otherwise a
    // pole was missed (the block converged elsewhere) and the cluster's levels are seeded instead
    const found = accepted.filter((q) => q.re >= cl[0] - gap && q.re <= cl[c - 1] + gap).length;
    const refusedHere = rejected.filter((q) => q.re >= cl[0] - gap && q.re <= cl[c - 1] + gap).length;
    if (found + refusedHere < c) unresolved.push(...cl);
  });
  // one pole found from two blocks is kept once (the smaller residual... the first: same accuracy);
  // distinct eigenvalues this close would have been one cluster. Then clusters by distance.
  const lam = (q: RefinedPole) => [q.re, q.im];
  poles.sort((a, b) => a.re - b.re);
  const kept: RefinedPole[] = [];
  for (const q of poles) {
    const dup = kept.some((o) => {
      const [ar, ai] = lam(o),
        [br, bi] = lam(q);
      if (Math.hypot(ar - br, ai - bi) > 1e3 * Number.EPSILON * knorm + 10 * (o.reError + o.imError + q.reError + q.imError)) return false;
      return parallel(o, q);
    });
    if (!dup) kept.push(q);
  }
  // clusters: single linkage at clusterGap; separation = distance to the nearest pole or unresolved level outside
  const label = new Int32Array(kept.length);
  let nc = 0;
  for (let i = 0; i < kept.length; i++) {
    if (i > 0 && kept[i].re - kept[i - 1].re < gap) label[i] = label[i - 1];
    else label[i] = nc++;
  }
  const out = kept.map((q, i) => {
    let sep = q.separation;
    for (let j = 0; j < kept.length; j++) if (label[j] !== label[i]) sep = Math.min(sep, Math.hypot(kept[j].re - q.re, kept[j].im - q.im));
    for (const e of unresolved) sep = Math.min(sep, Math.abs(e - q.re) + Math.abs(q.im));
    return { ...q, cluster: label[i], separation: Math.max(sep, gap) };
  });
  // a refused Ritz pair of an unconverged block that is an approximation of a pole another block did
  // converge to (parallel vectors, |⟨q, r⟩| > 0.9 ‖q‖‖r‖) is that pole, already subtracted: not an
  // unresolved weight (else its whole weight would flag every site that sees it)
  // or that lies in the span of the converged poles near it (an unconverged mixture of them)
  const outsideSpan = (q: WindowPoleSet['rejected'][number]) => {
    const near = out.filter((o) => Math.abs(o.re - q.re) < gap);
    const br: Float64Array[] = [],
      bi: Float64Array[] = [];
    for (const o of near) {
      const vr = Float64Array.from(o.rRe),
        vi = Float64Array.from(o.rIm);
      projectOut(vr, vi, br, bi);
      let nv = 0;
      for (let i = 0; i < N; i++) nv += vr[i] * vr[i] + vi[i] * vi[i];
      nv = Math.sqrt(nv);
      if (!(nv > 1e-8)) continue;
      for (let i = 0; i < N; i++) {
        vr[i] /= nv;
        vi[i] /= nv;
      }
      br.push(vr);
      bi.push(vi);
    }
    const dr = Float64Array.from(q.rRe),
      di = Float64Array.from(q.rIm);
    let n0 = 0;
    for (let i = 0; i < N; i++) n0 += dr[i] * dr[i] + di[i] * di[i];
    projectOut(dr, di, br, bi);
    let n1 = 0;
    for (let i = 0; i < N; i++) n1 += dr[i] * dr[i] + di[i] * di[i];
    return Math.sqrt(n1 / n0);
  };
  const stillRejected = rejected.filter((q) => !out.some((o) => Math.abs(o.re - q.re) < gap && parallel(q, o)) && !(outsideSpan(q) < 1e-2));
  return { poles: out, unresolved: [...new Set(unresolved)].sort((a, b) => a - b), rejected: stillRejected, factorisations, solves };
}

/**
 * For each pole k and each channel w_c of the self-energy: y = G(conj λ_k) w_c (N-vectors,
 * column-major N × r per pole) and its per-site error estimate, by a direct solve at conj λ_k when
 * the pole is wider than `tau` (2|Im λ| ≥ τ), else by the cluster split of the module comment.
 */
export function conjugateColumns(
  solver: SparseSolver,
  poles: readonly RefinedPole[],
  chans: readonly SparseChannel[],
  N: number,
  knorm: number,
  tau = NARROW_POLE_TAU,
): {
  yRe: Float64Array[];
  yIm: Float64Array[];
  yError: Float64Array[];
  selfError: Float64Array;
  /** Per pole and channel c: the solves' rounding bound on r_kᵀw_c from G_rest w_c (narrow poles; 0 for the others, whose rError covers it). */
  cwError: Float64Array[];
  factorisations: number;
  solves: number;
} {
  const r = chans.length;
  const bRe = new Float64Array(N * r),
    bIm = new Float64Array(N * r),
    x1r = new Float64Array(N * r),
    x1i = new Float64Array(N * r),
    x2r = new Float64Array(N * r),
    x2i = new Float64Array(N * r);
  const wRe = new Float64Array(N * r),
    wIm = new Float64Array(N * r);
  chans.forEach((w, c) => {
    for (let x = 0; x < w.index.length; x++) {
      wRe[c * N + w.index[x]] = w.re[x];
      wIm[c * N + w.index[x]] = w.im[x];
    }
  });
  // r_kᵀ w_c (bilinear)
  const cw = poles.map((pk) => {
    const o = new Float64Array(2 * r);
    chans.forEach((w, c) => {
      for (let x = 0; x < w.index.length; x++) {
        const v = w.index[x];
        o[2 * c] += pk.rRe[v] * w.re[x] - pk.rIm[v] * w.im[x];
        o[2 * c + 1] += pk.rRe[v] * w.im[x] + pk.rIm[v] * w.re[x];
      }
    });
    return o;
  });
  // P_C x = x − Σ_{j∈C} r_j (r_jᵀ x), on every column
  const project = (members: number[], xr: Float64Array, xi: Float64Array) => {
    for (let c = 0; c < r; c++) {
      const off = c * N;
      for (const j of members) {
        const pj = poles[j];
        let sr = 0,
          si = 0;
        for (let i = 0; i < N; i++) {
          sr += pj.rRe[i] * xr[off + i] - pj.rIm[i] * xi[off + i];
          si += pj.rRe[i] * xi[off + i] + pj.rIm[i] * xr[off + i];
        }
        for (let i = 0; i < N; i++) {
          xr[off + i] -= sr * pj.rRe[i] - si * pj.rIm[i];
          xi[off + i] -= sr * pj.rIm[i] + si * pj.rRe[i];
        }
      }
    }
  };
  const yRe: Float64Array[] = [],
    yIm: Float64Array[] = [],
    yError: Float64Array[] = [];
  let factorisations = 0,
    solves = 0;
  // the relative error δb/b of each pole's own term r(rᵀw)/(2ib) in y, kept apart: it scales the
  // purely imaginary part |u†r|²|rᵀw|² i/(2b) of the residue only (not its real part)
  const selfError = new Float64Array(poles.length);
  const cwError: Float64Array[] = poles.map(() => new Float64Array(r));
  poles.forEach((pk, k) => {
    const b = -pk.im;
    const yr = new Float64Array(N * r),
      yi = new Float64Array(N * r),
      ye = new Float64Array(N * r);
    if (2 * b >= tau) {
      factorNudged(solver, pk.re, b);
      factorisations++;
      solver.solve(wRe, wIm, r, yr, yi);
      solves += r;
      // the pole term r(rᵀw)/(2ib) dominates near the pole: relative error δb/b (Re λ cancels in
      // conj λ − λ), the rest δλ/separation, and the solve's rounding ε‖K‖/(2b) (κ of zI − K)
      selfError[k] = pk.imError / b;
      const rel = pk.reError / pk.separation + (4 * Number.EPSILON * knorm) / (2 * b);
      for (let i = 0; i < N * r; i++) ye[i] = rel * Math.hypot(yr[i], yi[i]);
    } else {
      const members: number[] = [];
      poles.forEach((q, j) => {
        if (q.cluster === pk.cluster) members.push(j);
      });
      bRe.set(wRe);
      bIm.set(wIm);
      project(members, bRe, bIm);
      factorNudged(solver, pk.re, tau);
      factorisations++;
      solver.solve(bRe, bIm, r, x1r, x1i);
      project(members, x1r, x1i);
      solver.solve(x1r, x1i, r, x2r, x2i);
      project(members, x2r, x2i);
      solves += 2 * r;
      // z − z1 = i (b − τ); y_rest ≈ x1 − (z − z1) x2; truncation ~ |z − z1|² |G³ w| ≈ |z − z1| |x2| · |z − z1|/sep
      const dz = b - tau;
      const trunc = Math.abs(dz) / pk.separation;
      for (let i = 0; i < N * r; i++) {
        // −(i dz)(x2r + i x2i) = dz x2i − i dz x2r
        yr[i] = x1r[i] + dz * x2i[i];
        yi[i] = x1i[i] - dz * x2r[i];
        ye[i] = Math.abs(dz) * Math.hypot(x2r[i], x2i[i]) * trunc + 16 * Number.EPSILON * (knorm / pk.separation) * Math.hypot(x1r[i], x1i[i]);
      }
      // the solves' rounding at the coupled sites, to first order: r + δr with δr = G_rest δA r and
      // |δA| ≲ 4ε‖K‖ entrywise, so δ(r_jᵀw_c) = w_cᵀ G_rest δA r_j ≲ 4ε‖K‖ Σ_i |(G_rest w_c)_i| |r_j,i|
      // (G_rest = G_restᵀ; x1 = G_rest(z1) w_c); hence δb ≈ Σ_c |rᵀw_c| δ(rᵀw_c)
      const roundC = (j: number, c: number) => {
        let s1 = 0;
        const pj = poles[j];
        for (let i = 0; i < N; i++) s1 += Math.hypot(x1r[c * N + i], x1i[c * N + i]) * Math.hypot(pj.rRe[i], pj.rIm[i]);
        return 4 * Number.EPSILON * knorm * s1;
      };
      let dbRound = 0;
      for (let c = 0; c < r; c++) {
        cwError[k][c] = roundC(k, c);
        dbRound += Math.hypot(cw[k][2 * c], cw[k][2 * c + 1]) * cwError[k][c];
      }
      // + Σ_{j∈C} r_j (r_jᵀ w)/(z − λ_j), z = Re λ_k + i b
      for (const j of members) {
        const pj = poles[j];
        const dr = pk.re - pj.re,
          di = b - pj.im; // z − λ_j
        const dd = dr * dr + di * di;
        const ir = dr / dd,
          ii = -di / dd;
        // relative error of this term: δr, δ(rᵀw), δλ/|z − λ_j|
        if (j === k) selfError[k] = (pk.imError + dbRound) / b;
        const lamRel = j === k ? 0 : (pk.reError + pj.reError + pk.imError + pj.imError + dbRound) / Math.sqrt(dd);
        for (let c = 0; c < r; c++) {
          const cr = cw[j][2 * c],
            cim = cw[j][2 * c + 1];
          const fr = cr * ir - cim * ii,
            fi = cr * ii + cim * ir; // (rᵀw)/(z − λ_j)
          const fa = Math.sqrt(fr * fr + fi * fi);
          let dc = 0;
          const w = chans[c];
          for (let x = 0; x < w.index.length; x++) dc += pj.rError[w.index[x]] * Math.hypot(w.re[x], w.im[x]);
          const off = c * N;
          dc += roundC(j, c);
          const dcRel = dc / Math.max(Math.hypot(cr, cim), Number.MIN_VALUE);
          for (let i = 0; i < N; i++) {
            const rr = pj.rRe[i],
              ri = pj.rIm[i];
            yr[off + i] += rr * fr - ri * fi;
            yi[off + i] += rr * fi + ri * fr;
            // the pole's own term (j = k) is not counted here: its errors only scale the purely
            // imaginary own part of the residue, which the caller bounds apart (selfError)
            if (j !== k) ye[off + i] += fa * (pj.rError[i] + Math.hypot(rr, ri) * (dcRel + lamRel));
          }
        }
      }
    }
    yRe.push(yr);
    yIm.push(yi);
    yError.push(ye);
  });
  return { yRe, yIm, yError, selfError, cwError, factorisations, solves };
}

/**
 * Whether two right vectors are parallel to within the pole refinement's resolution:
 * |⟨a, b⟩| > 0.9 ‖a‖‖b‖ (the same pole reached twice, or an unconverged Ritz vector of one).
 */
function parallel(a: { readonly rRe: Float64Array; readonly rIm: Float64Array }, b: { readonly rRe: Float64Array; readonly rIm: Float64Array }): boolean {
  let sr = 0,
    si = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.rRe.length; i++) {
    sr += a.rRe[i] * b.rRe[i] + a.rIm[i] * b.rIm[i];
    si += a.rRe[i] * b.rIm[i] - a.rIm[i] * b.rRe[i];
    na += a.rRe[i] ** 2 + a.rIm[i] ** 2;
    nb += b.rRe[i] ** 2 + b.rIm[i] ** 2;
  }
  return Math.hypot(sr, si) > 0.9 * Math.sqrt(na * nb);
}

/**
 * v −= Σ_a b_a ⟨b_a, v⟩ over the orthonormal complex vectors b_a (real parts br, imaginary bi),
 * twice (classical Gram–Schmidt with one reorthogonalisation), in place.
 */
function projectOut(vr: Float64Array, vi: Float64Array, br: readonly Float64Array[], bi: readonly Float64Array[]): void {
  const N = vr.length;
  for (let pass = 0; pass < 2; pass++)
    for (let a = 0; a < br.length; a++) {
      let cr = 0,
        cim = 0;
      for (let i = 0; i < N; i++) {
        cr += br[a][i] * vr[i] + bi[a][i] * vi[i];
        cim += br[a][i] * vi[i] - bi[a][i] * vr[i];
      }
      for (let i = 0; i < N; i++) {
        vr[i] -= cr * br[a][i] - cim * bi[a][i];
        vi[i] -= cr * bi[a][i] + cim * br[a][i];
      }
    }
}
