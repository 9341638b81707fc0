/**
 * `probecheck transmission CONFIG.json --emin A --emax B --n K [--out F] [--threads N] [--shard K/N]`
 * — CSV of E and every T_αβ(E), with a progress bar on stderr; the energies split over worker
 * threads and/or shards give the same bytes as one run (docs/scale.md).
 */
import type { Command } from 'commander';
import { loadConfigFile } from '../load.js';
import { linspace } from '../../scan.js';
import { toCsv } from '../format.js';
import { writeFileAtomic, checkOutputFile } from '../../io/atomic.js';
import { writeStdout } from '../../io/stdout.js';
import { parseEnergy, parseGridCount, checkTableSize } from './options.js';
import { parseThreads } from './map.js';
import { transmissionTableThreaded } from '../../parallel/threads.js';
import { parseShard, runFingerprint, shardLine, shardRange, type Shard } from '../../parallel/shard.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../errors.js';

export function register(program: Command): void {
  program
    .command('transmission')
    .description('transmission functions T_αβ(E) on an energy grid, as CSV (E in eV, then every ordered pair α≠β)')
    .argument('<config>', 'config file (JSON)')
    .requiredOption('--emin <eV>', 'lowest energy (eV)')
    .requiredOption('--emax <eV>', 'highest energy (eV)')
    .option('--n <K>', 'number of energies from --emin to --emax (1 only with --emin = --emax)', '201')
    .option('--out <file>', 'write the CSV to a file (atomically); default: stdout')
    .option('--quiet', 'no progress bar')
    .option('--shard <K/N>', 'compute only the K-th of N contiguous parts of the energies (join them with `probecheck merge`)')
    .option('--threads <N>', 'worker threads (default: all cores for a large table, else 1); results are bit-identical for every N')
    .action(async (configPath: string, opts: { emin: string; emax: string; n: string; out?: string; quiet?: boolean; shard?: string; threads?: string }) => {
      const emin = parseEnergy('--emin', opts.emin),
        emax = parseEnergy('--emax', opts.emax);
      const k = parseGridCount('--n', opts.n);
      if (!(emax >= emin)) throw new UsageError(`--emax (${emax}) must be ≥ --emin (${emin})`);
      // one energy cannot be both ends (as for a grid A:B:1, src/cli/commands/options.ts parseEnergyGrid)
      if (k === 1 && emin !== emax)
        throw new UsageError(
          `--n: one energy (--n 1) from --emin ${emin} to --emax ${emax} is ambiguous; give --emax ${emin} for the single energy, or --n ≥ 2`,
        );
      const threads = opts.threads === undefined ? undefined : parseThreads(opts.threads);
      let shard: Shard | undefined;
      try {
        shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
      } catch (e) {
        throw new UsageError(`--shard: ${(e as Error).message}`);
      }
      if (opts.out !== undefined) checkOutputFile(opts.out, '--out'); // an empty --out is refused, not stdout
      const { parsed, json: configJson, text: configText } = loadConfigFile(configPath);
      const nt = parsed.system.terminals.length;
      checkTableSize('transmission', k, 1 + nt * (nt - 1));
      const range = shard ? shardRange(k, shard) : ([0, k] as [number, number]);
      // the single run's grid, then this shard's part of it (each energy is computed from its index alone)
      const energies = linspace(emin, emax, k).slice(range[0], range[1]);
      const bar = progressBar(energies.length, 'transmission', opts.quiet);
      let table;
      try {
        // default threads: all cores only when the work repays the workers' start-up (docs/scale.md)
        table = await transmissionTableThreaded(configJson, energies, { threads, parsed, onEnergy: () => bar.tick() });
      } finally {
        bar.stop();
      }
      let csv = toCsv(table.header, table.rows);
      if (shard) csv = shardLine(shard, range, k, runFingerprint(['transmission', configText, String(emin), String(emax), String(k)])) + '\n' + csv;
      if (opts.out !== undefined) {
        writeFileAtomic(opts.out, csv, '--out');
        process.stderr.write(
          `wrote ${table.rows.length} rows to ${opts.out}${shard ? ` (shard ${shard.k}/${shard.n}: rows ${range[0]}-${range[1]} of ${k})` : ''}\n`,
        );
      } else await writeStdout(csv);
    });
}
