/**
 * Relative errors between the VP and VTP predictions and how a "peak" error is taken.
 *
 * Relative error (paper Appendix B, Eqs. 59–63): δ = (J_VP − J_VTP)/J_ref with J_ref = J_VP
 * (default) or J_VTP. A ratio whose denominator changes sign is meaningless near the crossing (it
 * diverges for any finite ΔJ), so a *peak* error is the largest |δ| over the μ0 grid leaving out
 * the points within a stated window of a sign change of J_ref. A minimum of |J_ref| that does not
 * change sign — the VP's suppressed current at an interference node, the very effect the paper
 * reports — is kept.
 */
import type { ErrorReference } from './params.js';

/** δ_i = (vp_i − vtp_i)/ref_i (a fraction, signed). */
export function relativeError(vp: ArrayLike<number>, vtp: ArrayLike<number>, reference: ErrorReference): Float64Array {
  const out = new Float64Array(vp.length);
  for (let i = 0; i < vp.length; i++) out[i] = (vp[i] - vtp[i]) / (reference === 'VP' ? vp[i] : vtp[i]);
  return out;
}

/**
 * Points of the grid within `window` (same unit as x) of a sign change of `ref` (a zero of ref
 * between two grid points, or an exact zero): 1 = excluded. Linear interpolation locates the zero.
 */
export function zeroCrossingMask(ref: ArrayLike<number>, x: ArrayLike<number>, window: number): Uint8Array {
  const m = ref.length;
  const mask = new Uint8Array(m);
  const zeros: number[] = [];
  for (let i = 0; i < m; i++) {
    if (ref[i] === 0) zeros.push(x[i]);
    else if (i + 1 < m && ref[i] * ref[i + 1] < 0) zeros.push(x[i] + (x[i + 1] - x[i]) * (ref[i] / (ref[i] - ref[i + 1])));
  }
  if (zeros.length === 0) return mask;
  let z = 0;
  for (let i = 0; i < m; i++) {
    while (z + 1 < zeros.length && zeros[z + 1] <= x[i]) z++;
    const near = Math.min(Math.abs(x[i] - zeros[z]), z + 1 < zeros.length ? Math.abs(zeros[z + 1] - x[i]) : Infinity);
    if (near <= window) mask[i] = 1;
  }
  return mask;
}

/** A peak relative error and where it is. */
export interface Peak {
  /** Signed δ at the peak (fraction); NaN when every point is excluded. */
  readonly value: number;
  /** μ0 − ε0 at the peak (eV). */
  readonly x: number;
  /** Index on the grid. */
  readonly index: number;
  /** Points left out as near a sign change of J_ref. */
  readonly excluded: number;
}

/** The largest |δ| over the grid, leaving out points near sign changes of J_ref (see the module comment). */
export function peakRelativeError(vp: ArrayLike<number>, vtp: ArrayLike<number>, x: ArrayLike<number>, reference: ErrorReference, window: number): Peak {
  const d = relativeError(vp, vtp, reference);
  const mask = zeroCrossingMask(reference === 'VP' ? vp : vtp, x, window);
  let best = -1,
    index = -1,
    excluded = 0;
  for (let i = 0; i < d.length; i++) {
    if (mask[i]) {
      excluded++;
      continue;
    }
    const a = Math.abs(d[i]);
    if (Number.isFinite(a) && a > best) {
      best = a;
      index = i;
    }
  }
  return index < 0 ? { value: Number.NaN, x: Number.NaN, index: -1, excluded } : { value: d[index], x: x[index], index, excluded };
}

/** Index of the grid point closest to `x0` (the node μ0 = ε0). */
export function nearestIndex(x: ArrayLike<number>, x0: number): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i] - x0) < Math.abs(x[best] - x0)) best = i;
  return best;
}

/** max |a_i| over finite entries. */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Thermopower deviation (our definition for the paper's 7.3 / 16.3 / 37.1 %): the peak deviation
 * max_μ0 |S_VP − S_VTP| relative to the peak thermopower max_μ0 |S_ref| of the reference model.
 * S changes sign at the particle–hole symmetric point, so a pointwise ratio would diverge there.
 */
export function thermopowerDeviation(
  sVP: ArrayLike<number>,
  sVTP: ArrayLike<number>,
  x: ArrayLike<number>,
  reference: ErrorReference,
): { value: number; x: number; maxDeviation: number; maxS: number } {
  let dev = 0,
    at = Number.NaN;
  for (let i = 0; i < sVP.length; i++) {
    const d = Math.abs(sVP[i] - sVTP[i]);
    if (d > dev) {
      dev = d;
      at = x[i];
    }
  }
  const maxS = maxAbs(reference === 'VP' ? sVP : sVTP);
  return { value: dev / maxS, x: at, maxDeviation: dev, maxS };
}
