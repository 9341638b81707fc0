/**
 * Pole–residue form of the transmission (docs/physics.md §3, closed-form route):
 *
 *   T_αβ(E) = 2 Re Σ_k a^{αβ}_k / (E − λ_k),   Im λ_k < 0,
 *
 * where λ_k are the eigenvalues of H_eff = H − (i/2) Σ_α Γ^α. Derivation: with H_eff = R Λ L†
 * (L†R = I), G^R(E) = Σ_k r_k l_k†/(E − λ_k) and G^A(E) = G^R(E)† = Σ_j l_j r_j†/(E − λ̄_j), so
 *   T_αβ = Σ_{k,j} (r_j†Γ^α r_k)(l_k†Γ^β l_j) / ((E − λ_k)(E − λ̄_j)),
 * and 1/((E − λ_k)(E − λ̄_j)) = [1/(E − λ_k) − 1/(E − λ̄_j)]/(λ_k − λ̄_j) gives
 *   a^{αβ}_k = Σ_j (ρ^α_j† ρ^α_k)(σ^β_k† σ^β_j) / (λ_k − λ̄_j),  ρ^α_k = W_α† r_k, σ^β_k = W_β† l_k;
 * the 1/(E − λ̄_j) terms are the complex conjugates (T is real), hence the 2 Re.
 *
 * Robustness. H is first diagonalised (Hermitian, stable); H_eff is built in that eigenbasis as
 * Λ − (i/2) C_s C_s† on the coupled modes only. Modes with no weight on any self-energy channel
 * (decoupled: their λ is real and their residue is exactly 0) are dropped, and inside each
 * degenerate eigenspace of H the decoupled combinations are rotated out first. This removes the
 * 0/0 that real eigenvalues would cause in λ_k − λ̄_j. What remains is non-Hermitian and small;
 * its eigenvalue condition numbers are reported (`maxCondition`) so a caller can see when the
 * expansion approaches an exceptional point (the residues, built from left and right eigenvectors,
 * degrade as ~κ²ε there).
 */
import { type CMatrix, cmatrix, cadjoint, hermitianEigen, generalEigen, hypot, EPS } from './linalg.js';
import type { Coupling } from './coupling.js';
import { stackChannels, type TransmissionOptions } from './transmission.js';

/** The pole–residue representation of every T_αβ of a system. */
export interface PoleExpansion {
  /** Number of terminals n. */
  readonly terminals: number;
  /** Number of poles M (coupled modes). */
  readonly poles: number;
  /** Poles λ_k (eV), Im λ_k < 0. */
  readonly lambdaRe: Float64Array;
  readonly lambdaIm: Float64Array;
  /** Residues a^{αβ}_k at index (α·n + β)·M + k, real and imaginary parts (eV). */
  readonly residueRe: Float64Array;
  readonly residueIm: Float64Array;
  /**
   * Σ_j |A_jk B_kj D_kj| per residue (same layout as residueRe): the size of the terms that a_k
   * sums, hence its absolute rounding error ~ε·residueAbs (optional for hand-built expansions).
   */
  readonly residueAbs?: Float64Array;
  /**
   * Largest spread (eV) of the levels of H merged into one degenerate block (0 if none): merging
   * replaces them by their mean, an approximation of this size in the pole positions.
   */
  readonly degeneracySpread?: number;
  /** Largest eigenvalue condition number κ_k of the reduced H_eff (1 = normal); residues carry ~κ²ε error. */
  readonly maxCondition: number;
}

/**
 * Build the pole expansion of T_αβ(E) for H (N × N, Hermitian, eV) and n wide-band couplings.
 * Test terminals (`inSelfEnergy[α] = false`) get the first-order-in-Γ residues, and T between two
 * test terminals is 0 (second order). Cost O(N³) once.
 * @example
 * ```ts
 * import { K_B_EV, benzene, localCoupling, onsagerClosedForm, poleExpansion } from 'probecheck';
 *
 * const poles = poleExpansion(benzene(-2.64), [localCoupling(6, [0], 0.5), localCoupling(6, [3], 0.5)]);
 * const onsager = onsagerClosedForm(poles, 0.2, K_B_EV * 300); // μ0 = 0.2 eV, T0 = 300 K
 * console.log(onsager.L0[1], onsager.L1[1], onsager.L2[1]); // L^(ν)_LR: 1, eV, eV²
 * ```
 */
