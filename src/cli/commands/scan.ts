/**
 * `probecheck scan CONFIG.json --mu0 A:B:K [--gamma P=g1,g2,…] --out FILE.csv` — the solved
 * circuit along a μ0 grid (and optionally for several widths γ of one terminal), one CSV row per
 * point, with a progress bar on stderr.
 */
import type { Command } from 'commander';
import { loadConfigFile } from '../load.js';
import { parseRange, scanDevice, type CircuitVariant, type DevicePass, type ScanPoint, type ScanSpec } from '../../scan.js';
import { parseShard, runFingerprint, shardLine, shardRange, type Shard } from '../../parallel/shard.js';
import { toCsv, scanTable, appendProbeModelColumns, type Table } from '../format.js';
import { parseConfig } from '../../config.js';
import type { OnsagerMethod } from '../../numeric/system.js';
import { autoScanThreads, chunksInOrder, runScanWorker } from '../../parallel/threads.js';
import { parseThreads } from './map.js';
import { energyResolvedProbes, prepareSystem, withProbeModel } from '../../numeric/system.js';
import { PROBE_MODELS, isProbe, type ProbeModel } from '../../model/probeModels.js';
import { writeFileAtomic, checkOutputFile } from '../../io/atomic.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../errors.js';
import { parseDecimal } from '../../io/decimal.js';
import { parseMethod, parseEnergyGrid, checkTableSize } from './options.js';
import { GRID_POINT_LIMIT, GAMMA_MIN, ONSAGER_ACCURACY, energyProblem } from '../../limits.js';
import { siteCoupling, type ParsedConfig } from '../../config.js';

/** Parse "P=g1,g2,…" against the config: the terminal must have a local ("sites") coupling. */
export function parseGammaScan(text: string, parsed: ParsedConfig): NonNullable<ScanSpec['gamma']> {
  const m = /^([^=]+)=(.+)$/.exec(text);
  if (!m) throw new UsageError(`--gamma expects NAME=g1,g2,…, got "${text}"`);
  const name = m[1].trim();
  const idx = parsed.config.terminals.findIndex((t) => t.name === name);
  if (idx < 0) throw new UsageError(`--gamma: no terminal named "${name}" (have ${parsed.config.terminals.map((t) => t.name).join(', ')})`);
  const sites = siteCoupling(parsed.config.terminals[idx].coupling)?.sites;
  if (!sites) throw new UsageError(`--gamma: terminal "${name}" has a matrix coupling; a γ scan needs "sites" with "gamma"`);
  const items = m[2].split(',');
  if (items.length > GRID_POINT_LIMIT) throw new UsageError(`--gamma: ${items.length} values exceed the limit of ${GRID_POINT_LIMIT}`);
  const values = items.map((s) => {
    const v = parseDecimal(s);
    if (typeof v === 'string') throw new UsageError(`--gamma: ${v}`);
    if (v < 0) throw new UsageError(`--gamma: "${s}" is not a width ≥ 0 (eV)`);
    const p = energyProblem(v);
    if (p) throw new UsageError(`--gamma: ${p}`);
    if (v > 0 && v < GAMMA_MIN) throw new UsageError(`--gamma: γ = ${v} eV is below ${GAMMA_MIN} eV; use 0 for the coherent limit`);
    return v;
  });
  if (parsed.config.terminals[idx].probe === undefined && values.includes(0)) throw new UsageError(`--gamma: lead "${name}" cannot have γ = 0`);
  return { terminal: name, sites, values };
}

/** A scan table and the number of rows whose Onsager coefficients miss the documented accuracy (docs/physics.md §13). */
export interface ScanTable extends Table {
  readonly inaccurate?: number;
}

/** What a scan computes, as on the command line (each worker re-parses it). */
export interface ScanRequest {
  readonly mu0: string;
  readonly gamma?: string;
  readonly method: OnsagerMethod;
  readonly probeModels: boolean;
}

/** Number of rows of the full scan. */
export function scanTotal(parsed: ParsedConfig, opts: { readonly mu0: string; readonly gamma?: string }): number {
  const gamma = opts.gamma ? parseGammaScan(opts.gamma, parsed) : undefined;
  return parseRange(opts.mu0).length * (gamma ? gamma.values.length : 1);
}

/** A pass of {@link scanPlan}: its circuits labelled by the probe model they show (null: the config's own). */
type PlannedPass = DevicePass & { readonly labels: ReadonlyArray<ProbeModel | null> };

