/**
 * Onsager functions (docs/physics.md §3, paper Eq. 2):
 *
 *   L^(ν)_αβ = ∫ dE (E − μ0)^ν T_αβ(E) (−∂f0/∂E),   ν = 0, 1, 2   (units eV^ν),
 *
 * by two independent routes that are checked against each other in the tests:
 *  1. {@link onsagerQuadrature}: adaptive Gauss–Kronrod over x = (E − μ0)/k_BT0 ∈ [−40, 40]
 *     (the weight e^x/(1+e^x)² < 4.3e-18 beyond), transmissions from the channel-space Dyson
 *     engine, breakpoints at every resonance inside the window.
 *  2. {@link onsagerClosedForm}: T_αβ as a sum of poles (poles.ts) and the exact Fermi-window
 *     integral of each pole through the complex trigamma (polygamma.ts).
 *
 * Also the 2n × 2n Onsager matrix M = [[𝓛0, 𝓛1], [𝓛1, 𝓛2]] with 𝓛^(ν)_αα = −Σ_{β≠α} L^(ν)_αβ,
 * so that h (J^N, J^Q) = M (μ, T/T0) (paper Eq. 1, currents into each terminal).
 */
import { fermiWindowTable } from './polygamma.js';
import { integrateAdaptive, type LorentzianPanel } from './quadrature.js';
import type { PoleExpansion } from './poles.js';
import { TRANSMISSION_NOISE_ROUNDING, type TransmissionEngine } from './transmission.js';
import type { PointTransmission } from './pointTransmission.js';

/** Onsager coefficients of an n-terminal system at one reference point (μ0, T0). */
export interface Onsager {
  readonly terminals: number;
  /** L^(0)_αβ (dimensionless), n × n row-major, diagonal 0. */
  readonly L0: Float64Array;
  /** L^(1)_αβ (eV). */
  readonly L1: Float64Array;
  /** L^(2)_αβ (eV²). */
  readonly L2: Float64Array;
  /** How they were computed, when known ("closed-form" or "quadrature"). */
  readonly method?: 'closed-form' | 'quadrature' | 'sparse-quadrature';
  /** Why `method` differs from the one asked for (e.g. energy-dependent leads: no closed form). */
  readonly methodReason?: string;
  /** With energy-resolved probes: their linear-response moments (docs/physics.md §8; energyResolved.ts). */
  readonly energyResolved?: import('./energyResolved.js').ErMoments;
  /** Estimated absolute errors (same layout as L0/L1/L2), when the method provides one. */
  readonly error?: { readonly L0: Float64Array; readonly L1: Float64Array; readonly L2: Float64Array };
}

/** Reference point of linear response: chemical potential μ0 (eV) and temperature T0 (K). */
export interface Reference {
  readonly mu: number;
  readonly temperature: number;
}

/**
 * Closed-form Onsager coefficients from a pole expansion: with Φ_ν from
 * {@link fermiWindowKernels}, L^(ν)_αβ = 2 Re Σ_k a^{αβ}_k Φ_ν(λ_k − μ0).
 * Cost O(M n²) per reference point (M poles), no quadrature.
 *
 * With `at` = T_αβ(μ0) (and, as a {@link PointTransmission}, T′_αβ(μ0)) from an independent,
 * zero-accurate evaluation, the zero-temperature parts are subtracted analytically
 * (docs/physics.md §13): since Φ_0 + 1/w = Φ_1/w, 2 Re Σ_k a_k(−1/w_k) = T(μ0) and
 * 2 Re Σ_k a_k(−1/w_k²) = T′(μ0),
 *   L^(0) = T(μ0) + 2 Re Σ_k a_k Φ_1/w_k,
 *   L^(1) = (π²/3)(k_BT)² T′(μ0) + 2 Re Σ_k a_k R_1(w_k),
 *   L^(2) = (π²/3)(k_BT)² T(μ0) + 2 Re Σ_k a_k w_k R_1(w_k)   (R_1 = Φ_1 + (π²/3)(k_BT)²/w²),
 * whose pole sums are of the size of the thermal corrections only: at a node the sums no longer
 * cancel from O(1) to O((k_BT)²). Each coefficient takes the plain or the subtracted sum, whichever
 * has the smaller estimated error (a plain Float64Array `at` gives T only: L^(1) stays plain).
 *
 * Every coefficient carries an estimated absolute error (`error`): rounding of the terms and of
 * the pole positions (see CLOSED_FORM_ROUNDING), and of T(μ0), T′(μ0).
 * @param kT k_B T0 in eV
 * @param at optional T_αβ(μ0) (n², row-major) or T and T′ with their errors, see above
 * @example
 * ```ts
 * import { K_B_EV, chain, localCoupling, onsagerClosedForm, onsagerQuadrature, poleExpansion, transmissionEngine } from 'probecheck';
 *
 * const h = chain(4, -1);
 * const couplings = [localCoupling(4, [0], 0.3), localCoupling(4, [3], 0.3)];
 * const kT = K_B_EV * 300;
 * const closed = onsagerClosedForm(poleExpansion(h, couplings), 0.1, kT);
 * const quad = onsagerQuadrature(transmissionEngine(h, couplings), 0.1, kT);
 * console.log(closed.L1[1], quad.L1[1]); // two independent routes, same number
 * ```
 */
