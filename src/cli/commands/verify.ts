/**
 * `probecheck verify CLAIMS.json [--system CONFIG.json] [--format text|json] [--html FILE] [--seed N]`
 * — prove each claim of a claim file or return a counterexample (docs/verify.md; semantics in
 * docs/physics.md §16). Exit 0 every claim proved or supported, 1 any refuted or undecided,
 * 2 a malformed file (one line naming the claim).
 */
import type { Command } from 'commander';
import { ConfigError, parseConfig, readConfigJson } from '../../config.js';
import { writeFileAtomic, checkOutputFile } from '../../io/atomic.js';
import { writeStdout } from '../../io/stdout.js';
import { readTextFile } from '../../io/read.js';
import { INPUT_BYTES_LIMIT } from '../../limits.js';
import { UsageError } from '../errors.js';
import { parseNumber } from './options.js';
import { ClaimError, parseClaimFileText } from '../../verify/claims.js';
import { verifyClaims } from '../../verify/verify.js';
import { formatHtml, formatJson, formatText } from '../../verify/format.js';
import { katexCssInlined } from '../../report/assets.js';

/** The definitions printed by `probecheck verify --help` (the same as docs/physics.md §16). */
export const VERIFY_HELP = `
Claim file (JSON): {"terminals": [...], "probes": {"P": "VP"|"VTP"}, "circuit": "electronic"|"thermal",
  "reciprocal": true, "assume": ["SYMBOL = expr", ...], "claims": [{"name", "formula"}, ...]}
  optional model claims: "transmission": {"LR": "a*(E - mu0)^2", ...}, "sommerfeld": n
Symbols (units: eV, K; currents into each terminal; linear response around mu0, T0):
  L0_ab, L1_ab, L2_ab   Onsager functions L^(nu)_ab = ∫ (E-mu0)^nu T_ab(E) (-df0/dE) dE (eV^nu), a != b;
                        L_ab = L_ba when reciprocal (default), else independent with sum_b L_ab = sum_b L_ba
  mu0, T0               reference chemical potential and temperature
  mu_a, T_a             of every terminal: given for leads (thermal circuit: only the first lead's mu) and
                        a VP's T; solved for probe mu, VTP T, and the other leads' mu in a thermal circuit
  JN_a = sum_b [L0_ab (mu_b - mu_a) + L1_ab (T_b - T_a)/T0]     h * particle current into a (eV)
  JQ_a = sum_b [L1_ab (mu_b - mu_a) + L2_ab (T_b - T_a)/T0]     h * heat current into a (eV^2)
  Sdot = -sum_a (JN_a mu_a + JQ_a T_a/T0)/T0                     h * entropy production (eV^2/K)
  pi; in model claims also kT (= k_B T0) and the transmissions' parameters
Probe readings: a bare symbol uses the probes as declared; VP(expr) / VTP(expr) evaluate expr with
  every probe a VP (keeping its given T_P) or a VTP. Relations ==, >=, <=; operators + - * / ^;
  sqrt, exp, log, abs, min, max (decided numerically only).
Verdicts: proved (symbolic: zero residual numerator, or an exact certificate), supported (no
  counterexample: exact random points with the failure probability, or K physical systems),
  refuted (counterexample: exact rational point; CONFIG.json of a physical system), undecided (reason).
Exit codes: 0 all proved/supported, 1 any refuted/undecided, 2 malformed file.`;

interface VerifyOpts {
  system?: string;
  format: string;
  html?: string;
  seed: string;
  systems: string;
  points: string;
  budget: string;
  hints: boolean;
}

export function register(program: Command): void {
  program
    .command('verify')
    .description(
      'prove each claim of a claim file (analytic formulas for probe circuits) or return a counterexample (exit 0 all proved/supported, 1 any refuted/undecided, 2 malformed file)',
    )
    .argument('<claims>', 'claim file (JSON, docs/verify.md)')
    .option('--system <config>', 'also evaluate every claim on this CONFIG.json (the numeric route)')
    .option('--format <f>', '"text" or "json"', 'text')
    .option('--html <file>', 'write a self-contained KaTeX report (atomically)')
    .option('--seed <n>', 'seed of every random choice (points, systems)', '1')
    .option('--systems <K>', 'random physical systems per claim context', '16')
    .option('--points <k>', 'exact points per claim (random rational for an identity, admissible for an inequality)', '12')
    .option('--budget <ms>', 'time budget per claim of each exact route: symbolic, then exact points (ms)', '4000')
    .option('--no-hints', 'do not search for extra conditions that make a refuted identity true')
    .addHelpText('after', VERIFY_HELP)
    .action(async (claimsPath: string, opts: VerifyOpts) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`--format must be "text" or "json", got "${opts.format}"`);
      const seed = parseNumber('--seed', opts.seed, { integer: true });
      const systems = parseNumber('--systems', opts.systems, { integer: true });
      const points = parseNumber('--points', opts.points, { integer: true, positive: true });
      const budgetMs = parseNumber('--budget', opts.budget, { positive: true });
      if (systems < 0 || systems > 1000) throw new UsageError(`--systems must be 0…1000, got ${systems}`);
      if (points > 1000) throw new UsageError(`--points must be ≤ 1000, got ${points}`);
      if (opts.html !== undefined) checkOutputFile(opts.html, '--html'); // before any computing
      // both files bounded (src/io/read.ts); an unreadable one is exit 2 naming it
      const file = parseClaimFileText(readTextFile(claimsPath, INPUT_BYTES_LIMIT));
      let system: Record<string, unknown> | undefined;
      if (opts.system) {
        const text = readTextFile(opts.system, INPUT_BYTES_LIMIT);
        try {
          // read and validated exactly as a config (src/config.ts: size, nesting, strict JSON)
          system = readConfigJson(text) as Record<string, unknown>;
          parseConfig(system);
        } catch (e) {
          if (e instanceof ConfigError) throw new ClaimError(`--system ${opts.system}: ${e.path}`, e.detail);
          throw e;
        }
      }
      const report = verifyClaims(file, { seed, systems, points, budgetMs, system, hints: opts.hints });
      if (opts.html !== undefined) {
        const { html, errors } = formatHtml(report, katexCssInlined(), `probecheck verify ${claimsPath}`);
        if (errors.length) process.stderr.write(`probecheck: ${errors.length} formula(s) could not be typeset: ${errors[0]}\n`);
        writeFileAtomic(opts.html, html, '--html');
      }
      await writeStdout(opts.format === 'json' ? formatJson(report) : formatText(report));
      process.exitCode = report.exitCode;
    });
}
