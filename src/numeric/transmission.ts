/**
 * Transmission functions T_αβ(E) = Tr[Γ^α G(E) Γ^β G(E)†] for all terminal pairs at once
 * (docs/physics.md §2, paper Eqs. 3 and 5), G(E) = [E − H + (i/2) Σ_α Γ^α]⁻¹. E in eV; T dimensionless.
 *
 * Scheme (why): the cost per energy must not grow as N³ when only r ≪ N channels couple. We
 * diagonalise H once, H = U diag(ε) U† (O(N³), Householder + QL), and keep only the channel
 * projections c_k = W† u_k ∈ ℂ^r (W stacks every terminal's channels, Γ^α = W_α W_α†). Then
 * K(E) = W† G(E) W is an r × r matrix obtained from the bare K0(E) = Σ_k c_k c_k†/(E − ε_k) by a
 * Dyson equation in channel space: (I + (i/2) K0) K = K0. Cost per energy O(N r² + r³), and
 * T_αβ(E) = ‖K_αβ‖²_F (the α-rows, β-columns block of K).
 *
 * Robustness: K0 has poles at the eigenvalues ε_k while K does not (they are removable once the
 * self-energy is included). A mode with |E − ε_k| below its own coupling weight w_k = ‖c_k‖² is
 * kept as an explicit unknown in a bordered system [[E − ε_k, (i/2)c_k†],[−c_k, I + (i/2)S_F]]
 * instead of being folded into S_F, so that an energy grid that hits an eigenvalue of H exactly
 * (e.g. the zero modes of a bipartite lattice at E = 0) gives the right finite answer, not Inf/NaN.
 * Modes with c_k = 0 (decoupled from every terminal) never contribute and are dropped.
 *
 * Terminals can be marked as "test" terminals (not in the self-energy): their Γ enters T but
 * not G. This is the γ → 0 limit of a probe, used for the first-order coefficient ∂T_Pβ/∂γ.
 */
import { type CMatrix, cmatrix, hermitianEigen, luFactor, luSolve, cinverse, cmatmul, cadjoint } from './linalg.js';
import type { Coupling } from './coupling.js';

/** Options for {@link transmissionEngine}. */
export interface TransmissionOptions {
  /**
   * Per terminal: whether its Γ enters the self-energy (default true). A terminal with `false`
   * is a test terminal: T between it and others is the coefficient of its first order in Γ,
   * and T between two test terminals is reported as 0 (it is second order).
   */
  readonly inSelfEnergy?: readonly boolean[];
}

/** A prepared system that evaluates the n × n matrix T_αβ(E) at any real energy. */
export interface TransmissionEngine {
  /** Number of terminals n. */
  readonly terminals: number;
  /** Total number of channels r. */
  readonly channels: number;
  /** Eigenvalues of H (ascending), eV. */
  readonly levels: Float64Array;
  /**
   * Resonances [energy, width] (eV) of the modes coupled to the self-energy: each eigenvalue ε_k
   * of H with its coupling weight w_k = ‖W_s† u_k‖² (the FWHM of an isolated resonance). Used to
   * seed quadrature meshes.
   */
  readonly resonances: ReadonlyArray<readonly [number, number]>;
  /**
   * Fill `out` (length n², row-major) with T_αβ(E); the diagonal is set to 0.
   * No allocation after the first call. With `noise` (n²) and {@link estimatesNoise}, also an
   * estimate of the absolute rounding error of each T_αβ(E) (docs/physics.md §13, "The noise floor").
   */
  evaluate(energy: number, out: Float64Array, noise?: Float64Array): void;
  /**
   * Optional: {@link evaluate} at two energies at once (an engine whose kernel is faster on a pair),
   * each `out` bit for bit what `evaluate` writes for its energy. No noise estimate.
   */
  evaluate2?(energy1: number, energy2: number, out1: Float64Array, out2: Float64Array): void;
  /** Whether {@link evaluate} fills its `noise` argument (engines that do not leave it untouched). */
  readonly estimatesNoise?: boolean;
}

