/**
 * The energy-resolved (ER, elastic, D'Amato–Pastawski) probe (docs/physics.md §8): a probe whose
 * distribution f_P(E) makes the particle current into it vanish at every energy. At one energy the
 * currents into the terminals are i_α = Σ_β T_αβ (f_β − f_α); eliminating the ER probes e ∈ E,
 * i_e = 0, is Büttiker's multi-probe formula:
 *
 *   K f_E = B f_R,   K_pq = δ_pq Σ_{β≠p} T_pβ − (1 − δ_pq) T_pq,   B_pr = T_pr  (p, q ∈ E, r ∈ R),
 *   f_E = w f_R,  w = K⁻¹B  (every row of w sums to 1),
 *   T^eff_αr = T_αr + Σ_{p∈E} T_αp w_pr   (α, r ∈ R),
 *
 * a Schur complement of the energy-resolved conductance matrix, so T^eff keeps the sum rules
 * (rows and columns of the Laplacian sum to zero) and T^eff(B) = T^eff(−B)ᵀ. It is linear in the
 * f's, hence valid at any bias (nonlinear.ts uses the same elimination). A test ER probe (γ = 0)
 * is not eliminated (it carries no current) but gets its weights w_pβ = (T_pβ + Σ_q T_pq w_qβ)/Σ T_p·.
 *
 * Linear response: the leads' Onsager coefficients are the L^(ν) of T^eff (by quadrature: T^eff is
 * a ratio of transmissions, no pole expansion applies), and the probe's linear-response distribution
 * δf_P = Σ_β w_Pβ δf_β gives its moment μ and T (the Fermi function with the same particle number
 * and energy, to first order): μ_P − μ0 = Σ_β [A0_Pβ δμ_β + A1_Pβ θ_β],
 * θ_P = Σ_β [A1_Pβ δμ_β + A2_Pβ θ_β] / (π² (k_BT0)²/3), with A^ν_Pβ = ∫ (E−μ0)^ν w_Pβ (−f0′) dE.
 */
import { fermiWindow, quadratureMesh, type Onsager, type QuadratureOptions } from './onsager.js';
import { integrateAdaptive } from './quadrature.js';
import { TRANSMISSION_NOISE_ROUNDING, type TransmissionEngine } from './transmission.js';

/** Work space and index sets for {@link eliminateEnergyResolved}. */
export interface ErElimination {
  /** Terminals n. */
  readonly terminals: number;
  /** ER probes that are eliminated (coupled ones). */
  readonly eliminated: readonly number[];
  /** ER probes in the coherent limit (test probes): weights only. */
  readonly testProbes: readonly number[];
  /**
   * From T (n × n) at one energy, write T^eff (n × n; rows and columns of ER probes zero) into
   * `teff` and the weights w (n × n; row p for every ER probe, other rows zero) into `w`.
   */
  apply(t: Float64Array, teff: Float64Array, w: Float64Array): void;
}

/** Relative size of Σ_β T_pβ below which an ER probe counts as decoupled at that energy. */
const DECOUPLED = 1e-300;

/**
 * Prepare the energy-by-energy elimination of the ER probes `er` (indices) of an n-terminal system;
 * `test[α]` marks coherent-limit probes.
 */
export function energyResolvedElimination(n: number, er: readonly number[], test: readonly boolean[]): ErElimination {
  const eliminated = er.filter((p) => !test[p]);
  const testProbes = er.filter((p) => test[p]);
  const isE = new Uint8Array(n);
  for (const p of eliminated) isE[p] = 1;
  const ne = eliminated.length;
  const K = new Float64Array(ne * ne),
    rhs = new Float64Array(ne * n);
  function apply(t: Float64Array, teff: Float64Array, w: Float64Array): void {
    w.fill(0);
    // K and B (B as rhs columns over all n terminals; the R columns are what matter)
    for (let i = 0; i < ne; i++) {
      const p = eliminated[i];
      let sum = 0;
      for (let b = 0; b < n; b++) if (b !== p) sum += t[p * n + b];
      for (let j = 0; j < ne; j++) K[i * ne + j] = i === j ? sum : -t[p * n + eliminated[j]];
      for (let b = 0; b < n; b++) rhs[i * n + b] = isE[b] ? 0 : t[p * n + b];
    }
    solveInPlace(K, ne, rhs, n);
    for (let i = 0; i < ne; i++) for (let b = 0; b < n; b++) w[eliminated[i] * n + b] = rhs[i * n + b];
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a === b || isE[a] || isE[b]) {
          teff[a * n + b] = 0;
          continue;
        }
        let s = t[a * n + b];
        for (let i = 0; i < ne; i++) s += t[a * n + eliminated[i]] * rhs[i * n + b];
        teff[a * n + b] = s;
      }
    }
    for (const p of testProbes) {
      let sum = 0;
      for (let b = 0; b < n; b++) if (b !== p) sum += t[p * n + b];
      if (!(sum > DECOUPLED)) continue;
      for (let b = 0; b < n; b++) {
        if (b === p || isE[b]) continue;
        let s = t[p * n + b];
        for (let i = 0; i < ne; i++) s += t[p * n + eliminated[i]] * rhs[i * n + b];
        w[p * n + b] = s / sum;
      }
    }
  }
  return { terminals: n, eliminated, testProbes, apply };
}

