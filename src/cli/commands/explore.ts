/**
 * `probecheck explore [CONFIG.json] --out DIR [--mu0 A:B:K]` — an interactive explorer: one
 * self-contained DIR/index.html (the solver bundled for the browser, KaTeX inlined, no network)
 * with a control per config field, the VP and VTP curves along μ0 and the `solve` numbers of the
 * current settings. Without CONFIG it opens on the paper's benzene junction. See docs/explorer.md.
 * Exit 0; 2 on bad input (config, --mu0); 3 if the page could not be built (bundling, KaTeX).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { loadConfig } from '../load.js';
import { parseRange } from '../../scan.js';
import { writeFileAtomic, checkOutputFileIn } from '../../io/atomic.js';
import { UsageError } from '../errors.js';
import { katexCssInlined } from '../../report/assets.js';
import { VERSION } from '../../version.js';
import { DEFAULT_MU0_HALF_WIDTH, DEFAULT_MU0_POINTS } from './report.js';
import { initialState, paperConfig, MAX_MU0_POINTS, type ConfigJson } from '../../explorer/model.js';
import { computeView } from '../../explorer/compute.js';
import { explorerPage } from '../../explorer/page.js';
import { bundleExplorer } from '../../explorer/bundle.js';
import { DEFAULT_PARAMETERS } from '../../paper/params.js';
import { ConfigError, parseConfig } from '../../config.js';
import { isSparseOnly } from '../../numeric/system.js';

export interface ExploreOptions {
  readonly out: string;
  readonly mu0?: string;
  readonly quiet?: boolean;
}

/** Write DIR/index.html; returns the exit code. */
export async function runExplore(configPath: string | undefined, opts: ExploreOptions): Promise<number> {
  checkOutputFileIn(opts.out, 'index.html', '--out'); // before any computing
  const config: ConfigJson = configPath ? (loadConfig(configPath).config as unknown as ConfigJson) : paperConfig();
  const first = parseConfig(config);
  // the page's curves are linear response (Onsager coefficients along μ0)
  if (first.response !== 'linear')
    throw new ConfigError('response', 'the explorer shows linear response only; remove "response": "nonlinear" (or use probecheck solve)');
  // docs/physics.md §14: above the dense limit every μ0 point is a sparse quadrature (~1 s), and the
  // page re-solves its whole μ0 grid in the browser at every change
  if (isSparseOnly(first.system))
    throw new ConfigError(
      'hamiltonian',
      `the explorer re-solves its μ0 grid in the browser at every change; a system of ${first.system.sparseHamiltonian?.n} sites (held in sparse form only) is too large for that: use probecheck report CONFIG --mu0 A:B:K, scan or solve`,
    );
  const ref = first.reference.mu;
  let mu0 = configPath
    ? { min: ref - DEFAULT_MU0_HALF_WIDTH, max: ref + DEFAULT_MU0_HALF_WIDTH, points: DEFAULT_MU0_POINTS }
    : { min: DEFAULT_PARAMETERS.mu0.min, max: DEFAULT_PARAMETERS.mu0.max, points: DEFAULT_MU0_POINTS };
  if (opts.mu0) {
    let grid: number[];
    try {
      grid = parseRange(opts.mu0);
    } catch (e) {
      throw new UsageError(`--mu0: ${(e as Error).message}`);
    }
    if (grid.length < 2 || grid.length > MAX_MU0_POINTS) throw new UsageError(`--mu0: K must be from 2 to ${MAX_MU0_POINTS} (got ${grid.length})`);
    if (!(grid[grid.length - 1] > grid[0])) throw new UsageError(`--mu0: A must be < B (got "${opts.mu0}")`);
    mu0 = { min: grid[0], max: grid[grid.length - 1], points: grid.length };
  }
  const state = initialState(config, mu0);
  computeView(state); // the config solves (else: the CLI's one-line error, exit 2)
  const script = await bundleExplorer();
  const command = ['npx probecheck explore', ...(configPath ? [configPath] : []), `--out ${opts.out}`, ...(opts.mu0 ? [`--mu0 ${opts.mu0}`] : [])].join(' ');
  const page = explorerPage({
    state,
    source: configPath ?? "the paper's benzene junction (arXiv:2508.20343, §IV)",
    katexCss: katexCssInlined(),
    script,
    version: VERSION,
    command,
  });
  if (page.katexErrors.length) {
    process.stderr.write(`probecheck: ${page.katexErrors.length} formula(s) failed to typeset:\n${page.katexErrors.map((e) => `  ${e}`).join('\n')}\n`);
    return 3;
  }
  const file = join(opts.out, 'index.html');
  writeFileAtomic(file, page.html, '--out');
  if (!opts.quiet) process.stderr.write(`wrote ${file} (${(page.html.length / 1024).toFixed(0)} KiB; open it from disk)\n`);
  return 0;
}

export function register(program: Command): void {
  program
    .command('explore')
    .description("interactive explorer in the browser: one self-contained HTML page, the solver running client-side (default: the paper's benzene junction)")
    .argument('[config]', "config file (JSON); default: the paper's benzene junction")
    .option('--out <dir>', 'output directory: index.html is written there (other files in it stay)', 'reports/explorer')
    .option('--mu0 <A:B:K>', `initial μ0 scan in eV (default: the reference ± ${DEFAULT_MU0_HALF_WIDTH} eV, ${DEFAULT_MU0_POINTS} points)`)
    .option('--quiet', 'no output on stderr')
    .action(async (configPath: string | undefined, opts: ExploreOptions) => {
      const code = await runExplore(configPath, opts);
      if (code !== 0) process.exitCode = code;
    });
}
