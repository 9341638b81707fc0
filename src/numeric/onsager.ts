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
 * @param kT k_B T0 in eV
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
export function onsagerClosedForm(p: PoleExpansion, mu: number, kT: number): Onsager {
  const n = p.terminals, M = p.poles;
  const L0 = new Float64Array(n * n), L1 = new Float64Array(n * n), L2 = new Float64Array(n * n);
  const phi = new Float64Array(6), tmp = new Float64Array(2);
  for (let k = 0; k < M; k++) {
    fermiWindowKernels(p.lambdaRe[k] - mu, p.lambdaIm[k], kT, phi, tmp);
    for (let ab = 0; ab < n * n; ab++) {
      const ar = p.residueRe[ab * M + k], ai = p.residueIm[ab * M + k];
      if (ar === 0 && ai === 0) continue;
      L0[ab] += 2 * (ar * phi[0] - ai * phi[1]);
      L1[ab] += 2 * (ar * phi[2] - ai * phi[3]);
      L2[ab] += 2 * (ar * phi[4] - ai * phi[5]);
    }
  }
  return { terminals: n, L0, L1, L2, method: 'closed-form' };
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
  /** Estimated absolute errors, same layout as L0/L1/L2. */
  readonly error: { readonly L0: Float64Array; readonly L1: Float64Array; readonly L2: Float64Array };
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
 * x ∈ [−window, window]. Every (ν, α, β) meets |error| ≤ rtol · (k_BT)^ν · max(L^(0)_αβ,
 * 1e-12 · max L^(0)); the tail beyond 40 k_BT is below 2e-15 of the ν = 2 moment.
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
  const n = engine.terminals, nn = n * n;
  const rtol = opts.rtol ?? 1e-12;
  const X = opts.window ?? 40;
  const t = new Float64Array(nn);
  const f = (x: number, out: Float64Array) => {
    engine.evaluate(mu + x * kT, t);
    const wgt = fermiWindow(x);
    const e1 = x * kT;
    for (let ab = 0; ab < nn; ab++) {
      const v = t[ab] * wgt;
      out[ab] = v; out[nn + ab] = v * e1; out[2 * nn + ab] = v * e1 * e1;
    }
  };
  const scale = (est: Float64Array, out: Float64Array) => {
    let max0 = 0;
    for (let ab = 0; ab < nn; ab++) max0 = Math.max(max0, Math.abs(est[ab]));
    for (let ab = 0; ab < nn; ab++) {
      const s0 = Math.max(Math.abs(est[ab]), 1e-12 * max0);
      out[ab] = s0; out[nn + ab] = s0 * kT; out[2 * nn + ab] = s0 * kT * kT;
    }
  };
  const breakpoints: number[] = [0];
  for (const [e0, width] of opts.resonances ?? []) {
    const xc = (e0 - mu) / kT, hw = Math.max(width / kT, 1e-6);
    for (const m of [-8, -2, -0.5, 0, 0.5, 2, 8]) {
      const xb = xc + m * hw;
      if (xb > -X && xb < X) breakpoints.push(xb);
    }
  }
  for (const e of opts.breakpoints ?? []) { const xb = (e - mu) / kT; if (xb > -X && xb < X) breakpoints.push(xb); }
  for (const xb of [-20, -10, -5, -2, 2, 5, 10, 20]) breakpoints.push(xb);
  breakpoints.sort((a, b) => a - b);
  const res = integrateAdaptive(f, 3 * nn, -X, X, { rtol, scale, breakpoints });
  const v = res.value, e = res.error;
  return {
    terminals: n,
    method: 'quadrature',
    L0: v.slice(0, nn), L1: v.slice(nn, 2 * nn), L2: v.slice(2 * nn),
    error: { L0: e.slice(0, nn), L1: e.slice(nn, 2 * nn), L2: e.slice(2 * nn) },
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

/**
 * The 2n × 2n Onsager matrix M = [[𝓛0, 𝓛1], [𝓛1, 𝓛2]] (row-major), 𝓛^(ν)_αβ = L^(ν)_αβ for α ≠ β
 * and 𝓛^(ν)_αα = −Σ_{β≠α} L^(ν)_αβ (docs/physics.md §3; paper Eqs. 1, 9). Variables ordered
 * (μ_1 … μ_n, T_1/T0 … T_n/T0); rows (hJ^N_1 … hJ^N_n, hJ^Q_1 … hJ^Q_n).
 */
export function onsagerMatrix(o: Onsager, into?: Float64Array): Float64Array {
  const n = o.terminals, m = 2 * n;
  const out = into && into.length === m * m ? into : new Float64Array(m * m);
  const blocks: Array<[Float64Array, number, number]> = [[o.L0, 0, 0], [o.L1, 0, n], [o.L1, n, 0], [o.L2, n, n]];
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
