/**
 * Every machine-checked claim of the paper (one file per claim). Pure: no file writes, no console
 * output — `npm run proofs` (proofs/run.ts) and the HTML report both call {@link runAllProofs}.
 */
import type { ProofResult } from './types.js';
/** A proof: its stable id and the function that runs it. */
export interface Proof {
    readonly id: string;
    readonly run: () => Promise<ProofResult>;
}
/** All proofs, in the order of the paper. */
export declare const proofs: readonly Proof[];
/**
 * Run every proof in order. A proof that throws is reported as a 'failed' ProofResult (with the
 * error in its notes), never as an exception.
 */
export declare function runAllProofs(opts?: {
    onProgress?: (id: string) => void;
}): Promise<ProofResult[]>;
//# sourceMappingURL=index.d.ts.map