export function onsagerClosedForm(p: PoleExpansion, mu: number, kT: number, at?: Float64Array | PointTransmission): Onsager {
  const { L0, L1, L2, error } = closedFormArrays(p.terminals * p.terminals);
  let kernel = kernels.get(p);
  if (!kernel) {
    kernel = closedFormKernel(p);
    kernels.set(p, kernel);
  }
  kernel.evaluate(mu, kT, at ?? null, L0, L1, L2, 0, error);
  return { terminals: p.terminals, L0, L1, L2, method: 'closed-form', error };
}

/**
 * L^(0,1,2) and their error arrays (n² each) for one closed-form result, as six views of one
 * buffer: one backing store instead of six (each Float64Array of more than 64 bytes has its own
 * off-heap store, whose allocation and sweeping cost more than the 9-entry arrays themselves).
 */
export function closedFormArrays(nn: number): { L0: Float64Array; L1: Float64Array; L2: Float64Array; error: OnsagerErrorArrays } {
  const b = new ArrayBuffer(48 * nn),
    at = (k: number) => new Float64Array(b, 8 * k * nn, nn); // (faster than subarray: no species lookup)
  return { L0: at(0), L1: at(1), L2: at(2), error: { L0: at(3), L1: at(4), L2: at(5) } };
}

/**
 * The prepared kernel of each pole expansion {@link onsagerClosedForm} has met (held as long as the
 * expansion is): its per-pole tables cost ~10× one evaluation, so repeated single-point calls on one
 * expansion (a user's own μ0 loop) prepare them once. A pole expansion is not modified after
 * {@link poleExpansion} returns it; the kernel's scratch buffers are used only within one synchronous
 * `evaluate`, so sharing it is safe.
 */
const kernels = new WeakMap<PoleExpansion, ClosedFormKernel>();

/** Absolute error arrays of the Onsager coefficients (n² each), written by {@link ClosedFormKernel.evaluate}. */
export interface OnsagerErrorArrays {
  readonly L0: Float64Array;
  readonly L1: Float64Array;
  readonly L2: Float64Array;
}

/**
 * The closed form of one pole expansion prepared for many reference points (a scan): scratch
 * buffers are allocated once, {@link ClosedFormKernel.evaluate} allocates nothing.
 */
export interface ClosedFormKernel {
  readonly terminals: number;
  /**
   * L^(ν) at (μ0 = `mu`, k_BT0 = `kT`) into `L0`, `L1`, `L2` at offset `off` (n² each), their
   * estimated absolute errors into `error` (when given, at offset 0); returns the worst estimated
   * error relative to the natural scales (as {@link worstRelativeError}). `at` as in
   * {@link onsagerClosedForm} (null: plain pole sums only).
   */
  evaluate(
    mu: number,
    kT: number,
    at: Float64Array | PointTransmission | null,
    L0: Float64Array,
    L1: Float64Array,
    L2: Float64Array,
    off: number,
    error?: OnsagerErrorArrays | null,
  ): number;
}

/**
 * Prepare the allocation-free closed form of a pole expansion (docs/physics.md §3, §13); see
 * {@link onsagerClosedForm} for the formulas and the error model.
 */
export function closedFormKernel(p: PoleExpansion): ClosedFormKernel {
  const n = p.terminals,
    M = p.poles,
    nn = n * n;
  // the off-diagonal pairs with any non-zero residue (the others are 0 with error 0)
  const active: number[] = [];
  for (let ab = 0; ab < nn; ab++) {
    if (ab % (n + 1) === 0) continue;
    let any = false;
    for (let k = 0; k < M && !any; k++) any = p.residueRe[ab * M + k] !== 0 || p.residueIm[ab * M + k] !== 0;
    if (any) active.push(ab);
  }
  const pairs = Int32Array.from(active);
  // the entries that stay 0 (the diagonal and the pairs without residues): cleared at every point
  const zero = Int32Array.from({ length: nn }, (_, ab) => ab).filter((ab) => !active.includes(ab));
  // per pole: the kernels of the plain sums (F), of the subtracted sums (G), and the sizes of their
  // terms per unit residue (m, g) for the rounding-error model (docs/physics.md §13)
  // (these tables, and the Φ cache and plain sums below, are views of one buffer: one off-heap
  // store per kernel instead of eleven; a scan prepares a kernel per γ)
  // (no destructuring of an array of views: V8 deoptimised it on an array map, --trace-deopt)
  const store = new ArrayBuffer(8 * (26 * M + 4 * nn + nn * M + 6 * pairs.length));
  let used = 0;
  const take = (len: number) => {
    const a = new Float64Array(store, 8 * used, len);
    used += len;
    return a;
  };
  const F = take(6 * M),
    G = take(6 * M),
    mF = take(3 * M),
    mG = take(3 * M),
    E0 = take(nn),
    E1 = take(nn),
    E2 = take(nn),
    Tb = take(nn),
    amp = take(nn * M),
    phiCache = take(8 * M),
    plain = take(6 * pairs.length);
  // Tb = 2 Σ_k |a_k|/|Im λ_k| ≥ max_E |T_αβ(E)|: the magnitude scale of T_αβ for the rounding of a
  // double-precision T(μ0) given as a plain array
  // amp = 2 max(|a_k|, residueAbs_k), per pair and pole
  for (let ab = 0; ab < nn; ab++)
    for (let k = 0; k < M; k++) {
      const ar = p.residueRe[ab * M + k],
        ai = p.residueIm[ab * M + k];
      amp[ab * M + k] = 2 * Math.max(Math.sqrt(ar * ar + ai * ai), p.residueAbs ? p.residueAbs[ab * M + k] : 0); // (Math.hypot is slow in V8)
      Tb[ab] += amp[ab * M + k] / Math.abs(p.lambdaIm[k]);
    }
  let lambdaMax = 0;
  for (let k = 0; k < M; k++) lambdaMax = Math.max(lambdaMax, Math.sqrt(p.lambdaRe[k] ** 2 + p.lambdaIm[k] ** 2));
  // Rounding model: every term carries a relative error ≲ c·ε (kernels ~1e-15 relative, residues
  // ~κ²ε near an exceptional point), the sum therefore an absolute error ≲ c·ε·Σ|terms|, with
  // c = CLOSED_FORM_ROUNDING·(1 + κ²).
  const c = CLOSED_FORM_ROUNDING * (1 + p.maxCondition * p.maxCondition) * Number.EPSILON;
  const spread = (p.degeneracySpread ?? 0) / Number.EPSILON;
  const tmp = new Float64Array(2);
  const aRe = p.residueRe,
    aIm = p.residueIm;

  return new ClosedForm({
    p,
    n,
    M,
    nn,
    pairs,
    zero,
    F,
    G,
    mF,
    mG,
    E0,
    E1,
    E2,
    Tb,
    amp,
    lambdaMax,
    c,
    spread,
    tmp,
    aRe,
    aIm,
    phiCache,
    plain,
  });
}