/**
 * Rounding constant c of the eigen-decomposition engine's noise estimate (docs/physics.md §13, "The
 * noise floor"): the amplitude K = W_α†GW_β is formed from the mode sum S = Σ_k c_k c_k†/(E − ε_k),
 * whose entries carry an absolute error ≲ c·ε·Σ_k |c_k c_k†|/|E − ε_k| (the sum's rounding and the
 * eigenvectors' departure from orthogonality). Measured 2026-12-02 against the twisted tridiagonal
 * route (relatively accurate, ~N·ε) on chains of 20–400 sites at 2.3–3.2 × the half-bandwidth, where
 * T is at its rounding: with c = 8 the estimate was up to 1.07× below the actual error, so c = 32
 * (≤ 0.27 of the estimate; test/numeric/transmissionNoise.test.ts). Inside the band the estimate is
 * ≤ 3.3e-13 of T where T > 1e-3.
 */
export const TRANSMISSION_NOISE_ROUNDING = 32;

/** Stack the channel matrices of all terminals side by side: W = [W_1 … W_n] (N × r). */
export function stackChannels(couplings: readonly Coupling[]): { w: CMatrix; offsets: Int32Array } {
  const n = couplings.length;
  const size = n > 0 ? couplings[0].channels.rows : 0;
  const offsets = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) offsets[a + 1] = offsets[a] + couplings[a].channels.cols;
  const r = offsets[n];
  const w = cmatrix(size, r);
  for (let a = 0; a < n; a++) {
    const c = couplings[a].channels;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < c.cols; j++) {
        w.re[i * r + offsets[a] + j] = c.re[i * c.cols + j];
        w.im[i * r + offsets[a] + j] = c.im[i * c.cols + j];
      }
    }
  }
  return { w, offsets };
}

/**
 * Prepare the transmission of a tight-binding Hamiltonian H (N × N, Hermitian, eV) with n
 * wide-band couplings. Set-up O(N³ + N² r); each {@link TransmissionEngine.evaluate} O(N r² + r³).
 * @example
 * ```ts
 * import { benzene, localCoupling, transmissionEngine } from 'probecheck';
 *
 * const couplings = [localCoupling(6, [0], 0.5), localCoupling(6, [3], 0.5)];
 * const engine = transmissionEngine(benzene(-2.64), couplings);
 * const t = new Float64Array(engine.terminals ** 2); // n × n, row-major
 * for (const energy of [-2.64, 0, 1.32]) {
 *   engine.evaluate(energy, t);
 *   console.log(energy, t[0 * 2 + 1]); // T_LR(E)
 * }
 * ```
 */