/**
 * The passes over the scan grid that {@link scanTableRange} makes (one Onsager set per point each):
 * the config's own system, and with `--probe-models` the three probe models side by side. The VP
 * and VTP variants share the Onsager set of any system without ER probes (the roles enter only
 * the circuit, docs/physics.md §4, §8), so they are extra circuits of the config's own pass when it
 * has no ER probe, else of one pass of their own; the ER variant (T_eff) has its own pass.
 */
function scanPlan(parsed: ParsedConfig, probeModels: boolean): { readonly models: boolean; readonly ownHasEr: boolean; readonly plan: readonly PlannedPass[] } {
  const models = probeModels && parsed.system.terminals.some((t) => isProbe(t.role));
  const ownHasEr = energyResolvedProbes(parsed.system).length > 0;
  const own: CircuitVariant = { kind: parsed.circuit };
  const variant = (m: ProbeModel): CircuitVariant => ({ kind: parsed.circuit, terminals: withProbeModel(parsed.system, m).terminals });
  const plan: PlannedPass[] = [];
  if (!models) plan.push({ system: parsed.system, circuits: [own], labels: [null], model: null });
  else if (ownHasEr)
    plan.push(
      { system: parsed.system, circuits: [own], labels: [null], model: null },
      { system: withProbeModel(parsed.system, 'VTP'), circuits: [variant('VP'), variant('VTP')], labels: ['VP', 'VTP'], model: 'VTP' },
    );
  else plan.push({ system: parsed.system, circuits: [own, variant('VP'), variant('VTP')], labels: [null, 'VP', 'VTP'], model: null });
  if (models) plan.push({ system: withProbeModel(parsed.system, 'ER'), circuits: [variant('ER')], labels: ['ER'], model: 'ER' });
  return { models, ownHasEr, plan };
}

/** How many passes {@link scanTableRange} makes (the progress total is points × count). */
export function scanPasses(parsed: ParsedConfig, probeModels: boolean): { readonly models: boolean; readonly ownHasEr: boolean; readonly count: number } {
  const { models, ownHasEr, plan } = scanPlan(parsed, probeModels);
  return { models, ownHasEr, count: plan.length };
}

/** The scan table rows [range) of a config (the same rows, bit for bit, whatever the range split). */
export function scanTableRange(parsed: ParsedConfig, req: ScanRequest, range: [number, number], onPoint: () => void = () => {}): ScanTable {
  const mu0 = parseRange(req.mu0);
  const gamma = req.gamma ? parseGammaScan(req.gamma, parsed) : undefined;
  const { plan } = scanPlan(parsed, req.probeModels);
  // points whose Onsager set (of any pass) misses the documented accuracy, counted once per row
  const inaccurate = new Uint8Array(range[1] - range[0]);
  // one device for all passes (src/scan.ts scanDevice: point by point on the sparse path); the table
  // reads the columns through per-point views, one list of points per labelled circuit
  const results = scanDevice(plan, parsed.reference, { mu0, gamma }, req.method, { onPoint, range });
  const byLabel = new Map<ProbeModel | null, ScanPoint[]>();
  results.forEach((r, k) => {
    for (let i = 0; i < r.onsagerError.length; i++) if (r.onsagerError[i] > ONSAGER_ACCURACY) inaccurate[i] = 1;
    plan[k].labels.forEach((label, c) =>
      byLabel.set(
        label,
        r.points.map((p): ScanPoint => ({ mu0: p.mu0, gamma: p.gamma, solution: { onsager: p.onsager, circuit: p.circuits[c]! } })),
      ),
    );
  });
  const points = byLabel.get(null)!;
  const byModel: Array<[string, ScanPoint[]]> = PROBE_MODELS.flatMap((m) => {
    const pts = byLabel.get(m);
    return pts ? [[m, pts] as [string, ScanPoint[]]] : [];
  });
  let table = scanTable(
    points,
    parsed.system.terminals.map((t) => t.name),
    parsed.circuit,
    gamma?.terminal,
  );
  if (byModel.length) table = appendProbeModelColumns(table, parsed.system, byModel);
  return { ...table, inaccurate: inaccurate.reduce((k, v) => k + v, 0) };
}

/** {@link scanTableRange} on `threads` workers over contiguous sub-ranges, concatenated in order. */
async function scanTableThreaded(config: unknown, req: ScanRequest, range: [number, number], threads: number, quiet: boolean): Promise<ScanTable> {
  const parsed = parseConfig(config);
  const bar = progressBar((range[1] - range[0]) * scanPasses(parsed, req.probeModels).count, 'scan', quiet);
  try {
    const n = Math.max(1, Math.min(threads, range[1] - range[0]));
    if (n === 1) return scanTableRange(parsed, req, range, () => bar.tick());
    const parts = await chunksInOrder(
      Array.from({ length: n }, (_, k) => {
        const [a, b] = shardRange(range[1] - range[0], { k: k + 1, n });
        return runScanWorker({ kind: 'scan', config, request: req, start: range[0] + a, end: range[0] + b }, () => bar.tick());
      }),
    );
    return { header: parts[0].header, rows: parts.flatMap((p) => p.rows), inaccurate: parts.reduce((k, p) => k + ((p as ScanTable).inaccurate ?? 0), 0) };
  } finally {
    bar.stop();
  }
}

