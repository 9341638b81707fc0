/**
 * Claim 8 (paper Appendix C, Eqs. 64–69; docs/physics.md §6): a flat probe (Γ_P = γ·I, each of the six
 * sites its own channel of width γ) with symmetric coupling Γ_L = Γ_R. The mirror of the ring through
 * sites 1 and 4 (0-based) exchanges L (site 0) and R (site 2) and maps Γ_P to itself, so
 * T_LP(E) = T_RP(E) for every E and L^(ν)_LP = L^(ν)_RP exactly (all orders in k_BT, any μ0, γ).
 * From that symmetry alone:
 *  (i) symmetric bias (μ_L + μ_R = 2μ0, T_L + T_R = 2T_P): μ_P = μ0, J^Q_P,VP = 0, VP ≡ VTP;
 *  (ii) any bias (thermal asymmetry included): M̃_(N,α),(θ,P) = 0, so J^N_α,VTP = J^N_α,VP exactly,
 *       while the heat currents differ.
 */
import type { ProofResult } from './types.js';
export declare function proveAppendixC(): Promise<ProofResult>;
//# sourceMappingURL=appC-flat-probe.d.ts.map