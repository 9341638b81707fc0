/**
 * Claim 4 (paper §III.2, Eqs. 20–32; docs/physics.md §5): the pure thermal circuit (every J^N = 0,
 * gauge μ_L). With the open-circuit thermal conductances κ_αβ (off-diagonal entries of
 * K = 𝓛2 − 𝓛1_{·U} (𝓛0_UU)⁻¹ 𝓛1_{U·}, U = {μ_R, μ_P}; paper Eq. 24), in units h J = κ θ:
 *   θ_P^VTP = (κ_LP θ_L + κ_RP θ_R)/(κ_LP + κ_RP)                         (Eq. 26)
 *   h J^Q_R,VP = κ_RL (θ_L − θ_R) + κ_RP (θ_P − θ_R)                       (Eq. 27)
 *   h J^Q_R,VTP = [κ_RL + κ_LP κ_RP/(κ_LP + κ_RP)] (θ_L − θ_R)             (Eq. 28)
 *   J^Q_R,VP − J^Q_R,VTP = −κ_RP/(κ_LP + κ_RP) · J^Q_P,VP,
 *   h J^Q_P,VP = κ_PL (θ_L − θ_P) + κ_PR (θ_R − θ_P)                       (Eqs. 29–30)
 *   S_VP − S_VTP = −ρ (T_P^VP − T_P^VTP) / (e (T_R − T_L)),  ρ = ∂μ_R/∂θ_P  (Eq. 32)
 */
import type { ProofResult } from './types.js';
export declare function proveThermalCircuit(): Promise<ProofResult>;
//# sourceMappingURL=eq26-32-thermal-circuit.d.ts.map