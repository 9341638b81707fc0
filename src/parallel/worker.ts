/**
 * The worker of threads.ts: computes one contiguous chunk of a probe map and posts it back
 * (Float64Arrays are structured-cloned bit for bit). Internal; started by probeMapThreaded.
 */
import { parentPort, workerData, isMainThread } from 'node:worker_threads';
import { parseConfig } from '../config.js';
import { probeMap, type ProbeMap } from '../analysis/map.js';
import type { OnsagerMethod } from '../numeric/system.js';
import type { Table } from '../cli/format.js';
import { scanTableRange, type ScanRequest } from '../cli/commands/scan.js';

/** A map chunk: sites start…end−1 of the config's Hamiltonian. */
export interface MapJob {
  readonly kind: 'map';
  readonly config: unknown;
  readonly probe: string;
  readonly method: OnsagerMethod;
  readonly start: number;
  readonly end: number;
}

/** A scan chunk: rows start…end−1 of the table `probecheck scan` writes. */
export interface ScanJob {
  readonly kind: 'scan';
  readonly config: unknown;
  readonly request: ScanRequest;
  readonly start: number;
  readonly end: number;
}

export type WorkerJob = MapJob | ScanJob;

/** Messages from a worker. */
export type WorkerReply =
  | { readonly type: 'site' }
  | { readonly type: 'done'; readonly result: ProbeMap | Table }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly field?: string };

if (!isMainThread && parentPort) {
  const job = workerData as WorkerJob;
  const port = parentPort;
  const tick = () => port.postMessage({ type: 'site' });
  try {
    const p = parseConfig(job.config);
    if (job.kind === 'scan') {
      port.postMessage({ type: 'done', result: scanTableRange(p, job.request, [job.start, job.end], tick) });
    } else {
      const sites = Array.from({ length: job.end - job.start }, (_, k) => job.start + k);
      port.postMessage({ type: 'done', result: probeMap(p.system, p.reference, p.circuit, job.probe, { method: job.method, sites, onSite: tick }) });
    }
  } catch (e) {
    const err = e as Error & { field?: string };
    port.postMessage({ type: 'error', name: err.name, message: err.message, field: err.field });
  }
}