export function register(program: Command): void {
  program
    .command('scan')
    .description("scan the reference chemical potential μ0 (and optionally one terminal's γ); writes CSV")
    .argument('<config>', 'config file (JSON)')
    .requiredOption('--mu0 <A:B:K>', 'μ0 grid in eV: K points from A to B (biases μ_α − μ0 are kept; K = 1 needs A = B)')
    .option('--gamma <P=g1,g2,...>', 'widths γ (eV) for terminal P (local coupling)')
    .requiredOption('--out <file>', 'output CSV (written atomically)')
    .option('--method <m>', '"closed-form" or "quadrature"', 'closed-form')
    .option('--quiet', 'no progress bar')
    .option('--probe-models', 'add columns with every probe as VP, as VTP and as ER side by side (lead currents, probe μ/T, Ṡ)')
    .option('--shard <K/N>', 'compute only the K-th of N contiguous parts of the scan (join them with `probecheck merge`)')
    .option('--threads <N>', 'worker threads (default: all cores for a large scan, else 1); results are bit-identical for every N')
    .action(
      async (
        configPath: string,
        opts: { mu0: string; gamma?: string; out: string; method: string; quiet?: boolean; probeModels?: boolean; shard?: string; threads?: string },
      ) => {
        const method = parseMethod(opts.method);
        const mu0 = parseEnergyGrid('--mu0', opts.mu0);
        checkOutputFile(opts.out, '--out');
        const { parsed, json: configJson, text: configText } = loadConfigFile(configPath);
        // linear response only: never a silently linear answer to a finite-bias config (docs/physics.md §10)
        if (parsed.response === 'nonlinear')
          throw new UsageError(
            'response: "nonlinear" is supported by `probecheck solve` only; this command computes linear response (remove "response" or use solve)',
          );
        let shard: Shard | undefined;
        try {
          shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
        } catch (e) {
          throw new UsageError(`--shard: ${(e as Error).message}`);
        }
        const total = scanTotal(parsed, opts);
        if (total > GRID_POINT_LIMIT)
          throw new UsageError(`scan: ${mu0.length} μ0 × ${total / mu0.length} γ = ${total} points exceed the limit of ${GRID_POINT_LIMIT}`);
        const models = opts.probeModels && parsed.system.terminals.some((t) => isProbe(t.role)) ? PROBE_MODELS.length : 0;
        checkTableSize('scan', total, 3 + 5 * parsed.system.terminals.length * (1 + models));
        const range = shard ? shardRange(total, shard) : ([0, total] as [number, number]);
        // default: all cores only when the work repays the workers' start-up (docs/scale.md)
        const N = parsed.system.hamiltonian.rows;
        const passes = scanPasses(parsed, opts.probeModels === true).count;
        const points = range[1] - range[0];
        const threads =
          opts.threads === undefined
            ? autoScanThreads(points * passes * N * N, points, prepareSystem(parsed.system).path === 'sparse')
            : parseThreads(opts.threads);
        const table = await scanTableThreaded(
          configJson,
          { mu0: opts.mu0, gamma: opts.gamma, method, probeModels: opts.probeModels === true },
          range,
          threads,
          opts.quiet === true,
        );
        if (table.inaccurate)
          process.stderr.write(
            `probecheck: warning: at ${table.inaccurate} of ${table.rows.length} points the Onsager coefficients are less accurate than ${ONSAGER_ACCURACY} of their natural scale (docs/physics.md §13)\n`,
          );
        let text = toCsv(table.header, table.rows);
        if (shard) {
          const key = runFingerprint(['scan', configText, opts.mu0, opts.gamma ?? '', method, opts.probeModels ? 'probe-models' : '']);
          text = shardLine(shard, range, total, key) + '\n' + text;
        }
        writeFileAtomic(opts.out, text, '--out');
        process.stderr.write(
          `wrote ${table.rows.length} rows to ${opts.out}${shard ? ` (shard ${shard.k}/${shard.n}: rows ${range[0]}-${range[1]} of ${total})` : ''}\n`,
        );
      },
    );
}
