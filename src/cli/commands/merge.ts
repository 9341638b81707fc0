/**
 * `probecheck merge SHARD… --out FILE` — join the shards of one `scan … --shard K/N` (or `map …` / `transmission …
 * --shard K/N`) run into the file a single run writes, byte for byte (docs/scale.md). The shards may
 * be given in any order; a missing, repeated, truncated or foreign shard, or a row that is not as
 * the run writes it (a NaN or garbage cell, an extra cell, a repeated or reordered grid row), is
 * exit 2 with one line naming the file, line and column (src/parallel/shard.ts mergeShards).
 */
import type { Command } from 'commander';
import { readTextFile } from '../../io/read.js';
import { INPUT_BYTES_LIMIT } from '../../limits.js';
import { writeFileAtomic, checkOutputFile } from '../../io/atomic.js';
import { UsageError } from '../errors.js';
import { mergeShards, ShardError } from '../../parallel/shard.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description('join the shards of a `scan`/`map`/`transmission` run (--shard K/N) into the single-run file')
    .argument('<shards...>', 'shard files (any order)')
    .requiredOption('--out <file>', 'output file (written atomically)')
    .action((shards: string[], opts: { out: string }) => {
      checkOutputFile(opts.out, '--out'); // before reading and joining the shards
      const files = shards.map((name) => ({ name, text: readTextFile(name, INPUT_BYTES_LIMIT) })); // bounded (src/io/read.ts)
      let text: string;
      try {
        text = mergeShards(files);
      } catch (e) {
        if (e instanceof ShardError) throw new UsageError(e.message);
        throw e;
      }
      writeFileAtomic(opts.out, text, '--out');
      process.stderr.write(`merged ${files.length} shards into ${opts.out}\n`);
    });
}
