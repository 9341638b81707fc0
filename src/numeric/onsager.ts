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
import { fermiWindowKernels } from './polygamma.js';
import { integrateAdaptive } from './quadrature.js';
import type { PoleExpansion } from './poles.js';
import type { TransmissionEngine } from './transmission.js';

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
 * With `t0` = T_αβ(μ0) from an independent, zero-accurate evaluation (the Green's-function
 * engine, whose T = ‖K‖² is exact to ε² at a transmission zero), the zero-temperature parts are
 * subtracted analytically (docs/physics.md §13): since Φ_0 + 1/w = Φ_1/w and 2 Re Σ_k a_k(−1/w_k)
 * = T(μ0),
 *   L^(0) = T(μ0) + 2 Re Σ_k a_k Φ_1/w_k,
 *   L^(2) = (π²/3)(k_BT)² T(μ0) + 2 Re Σ_k a_k w_k R_1(w_k)   (R_1 = Φ_1 + (π²/3)(k_BT)²/w²),
 * whose pole sums are of the size of the thermal correction only: at a node the sums no longer
 * cancel from O(1) to O((k_BT)²). L^(1) = 2 Re Σ a_k Φ_1 has no zero-temperature part.
 *
 * Every coefficient carries an estimated absolute error (`error`): rounding of the terms and of
 * the pole positions (see CLOSED_FORM_ROUNDING), and of T(μ0).
 * @param kT k_B T0 in eV
 * @param t0 optional T_αβ(μ0) (n², row-major), see above
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
export function onsagerClosedForm(p: PoleExpansion, mu: number, kT: number, t0?: Float64Array): Onsager {
  const n = p.terminals,
    M = p.poles,
    nn = n * n;
  const L0 = new Float64Array(nn),
    L1 = new Float64Array(nn),
    L2 = new Float64Array(nn);
  // Σ_k 2|a_k||Φ_ν(λ_k)|: the size of the terms of each pole sum, from which its rounding error
  // is estimated (docs/physics.md §13).
  const A0 = new Float64Array(nn),
    A1 = new Float64Array(nn),
    A2 = new Float64Array(nn);
  // Tb = 2 Σ_k |a_k|/|Im λ_k| ≥ max_E |T_αβ(E)|: the magnitude scale of T_αβ for the rounding of T(μ0)
  const Tb = new Float64Array(nn);
  const phi = new Float64Array(8),
    tmp = new Float64Array(2);
  const sub = t0 !== undefined;
  const som = ((Math.PI * Math.PI) / 3) * kT * kT;
  // Energy scale of H_eff: the poles carry absolute errors ~ε·κ·eScale.
  let eScale = Math.abs(mu);
  for (let k = 0; k < M; k++) eScale = Math.max(eScale, Math.sqrt(p.lambdaRe[k] ** 2 + p.lambdaIm[k] ** 2));
  for (let k = 0; k < M; k++) {
    const wr = p.lambdaRe[k] - mu,
      wi = p.lambdaIm[k];
    fermiWindowKernels(wr, wi, kT, phi, tmp);
    // A pole displaced by δλ changes Φ_ν by ≈ |Φ_ν|·δλ/max(|λ − μ|, πk_BT) (Φ_ν varies on the
    // scale of the distance to μ, or of the Fermi window when closer): relative factor
    // 1 + eScale/max(|w|, πk_BT) on top of the terms' own rounding.
    const wabs = Math.sqrt(wr * wr + wi * wi);
    const dist = Math.max(wabs, Math.PI * kT);
    // (levels merged as degenerate are displaced by up to degeneracySpread: the same effect)
    const pos = 1 + eScale / dist + (p.degeneracySpread ?? 0) / (Number.EPSILON * dist);
    let k0r = phi[0],
      k0i = phi[1],
      k2r = phi[4],
      k2i = phi[5];
    let m0: number, m2: number;
    if (sub) {
      // Φ_1/w and w R_1; the near-pole R_1 is Φ_1 minus the Sommerfeld term, both counted
      const d = wr * wr + wi * wi;
      k0r = (phi[2] * wr + phi[3] * wi) / d;
      k0i = (phi[3] * wr - phi[2] * wi) / d;
      k2r = wr * phi[6] - wi * phi[7];
      k2i = wr * phi[7] + wi * phi[6];
      m0 = pos * Math.sqrt(k0r * k0r + k0i * k0i);
      m2 = pos * (Math.sqrt(k2r * k2r + k2i * k2i) + (wabs < 16 * Math.PI * kT ? som / wabs : 0));
    } else {
      m0 = pos * Math.sqrt(phi[0] * phi[0] + phi[1] * phi[1]);
      m2 = pos * Math.sqrt(phi[4] * phi[4] + phi[5] * phi[5]);
    }
    const m1 = pos * Math.sqrt(phi[2] * phi[2] + phi[3] * phi[3]);
    for (let ab = 0; ab < nn; ab++) {
      const ar = p.residueRe[ab * M + k],
        ai = p.residueIm[ab * M + k];
      if (ar === 0 && ai === 0) continue;
      L0[ab] += 2 * (ar * k0r - ai * k0i);
      L1[ab] += 2 * (ar * phi[2] - ai * phi[3]);
      L2[ab] += 2 * (ar * k2r - ai * k2i);
      const am = 2 * Math.max(Math.sqrt(ar * ar + ai * ai), p.residueAbs ? p.residueAbs[ab * M + k] : 0); // (Math.hypot is slow in V8)
      A0[ab] += am * m0;
      A1[ab] += am * m1;
      A2[ab] += am * m2;
      Tb[ab] += am / Math.abs(wi);
    }
  }
  // Rounding model: every term carries a relative error ≲ c·ε (kernels ~1e-15 relative, residues
  // ~κ²ε near an exceptional point), the sum therefore an absolute error ≲ c·ε·Σ|terms|, with
  // c = CLOSED_FORM_ROUNDING·(1 + κ²).
  const c = CLOSED_FORM_ROUNDING * (1 + p.maxCondition * p.maxCondition) * Number.EPSILON;
  for (let ab = 0; ab < nn; ab++) {
    A0[ab] *= c;
    A1[ab] *= c;
    A2[ab] *= c;
    if (sub && ab % (n + 1) !== 0) {
      const t = t0![ab];
      // T = ‖K‖²: δT ≈ 2‖K‖·δK with δK ≲ ε·(the scale of K, √Tb): rounding ≲ 16ε(T + √(T·Tb))
      const eT = 16 * Number.EPSILON * (Math.abs(t) + Math.sqrt(Math.abs(t) * Tb[ab]));
      L0[ab] += t;
      L2[ab] += som * t;
      A0[ab] += eT;
      A2[ab] += som * eT;
    }
  }
  return { terminals: n, L0, L1, L2, method: 'closed-form', error: { L0: A0, L1: A1, L2: A2 } };
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
  const f = (x: number, out: Float64Array) => {
    engine.evaluate(mu + x * kT, t);
    const wgt = fermiWindow(x);
    const e1 = x * kT;
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
        out[3 * nn + i] = Infinity; // the sensitivities are only needed roughly
      }
    }
  };
  const breakpoints: number[] = [0];
  for (const [e0, width] of opts.resonances ?? []) {
    const xc = (e0 - mu) / kT,
      hw = Math.max(width / kT, 1e-6);
    for (const m of [-8, -2, -0.5, 0, 0.5, 2, 8]) {
      const xb = xc + m * hw;
      if (xb > -X && xb < X) breakpoints.push(xb);
    }
  }
  for (const e of opts.breakpoints ?? []) {
    const xb = (e - mu) / kT;
    if (xb > -X && xb < X) breakpoints.push(xb);
  }
  for (const xb of [-20, -10, -5, -2, 2, 5, 10, 20]) breakpoints.push(xb);
  breakpoints.sort((a, b) => a - b);
  const res = integrateAdaptive(f, 6 * nn, -X, X, { rtol, scale, breakpoints });
  const v = res.value,
    e = res.error;
  const sens = new Float64Array(3 * nn);
  derivative(v, sens);
  const err = new Float64Array(3 * nn);
  for (let i = 0; i < 3 * nn; i++) err[i] = e[i] + resolution * Math.abs(sens[i]);
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
  const blocks: Array<[Float64Array, number, number]> = [
    [o.L0, 0, 0],
    [o.L1, 0, n],
    [o.L1, n, 0],
    [o.L2, n, n],
  ];
  for (const [L, r0, c0] of blocks) {
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
