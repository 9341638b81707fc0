/**
 * `probecheck paper [--out reports/paper]` — the main job (`npm start`): recompute the paper's
 * Figs. 1–6 and headline numbers, run the proofs, and write a self-contained KaTeX HTML report
 * with the SVG and CSV of every figure (every file written atomically). Progress on stderr.
 * Exit 0 when written; 3 when a formula failed to typeset (the report still shows it); 1 when a
 * proof route failed.
 */
import type { Command } from 'commander';
import { relative } from 'node:path';
import { reproducePaper, parseCrosscheck, DEFAULT_PARAMETERS, SEARCH_SPACE, type CrosscheckFixture } from '../../paper/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPaperReport, paperReportPanels } from '../../report/paper.js';
import { runProofs } from '../../report/proofs.js';
import { katexCssInlined } from '../../report/assets.js';
import { writeDirectoryAtomic, checkOutputDirectory } from '../../io/atomic.js';
import { progressBar } from '../progress.js';
import { VERSION } from '../../version.js';
import { defaultThreads, reproducePaperThreaded } from '../../parallel/threads.js';
import { parseThreads } from './map.js';

/** Options of `probecheck paper`. */
export interface PaperOptions {
  readonly out: string;
  readonly quiet?: boolean;
  /** Worker threads for the circuit solves (default all cores; 1 = this thread); bit-identical for every N. */
  readonly threads?: number;
}

/**
 * Where the independent NumPy cross-check's output is read from: test/fixtures/crosscheck/crosscheck.json
 * beside the sources (tsx, `npm start`), or its copy beside the compiled CLI (dist/test/…, written by
 * scripts/build.mjs and shipped in the package), so that the built CLI and `npm start` write the same report.
 */
export function crosscheckFixturePath(): string {
  return fileURLToPath(new URL('../../../test/fixtures/crosscheck/crosscheck.json', import.meta.url));
}

/** Generate the paper report into `opts.out`; returns the exit code. */
export async function runPaper(opts: PaperOptions): Promise<number> {
  const t0 = performance.now();
  const say = (s: string) => {
    if (!opts.quiet) process.stderr.write(s);
  };
  checkOutputDirectory(opts.out, '--out'); // before the computing starts

  // The independent NumPy cross-check (docs/physics.md §7): its output ships with the package too
  let fixture: CrosscheckFixture | undefined;
  const fixturePath = crosscheckFixturePath();
  if (existsSync(fixturePath)) fixture = parseCrosscheck(JSON.parse(readFileSync(fixturePath, 'utf8')));
  let bar = progressBar(1, 'paper: plan', true);
  const hooks = {
    onPlan: (total: number, phase: string) => {
      bar.stop();
      bar = progressBar(total, `paper: ${phase}`, opts.quiet);
    },
    onSolves: (k: number) => bar.tick(k),
  };
  const threads = opts.threads ?? defaultThreads();
  // every solve is the same code wherever it runs: the report is the same for every thread count
  const reproduction =
    threads > 1
      ? await reproducePaperThreaded(DEFAULT_PARAMETERS, hooks, SEARCH_SPACE, fixture, threads)
      : reproducePaper(DEFAULT_PARAMETERS, hooks, SEARCH_SPACE, fixture);
  bar.stop();
  const tCompute = performance.now();

  say("proofs: running npm run proofs' claims\n");
  const proofs = await runProofs((id) => say(`proofs: ${id}\n`));
  const tProofs = performance.now();

  const panels = paperReportPanels(reproduction);
  const pbar = progressBar(panels, 'paper: figures', opts.quiet);
  const command = opts.out === 'reports/paper' ? 'npm start   (= npx probecheck paper --out reports/paper)' : `npx probecheck paper --out ${opts.out}`;
  let built;
  try {
    built = buildPaperReport(
      {
        reproduction,
        proofs,
        katexCss: katexCssInlined(),
        version: VERSION,
        command,
      },
      () => pbar.tick(),
    );
  } finally {
    pbar.stop();
  }

  // The directory is written as a whole (sibling temp dir, then renamed into place): an
  // interrupted write leaves the old report, and stale files of an earlier run disappear; a
  // directory holding files probecheck did not write is never replaced (src/io/atomic.ts).
  await writeDirectoryAtomic(opts.out, built.files, undefined, '--out');

  const seconds = (performance.now() - t0) / 1000;
  const rows = reproduction.headline;
  const count = (v: string) => rows.filter((r) => r.verdict === v).length;
  say(
    `wrote ${built.files.length} files to ${relative(process.cwd(), opts.out) || '.'} (index.html) in ${seconds.toFixed(1)} s (circuits ${((tCompute - t0) / 1000).toFixed(1)} s, proofs ${((tProofs - tCompute) / 1000).toFixed(1)} s): ` +
      `headline ${count('reproduced')} reproduced, ${count('reproduced under a stated extra assumption')} under an extra assumption, ${count('not reproduced')} not reproduced; ` +
      `${proofs.results.length} proofs\n`,
  );
  if (built.katexErrors.length) {
    process.stderr.write(`probecheck: ${built.katexErrors.length} formula(s) failed to typeset:\n${built.katexErrors.map((e) => `  ${e}`).join('\n')}\n`);
    return 3;
  }
  if (proofs.results.some((r) => r.verdict === 'failed')) {
    process.stderr.write(
      `probecheck: proof route(s) failed: ${proofs.results
        .filter((r) => r.verdict === 'failed')
        .map((r) => r.id)
        .join(', ')}\n`,
    );
    return 1;
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('paper')
    .description('reproduce the paper: Figs. 1–6, headline numbers and proofs as a self-contained HTML report (+ CSV/SVG)')
    .option(
      '--out <dir>',
      'output directory, written as a whole; an existing one is replaced only if it is empty or a previous report (every file listed in its .probecheck-manifest.json), never the current directory (docs/config.md "Output targets")',
      'reports/paper',
    )
    .option('--quiet', 'no progress output')
    .option('--threads <N>', 'worker threads for the circuit solves (default: all cores); the report is identical for every N')
    .action(async (opts: { out: string; quiet?: boolean; threads?: string }) => {
      const code = await runPaper({ out: opts.out, quiet: opts.quiet, threads: parseThreads(opts.threads) });
      if (code !== 0) process.exitCode = code;
    });
}
