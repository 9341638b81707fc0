/**
 * The one place the report reaches the proofs (proofs/index.ts, contract in proofs/types.ts):
 * `runAllProofs()` is run afresh for every `probecheck paper`, so a fresh clone's `npm start`
 * shows fresh proofs. A proof that throws is reported by runAllProofs as a failed verdict, never
 * hidden.
 */
import { runAllProofs } from '../../proofs/index.js';
import type { ProofResult } from '../../proofs/types.js';

/** Outcome of running the proofs. */
export interface ProofRun {
  readonly results: readonly ProofResult[];
  readonly seconds: number;
}

/** Run every proof (proofs/index.ts `runAllProofs`); `onProgress` is called with each proof id. */
export async function runProofs(onProgress?: (id: string) => void): Promise<ProofRun> {
  const t0 = performance.now();
  const results = await runAllProofs({ onProgress });
  return { results, seconds: (performance.now() - t0) / 1000 };
}