export function poleExpansion(h: CMatrix, couplings: readonly Coupling[], options: TransmissionOptions = {}): PoleExpansion {
  const N = h.rows,
    n = couplings.length;
  const { w, offsets } = stackChannels(couplings);
  const r = w.cols;
  const inSE = new Uint8Array(r);
  const testTerminal = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    const flag = options.inSelfEnergy ? options.inSelfEnergy[a] !== false : true;
    testTerminal[a] = flag ? 0 : 1;
    for (let j = offsets[a]; j < offsets[a + 1]; j++) inSE[j] = flag ? 1 : 0;
  }
  const eig = hermitianEigen(h, cadjoint(w));
  const eps = eig.values;
  const P = eig.projected; // r × N, column k = c_k = W† u_k
  let specScale = 0;
  for (let k = 0; k < N; k++) specScale = Math.max(specScale, Math.abs(eps[k]));
  let wmax = 0;
  for (let k = 0; k < N; k++) {
    let s = 0;
    for (let a = 0; a < r; a++) if (inSE[a]) s += P.re[a * N + k] ** 2 + P.im[a * N + k] ** 2;
    wmax = Math.max(wmax, s);
  }
  // Reduced modes: level ε and channel vector c (length r).
  const modeEps: number[] = [];
  const modeC: Array<{ re: Float64Array; im: Float64Array }> = [];
  const degTol = 1e-11 * Math.max(1, specScale);
  const dropTol = 1e-26 * Math.max(wmax, Number.MIN_VALUE);
  let k0 = 0,
    degeneracySpread = 0;
  while (k0 < N) {
    let k1 = k0 + 1;
    while (k1 < N && eps[k1] - eps[k1 - 1] <= degTol) k1++;
    const m = k1 - k0;
    if (m > 1) degeneracySpread = Math.max(degeneracySpread, eps[k1 - 1] - eps[k0]);
    if (m === 1) {
      const cr = new Float64Array(r),
        ci = new Float64Array(r);
      let s = 0;
      for (let a = 0; a < r; a++) {
        cr[a] = P.re[a * N + k0];
        ci[a] = P.im[a * N + k0];
        if (inSE[a]) s += cr[a] ** 2 + ci[a] ** 2;
      }
      if (s > dropTol) {
        modeEps.push(eps[k0]);
        modeC.push({ re: cr, im: ci });
      }
    } else {
      // Gram matrix of the self-energy components inside the degenerate block: G_kl = c_k,s† c_l,s
      const g = cmatrix(m, m);
      for (let p = 0; p < m; p++) {
        for (let q = 0; q < m; q++) {
          let sr = 0,
            si = 0;
          for (let a = 0; a < r; a++) {
            if (!inSE[a]) continue;
            const pr = P.re[a * N + k0 + p],
              pi = -P.im[a * N + k0 + p];
            const qr = P.re[a * N + k0 + q],
              qi = P.im[a * N + k0 + q];
            sr += pr * qr - pi * qi;
            si += pr * qi + pi * qr;
          }
          g.re[p * m + q] = sr;
          g.im[p * m + q] = si;
        }
      }
      const ge = hermitianEigen(g);
      let mean = 0;
      for (let p = 0; p < m; p++) mean += eps[k0 + p];
      mean /= m;
      for (let i = 0; i < m; i++) {
        if (!(ge.values[i] > dropTol)) continue;
        // c'_i = Σ_p c_p V_pi
        const cr = new Float64Array(r),
          ci = new Float64Array(r);
        for (let p = 0; p < m; p++) {
          const vr = ge.projected.re[p * m + i],
            vi = ge.projected.im[p * m + i];
          for (let a = 0; a < r; a++) {
            const xr = P.re[a * N + k0 + p],
              xi = P.im[a * N + k0 + p];
            cr[a] += xr * vr - xi * vi;
            ci[a] += xr * vi + xi * vr;
          }
        }
        modeEps.push(mean);
        modeC.push({ re: cr, im: ci });
      }
    }
    k0 = k1;
  }
  const M = modeEps.length;
  // Reduced H_eff = diag(ε) − (i/2) C_s C_s†, with (C_s C_s†)_kl = c_l,s† c_k,s ... in the basis of
  // modes: ⟨u_k|Γ|u_l⟩ = Σ_a conj(W†u_k)_a (W†u_l)_a = c_k† c_l.
  const heff = cmatrix(M, M);
  for (let k = 0; k < M; k++) {
    heff.re[k * M + k] = modeEps[k];
    for (let l = 0; l < M; l++) {
      let sr = 0,
        si = 0;
      for (let a = 0; a < r; a++) {
        if (!inSE[a]) continue;
        const kr = modeC[k].re[a],
          ki = -modeC[k].im[a];
        const lr = modeC[l].re[a],
          li = modeC[l].im[a];
        sr += kr * lr - ki * li;
        si += kr * li + ki * lr;
      }
      // −(i/2)(sr + i si) = si/2 − i sr/2
      heff.re[k * M + l] += 0.5 * si;
      heff.im[k * M + l] += -0.5 * sr;
    }
  }
  const ge = generalEigen(heff);
  const lamRe = ge.values.re,
    lamIm = ge.values.im;
  let maxCondition = 1;
  for (let k = 0; k < M; k++) maxCondition = Math.max(maxCondition, ge.condition[k]);
  // ρ_j = Σ_k c_k (r_j)_k ; σ_j = Σ_k c_k (l_j)_k with l_j = conj(row j of R⁻¹)
  const rhoRe = new Float64Array(M * r),
    rhoIm = new Float64Array(M * r);
  const sigRe = new Float64Array(M * r),
    sigIm = new Float64Array(M * r);
  for (let j = 0; j < M; j++) {
    for (let k = 0; k < M; k++) {
      const rr = ge.right.re[k * M + j],
        ri = ge.right.im[k * M + j];
      const lr = ge.leftAdjoint.re[j * M + k],
        li = -ge.leftAdjoint.im[j * M + k];
      for (let a = 0; a < r; a++) {
        const cr = modeC[k].re[a],
          ci = modeC[k].im[a];
        rhoRe[j * r + a] += cr * rr - ci * ri;
        rhoIm[j * r + a] += cr * ri + ci * rr;
        sigRe[j * r + a] += cr * lr - ci * li;
        sigIm[j * r + a] += cr * li + ci * lr;
      }
    }
  }
  // Gram blocks per terminal: A^α_jk = ρ^α_j† ρ^α_k, B^β_kj = σ^β_k† σ^β_j
  // (all 2n blocks, re and im, in one buffer: 4n small arrays would each get an off-heap store)
  const gramStore = new ArrayBuffer(32 * n * M * M);
  const gram = (vr: Float64Array, vi: Float64Array, t: number, which: number) => {
    const at = 2 * (which * n + t) * M * M * 8;
    const outR = new Float64Array(gramStore, at, M * M),
      outI = new Float64Array(gramStore, at + 8 * M * M, M * M);
    for (let j = 0; j < M; j++) {
      for (let k = 0; k < M; k++) {
        let sr = 0,
          si = 0;
        for (let a = offsets[t]; a < offsets[t + 1]; a++) {
          const xr = vr[j * r + a],
            xi = -vi[j * r + a];
          const yr = vr[k * r + a],
            yi = vi[k * r + a];
          sr += xr * yr - xi * yi;
          si += xr * yi + xi * yr;
        }
        outR[j * M + k] = sr;
        outI[j * M + k] = si;
      }
    }
    return { re: outR, im: outI };
  };
  const A = Array.from({ length: n }, (_, t) => gram(rhoRe, rhoIm, t, 0));
  const B = Array.from({ length: n }, (_, t) => gram(sigRe, sigIm, t, 1));
  // D_kj = 1/(λ_k − λ̄_j)
  const dRe = new Float64Array(M * M),
    dIm = new Float64Array(M * M);
  for (let k = 0; k < M; k++) {
    for (let j = 0; j < M; j++) {
      const xr = lamRe[k] - lamRe[j],
        xi = lamIm[k] + lamIm[j];
      const den = xr * xr + xi * xi;
      dRe[k * M + j] = xr / den;
      dIm[k * M + j] = -xi / den;
    }
  }
  const resRe = new Float64Array(n * n * M),
    resIm = new Float64Array(n * n * M),
    resAbs = new Float64Array(n * n * M);
  for (let al = 0; al < n; al++) {
    for (let be = 0; be < n; be++) {
      if (al === be || (testTerminal[al] && testTerminal[be])) continue;
      const Aa = A[al],
        Bb = B[be];
      for (let k = 0; k < M; k++) {
        let sr = 0,
          si = 0,
          sa = 0;
        for (let j = 0; j < M; j++) {
          // A_jk B_kj D_kj
          const ar = Aa.re[j * M + k],
            ai = Aa.im[j * M + k];
          const br = Bb.re[k * M + j],
            bi = Bb.im[k * M + j];
          const pr = ar * br - ai * bi,
            pi = ar * bi + ai * br;
          const dr = dRe[k * M + j],
            di = dIm[k * M + j];
          sr += pr * dr - pi * di;
          si += pr * di + pi * dr;
          sa += hypot(pr, pi) * hypot(dr, di);
        }
        resRe[(al * n + be) * M + k] = sr;
        resIm[(al * n + be) * M + k] = si;
        resAbs[(al * n + be) * M + k] = sa;
      }
    }
  }
  for (let k = 0; k < M; k++) {
    if (!(lamIm[k] < 0)) {
      // A kept mode must be coupled, so Im λ < 0 strictly; anything else is a numerical failure.
      throw new Error(`poleExpansion: pole ${k} has Im λ = ${lamIm[k]} ≥ 0 (ε·scale = ${EPS * specScale})`);
    }
  }
  return { terminals: n, poles: M, lambdaRe: lamRe, lambdaIm: lamIm, residueRe: resRe, residueIm: resIm, residueAbs: resAbs, degeneracySpread, maxCondition };
}

/** Evaluate T_αβ(E) from the pole expansion into `out` (n², row-major). */
export function transmissionFromPoles(p: PoleExpansion, energy: number, out: Float64Array): void {
  const n = p.terminals,
    M = p.poles;
  out.fill(0);
  for (let k = 0; k < M; k++) {
    const xr = energy - p.lambdaRe[k],
      xi = -p.lambdaIm[k];
    const den = xr * xr + xi * xi;
    const ir = xr / den,
      ii = -xi / den;
    for (let ab = 0; ab < n * n; ab++) {
      const ar = p.residueRe[ab * M + k],
        ai = p.residueIm[ab * M + k];
      out[ab] += 2 * (ar * ir - ai * ii);
    }
  }
}