/** Prepared data of {@link closedFormKernel} (one object, so that every kernel shares the optimised code). */
interface ClosedFormWork {
  readonly p: PoleExpansion;
  readonly n: number;
  readonly M: number;
  readonly nn: number;
  readonly pairs: Int32Array;
  readonly zero: Int32Array;
  readonly F: Float64Array;
  readonly G: Float64Array;
  readonly mF: Float64Array;
  readonly mG: Float64Array;
  readonly E0: Float64Array;
  readonly E1: Float64Array;
  readonly E2: Float64Array;
  readonly Tb: Float64Array;
  readonly amp: Float64Array;
  readonly lambdaMax: number;
  readonly c: number;
  readonly spread: number;
  readonly tmp: Float64Array;
  readonly aRe: Float64Array;
  readonly aIm: Float64Array;
  /** Φ_ν and R_1 of every pole at the last (μ0, k_BT) evaluated (8 per pole): a second tier at the same point reuses them. */
  readonly phiCache: Float64Array;
  /** The plain sums v_ν and their error bounds e_ν of every pair (6 per pair) at that point. */
  readonly plain: Float64Array;
}

/**
 * The kernel as a class (not a closure): V8 keeps type feedback per closure, so a fresh closure per
 * pole expansion (per γ of a scan) would start cold each time; a prototype method is shared.
 */
class ClosedForm implements ClosedFormKernel {
  readonly terminals: number;
  private lastMu = NaN;
  private lastKT = NaN;
  constructor(private readonly w: ClosedFormWork) {
    this.terminals = w.n;
  }

