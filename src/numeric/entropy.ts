/**
 * The excess entropy production of VP probes over VTP probes without reciprocity (docs/physics.md
 * §12). With M = M(B) the Onsager matrix (h y = M x) and M(−B) = M(B)ᵀ (Onsager–Casimir:
 * L^(ν)_αβ(B) = L^(ν)_βα(−B)), the VP and VTP solutions differ by d = x_VP − x_VTP on the solved
 * variables only, y_VTP vanishes there and y_VP too except at the VP temperatures. Hence
 *
 *   h T0 (Ṡ_VP − Ṡ_VTP) = Σ_P hJ^Q_P,VP (θ_P^VTP − θ_P^VP) − dᵀ M(−B) x_VTP(B),
 *
 * i.e. Ṡ_VP − Ṡ_VTP = Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0² + C, with the non-reciprocal correction
 * C = −dᵀ M(−B) x_VTP/(h T0): d weighted by the currents the reversed-field system would carry at
 * the VTP operating point. With reciprocity M(−B) x_VTP = M x_VTP = y_VTP, which vanishes on
 * supp(d): C = 0 and this is paper Eq. 33. Without it, C ≠ 0 and neither the equality nor the
 * sign Ṡ_VP ≥ Ṡ_VTP is guaranteed (proofs/broken-reciprocity-entropy.ts).
 */
import type { CircuitResult } from './circuit.js';
import { entropyProductionSI } from '../model/units.js';

/** Ṡ_VP − Ṡ_VTP split into paper Eq. 33's reciprocal term and the non-reciprocal correction (W/K). */
export interface ExcessEntropy {
  /** Ṡ_VP − Ṡ_VTP from the two solved circuits (W/K). */
  readonly direct: number;
  /** Σ_P J^Q_P,VP (T_P^VTP − T_P^VP)/T0² (paper Eq. 33, reciprocal form). */
  readonly reciprocal: number;
  /** C = −dᵀ M(−B) x_VTP/(h T0) (0 with reciprocity). */
  readonly correction: number;
  /** max|M − Mᵀ| / max|M|: 0 (to rounding) with time-reversal symmetry. */
  readonly reciprocityDefect: number;
}

/**
 * Evaluate both sides of the general relation for one pair of circuits (same Onsager coefficients,
 * same leads; `vp` with the probes as VPs, `vtp` as VTPs). `probes` are the probe indices.
 */
export function excessEntropy(vp: CircuitResult, vtp: CircuitResult, probes: readonly number[]): ExcessEntropy {
  const M = vtp.matrix;
  const n = vtp.terminals.length,
    m = 2 * n;
  const T0 = vtp.reference.temperature,
    mu0 = vtp.reference.mu;
  const x = (c: CircuitResult) => Float64Array.from({ length: m }, (_, i) => (i < n ? c.mu[i] - mu0 : c.temperature[i - n] / T0 - 1));
  const xv = x(vp),
    xt = x(vtp);
  let dMx = 0,
    scale = 0,
    asym = 0;
  for (let i = 0; i < m; i++) {
    const d = xv[i] - xt[i];
    for (let j = 0; j < m; j++) {
      scale = Math.max(scale, Math.abs(M[i * m + j]));
      asym = Math.max(asym, Math.abs(M[i * m + j] - M[j * m + i]));
      if (d !== 0) dMx += d * M[j * m + i] * xt[j]; // (Mᵀ x)_i = Σ_j M_ji x_j
    }
  }
  let reciprocal = 0;
  for (const a of probes) reciprocal += (vp.heatCurrent[a] * (vtp.temperature[a] - vp.temperature[a])) / (T0 * T0);
  return {
    direct: vp.entropyProduction - vtp.entropyProduction,
    reciprocal,
    correction: entropyProductionSI(-dMx, T0, vtp.spin),
    reciprocityDefect: scale > 0 ? asym / scale : 0,
  };
}
