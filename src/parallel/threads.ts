/**
 * Worker threads over contiguous chunks (docs/scale.md): a map of S sites is split with
 * {@link shardRange} into one chunk per thread, each chunk computed in a node:worker_threads worker
 * exactly as a single thread would (every site is independent: the same operations in the same
 * order), and the chunks concatenated in order — so the result is bit-identical to `--threads 1`.
 * Works from the TypeScript sources (tsx, vitest: the worker is started with `--import tsx`) and
 * from the compiled dist/ JavaScript (the worker file with the running module's extension).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { shardRange } from './shard.js';
import { probeMap, type ProbeMap } from '../analysis/map.js';
import { ConfigError, parseConfig, type ParsedConfig } from '../config.js';
import { hasEnergyDependentLeads, prepareSystem, SparseLimitError, type OnsagerMethod, type PreparedSystem } from '../numeric/system.js';
import type { SparseTransmissionEngine } from '../numeric/sparseTransmission.js';
import { isTestProbe } from '../model/probeModels.js';
import { CircuitSpecError } from '../numeric/circuit.js';
import { SingularCircuitError } from '../numeric/probes.js';
import { SparseAccuracyError } from '../numeric/sparse.js';
import { DenseUnavailableError } from '../numeric/unallocated.js';
import type { MapJob, PaperSearchJob, PaperSweepsJob, ScanJob, TransmissionJob, VpVtpJob, WorkerJob, WorkerReply } from './worker.js';
import { finishVpVtp, joinVpVtpParts, vpVtpPart, type VpVtpAnalysis, type VpVtpPart } from '../analysis/vpVtp.js';
import {
  reproductionSteps,
  type Reproduction,
  type ReproductionHooks,
  type PaperParameters,
  type SearchSpace,
  type CrosscheckFixture,
} from '../paper/index.js';
import { transmissionTable, type Table } from '../cli/format.js';

/**
 * The results of chunks run on workers, in order; if any failed, the error of the first failing
 * chunk in chunk order (after all have settled), so that a run on N threads reports the error a
 * one-thread run meets first, whichever worker happened to fail sooner.
 */
