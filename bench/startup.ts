/**
 * CLI start-up time (part of `npm run bench`; alone: `npx tsx bench/startup.ts [--quick]`).
 *
 * Wall time of a fresh `node bin/probecheck.js …` process as a user's shell sees it (spawn to
 * exit), median of 10 runs after one warm-up run (file cache):
 *  - `--version`: the installed bin's fast path (the compiled version module only); target < 0.3 s;
 *  - `schema`: the full compiled command program loaded (every command module, report, CAS);
 *  - `--version` through tsx from the TypeScript sources (how the bin ran before dist/ existed),
 *    median of 3, for comparison.
 * Needs dist/ (built here by scripts/build.mjs when missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './stats.js';

type MetricFn = (key: string, value: number, unit: string, better: 'lower' | 'higher', label: string) => void;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Median wall time (s) of `reps` runs of `node args…` (after one untimed warm-up); throws if a run fails. */
function wall(args: readonly string[], reps: number): { median: number; all: number[] } {
  const once = (): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const s = (performance.now() - t0) / 1e3;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return s;
  };
  once();
  const all = Array.from({ length: reps }, once);
  return { median: median(all), all };
}

/** Run the start-up measurements and record them through `metric`; `log` prints a line. */
export function startupSection(metric: MetricFn, log: (s?: string) => void, quick = process.argv.includes('--quick')): void {
  log('4. CLI start-up (fresh node process, spawn to exit; median of 10 after a warm-up)');
  if (!existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'))) {
    const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  const bin = path.join(root, 'bin', 'probecheck.js');
  const version = wall([bin, '--version'], 10);
  const full = wall([bin, 'schema'], 10);
  metric('startup.version.s', version.median, 's', 'lower', 'probecheck --version (compiled bin), median of 10');
  metric('startup.schema.s', full.median, 's', 'lower', 'probecheck schema (full compiled program), median of 10');
  log(`   probecheck --version   ${fmt(version.median)} s  (target < 0.3 s; runs ${version.all.map((x) => fmt(x, 2)).join(' ')})`);
  log(`   probecheck schema      ${fmt(full.median)} s  (all command modules loaded; runs ${full.all.map((x) => fmt(x, 2)).join(' ')})`);
  if (!quick) {
    const tsx = wall(['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), '--version'], 3);
    metric('startup.tsxVersion.s', tsx.median, 's', 'lower', 'probecheck --version through tsx from sources, median of 3');
    log(`   tsx src/cli/main.ts --version  ${fmt(tsx.median)} s  (the sources compiled at run time; median of 3)`);
  }
  log();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startupSection(
    (k, v, u) => void [k, v, u],
    (s = '') => process.stdout.write(s + '\n'),
  );
}
