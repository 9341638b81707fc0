/**
 * The worker of threads.ts: computes one contiguous chunk of a probe map and posts it back
 * (Float64Arrays are structured-cloned bit for bit). Internal; started by probeMapThreaded.
 */
import { parentPort, workerData, isMainThread } from 'node:worker_threads';
import { parseConfig } from '../config.js';
import { probeMap, type ProbeMap } from '../analysis/map.js';
import type { OnsagerMethod } from '../numeric/system.js';

/** A map chunk: sites start…end−1 of the config's Hamiltonian. */
export interface MapJob {
  readonly kind: 'map';
  readonly config: unknown;
  readonly probe: string;
  readonly method: OnsagerMethod;
  readonly start: number;
  readonly end: number;
}

/** Messages from a worker. */
export type WorkerReply =
  | { readonly type: 'site' }
  | { readonly type: 'done'; readonly map: ProbeMap }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly field?: string };

if (!isMainThread && parentPort) {
  const job = workerData as MapJob;
  const port = parentPort;
  try {
    const p = parseConfig(job.config);
    const sites = Array.from({ length: job.end - job.start }, (_, k) => job.start + k);
    const map = probeMap(p.system, p.reference, p.circuit, job.probe, { method: job.method, sites, onSite: () => port.postMessage({ type: 'site' }) });
    port.postMessage({ type: 'done', map });
  } catch (e) {
    const err = e as Error & { field?: string };
    port.postMessage({ type: 'error', name: err.name, message: err.message, field: err.field });
  }
}