export function transmissionEngine(h: CMatrix, couplings: readonly Coupling[], options: TransmissionOptions = {}): TransmissionEngine {
  const N = h.rows;
  const n = couplings.length;
  for (const c of couplings) if (c.channels.rows !== N) throw new Error('transmissionEngine: coupling size does not match H');
  const { w, offsets } = stackChannels(couplings);
  const r = w.cols;
  const inSE = new Uint8Array(r);
  for (let a = 0; a < n; a++) {
    const flag = options.inSelfEnergy ? options.inSelfEnergy[a] !== false : true;
    for (let j = offsets[a]; j < offsets[a + 1]; j++) inSE[j] = flag ? 1 : 0;
  }
  const testTerminal = new Uint8Array(n);
  for (let a = 0; a < n; a++) testTerminal[a] = options.inSelfEnergy && options.inSelfEnergy[a] === false ? 1 : 0;
  const eig = hermitianEigen(h, cadjoint(w)); // projected = W† U (r × N): column k is c_k
  const levels = eig.values;
  const P = eig.projected;
  // Keep modes that couple to the self-energy channels; store c_k c_k† (upper triangle) per mode.
  const modeIdx: number[] = [];
  const weights: number[] = [];
  let wmax = 0;
  const wk = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    let s = 0;
    for (let a = 0; a < r; a++) if (inSE[a]) s += P.re[a * N + k] ** 2 + P.im[a * N + k] ** 2;
    wk[k] = s;
    wmax = Math.max(wmax, s);
  }
  const dropBelow = wmax * 1e-30;
  for (let k = 0; k < N; k++)
    if (wk[k] > dropBelow) {
      modeIdx.push(k);
      weights.push(wk[k]);
    }
  const M = modeIdx.length;
  const eps = new Float64Array(M);
  const wgt = Float64Array.from(weights);
  const cRe = new Float64Array(M * r),
    cIm = new Float64Array(M * r); // c_k components
  const rr = r * r;
  const qRe = new Float64Array(M * rr),
    qIm = new Float64Array(M * rr); // c_k c_k†
  modeIdx.forEach((k, m) => {
    eps[m] = levels[k];
    for (let a = 0; a < r; a++) {
      cRe[m * r + a] = P.re[a * N + k];
      cIm[m * r + a] = P.im[a * N + k];
    }
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < r; b++) {
        const ar = cRe[m * r + a],
          ai = cIm[m * r + a],
          br = cRe[m * r + b],
          bi = -cIm[m * r + b];
        qRe[m * rr + a * r + b] = ar * br - ai * bi;
        qIm[m * rr + a * r + b] = ar * bi + ai * br;
      }
    }
  });
  let wMaxKept = 0;
  for (let m = 0; m < M; m++) wMaxKept = Math.max(wMaxKept, wgt[m]);

  // Work buffers (bordered system grows only when near-resonant modes appear).
  const sRe = new Float64Array(rr),
    sIm = new Float64Array(rr),
    sAbs = new Float64Array(rr); // Σ_k |q_k|/|E − ε_k| over the summed modes (noise estimate only)
  const near: number[] = [];
  let sys: CMatrix = cmatrix(r, r);
  let rhs: CMatrix = cmatrix(r, r);
  let pivots = new Int32Array(r);

  function lowerBound(x: number): number {
    let lo = 0,
      hi = M;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (eps[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function evaluate(energy: number, out: Float64Array, noise?: Float64Array): void {
    near.length = 0;
    if (noise) sAbs.fill(0);
    for (let m = lowerBound(energy - wMaxKept); m < M && eps[m] <= energy + wMaxKept; m++) {
      if (Math.abs(energy - eps[m]) < wgt[m]) near.push(m);
    }
    sRe.fill(0);
    sIm.fill(0);
    let nearPos = 0;
    for (let m = 0; m < M; m++) {
      if (nearPos < near.length && near[nearPos] === m) {
        nearPos++;
        continue;
      }
      const inv = 1 / (energy - eps[m]);
      const base = m * rr;
      for (let x = 0; x < rr; x++) {
        sRe[x] += inv * qRe[base + x];
        sIm[x] += inv * qIm[base + x];
      }
      if (noise) {
        const ai = Math.abs(inv);
        for (let x = 0; x < rr; x++) sAbs[x] += ai * (Math.abs(qRe[base + x]) + Math.abs(qIm[base + x]));
      }
    }
    const nn = near.length;
    const dim = nn + r;
    if (sys.rows !== dim) {
      sys = cmatrix(dim, dim);
      rhs = cmatrix(dim, r);
    }
    sys.re.fill(0);
    sys.im.fill(0);
    // rows 0..nn-1: (E − ε_k) a_k + (i/2) c_k,s† K_s = c_k†
    for (let p = 0; p < nn; p++) {
      const m = near[p];
      sys.re[p * dim + p] = energy - eps[m];
      for (let b = 0; b < r; b++) {
        if (!inSE[b]) continue;
        // (i/2) conj(c_kb)
        const cr = cRe[m * r + b],
          ci = -cIm[m * r + b];
        sys.re[p * dim + nn + b] = -0.5 * ci;
        sys.im[p * dim + nn + b] = 0.5 * cr;
      }
      for (let b = 0; b < r; b++) {
        rhs.re[p * r + b] = cRe[m * r + b];
        rhs.im[p * r + b] = -cIm[m * r + b];
      }
    }
    // rows nn..nn+r-1: −Σ_k c_k a_k + (I + (i/2) S_F[:, s]) K = S_F
    for (let a = 0; a < r; a++) {
      const row = nn + a;
      for (let p = 0; p < nn; p++) {
        const m = near[p];
        sys.re[row * dim + p] = -cRe[m * r + a];
        sys.im[row * dim + p] = -cIm[m * r + a];
      }
      for (let b = 0; b < r; b++) {
        let vr = a === b ? 1 : 0,
          vi = 0;
        if (inSE[b]) {
          vr += -0.5 * sIm[a * r + b];
          vi += 0.5 * sRe[a * r + b];
        }
        sys.re[row * dim + nn + b] = vr;
        sys.im[row * dim + nn + b] = vi;
        rhs.re[row * r + b] = sRe[a * r + b];
        rhs.im[row * r + b] = sIm[a * r + b];
      }
    }
    if (pivots.length < dim) pivots = new Int32Array(dim);
    const piv = luFactor(sys, pivots);
    if (!piv) throw new Error(`transmission: singular Dyson system at E = ${energy}`);
    luSolve(sys, piv, rhs);
    // K = rows nn.. of the solution; T_αβ = Σ |K_ab|², a ∈ α, b ∈ β
    for (let al = 0; al < n; al++) {
      for (let be = 0; be < n; be++) {
        if (al === be || (testTerminal[al] && testTerminal[be])) {
          out[al * n + be] = 0;
          continue;
        }
        let t = 0;
        for (let a = offsets[al]; a < offsets[al + 1]; a++) {
          for (let b = offsets[be]; b < offsets[be + 1]; b++) {
            const idx = (nn + a) * r + b;
            t += rhs.re[idx] * rhs.re[idx] + rhs.im[idx] * rhs.im[idx];
          }
        }
        out[al * n + be] = t;
      }
    }
    if (noise) noiseOf(noise, nn);
  }

  // docs/physics.md §13 "The noise floor": δK_ab ≲ c·ε·(Σ_k |q_k,ab|/|E − ε_k| + |K_ab|) (the near
  // modes enter the bordered solve exactly, its own rounding relative to K), δT_αβ ≤ Σ 2|K|δK + δK².
  function noiseOf(noise: Float64Array, nn: number): void {
    const c = TRANSMISSION_NOISE_ROUNDING * Number.EPSILON;
    for (let al = 0; al < n; al++)
      for (let be = 0; be < n; be++) {
        if (al === be || (testTerminal[al] && testTerminal[be])) {
          noise[al * n + be] = 0;
          continue;
        }
        let d = 0;
        for (let a = offsets[al]; a < offsets[al + 1]; a++)
          for (let b = offsets[be]; b < offsets[be + 1]; b++) {
            const idx = (nn + a) * r + b;
            const k = Math.abs(rhs.re[idx]) + Math.abs(rhs.im[idx]);
            const dk = c * (sAbs[a * r + b] + k);
            d += 2 * k * dk + dk * dk;
          }
        noise[al * n + be] = d;
      }
  }
  const resonances: Array<readonly [number, number]> = [];
  for (let m = 0; m < M; m++) resonances.push([eps[m], wgt[m]]);
  return { terminals: n, channels: r, levels, resonances, evaluate, estimatesNoise: true };
}

/**
 * Reference transmission by direct inversion of the N × N resolvent at one energy (O(N³)).
 * Independent of {@link transmissionEngine}; used by tests and for cross-checks.
 */
export function transmissionDirect(h: CMatrix, couplings: readonly Coupling[], energy: number, options: TransmissionOptions = {}): Float64Array {
  const N = h.rows,
    n = couplings.length;
  const a = cmatrix(N, N);
  for (let i = 0; i < N * N; i++) {
    a.re[i] = -h.re[i];
    a.im[i] = -h.im[i];
  }
  for (let i = 0; i < N; i++) a.re[i * N + i] += energy;
  couplings.forEach((c, al) => {
    if (options.inSelfEnergy && options.inSelfEnergy[al] === false) return;
    for (let i = 0; i < N * N; i++) {
      a.re[i] -= 0.5 * c.gamma.im[i];
      a.im[i] += 0.5 * c.gamma.re[i];
    }
  });
  const g = cinverse(a);
  const gd = cadjoint(g);
  const out = new Float64Array(n * n);
  for (let al = 0; al < n; al++) {
    for (let be = 0; be < n; be++) {
      if (al === be) continue;
      const testA = options.inSelfEnergy && options.inSelfEnergy[al] === false;
      const testB = options.inSelfEnergy && options.inSelfEnergy[be] === false;
      if (testA && testB) continue;
      const prod = cmatmul(cmatmul(cmatmul(couplings[al].gamma, g), couplings[be].gamma), gd);
      let tr = 0;
      for (let i = 0; i < N; i++) tr += prod.re[i * N + i];
      out[al * n + be] = tr;
    }
  }
  return out;
}
