/**
 * `probecheck report CONFIG.json [--out DIR] [--mu0 A:B:K] [--emin A --emax B] [--threads N]` — the paper's
 * analysis for a user's own system: a self-contained KaTeX HTML report (index.html) with the
 * transmission, every probe as VP vs VTP along a μ0 grid around the reference, the VP heat
 * currents and the excess entropy production, plus the CSV and SVG behind every figure. Progress on
 * stderr; files written atomically. Exit 0, 2 on bad input, 3 if a formula failed to typeset.
 */
import type { Command } from 'commander';
import { loadConfigFile } from '../load.js';
import { linspace } from '../../scan.js';
import { systemReportData, systemReportFrame, type SystemReportFrame } from '../../report/systemData.js';
import { analysisSteps } from '../../analysis/vpVtp.js';
import { analyseVpVtpThreaded, autoThreads } from '../../parallel/threads.js';
import { parseThreads } from './map.js';
import { buildSystemReport } from '../../report/systemReport.js';
import { katexCssInlined } from '../../report/assets.js';
import { writeDirectoryAtomic, checkOutputDirectory } from '../../io/atomic.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../errors.js';
import { parseEnergy, parseEnergyGrid } from './options.js';
import { VERSION } from '../../version.js';

/** Default μ0 grid: the reference ± 3 eV, 601 points (10 meV). */
export const DEFAULT_MU0_HALF_WIDTH = 3;
export const DEFAULT_MU0_POINTS = 601;

export interface ReportOptions {
  readonly out: string;
  readonly mu0?: string;
  readonly emin?: string;
  readonly emax?: string;
  readonly quiet?: boolean;
  /** Worker threads for the VP/VTP/ER analysis (default: all cores when the work repays them). */
  readonly threads?: string;
}

/** Generate the report of CONFIG.json; returns the exit code. */
export async function runReport(configPath: string, opts: ReportOptions): Promise<number> {
  const { parsed, json: configJson, text: configText } = loadConfigFile(configPath);
  // linear response only: never a silently linear answer to a finite-bias config (docs/physics.md §10)
  if (parsed.response === 'nonlinear')
    throw new UsageError(
      'response: "nonlinear" is supported by `probecheck solve` only; this command computes linear response (remove "response" or use solve)',
    );
  checkOutputDirectory(opts.out, '--out');
  const ref = parsed.reference.mu;
  const mu0 = opts.mu0 ? parseEnergyGrid('--mu0', opts.mu0) : linspace(ref - DEFAULT_MU0_HALF_WIDTH, ref + DEFAULT_MU0_HALF_WIDTH, DEFAULT_MU0_POINTS);
  const emin = opts.emin === undefined ? mu0[0] : parseEnergy('--emin', opts.emin);
  const emax = opts.emax === undefined ? mu0[mu0.length - 1] : parseEnergy('--emax', opts.emax);
  if (!(emax > emin)) throw new UsageError(`--emax (${emax}) must be > --emin (${emin})`);
  const energies = linspace(emin, emax, 801);
  const hasProbe = parsed.system.terminals.some((t) => t.role !== 'lead');
  const bar = progressBar(hasProbe ? analysisSteps(parsed.system, mu0.length) : 1, 'report', opts.quiet);
  // the analysis along μ0 on worker threads when asked, or by default when the work repays their
  // start-up (docs/scale.md); bit-identical to one thread (src/parallel/threads.ts analyseVpVtpThreaded)
  const N = parsed.system.hamiltonian.rows;
  const threads = opts.threads === undefined ? autoThreads(analysisSteps(parsed.system, mu0.length) * N * N) : parseThreads(opts.threads);
  let data;
  try {
    const pending = hasProbe && threads > 1 ? analyseVpVtpThreaded(configJson, mu0, threads, () => bar.tick()) : undefined;
    // while the workers scan μ0: the reference solution and T(E) on this thread (its error, if any,
    // is the one a single thread reports first)
    let frame: SystemReportFrame | undefined;
    try {
      frame = pending ? systemReportFrame(parsed, energies) : undefined;
    } catch (e) {
      pending?.catch(() => {});
      throw e;
    }
    data = systemReportData(parsed, mu0, energies, () => bar.tick(), await pending, frame);
  } finally {
    bar.stop();
  }
  const args = [`npx probecheck report ${configPath}`, `--out ${opts.out}`];
  if (opts.mu0) args.push(`--mu0 ${opts.mu0}`);
  if (opts.emin) args.push(`--emin ${opts.emin}`);
  if (opts.emax) args.push(`--emax ${opts.emax}`);
  const built = buildSystemReport({
    data,
    configPath,
    configText,
    katexCss: katexCssInlined(),
    version: VERSION,
    command: args.join(' '),
  });
  await writeDirectoryAtomic(opts.out, built.files, undefined, '--out');
  if (!opts.quiet) process.stderr.write(`wrote ${built.files.length} files to ${opts.out} (index.html)\n`);
  if (built.katexErrors.length) {
    process.stderr.write(`probecheck: ${built.katexErrors.length} formula(s) failed to typeset:\n${built.katexErrors.map((e) => `  ${e}`).join('\n')}\n`);
    return 3;
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('HTML report for your own system: transmission, probes as VP vs VTP along μ0, VP heat currents, excess entropy production (+ CSV/SVG)')
    .argument('<config>', 'config file (JSON)')
    .option(
      '--out <dir>',
      'output directory, written as a whole; an existing one is replaced only if it is empty or a previous report (every file listed in its .probecheck-manifest.json), never the current directory (docs/config.md "Output targets")',
      'reports/system',
    )
    .option('--mu0 <A:B:K>', `μ0 grid in eV (default: reference ± ${DEFAULT_MU0_HALF_WIDTH} eV, ${DEFAULT_MU0_POINTS} points)`)
    .option('--emin <eV>', "lowest energy of the transmission plot (default: the μ0 grid's)")
    .option('--emax <eV>', 'highest energy of the transmission plot')
    .option('--quiet', 'no progress output')
    .option('--threads <N>', 'worker threads for the analysis along μ0 (default: all cores for a large system, else 1); bit-identical for every N')
    .action(async (configPath: string, opts: ReportOptions) => {
      const code = await runReport(configPath, opts);
      if (code !== 0) process.exitCode = code;
    });
}
