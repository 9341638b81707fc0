/**
 * Claim 5 (paper Eqs. 7, 33; docs/physics.md §5): the excess entropy production of the VP,
 *   Ṡ_VP − Ṡ_VTP = J^Q_P,VP (T_P^VTP − T_P^VP) / T0²  = (h J^Q_P,VP)² / (h T0 κ_P) ≥ 0,
 * and the VTP minimises Ṡ over the probe temperature:
 *   h T0 [Ṡ(θ_P) − Ṡ_VTP] = κ_P (θ_P − θ_P^VTP)²,  κ_P = S2 − S1²/S0 ≥ 0 (Cauchy–Schwarz).
 * Linear response: h T0 Ṡ = −xᵀ M x (μ_P solved from J^N_P = 0 at every θ_P).
 */
import type { ProofResult } from './types.js';
export declare function proveEq33(): Promise<ProofResult>;
//# sourceMappingURL=eq33-entropy.d.ts.map