  evaluate(
    mu: number,
    kT: number,
    at: Float64Array | PointTransmission | null,
    L0: Float64Array,
    L1: Float64Array,
    L2: Float64Array,
    off: number,
    error?: OnsagerErrorArrays | null,
  ): number {
    const { p, M, pairs, zero, F, G, mF, mG, E0, E1, E2, Tb, amp, lambdaMax, c, spread, tmp, aRe, aIm, phiCache, plain } = this.w;
    const sub = at !== null;
    const point = sub && !(at instanceof Float64Array) ? at : null;
    const som = ((Math.PI * Math.PI) / 3) * kT * kT;
    // Energy scale of H_eff: the poles carry absolute errors ~ε·κ·eScale.
    const eScale = Math.max(Math.abs(mu), lambdaMax);
    const cached = mu === this.lastMu && kT === this.lastKT;
    this.lastMu = mu;
    this.lastKT = kT;
    const lambdaRe = p.lambdaRe,
      lambdaIm = p.lambdaIm;
    const piKT = Math.PI * kT,
      nearRadius = 16 * Math.PI * kT;
    // Φ_ν and R_1 of every pole at phiCache[8k …]: computed in place, or kept from the last call at this point
    if (!cached) fermiWindowTable(lambdaRe, lambdaIm, M, mu, kT, phiCache, true, tmp);
    for (let k = 0; k < M; k++) {
      const wr = lambdaRe[k] - mu,
        wi = lambdaIm[k];
      // Φ_ν and R_1 of pole k at phiCache[8k …]
      const h = 8 * k;
      // A pole displaced by δλ changes Φ_ν by ≈ |Φ_ν|·δλ/max(|λ − μ|, πk_BT) (Φ_ν varies on the
      // scale of the distance to μ, or of the Fermi window when closer): relative factor
      // 1 + eScale/max(|w|, πk_BT) on top of the terms' own rounding.
      // (levels merged as degenerate are displaced by up to degeneracySpread: the same effect)
      const d = wr * wr + wi * wi;
      const wabs = Math.sqrt(d);
      const dist = Math.max(wabs, piKT);
      const pos = 1 + eScale / dist + spread / dist;
      const f1r = phiCache[h + 2],
        f1i = phiCache[h + 3];
      if (!cached) {
        // (at the point of the last call F and mF, and the plain sums below, are those of that call)
        const f0r = phiCache[h],
          f0i = phiCache[h + 1],
          f2r = phiCache[h + 4],
          f2i = phiCache[h + 5];
        F[6 * k] = f0r;
        F[6 * k + 1] = f0i;
        F[6 * k + 2] = f1r;
        F[6 * k + 3] = f1i;
        F[6 * k + 4] = f2r;
        F[6 * k + 5] = f2i;
        mF[3 * k] = pos * Math.sqrt(f0r * f0r + f0i * f0i);
        mF[3 * k + 1] = pos * Math.sqrt(f1r * f1r + f1i * f1i);
        mF[3 * k + 2] = pos * Math.sqrt(f2r * f2r + f2i * f2i);
      }
      if (!sub) continue;
      // Φ_1/w, R_1 and w R_1; the near-pole R_1 is Φ_1 minus the Sommerfeld term, both counted
      const g0r = (f1r * wr + f1i * wi) / d,
        g0i = (f1i * wr - f1r * wi) / d;
      const g1r = phiCache[h + 6],
        g1i = phiCache[h + 7];
      const g2r = wr * g1r - wi * g1i,
        g2i = wr * g1i + wi * g1r;
      const near = wabs < nearRadius;
      G[6 * k] = g0r;
      G[6 * k + 1] = g0i;
      G[6 * k + 2] = g1r;
      G[6 * k + 3] = g1i;
      G[6 * k + 4] = g2r;
      G[6 * k + 5] = g2i;
      mG[3 * k] = pos * Math.sqrt(g0r * g0r + g0i * g0i);
      mG[3 * k + 1] = pos * (Math.sqrt(g1r * g1r + g1i * g1i) + (near ? som / d : 0));
      mG[3 * k + 2] = pos * (Math.sqrt(g2r * g2r + g2i * g2i) + (near ? som / wabs : 0));
    }
    // every pair is written below; the rest are 0 with error 0
    for (let q = 0; q < zero.length; q++) {
      const ab = zero[q];
      L0[off + ab] = 0;
      L1[off + ab] = 0;
      L2[off + ab] = 0;
      E0[ab] = 0;
      E1[ab] = 0;
      E2[ab] = 0;
    }
    let max0 = 0,
      max2 = 0;
    for (let q = 0; q < pairs.length; q++) {
      const ab = pairs[q],
        base = ab * M;
      // plain sums and the sizes of their terms (kept per pair: a second tier at the same point reuses them)
      let v0 = 0,
        v1 = 0,
        v2 = 0,
        e0 = 0,
        e1 = 0,
        e2 = 0;
      if (cached) {
        v0 = plain[6 * q];
        v1 = plain[6 * q + 1];
        v2 = plain[6 * q + 2];
        e0 = plain[6 * q + 3];
        e1 = plain[6 * q + 4];
        e2 = plain[6 * q + 5];
      } else {
        for (let k = 0; k < M; k++) {
          const ar = aRe[base + k],
            ai = aIm[base + k],
            am = amp[base + k];
          v0 += ar * F[6 * k] - ai * F[6 * k + 1];
          v1 += ar * F[6 * k + 2] - ai * F[6 * k + 3];
          v2 += ar * F[6 * k + 4] - ai * F[6 * k + 5];
          e0 += am * mF[3 * k];
          e1 += am * mF[3 * k + 1];
          e2 += am * mF[3 * k + 2];
        }
        v0 *= 2;
        v1 *= 2;
        v2 *= 2;
        e0 *= c;
        e1 *= c;
        e2 *= c;
        plain[6 * q] = v0;
        plain[6 * q + 1] = v1;
        plain[6 * q + 2] = v2;
        plain[6 * q + 3] = e0;
        plain[6 * q + 4] = e1;
        plain[6 * q + 5] = e2;
      }
      if (sub) {
        let s0 = 0,
          s1 = 0,
          s2 = 0,
          b0 = 0,
          b1 = 0,
          b2 = 0;
        for (let k = 0; k < M; k++) {
          const ar = aRe[base + k],
            ai = aIm[base + k],
            am = amp[base + k];
          s0 += ar * G[6 * k] - ai * G[6 * k + 1];
          s1 += ar * G[6 * k + 2] - ai * G[6 * k + 3];
          s2 += ar * G[6 * k + 4] - ai * G[6 * k + 5];
          b0 += am * mG[3 * k];
          b1 += am * mG[3 * k + 1];
          b2 += am * mG[3 * k + 2];
        }
        let t: number, eT: number;
        if (point) {
          t = point.t[ab];
          eT = point.tError[ab];
          // L^(1): the Sommerfeld term with T′ from the point evaluation (docs/physics.md §13)
          const dt = point.dt[ab];
          const f1 = c * b1 + som * (point.dtError[ab] + 2 * Number.EPSILON * Math.abs(dt));
          if (f1 < e1) {
            v1 = som * dt + 2 * s1;
            e1 = f1;
          }
        } else {
          t = (at as Float64Array)[ab];
          // T = ‖K‖²: δT ≈ 2‖K‖·δK with δK ≲ ε·(the scale of K, √Tb): rounding ≲ 16ε(T + √(T·Tb))
          eT = 16 * Number.EPSILON * (Math.abs(t) + Math.sqrt(Math.abs(t) * Tb[ab]));
        }
        const f0 = c * b0 + eT + Number.EPSILON * Math.abs(t);
        if (f0 < e0) {
          v0 = t + 2 * s0;
          e0 = f0;
        }
        const f2 = c * b2 + som * (eT + 2 * Number.EPSILON * Math.abs(t));
        if (f2 < e2) {
          v2 = som * t + 2 * s2;
          e2 = f2;
        }
      }
      L0[off + ab] = v0;
      L1[off + ab] = v1;
      L2[off + ab] = v2;
      E0[ab] = e0;
      E1[ab] = e1;
      E2[ab] = e2;
      if (Math.abs(v0) > max0) max0 = Math.abs(v0);
      if (Math.abs(v2) > max2) max2 = Math.abs(v2);
    }
    if (error) {
      error.L0.set(E0);
      error.L1.set(E1);
      error.L2.set(E2);
    }
    // worst estimated error relative to the natural scales (onsagerScales, worstRelativeError)
    let worst = 0;
    for (let q = 0; q < pairs.length; q++) {
      const ab = pairs[q];
      const s0 = Math.max(Math.abs(L0[off + ab]), 1e-12 * max0),
        s2 = Math.max(Math.abs(L2[off + ab]), 1e-12 * max2);
      const s1 = Math.sqrt(s0 * s2);
      const r0 = E0[ab] / s0,
        r1 = E1[ab] / s1,
        r2 = E2[ab] / s2;
      // NaN (0/0: a pair with no coupling at all) counts as exact; anything else non-finite as Infinity
      if (!(r0 <= worst)) worst = Number.isNaN(r0) ? (E0[ab] === 0 ? worst : Infinity) : r0;
      if (!(r1 <= worst)) worst = Number.isNaN(r1) ? (E1[ab] === 0 ? worst : Infinity) : r1;
      if (!(r2 <= worst)) worst = Number.isNaN(r2) ? (E2[ab] === 0 ? worst : Infinity) : r2;
    }
    return worst;
  }
}

