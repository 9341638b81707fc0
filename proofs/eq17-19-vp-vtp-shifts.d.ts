/**
 * Claim 3 (paper Eqs. 17–19; docs/physics.md §5): the exact VP–VTP shifts in linear response,
 *   T_P^VTP − T_P^VP = −T0 h J^Q_P,VP / M̃_(Q,P),(θ,P),
 *   J^ν_α,VTP − J^ν_α,VP = −[M̃_(ν,α),(θ,P) / M̃_(Q,P),(θ,P)] J^Q_P,VP   (Eq. 18),
 *   h J^Q_P,VP = Σ_β [L1_Pβ (μ_β − μ_P^VP) + L2_Pβ (θ_β − θ_P)]           (Eq. 19),
 *   μ_P^VP − μ_P^VTP = −(S1/S0)(T_P^VP − T_P^VTP)/T0                      (Eq. 17),
 * with S_ν = Σ_β L^(ν)_Pβ and M̃ the VP-effective matrix (μ_P eliminated).
 */
import type { ProofResult } from './types.js';
export declare function proveEq17To19(): Promise<ProofResult>;
//# sourceMappingURL=eq17-19-vp-vtp-shifts.d.ts.map