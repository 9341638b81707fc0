/**
 * The one place the report reaches the proofs (proofs/index.ts, contract in proofs/types.ts):
 * `runAllProofs()` is run afresh for every `probecheck paper`, so a fresh clone's `npm start`
 * shows fresh proofs. A missing proofs/index.ts is reported as such (the report says so in red and
 * the CLI warns); a proofs module that exists but fails to load or throws is an error, never hidden.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProofResult } from '../../proofs/types.js';

/** Outcome of running the proofs. */
export type ProofRun =
  | { readonly available: true; readonly results: readonly ProofResult[]; readonly seconds: number }
  | { readonly available: false; readonly reason: string };

/** The proofs entry point (proofs/index.ts). */
export const PROOFS_ENTRY = new URL('../../proofs/index.ts', import.meta.url);

interface ProofsModule {
  runAllProofs(opts?: { onProgress?: (id: string) => void }): Promise<ProofResult[]>;
}

/** Run every proof (proofs/index.ts `runAllProofs`); `onProgress` is called with each proof id. */
export async function runProofs(onProgress?: (id: string) => void): Promise<ProofRun> {
  if (!existsSync(fileURLToPath(PROOFS_ENTRY))) {
    return { available: false, reason: 'proofs/index.ts does not exist yet (the proofs are being written); no proof was run' };
  }
  const t0 = performance.now();
  // A computed specifier: the module is optional at type-check time while it is being written.
  const specifier: string = PROOFS_ENTRY.href;
  const mod = (await import(specifier)) as ProofsModule;
  if (typeof mod.runAllProofs !== 'function') throw new Error('proofs/index.ts does not export runAllProofs()');
  const results = await mod.runAllProofs({ onProgress });
  return { available: true, results, seconds: (performance.now() - t0) / 1000 };
}