/**
 * Solve K X = B in place (K: k × k, B: k × m) by Gaussian elimination with partial pivoting. A
 * probe that is decoupled at this energy (zero row of K) exchanges nothing: its row of X is set to
 * 0 (its weight is immaterial because every T into it vanishes too).
 */
function solveInPlace(K: Float64Array, k: number, B: Float64Array, m: number): void {
  let scale = 0;
  for (let i = 0; i < k * k; i++) scale = Math.max(scale, Math.abs(K[i]));
  const tiny = Math.max(DECOUPLED, 1e-15 * scale);
  const dead = new Uint8Array(k);
  for (let c = 0; c < k; c++) {
    let p = -1,
      best = tiny;
    for (let i = c; i < k; i++) {
      const v = Math.abs(K[i * k + c]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p < 0) {
      dead[c] = 1;
      continue;
    }
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        const x = K[c * k + j];
        K[c * k + j] = K[p * k + j];
        K[p * k + j] = x;
      }
      for (let j = 0; j < m; j++) {
        const x = B[c * m + j];
        B[c * m + j] = B[p * m + j];
        B[p * m + j] = x;
      }
    }
    const piv = K[c * k + c];
    for (let i = c + 1; i < k; i++) {
      const l = K[i * k + c] / piv;
      if (l === 0) continue;
      for (let j = c; j < k; j++) K[i * k + j] -= l * K[c * k + j];
      for (let j = 0; j < m; j++) B[i * m + j] -= l * B[c * m + j];
    }
  }
  for (let i = k - 1; i >= 0; i--) {
    if (dead[i]) {
      for (let j = 0; j < m; j++) B[i * m + j] = 0;
      continue;
    }
    for (let j = 0; j < m; j++) {
      let s = B[i * m + j];
      for (let q = i + 1; q < k; q++) s -= K[i * k + q] * B[q * m + j];
      B[i * m + j] = s / K[i * k + i];
    }
  }
}

/** A transmission engine that returns T^eff (the ER probes eliminated) instead of T. */
export function energyResolvedEngine(engine: TransmissionEngine, elim: ErElimination): TransmissionEngine & { weights(energy: number, w: Float64Array): void } {
  const n = engine.terminals;
  const t = new Float64Array(n * n),
    w = new Float64Array(n * n);
  return {
    terminals: n,
    channels: engine.channels,
    levels: engine.levels,
    resonances: engine.resonances,
    evaluate(energy, out) {
      engine.evaluate(energy, t);
      elim.apply(t, out, w);
    },
    weights(energy, out) {
      engine.evaluate(energy, t);
      elim.apply(t, new Float64Array(n * n), out);
    },
  };
}

/** Linear-response moments of the ER probes' distributions, A^ν_Pβ (n × n each, eV^ν). */
export interface ErMoments {
  /** ER probe indices (rows that are filled). */
  readonly probes: readonly number[];
  readonly A0: Float64Array;
  readonly A1: Float64Array;
  readonly A2: Float64Array;
}

/** Onsager coefficients of a system with ER probes: the leads' L^(ν) of T^eff, plus the probes' moments. */
export interface ErOnsager extends Onsager {
  readonly energyResolved: ErMoments;
  readonly error: { readonly L0: Float64Array; readonly L1: Float64Array; readonly L2: Float64Array };
  readonly evaluations: number;
  readonly converged: boolean;
}

/**
 * Linear-response Onsager coefficients with the ER probes eliminated energy by energy, by adaptive
 * Gauss–Kronrod quadrature over |E − μ0| ≤ window·k_BT0 (as {@link onsagerQuadrature}): every
 * L^(ν) meets |error| ≤ rtol·(k_BT)^ν·max(|L^(0)_αβ|, 1e-12 max|L^(0)|), every moment A^ν the same
 * against max(|A0_Pβ|, 1e-12).
 * @param kT k_B T0 in eV
 */