/**
 * Safety factor of the closed form's rounding-error model (measured: the actual error of the
 * pole sums is below 1·ε·Σ|terms| over the benzene node/antiresonance from 1 mK to 3000 K and
 * random systems; test/numeric/accuracy.test.ts checks estimate ≥ actual).
 */
export const CLOSED_FORM_ROUNDING = 8;

/**
 * Natural scales s_ν of every coefficient (docs/physics.md §13): s_0 = |L^(0)_αβ|, s_2 =
 * |L^(2)_αβ|, each floored at 1e-12 of the largest of its kind (pairs that barely couple need only
 * absolute accuracy), and s_1 = √(s_0 s_2) (Cauchy–Schwarz: |L^(1)| ≤ √(L^(0) L^(2))).
 */
export function onsagerScales(o: Onsager): [Float64Array, Float64Array, Float64Array] {
  const nn = o.L0.length;
  const s0 = new Float64Array(nn),
    s1 = new Float64Array(nn),
    s2 = new Float64Array(nn);
  let m0 = 0,
    m2 = 0;
  for (let i = 0; i < nn; i++) {
    m0 = Math.max(m0, Math.abs(o.L0[i]));
    m2 = Math.max(m2, Math.abs(o.L2[i]));
  }
  for (let i = 0; i < nn; i++) {
    s0[i] = Math.max(Math.abs(o.L0[i]), 1e-12 * m0);
    s2[i] = Math.max(Math.abs(o.L2[i]), 1e-12 * m2);
    s1[i] = Math.sqrt(s0[i] * s2[i]);
  }
  return [s0, s1, s2];
}

/**
 * Largest ratio (estimated error)/(natural scale) over every coefficient of `o` (0 when `o`
 * carries no error estimate is never returned: Infinity then). A result whose ratio exceeds the
 * caller's target must not be used silently.
 */
export function worstRelativeError(o: Onsager): number {
  if (!o.error) return Infinity;
  const s = onsagerScales(o);
  let worst = 0;
  (['L0', 'L1', 'L2'] as const).forEach((key, nu) => {
    const e = o.error![key];
    for (let i = 0; i < e.length; i++) {
      if (i % (o.terminals + 1) === 0) continue; // diagonal, always 0
      const r = e[i] / s[nu][i];
      if (!(r <= worst)) worst = Number.isNaN(r) ? (e[i] === 0 ? worst : Infinity) : r;
    }
  });
  return worst;
}

/** Options for {@link onsagerQuadrature}. */
export interface QuadratureOptions {
  /** Relative tolerance (default 1e-12) against the natural scale (k_BT)^ν · L^(0)_αβ of each coefficient. */
  readonly rtol?: number;
  /** Half-width of the window in units of k_BT (default 40). */
  readonly window?: number;
  /** Resonances (energy, width) in eV, used as breakpoints. */
  readonly resonances?: ReadonlyArray<readonly [number, number]>;
  /** Further breakpoints (energies in eV), e.g. band edges of energy-dependent leads. */
  readonly breakpoints?: readonly number[];
  /**
   * Integrate around each resonance in the Lorentzian variable (x = x_k + η_k tan θ, η_k = width/2,
   * see {@link lorentzianLayout}) instead of seeding 7 breakpoints per resonance (default false).
   */
  readonly lorentzian?: boolean;
}

