/**
 * Claim 7 (paper Appendix B, Eqs. 34, 47–63; docs/physics.md §6): at the node, with symmetric thermal
 * and electrical bias and Γ_L ≠ Γ_R, (J_VP − J_VTP)/J_VP = (Γ_R − Γ_L)/(Γ_L + Γ_R) for the heat
 * current into R, "independent of γ, T0 and ΔT"; −1/3 for Γ_L = 0.5, Γ_R = 0.25 eV.
 *
 * Exact (linear response, μ0 = ε0 so that L1 ≡ 0 by particle–hole symmetry; θ_L = −θ_R = Δ, θ_P = 0):
 *   r = L2_RP (L2_RP − L2_LP) / [(L2_LP + L2_RP)(2 L2_RL + L2_RP)],
 * exactly independent of Δ and of the electrical bias. Leading Sommerfeld order with
 * T_αP(ε) = t_α0 + t_α2 ε², T_LR = c2 ε²: r → (t_R0 − t_L0)/(t_L0 + t_R0), and t_α0 ∝ Γ_α when
 * |G_LP(ε0)| = |G_RP(ε0)|.
 */
import type { ProofResult } from './types.js';
export declare function proveAppendixB(): Promise<ProofResult>;
//# sourceMappingURL=appB-nodal-ratio.d.ts.map