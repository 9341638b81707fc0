/**
 * The worker of threads.ts: computes one contiguous chunk of a probe map, a scan, a transmission
 * table, a part of the user report's VP/VTP/ER analysis, or the paper's search geometries / figure
 * sweeps, and posts it back
 * (Float64Arrays are structured-cloned bit for bit). Internal; started by probeMapThreaded.
 */
import { parentPort, workerData, isMainThread } from 'node:worker_threads';
import { parseConfig } from '../config.js';
import { probeMap, type ProbeMap } from '../analysis/map.js';
import type { OnsagerMethod } from '../numeric/system.js';
import { transmissionTable, type Table } from '../cli/format.js';
import { scanTableRange, type ScanRequest } from '../cli/commands/scan.js';
import { vpVtpPart, type VpVtpPart } from '../analysis/vpVtp.js';
import { LinearSweeps, type SearchSpace } from '../paper/search.js';
import { SweepCache, type Bias, type Geometry } from '../paper/junction.js';

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

/** A transmission chunk: the rows of `probecheck transmission` at these energies (eV), in order. */
export interface TransmissionJob {
  readonly kind: 'transmission';
  readonly config: unknown;
  readonly energies: readonly number[];
}

/** Geometries of the paper's search (`paper --threads`): their linear-response maps. */
export interface PaperSearchJob {
  readonly kind: 'paper-search';
  readonly space: SearchSpace;
  readonly T0: number;
  readonly geometries: readonly Geometry[];
}

/** Figure sweeps of the paper (`paper --threads`): per geometry, the requested biases on one μ0 grid. */
export interface PaperSweepsJob {
  readonly kind: 'paper-sweeps';
  readonly items: ReadonlyArray<{
    readonly grid: { readonly min: number; readonly max: number; readonly points: number };
    readonly T0: number;
    readonly geometry: Geometry;
    readonly biases: ReadonlyArray<{ readonly bias: Bias; readonly ratios: boolean }>;
  }>;
}

/** A part of the user report's VP/VTP/ER analysis: the μ0 points start…end−1 of `mu0` (eV). */
export interface VpVtpJob {
  readonly kind: 'vpvtp';
  readonly config: unknown;
  readonly mu0: readonly number[];
  readonly start: number;
  readonly end: number;
}

export type WorkerJob = MapJob | ScanJob | TransmissionJob | PaperSearchJob | PaperSweepsJob | VpVtpJob;

/** Messages from a worker. */
export type WorkerReply =
  | { readonly type: 'site'; readonly count?: number }
  | { readonly type: 'done'; readonly result: ProbeMap | Table | VpVtpPart | unknown[] }
  | {
      readonly type: 'error';
      readonly name: string;
      readonly message: string;
      /** CircuitSpecError's field; ConfigError's path and detail; SingularCircuitError's unknowns; SparseAccuracyError's η. */
      readonly field?: string;
      readonly path?: string;
      readonly detail?: string;
      readonly unknown?: readonly number[];
      readonly backwardError?: number;
    };

if (!isMainThread && parentPort) {
  const job = workerData as WorkerJob;
  const port = parentPort;
  try {
    if (job.kind === 'paper-search') {
      const sweeps = new LinearSweeps(job.space, job.T0);
      const tickK = (k: number) => port.postMessage({ type: 'site', count: k });
      port.postMessage({ type: 'done', result: job.geometries.map((g) => sweeps.solve(g, tickK)) });
    } else if (job.kind === 'paper-sweeps') {
      const tickK = (k: number) => port.postMessage({ type: 'site', count: k });
      port.postMessage({ type: 'done', result: job.items.map((it) => new SweepCache(it.grid, it.T0).solveRequests(it.geometry, it.biases, tickK)) });
    } else {
      runConfigJob(job);
    }
  } catch (e) {
    const err = e as Error & { field?: string; path?: string; detail?: string; unknown?: readonly number[]; backwardError?: number };
    port.postMessage({
      type: 'error',
      name: err.name,
      message: err.message,
      field: err.field,
      path: err.path,
      detail: err.detail,
      unknown: err.unknown ? [...err.unknown] : undefined,
      backwardError: err.backwardError,
    });
  }
}

function runConfigJob(job: MapJob | ScanJob | TransmissionJob | VpVtpJob): void {
  const port = parentPort!;
  const tick = () => port.postMessage({ type: 'site' });
  {
    const p = parseConfig(job.config);
    if (job.kind === 'scan') {
      port.postMessage({ type: 'done', result: scanTableRange(p, job.request, [job.start, job.end], tick) });
    } else if (job.kind === 'vpvtp') {
      port.postMessage({ type: 'done', result: vpVtpPart(p.system, p.reference, p.circuit, job.mu0, { onPoint: tick, range: [job.start, job.end] }) });
    } else if (job.kind === 'transmission') {
      port.postMessage({ type: 'done', result: transmissionTable(p.system, job.energies, tick) });
    } else {
      const sites = Array.from({ length: job.end - job.start }, (_, k) => job.start + k);
      port.postMessage({ type: 'done', result: probeMap(p.system, p.reference, p.circuit, job.probe, { method: job.method, sites, onSite: tick }) });
    }
  }
}
