/**
 * Claim 6 (paper Appendix A, Eq. 46; docs/physics.md §6): at the quadratic node of meta-benzene under
 * thermal asymmetry, the VP heat current into R is independent of the probe coupling γ to first
 * order "when the VP is held at the temperature of R". We find the exact condition.
 *
 * Exact first order in γ (Schur algebra, any transmissions, L_XP = γ ℓ_XP + O(γ²)):
 *   ∂J^Q_R,VP/∂γ|₀ = ∂_γL1_RL Δμ + ∂_γL2_RL (θ_L − θ_R) + ℓ1_RP (μ̂_P − μ_R) + ℓ2_RP (θ_P − θ_R),
 * μ̂_P the γ → 0 probe potential. At a particle–hole-symmetric node (μ0 = ε0 on the bipartite ring)
 * every L1 vanishes, so the slope is zero iff
 *   θ_P* = θ_R − (∂_γL2_RL / ℓ2_RP)(θ_L − θ_R),
 * and with T_LR = c2 ε² + γ(d0 + d2 ε²) (d0 = 0 at the node), T_RP = γ(r0 + r2 ε²):
 *   θ_P* − θ_R = −[d2 (k_BT)² (7π²/5) / (r0 + r2 (k_BT)² 7π²/5)] (θ_L − θ_R)  → 0 at leading order.
 */
import type { ProofResult } from './types.js';
export declare function proveAppendixA(): Promise<ProofResult>;
//# sourceMappingURL=appA-node-heat-current.d.ts.map