export async function chunksInOrder<T>(chunks: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(chunks);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** Default thread count: every core the process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Work (points × N², N the sites) below which a default run stays on one thread: starting a worker
 * costs ~0.1 s compiled and ~0.6 s under tsx (measured), more than a paper-size benzene scan
 * (3 606 points × 36 ≈ 1.3e5, 82 ms on one thread).
 */
export const THREAD_MIN_WORK = 5e6;

/** The default thread count for a job of the given work: all cores when it repays the start-up, else 1. */
export function autoThreads(work: number): number {
  return work >= THREAD_MIN_WORK ? defaultThreads() : 1;
}

/**
 * Scan points per worker below which a default scan on the sparse path stays on fewer threads. There
 * a point samples T(E) mostly at the energies of the point before it (docs/physics.md §14,
 * "Neighbouring μ0"), so a worker's first point costs ~5× a later one and each extra worker pays one
 * such first point. Measured 2026-12-03 on a 2000-site chain at 300 K (points 10–50 meV apart), two
 * threads against one: 1.0× at 11 points, 1.2× at 21, 1.35× at 41.
 */
export const SPARSE_SCAN_POINTS_PER_THREAD = 10;

/** {@link autoThreads} of a scan of `points` rows: on the sparse path at most one thread per {@link SPARSE_SCAN_POINTS_PER_THREAD} points. */
export function autoScanThreads(work: number, points: number, sparse: boolean): number {
  const n = autoThreads(work);
  return sparse ? Math.max(1, Math.min(n, Math.floor(points / SPARSE_SCAN_POINTS_PER_THREAD))) : n;
}

/**
 * Work of a per-site (finite-γ) map of N sites per N⁴, in units of {@link THREAD_MIN_WORK}: each site
 * is an Onsager set of an N-site system, an N³ solve. Measured 2026-12-04 on this 2-core machine
 * (graphene flakes, compiled CLI, one thread, warm): 17 ms per site at N = 80 (1.4 s), 38 ms at 100,
 * 70 ms at 120, i.e. 3.3·10⁻⁸ s·N⁴ ≈ 0.055 units·N⁴; so the default goes parallel from N ≈ 98
 * on. Two threads against one, workers' start-up and JIT warm-up included: 0.75× at N = 48,
 * 0.95–1.07× at 80, 1.15× at 100, 1.43× at 120, 1.66× at 200.
 */
export const MAP_WORK_PER_SITE4 = 0.055;

/** {@link autoThreads} of a per-site map of `sites` sites (see {@link MAP_WORK_PER_SITE4}). */
export function autoMapThreads(sites: number): number {
  return autoThreads(MAP_WORK_PER_SITE4 * sites ** 4);
}

/**
 * Multiply–adds of a transmission engine per unit of {@link THREAD_MIN_WORK}: a unit is ~0.6 µs of one
 * thread (the benzene scan above: 82 ms / 1.3e5), and the engines run at ~6.4 ns per complex
 * multiply–add (measured 2026-12-02 on this 2-core machine: the 100 × 100 flake, 8.0e6 multiply–adds of
 * its multifrontal LU per energy, 51.6 ms CPU per energy; the dense engine of a 1 000-site ring with
 * 3 channels, N·r² = 9 000, 76 µs, 8.4 ns each). So THREAD_MIN_WORK ≈ 5e8 multiply–adds ≈ 3 s.
 */
export const ENGINE_OPS_PER_WORK = 100;

/**
 * Multiply–adds per site and energy of the sparse engine besides its factorisation (assembling
 * z − H_eff, the substitutions, the backward-error check): measured on a 4 000-site chain, whose banded
 * LU is only 8 000 multiply–adds, 0.36 ms CPU per energy ≈ 89 ns ≈ 14 multiply–adds per site.
 */
export const SPARSE_OPS_PER_SITE = 16;

/**
 * Estimated work of T(E) at `energies` energies on one thread, in units of {@link THREAD_MIN_WORK}
 * (what {@link autoThreads} takes), from the engine's own cost per energy: the sparse path the
 * factorisation's multiply–adds (`solver.stats.work`) + {@link SPARSE_OPS_PER_SITE}·N — never N²;
 * the dense eigen-decomposition engine N·r² + r³ (r channels; its docstring's cost); the dense engine
 * of energy-dependent leads one LU of the N × N matrix per energy, N³/3 + N²·r. The set-up
 * (each worker repeats it, in parallel) is not counted: threads do not save it. For the sparse path
 * the engine is built (on `prepared`, so a one-thread run reuses it) only when the O(N) lower bound
 * alone does not already reach THREAD_MIN_WORK.
 */
export function transmissionWork(prepared: PreparedSystem, energies: number): number {
  const { system } = prepared;
  const N = system.sparseHamiltonian?.n ?? system.hamiltonian.rows;
  if (prepared.path === 'sparse') {
    const lower = (energies * SPARSE_OPS_PER_SITE * N) / ENGINE_OPS_PER_WORK;
    if (lower >= THREAD_MIN_WORK) return lower;
    const { stats } = (prepared.engine() as SparseTransmissionEngine).solver;
    return (energies * (stats.work + SPARSE_OPS_PER_SITE * N)) / ENGINE_OPS_PER_WORK;
  }
  const r = system.terminals.reduce((k, t) => k + (t.coupling.sparse?.length ?? t.coupling.channels.cols), 0);
  const perEnergy = hasEnergyDependentLeads(system) ? N ** 3 / 3 + N * N * r : N * r * r + r ** 3;
  return (energies * perEnergy) / ENGINE_OPS_PER_WORK;
}

/**
 * The `transmission` table (E, then T_αβ for every ordered pair; {@link transmissionTable}) at
 * `energies` on `threads` worker threads (default: {@link autoThreads} of {@link transmissionWork}; 1 =
 * in this thread, no worker): the energies split into contiguous chunks ({@link shardRange}), each
 * chunk's rows computed by a worker exactly as one thread computes them, concatenated in order — the
 * same bits for every thread count. `config` is the raw CONFIG.json object (each worker parses it);
 * `parsed`, when given, is that config already parsed (used on this thread instead of parsing again).
 * Dense and sparse-only configs alike. Internal module (the CLI's `transmission --threads`):
 * ```text
 * const config = { hamiltonian: { model: 'graphene', rows: 100, cols: 100, hopping: -2.7 }, reference: { mu: 0, T: 300 },
 *   terminals: [{ name: 'L', coupling: { sites: [0], gamma: 0.5 } }, { name: 'R', coupling: { sites: [9999], gamma: 0.5 } }] };
 * const table = await transmissionTableThreaded(config, linspace(-8.5, 8.5, 1000), { threads: 2 });
 * ```
 */
export async function transmissionTableThreaded(
  config: unknown,
  energies: readonly number[],
  options: { readonly threads?: number; readonly onEnergy?: () => void; readonly parsed?: ParsedConfig } = {},
): Promise<Table> {
  const parsed = options.parsed ?? parseConfig(config);
  // validates here, once (a sparse-only system the sparse path cannot take: SparseLimitError); the engine is built lazily
  const prepared = prepareSystem(parsed.system);
  const threads = Math.max(1, Math.min(options.threads ?? autoThreads(transmissionWork(prepared, energies.length)), energies.length));
  if (threads === 1) return transmissionTable(prepared, energies, options.onEnergy);
  const parts = await chunksInOrder(
    Array.from({ length: threads }, (_, k) => {
      const [a, b] = shardRange(energies.length, { k: k + 1, n: threads });
      return runWorker({ kind: 'transmission', config, energies: energies.slice(a, b) }, (count) => {
        for (let i = 0; i < count; i++) options.onEnergy?.();
      });
    }),
  );
  return { header: parts[0].header, rows: parts.flatMap((p) => p.rows) };
}

/**
 * The worker script next to this module (the running module's extension), and how to start it: the
 * compiled .js directly; the .ts source through tsx. Passing "--import tsx" in execArgv did not reach
 * the worker's module loader here (Node 20.20, tsx 4: ERR_UNKNOWN_FILE_EXTENSION), so a .ts worker is a tiny
 * bootstrap (tsx-worker.mjs, sources only) that registers tsx's ESM hooks in the worker and then
 * imports the source.
 */
export function workerEntry(): { url: URL; bootstrap?: URL } {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(`./worker.${ts ? 'ts' : 'js'}`, import.meta.url);
  return ts ? { url, bootstrap: new URL('./tsx-worker.mjs', import.meta.url) } : { url };
}

function runWorker(job: MapJob, onSite: (k: number) => void): Promise<ProbeMap>;
function runWorker(job: ScanJob | TransmissionJob, onSite: (k: number) => void): Promise<Table>;
function runWorker(job: PaperSearchJob | PaperSweepsJob, onSite: (k: number) => void): Promise<unknown[]>;
function runWorker(job: VpVtpJob, onSite: (k: number) => void): Promise<VpVtpPart>;
function runWorker(job: WorkerJob, onSite: (k: number) => void): Promise<ProbeMap | Table | VpVtpPart | unknown[]> {
  const { url, bootstrap } = workerEntry();
  return new Promise((resolve, reject) => {
    const w = bootstrap ? new Worker(bootstrap, { workerData: job, argv: [url.href] }) : new Worker(url, { workerData: job });
    let done = false;
    w.on('message', (m: WorkerReply) => {
      if (m.type === 'site') onSite(m.count ?? 1);
      else if (m.type === 'done') {
        done = true;
        resolve(m.result);
      } else {
        done = true;
        reject(reviveWorkerError(m));
      }
    });
    w.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
    w.on('exit', (code) => {
      if (!done) reject(new Error(`${job.kind} worker exited with code ${code} before finishing`));
    });
  });
}

/**
 * The error a worker reported, as the class it was thrown as, so that the CLI classifies it as on one
 * thread (bad input: exit 2 with its one line; anything else: exit 3). Classes not listed stay plain Errors.
 */
export function reviveWorkerError(m: Extract<WorkerReply, { type: 'error' }>): Error {
  let e: Error;
  switch (m.name) {
    case 'CircuitSpecError':
      e = new CircuitSpecError(m.message, m.field ?? '');
      break;
    case 'ConfigError':
      e = m.detail !== undefined ? new ConfigError(m.path ?? '', m.detail) : new ConfigError('', m.message);
      break;
    case 'SingularCircuitError':
      e = new SingularCircuitError(m.message, m.unknown ?? []);
      break;
    case 'SparseLimitError':
      e = new SparseLimitError(m.message);
      break;
    case 'DenseUnavailableError':
      e = new DenseUnavailableError(m.message);
      break;
    case 'SparseAccuracyError':
      e = new SparseAccuracyError(m.message, m.backwardError ?? Number.NaN);
      break;
    default:
      e = new Error(m.message);
  }
  return e;
}

/** One contiguous chunk of a scan table on a worker thread (the CLI's `scan --threads`). */
export function runScanWorker(job: ScanJob, onPoint: () => void): Promise<Table> {
  return runWorker(job, onPoint);
}

/**
 * {@link probeMap} of a config over all sites on `threads` worker threads (default all cores; 1 =
 * in this thread, no worker). `config` is the raw CONFIG.json object (each worker parses it itself).
 * Usage (runnable once the lead exports it from the package root; until then an internal module):
 * ```text
 * import { probeMapThreaded } from 'probecheck';
 * const config = {
 *   hamiltonian: { model: 'benzene', hopping: -2.64 }, reference: { mu: 0.3, T: 300 },
 *   terminals: [
 *     { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.301, T: 310 },
 *     { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: 0.3, T: 290 },
 *     { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0 } },
 *   ],
 * };
 * const map = await probeMapThreaded(config, 'P', { threads: 2 });
 * console.log(map.temperatureVTP); // identical bits to threads: 1
 * ```
 */
export async function probeMapThreaded(
  config: unknown,
  probe: string,
  options: {
    readonly threads?: number;
    readonly method?: OnsagerMethod;
    readonly onSite?: () => void;
    /** Sites [start, end) only (a `--shard`; default all). The shared γ = 0 route still integrates every site's row (same bits). */
    readonly range?: readonly [number, number];
  } = {},
): Promise<ProbeMap> {
  const parsed = parseConfig(config);
  const N = parsed.system.hamiltonian.rows;
  const [r0, r1] = options.range ?? [0, N];
  if (!(Number.isInteger(r0) && Number.isInteger(r1) && 0 <= r0 && r0 <= r1 && r1 <= N))
    throw new Error(`probeMapThreaded: range [${r0}, ${r1}) is not inside 0…${N}`);
  const M = r1 - r0;
  const rangeSites = Array.from({ length: M }, (_, k) => r0 + k);
  const moved = parsed.system.terminals.find((t) => t.name === probe);
  // the shared coherent-limit route computes every site's row in one pass (docs/physics.md §15): one thread
  const sharedRoute = moved !== undefined && isTestProbe(moved) && prepareSystem(parsed.system).path === 'sparse';
  const threads = sharedRoute ? 1 : Math.max(1, Math.min(options.threads ?? defaultThreads(), M));
  const method = options.method ?? 'closed-form';
  if (threads === 1) return probeMap(parsed.system, parsed.reference, parsed.circuit, probe, { method, onSite: options.onSite, sites: rangeSites });
  probeMap(parsed.system, parsed.reference, parsed.circuit, probe, { method, sites: [] }); // bad input: fail here, once
  const chunks = Array.from({ length: threads }, (_, k) => {
    const [a, b] = shardRange(M, { k: k + 1, n: threads });
    return [r0 + a, r0 + b] as const;
  });
  const parts = await chunksInOrder(chunks.map(([a, b]) => runWorker({ kind: 'map', config, probe, method, start: a, end: b }, () => options.onSite?.())));
  const cat = (f: (m: ProbeMap) => Float64Array) => {
    const out = new Float64Array(M);
    parts.forEach((m, k) => out.set(f(m), chunks[k][0] - r0));
    return out;
  };
  return {
    probe,
    gamma: parts[0].gamma,
    route: 'per-site',
    sites: Int32Array.from(rangeSites),
    muVP: cat((m) => m.muVP),
    muVTP: cat((m) => m.muVTP),
    temperatureVP: cat((m) => m.temperatureVP),
    temperatureVTP: cat((m) => m.temperatureVTP),
    heatVP: cat((m) => m.heatVP),
    entropyVP: cat((m) => m.entropyVP),
    entropyVTP: cat((m) => m.entropyVTP),
    probeError: cat((m) => m.probeError),
  };
}

/**
 * `probecheck report --threads N`: the VP/VTP/ER analysis of a config along `mu0` (eV) with the grid
 * split into `threads` contiguous parts, each computed on a worker by the same code as in one thread
 * (src/analysis/vpVtp.ts vpVtpPart) and joined in order, so the analysis is bit-identical to
 * `analyseVpVtp` (test/parallel/threads.test.ts). threads ≤ 1: this thread. `onPoint` after every
 * point of each pass (analysisSteps in all).
 */
export async function analyseVpVtpThreaded(config: unknown, mu0: readonly number[], threads: number, onPoint?: () => void): Promise<VpVtpAnalysis> {
  const parsed = parseConfig(config);
  const { system, reference, circuit } = parsed;
  const n = Math.max(1, Math.min(threads, mu0.length));
  if (n === 1) return finishVpVtp(system, reference.temperature, vpVtpPart(system, reference, circuit, mu0, { onPoint }));
  const parts = await chunksInOrder(
    Array.from({ length: n }, (_, k) => {
      const [a, b] = shardRange(mu0.length, { k: k + 1, n });
      return runWorker({ kind: 'vpvtp', config, mu0, start: a, end: b }, () => onPoint?.());
    }),
  );
  return finishVpVtp(system, reference.temperature, joinVpVtpParts(parts));
}

/**
 * `probecheck paper --threads N`: {@link reproductionSteps} driven with each phase's solves (the search's
 * geometries, then the figures' sweeps) split into `threads` contiguous parts, each solved on a worker
 * thread by the same code as in one thread and handed back in order — so the reproduction is
 * bit-identical to `reproducePaper` (tested: test/parallel/paperThreads.test.ts). threads ≤ 1: this thread.
 */
export async function reproducePaperThreaded(
  params: PaperParameters,
  hooks: ReproductionHooks,
  space: SearchSpace,
  crosscheck: CrosscheckFixture | undefined,
  threads: number,
): Promise<Reproduction> {
  const steps = reproductionSteps(params, hooks, space, crosscheck);
  const tick = (k: number) => hooks.onSolves?.(k);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    const step = r.value;
    if (step.phase === 'search') {
      const list = step.sweeps.pendingList();
      const n = Math.max(1, Math.min(threads, list.length));
      if (n === 1) {
        step.sweeps.flush(hooks.onSolves);
        continue;
      }
      const chunks = Array.from({ length: n }, (_, k) => shardRange(list.length, { k: k + 1, n }));
      const parts = await chunksInOrder(
        chunks.map(([a, b]) => runWorker({ kind: 'paper-search', space: step.sweeps.space, T0: step.sweeps.T0, geometries: list.slice(a, b) }, tick)),
      );
      parts.forEach((maps, k) => maps.forEach((m, i) => step.sweeps.provide(list[chunks[k][0] + i], m as never)));
    } else {
      const items = step.caches.flatMap((cache) => cache.pendingList().map((it) => ({ cache, ...it })));
      const n = Math.max(1, Math.min(threads, items.length));
      if (n === 1) {
        for (const c of step.caches) c.flush(hooks.onSolves);
        continue;
      }
      // contiguous parts of about equal work (biases × μ0 points)
      const work = items.map((it) => it.biases.length * it.cache.mu0.length);
      const total = work.reduce((a, b) => a + b, 0);
      const cuts = [0];
      let acc = 0;
      items.forEach((_, i) => {
        acc += work[i];
        if (cuts.length < n && acc >= (cuts.length * total) / n && i + 1 < items.length) cuts.push(i + 1);
      });
      cuts.push(items.length);
      const ranges = cuts.slice(0, -1).map((a, k) => [a, cuts[k + 1]] as const);
      const parts = await chunksInOrder(
        ranges.map(([a, b]) =>
          runWorker(
            {
              kind: 'paper-sweeps',
              items: items.slice(a, b).map((it) => ({ grid: it.cache.grid, T0: it.cache.T0, geometry: it.geometry, biases: it.biases })),
            },
            tick,
          ),
        ),
      );
      parts.forEach((sweeps, k) =>
        sweeps.forEach((sw, i) => {
          const it = items[ranges[k][0] + i];
          it.cache.provide(it.geometry, it.biases, sw as never);
        }),
      );
    }
  }
}
