/**
 * Claim 2 (paper Eq. 8 and Eqs. 13–14; docs/physics.md §4–5): the probe potential of Eq. 8 (VP and,
 * with the self-consistent T_P, VTP) and the VTP temperature of Eq. 13 with the effective probe
 * thermal conductance κ_P of Eq. 14, as exact consequences of J^N_P = 0 (and J^Q_P = 0).
 */
import type { ProofResult } from './types.js';
export declare function proveEq8And13(): Promise<ProofResult>;
//# sourceMappingURL=eq8-13-probe-potential-temperature.d.ts.map