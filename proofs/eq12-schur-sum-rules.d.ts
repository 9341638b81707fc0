/**
 * Claim 1 (paper Eq. 12; docs/physics.md §4): the effective Onsager matrix of any set of VP/VTP probes,
 * M̃ = M_FF − M_FU M_UU⁻¹ M_UF, keeps the sum rules (every row sums to zero over the free μ columns
 * and over the free θ columns; columns likewise) and the symmetry M̃ = M̃ᵀ of M; eliminating the
 * probes one at a time gives the same M̃ (quotient property).
 */
import type { ProofResult } from './types.js';
export declare function proveEq12(): Promise<ProofResult>;
//# sourceMappingURL=eq12-schur-sum-rules.d.ts.map