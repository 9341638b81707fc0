/**
 * Wide-band couplings Γ^α (docs/physics.md §2, paper Eq. 6 in the wide-band limit). Energies in eV.
 *
 * A coupling is stored both as the Hermitian PSD matrix Γ (N × N) and as its channel
 * factorisation Γ = W W† (W: N × r, r = rank). Transport only ever needs W: the transmission
 * T_αβ = Tr[Γ^α G Γ^β G†] = ‖W_α† G W_β‖²_F lives in the r-dimensional channel space.
 */
import { type CMatrix, cmatrix, hermitianEigen, cmaxAbs } from './linalg.js';
import type { SparseChannel } from './sparseTransmission.js';
import { unallocatedMatrix } from './unallocated.js';

/** A wide-band coupling matrix and its channel factorisation. */
export interface Coupling {
  /** Γ (N × N), Hermitian positive semidefinite, eV. */
  readonly gamma: CMatrix;
  /** W (N × r) with Γ = W W†; r = 0 for a decoupled terminal. Units √eV. */
  readonly channels: CMatrix;
  /**
   * The channels by their non-zero entries (the columns of W), when the coupling was built for a
   * sparse system ({@link sparseLocalCoupling}); then `gamma` and `channels` are not allocated.
   */
  readonly sparse?: readonly SparseChannel[];
}

/**
 * Local coupling: Γ = Σ_{i ∈ sites} γ_i e_i e_iᵀ — each listed site couples to its own
 * independent channel of width γ_i (an incoherent multi-site contact; for a coherent one,
 * give a full matrix to {@link matrixCoupling}).
 * @param size number of sites N
 * @param sites 0-based site indices (distinct)
 * @param gamma width γ in eV, one for all sites or one per site (≥ 0)
 */
export function localCoupling(size: number, sites: readonly number[], gamma: number | readonly number[]): Coupling {
  const g = cmatrix(size, size);
  const widths = sites.map((_, k) => (typeof gamma === 'number' ? gamma : gamma[k]));
  const used = sites.filter((_, k) => widths[k] > 0);
  const w = cmatrix(size, used.length);
  let col = 0;
  sites.forEach((s, k) => {
    g.re[s * size + s] += widths[k];
    if (widths[k] > 0) {
      w.re[s * used.length + col] = Math.sqrt(widths[k]);
      col++;
    }
  });
  return { gamma: g, channels: w };
}

/**
 * The local coupling of {@link localCoupling} for a sparse system (docs/physics.md §14): only the
 * channels w = √γ_i e_i (γ_i > 0) by their one non-zero entry; `gamma` and `channels` are
 * {@link unallocatedMatrix}es (reading them throws, naming `reason`). O(r) memory instead of O(N²).
 */
export function sparseLocalCoupling(size: number, sites: readonly number[], gamma: number | readonly number[], reason: string): Coupling {
  const sparse: SparseChannel[] = [];
  sites.forEach((s, k) => {
    const g = typeof gamma === 'number' ? gamma : gamma[k];
    if (g > 0) sparse.push({ index: Int32Array.of(s), re: Float64Array.of(Math.sqrt(g)), im: Float64Array.of(0) });
  });
  return {
    gamma: unallocatedMatrix(size, size, 'Γ', reason),
    channels: unallocatedMatrix(size, sparse.length, 'W (Γ = W W†)', reason),
    sparse,
  };
}

/**
 * Coupling from a full Hermitian PSD matrix Γ. Channels are the eigenvectors with eigenvalues
 * above `rtol · max|Γ_ij|`, scaled by √λ; smaller (and rounding-negative) eigenvalues are dropped.
 * PSD-ness is validated by the config layer before this is called.
 */
export function matrixCoupling(gamma: CMatrix, rtol = 1e-14): Coupling {
  const n = gamma.rows;
  const scale = cmaxAbs(gamma);
  if (scale === 0) return { gamma, channels: cmatrix(n, 0) };
  const eig = hermitianEigen(gamma);
  const keep: number[] = [];
  for (let k = 0; k < n; k++) if (eig.values[k] > rtol * scale) keep.push(k);
  const w = cmatrix(n, keep.length);
  const u = eig.projected;
  keep.forEach((k, c) => {
    const s = Math.sqrt(eig.values[k]);
    for (let i = 0; i < n; i++) {
      w.re[i * keep.length + c] = s * u.re[i * n + k];
      w.im[i * keep.length + c] = s * u.im[i * n + k];
    }
  });
  return { gamma, channels: w };
}

/** True when the coupling has no channel (Γ = 0): the terminal is decoupled. */
/** The sites a coupling reaches (Γ_ii > 0; the channels' entries in sparse form), ascending; `n` = N. */
export function couplingSites(c: Coupling, n: number): number[] {
  if (c.sparse) return [...new Set(c.sparse.flatMap((w) => [...w.index]))].sort((a, b) => a - b);
  const g = c.gamma.re;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (g[i * n + i] > 0) out.push(i);
  return out;
}

/** tr Γ = ‖W‖²_F (eV): the total width of a coupling (dense or sparse form). */
export function couplingWidth(c: Coupling): number {
  let s = 0;
  if (c.sparse) {
    for (const w of c.sparse) for (let i = 0; i < w.re.length; i++) s += w.re[i] * w.re[i] + w.im[i] * w.im[i];
    return s;
  }
  const W = c.channels;
  for (let i = 0; i < W.re.length; i++) s += W.re[i] * W.re[i] + W.im[i] * W.im[i];
  return s;
}

export function isDecoupled(c: Coupling): boolean {
  return c.channels.cols === 0;
}

/** Γ scaled by a factor s ≥ 0 (W scaled by √s). */
export function scaleCoupling(c: Coupling, s: number): Coupling {
  const r = Math.sqrt(s);
  if (c.sparse) {
    // a sparse coupling: scale its channel entries; the dense placeholders stay as they are
    const sparse = c.sparse.map((w) => ({ index: w.index, re: w.re.map((v) => v * r), im: w.im.map((v) => v * r) }));
    return { gamma: c.gamma, channels: c.channels, sparse };
  }
  return {
    gamma: { rows: c.gamma.rows, cols: c.gamma.cols, re: c.gamma.re.map((v) => v * s), im: c.gamma.im.map((v) => v * s) },
    channels: { rows: c.channels.rows, cols: c.channels.cols, re: c.channels.re.map((v) => v * r), im: c.channels.im.map((v) => v * r) },
  };
}