/** Result of {@link onsagerQuadrature}, with its own error estimate. */
export interface OnsagerQuadrature extends Onsager {
  /**
   * Estimated absolute errors, same layout as L0/L1/L2: the Gauss–Kronrod estimate Σ|K15 − G7|
   * plus the input-resolution term `resolution`·|∂L/∂μ0|.
   */
  readonly error: { readonly L0: Float64Array; readonly L1: Float64Array; readonly L2: Float64Array };
  /** ∂L^(ν)_αβ/∂μ0 (eV^{ν−1}): the response to a common shift of every level. */
  readonly sensitivity: { readonly L0: Float64Array; readonly L1: Float64Array; readonly L2: Float64Array };
  /** Energy resolution of the levels of H in double precision (eV), ~ε·(‖H‖ + |μ0|). */
  readonly resolution: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/** −f′(x) = e^x/(1 + e^x)² = 1/(4 cosh²(x/2)), computed without overflow. */
export function fermiWindow(x: number): number {
  const ex = Math.exp(-Math.abs(x));
  return ex / ((1 + ex) * (1 + ex));
}

/**
 * Onsager coefficients by adaptive quadrature of T_αβ(μ0 + x k_BT)(k_BT x)^ν (−f′(x)) over
 * x ∈ [−window, window]. Every (ν, α, β) meets |error| ≤ max(rtol · (k_BT)^ν · max(L^(0)_αβ,
 * 1e-12 · max L^(0)), resolution · |∂L^(ν)_αβ/∂μ0|) — the second term is the input resolution of
 * double-precision levels (docs/physics.md §13), which only matters at low T where a coefficient
 * vanishes by symmetry (L^(1) at a particle–hole-symmetric node); the tail beyond 40 k_BT is below
 * 2e-15 of the ν = 2 moment.
 * @param kT k_B T0 in eV
 * @example
 * ```ts
 * import { K_B_EV, benzene, localCoupling, onsagerQuadrature, transmissionEngine } from 'probecheck';
 *
 * const engine = transmissionEngine(benzene(), [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5)]);
 * const o = onsagerQuadrature(engine, 0, K_B_EV * 300, { rtol: 1e-12 });
 * console.log(o.L0[1], o.evaluations); // L^(0)_LR and the number of T(E) evaluations
 * ```
 */
export function onsagerQuadrature(engine: TransmissionEngine, mu: number, kT: number, opts: QuadratureOptions = {}): OnsagerQuadrature {
  const n = engine.terminals,
    nn = n * n;
  const rtol = opts.rtol ?? 1e-12;
  const X = opts.window ?? 40;
  const t = new Float64Array(nn);
  // Components: L^(ν) (3nn) and the sensitivities D^(ν) = ∂L^(ν)/∂μ0 (3nn) through
  // ∂/∂μ0 [(E−μ0)^ν (−f′)] = −ν(E−μ0)^{ν−1}(−f′) + (E−μ0)^ν (−f′) tanh(x/2)/k_BT
  // (the −ν L^(ν−1) part is added at the end). They give the input-resolution floor below.
  // With an engine that estimates its rounding noise δT (docs/physics.md §13, "The noise floor"),
  // also N^(ν) = ∫ δT |E−μ0|^ν (−f′) dE (3nn): the floor below which no refinement can go.
  const noisy = engine.estimatesNoise === true;
  const dT = noisy ? new Float64Array(nn) : undefined;
  // integrated in E (the mesh in absolute energy, quadratureMesh): dE/k_BT (−f′(x)) with x = (E − μ0)/k_BT
  const f = (energy: number, out: Float64Array) => {
    engine.evaluate(energy, t, dT);
    moments(energy, t, out);
  };
  const moments = (energy: number, t: Float64Array, out: Float64Array) => {
    const e1 = energy - mu,
      x = e1 / kT;
    const wgt = fermiWindow(x) / kT;
    const th = Math.tanh(0.5 * x) / kT;
    for (let ab = 0; ab < nn; ab++) {
      const v = t[ab] * wgt;
      out[ab] = v;
      out[nn + ab] = v * e1;
      out[2 * nn + ab] = v * e1 * e1;
      out[3 * nn + ab] = v * th;
      out[4 * nn + ab] = v * e1 * th;
      out[5 * nn + ab] = v * e1 * e1 * th;
    }
    if (dT) {
      const a1 = Math.abs(e1);
      for (let ab = 0; ab < nn; ab++) {
        const d = dT[ab] * wgt;
        out[6 * nn + ab] = d;
        out[7 * nn + ab] = d * a1;
        out[8 * nn + ab] = d * a1 * a1;
      }
    }
  };
  // Energy resolution of the transmission in double precision: levels are known to ~ε·(‖H‖ + |μ0|)
  // (docs/physics.md §13), so no integration of T can resolve L^(ν) better than resolution·|∂L/∂μ0|.
  let eScale = Math.abs(mu);
  for (const l of engine.levels) eScale = Math.max(eScale, Math.abs(l));
  for (const [, w] of engine.resonances) eScale = Math.max(eScale, w);
  const resolution = QUADRATURE_RESOLUTION * Number.EPSILON * eScale;
  const floor = new Float64Array(3 * nn);
  const derivative = (est: Float64Array, into: Float64Array) => {
    for (let ab = 0; ab < nn; ab++) {
      into[ab] = est[3 * nn + ab];
      into[nn + ab] = est[4 * nn + ab] - est[ab];
      into[2 * nn + ab] = est[5 * nn + ab] - 2 * est[nn + ab];
    }
  };
  const scale = (est: Float64Array, out: Float64Array) => {
    let max0 = 0;
    for (let ab = 0; ab < nn; ab++) max0 = Math.max(max0, Math.abs(est[ab]));
    derivative(est, floor);
    for (let ab = 0; ab < nn; ab++) {
      const s0 = Math.max(Math.abs(est[ab]), 1e-12 * max0);
      out[ab] = s0;
      out[nn + ab] = s0 * kT;
      out[2 * nn + ab] = s0 * kT * kT;
      for (let nu = 0; nu < 3; nu++) {
        const i = nu * nn + ab;
        out[i] = Math.max(out[i], (resolution * Math.abs(floor[i])) / rtol);
        if (noisy) {
          // the noise floor: below the integrand's typical rounding (the bound ∫δT(…) without its
          // safety factor) no refinement can improve L^(ν) — e.g. far outside the band, where
          // every T is at its rounding level; the quadrature stops there
          out[i] = Math.max(out[i], est[6 * nn + i] / (TRANSMISSION_NOISE_ROUNDING * rtol));
          out[6 * nn + i] = Infinity; // the noise bounds: not integrated to any accuracy
        }
        out[3 * nn + i] = Infinity; // the sensitivities are only needed roughly
      }
    }
  };
  // an engine that evaluates two energies at once (the tridiagonal sparse kernel) gets the panels'
  // symmetric nodes in pairs: the same values, so the same coefficients bit for bit
  const evaluate2 = noisy ? undefined : engine.evaluate2?.bind(engine);
  const t2 = new Float64Array(evaluate2 ? nn : 0);
  const pair = evaluate2
    ? (e1: number, e2: number, out1: Float64Array, out2: Float64Array) => {
        evaluate2(e1, e2, t, t2);
        moments(e1, t, out1);
        moments(e2, t2, out2);
      }
    : undefined;
  const { lo, hi, breakpoints, lorentzian } = quadratureMesh(mu, kT, X, opts);
  const res = integrateAdaptive(f, (noisy ? 9 : 6) * nn, lo, hi, { rtol, scale, breakpoints, lorentzian, origin: mu, unit: kT, pair });
  const v = res.value,
    e = res.error;
  const sens = new Float64Array(3 * nn);
  derivative(v, sens);
  const err = new Float64Array(3 * nn);
  // the noise bound is added in full: the rounding of T is smooth in E (the mode sums), so the
  // panels' Gauss–Kronrod differences do not see it
  for (let i = 0; i < 3 * nn; i++) err[i] = e[i] + resolution * Math.abs(sens[i]) + (noisy ? v[6 * nn + i] : 0);
  return {
    terminals: n,
    method: 'quadrature',
    L0: v.slice(0, nn),
    L1: v.slice(nn, 2 * nn),
    L2: v.slice(2 * nn, 3 * nn),
    error: { L0: err.slice(0, nn), L1: err.slice(nn, 2 * nn), L2: err.slice(2 * nn) },
    sensitivity: { L0: sens.slice(0, nn), L1: sens.slice(nn, 2 * nn), L2: sens.slice(2 * nn) },
    resolution,
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

/**
 * The initial mesh of the Onsager quadratures over E ∈ [μ0 − X k_BT0, μ0 + X k_BT0] (one home for
 * {@link onsagerQuadrature} and the ER quadrature, so that on the same options both start from the
 * same panels and evaluate T(E) at the same energies): E = μ0 + k_BT0·{0, ±2, ±5, ±10, ±20}, the
 * energies in `opts.breakpoints`, and per resonance either its Lorentzian panel with graded
 * breakpoints (`opts.lorentzian`, {@link lorentzianLayout}) or breakpoints at ±8, ±2, ±½ widths and
 * the centre. Breakpoints sorted ascending.
 *
 * In absolute energy, not in x = (E − μ0)/k_BT0: the resonances' panels and breakpoints are then
 * computed from (ε_k, w_k) alone, so neighbouring μ0 of a scan (same T0) sample T at the very same
 * doubles E wherever their windows overlap and refine alike, and a memo of T(E) answers them
 * (transmissionMemo.ts; docs/physics.md §14, "Probe models side by side": "Neighbouring μ0").
 */
export function quadratureMesh(
  mu: number,
  kT: number,
  X: number,
  opts: Pick<QuadratureOptions, 'resonances' | 'breakpoints' | 'lorentzian'>,
): { lo: number; hi: number; breakpoints: number[]; lorentzian: LorentzianPanel[] | undefined } {
  const lo = mu - X * kT,
    hi = mu + X * kT;
  const inside = (e: number) => e > lo && e < hi;
  const breakpoints: number[] = [mu];
  let lorentzian: LorentzianPanel[] | undefined;
  if (opts.lorentzian) {
    const layout = lorentzianLayout(opts.resonances ?? [], mu, kT, X);
    lorentzian = layout.panels;
    breakpoints.push(...layout.breakpoints);
  } else {
    for (const [e0, width] of opts.resonances ?? []) {
      const hw = Math.max(width, 1e-6 * kT);
      for (const m of [-8, -2, -0.5, 0, 0.5, 2, 8]) {
        const eb = e0 + m * hw;
        if (inside(eb)) breakpoints.push(eb);
      }
    }
  }
  for (const e of opts.breakpoints ?? []) if (inside(e)) breakpoints.push(e);
  for (const xb of [-20, -10, -5, -2, 2, 5, 10, 20]) breakpoints.push(mu + xb * kT);
  breakpoints.sort((a, b) => a - b);
  return { lo, hi, breakpoints, lorentzian };
}

/**
 * Half-extent of the Lorentzian panel of a resonance, in half-widths η (docs/physics.md §14). Measured
 * on chains of 500 and 2000 sites (evaluations to rtol 1e-12): 1 beats 0.5, 1.5, 2, 4, 8 and 16 —
 * further out the interference with the other resonances (∝ sec θ) makes the mapped integrand stiff.
 */
export const LORENTZIAN_EXTENT = 1;
/** Ratio of the graded breakpoints beyond the Lorentzian panel (x_k ± η·LORENTZIAN_EXTENT·r^j); 4 measured best of 2, 3, 4. */
export const LORENTZIAN_GRADING = 4;
/** Fermi-window weight (−f′)(1 + x²) below which a resonance gets its Lorentzian panel only, no graded breakpoints. */
export const LORENTZIAN_TAIL = 1e-10;

/**
 * Panels of the Lorentzian quadrature (docs/physics.md §14), in absolute energy E (eV): around every
 * resonance (ε_k, w_k) of positive width inside the window μ0 ± X k_BT (+1 k_BT), with η_k = w_k/2
 * (the half-width of the peak |1/(E − ε_k + i w_k/2)|²), the interval ε_k ± LORENTZIAN_EXTENT·η_k
 * integrated in θ (E = ε_k + η_k tan θ; clipped at the midpoints to the neighbouring resonances and
 * at the window), then breakpoints ε_k ± LORENTZIAN_EXTENT·η_k·LORENTZIAN_GRADING^j out to those
 * midpoints. Each is computed from (ε_k, w_k) alone, not from μ0, unless clipped by the window.
 * Resonances of zero width (unknown, or decoupled) get the breakpoints of the default layout.
 */
export function lorentzianLayout(
  resonances: ReadonlyArray<readonly [number, number]>,
  mu: number,
  kT: number,
  X: number,
): { panels: LorentzianPanel[]; breakpoints: number[] } {
  const panels: LorentzianPanel[] = [],
    breakpoints: number[] = [];
  const eLo = mu - X * kT,
    eHi = mu + X * kT;
  const res = resonances
    .filter(([e0]) => {
      const x = (e0 - mu) / kT;
      return x > -X - 1 && x < X + 1;
    })
    .map(([e0, w]) => [e0, w / 2] as const)
    .sort((p, q) => p[0] - q[0]);
  for (let k = 0; k < res.length; k++) {
    const [ec, eta] = res[k];
    if (!(eta > 0)) {
      for (const m of [-8, -2, -0.5, 0, 0.5, 2, 8]) breakpoints.push(ec + m * 1e-6 * kT);
      continue;
    }
    const left = Math.max(eLo, k > 0 ? 0.5 * (res[k - 1][0] + ec) : eLo),
      right = Math.min(eHi, k + 1 < res.length ? 0.5 * (ec + res[k + 1][0]) : eHi);
    const lo = Math.max(ec - LORENTZIAN_EXTENT * eta, left),
      hi = Math.min(ec + LORENTZIAN_EXTENT * eta, right);
    if (hi > lo) panels.push({ lo, hi, centre: ec, halfWidth: eta });
    // far in the tail of the window only the peak itself is seeded (the adaptive loop refines it if needed)
    const xc = (ec - mu) / kT;
    if (fermiWindow(xc) * (1 + xc * xc) < LORENTZIAN_TAIL) continue;
    for (let d = LORENTZIAN_EXTENT * eta * LORENTZIAN_GRADING; ; d *= LORENTZIAN_GRADING) {
      const l = ec - d > left,
        r = ec + d < right;
      if (l) breakpoints.push(ec - d);
      if (r) breakpoints.push(ec + d);
      if (!l && !r) break;
    }
  }
  return { panels, breakpoints };
}

/**
 * Energy resolution of double-precision levels, in units of ε·(max |ε_k| + |μ0|): eigenvalues
 * of H from Householder + QL carry absolute errors of a few ε‖H‖ (docs/physics.md §13).
 */
export const QUADRATURE_RESOLUTION = 8;

/**
 * The 2n × 2n Onsager matrix M = [[𝓛0, 𝓛1], [𝓛1, 𝓛2]] (row-major), 𝓛^(ν)_αβ = L^(ν)_αβ for α ≠ β
 * and 𝓛^(ν)_αα = −Σ_{β≠α} L^(ν)_αβ (docs/physics.md §3; paper Eqs. 1, 9). Variables ordered
 * (μ_1 … μ_n, T_1/T0 … T_n/T0); rows (hJ^N_1 … hJ^N_n, hJ^Q_1 … hJ^Q_n).
 */
export function onsagerMatrix(o: Onsager, into?: Float64Array): Float64Array {
  const n = o.terminals,
    m = 2 * n;
  const out = into && into.length === m * m ? into : new Float64Array(m * m);
  // the blocks L0 | L1 / L1 | L2 in that order (no list of blocks per call: the circuit solver's hot path)
  for (let blk = 0; blk < 4; blk++) {
    const L = blk === 0 ? o.L0 : blk === 3 ? o.L2 : o.L1;
    const r0 = blk >= 2 ? n : 0,
      c0 = blk & 1 ? n : 0;
    for (let a = 0; a < n; a++) {
      let diag = 0;
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        out[(r0 + a) * m + c0 + b] = L[a * n + b];
        diag -= L[a * n + b];
      }
      out[(r0 + a) * m + c0 + a] = diag;
    }
  }
  return out;
}