export function onsagerEnergyResolved(engine: TransmissionEngine, elim: ErElimination, mu: number, kT: number, opts: QuadratureOptions = {}): ErOnsager {
  const n = engine.terminals,
    nn = n * n;
  const rtol = opts.rtol ?? 1e-12;
  const X = opts.window ?? 40;
  const t = new Float64Array(nn),
    teff = new Float64Array(nn),
    w = new Float64Array(nn);
  // docs/physics.md §13 "The noise floor": the engine's δT carried through the elimination to first
  // order (T + δT eliminated alike; the probe paths T_αP T_Pβ/Σ_γT_Pγ are monotone in each T), its
  // integral N^(ν) the floor below which refinement stops, added to the reported error
  const noisy = engine.estimatesNoise === true;
  const dT = noisy ? new Float64Array(nn) : undefined,
    tp = new Float64Array(noisy ? nn : 0),
    teffP = new Float64Array(noisy ? nn : 0),
    wP = new Float64Array(noisy ? nn : 0);
  // integrated in E over the mesh of the plain quadrature (onsager.ts quadratureMesh, absolute energy)
  const f = (energy: number, out: Float64Array) => {
    engine.evaluate(energy, t, dT);
    elim.apply(t, teff, w);
    const e1 = energy - mu,
      wgt = fermiWindow(e1 / kT) / kT;
    for (let ab = 0; ab < nn; ab++) {
      const v = teff[ab] * wgt,
        u = w[ab] * wgt;
      out[ab] = v;
      out[nn + ab] = v * e1;
      out[2 * nn + ab] = v * e1 * e1;
      out[3 * nn + ab] = u;
      out[4 * nn + ab] = u * e1;
      out[5 * nn + ab] = u * e1 * e1;
    }
    if (dT) {
      for (let ab = 0; ab < nn; ab++) tp[ab] = t[ab] + dT[ab];
      elim.apply(tp, teffP, wP);
      const a1 = Math.abs(e1);
      for (let ab = 0; ab < nn; ab++) {
        const d = Math.abs(teffP[ab] - teff[ab]) * wgt,
          dw = Math.abs(wP[ab] - w[ab]) * wgt;
        out[6 * nn + ab] = d;
        out[7 * nn + ab] = d * a1;
        out[8 * nn + ab] = d * a1 * a1;
        out[9 * nn + ab] = dw;
        out[10 * nn + ab] = dw * a1;
        out[11 * nn + ab] = dw * a1 * a1;
      }
    }
  };
  const scale = (est: Float64Array, out: Float64Array) => {
    let max0 = 0;
    for (let ab = 0; ab < nn; ab++) max0 = Math.max(max0, Math.abs(est[ab]));
    for (let ab = 0; ab < nn; ab++) {
      const s0 = Math.max(Math.abs(est[ab]), 1e-12 * max0, Number.MIN_VALUE);
      out[ab] = s0;
      out[nn + ab] = s0 * kT;
      out[2 * nn + ab] = s0 * kT * kT;
      const a0 = Math.max(Math.abs(est[3 * nn + ab]), 1e-12);
      out[3 * nn + ab] = a0;
      out[4 * nn + ab] = a0 * kT;
      out[5 * nn + ab] = a0 * kT * kT;
      if (noisy)
        for (let nu = 0; nu < 6; nu++) {
          // L^(ν) (ν < 3) and the moments A^ν (ν ≥ 3) against their own noise integrals
          const i = nu * nn + ab;
          out[i] = Math.max(out[i], est[6 * nn + i] / (TRANSMISSION_NOISE_ROUNDING * rtol));
          out[6 * nn + i] = Infinity;
        }
    }
  };
  const { lo, hi, breakpoints, lorentzian } = quadratureMesh(mu, kT, X, opts);
  const res = integrateAdaptive(f, (noisy ? 12 : 6) * nn, lo, hi, { rtol, scale, breakpoints, lorentzian, origin: mu, unit: kT });
  const v = res.value,
    e = res.error;
  if (noisy) for (let i = 0; i < 3 * nn; i++) e[i] += v[6 * nn + i];
  return {
    terminals: n,
    method: 'quadrature',
    L0: v.slice(0, nn),
    L1: v.slice(nn, 2 * nn),
    L2: v.slice(2 * nn, 3 * nn),
    error: { L0: e.slice(0, nn), L1: e.slice(nn, 2 * nn), L2: e.slice(2 * nn, 3 * nn) },
    energyResolved: {
      probes: [...elim.eliminated, ...elim.testProbes].sort((a, b) => a - b),
      A0: v.slice(3 * nn, 4 * nn),
      A1: v.slice(4 * nn, 5 * nn),
      A2: v.slice(5 * nn, 6 * nn),
    },
    evaluations: res.evaluations,
    converged: res.converged,
  };
}
