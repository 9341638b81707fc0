/**
 * `probecheck compare CONFIG.json THEIR_OUTPUT… [--rtol R] [--atol A] [--format text|json|junit]
 * [--units kind=unit,…] [--ignore col,…] [--currents-out] [--map OLD=NEW,…] [--spin-degeneracy g] [--out FILE]` — the regression oracle
 * (docs/compare.md). Reads the files, runs the pure comparison in src/compare, prints or writes
 * (atomically) the report. Exit 0 all quantities pass, 1 any fails, 2 bad input (one line).
 */
import { readTextFile } from '../../io/read.js';
import { INPUT_BYTES_LIMIT } from '../../limits.js';
import type { Command } from 'commander';
import { loadConfig } from '../load.js';
import { writeFileAtomic, checkOutputFile } from '../../io/atomic.js';
import { writeStdout } from '../../io/stdout.js';
import { UsageError } from '../errors.js';
import { parseMethod, parseNumber } from './options.js';
import { runCompare, exitCode, CompareInputError, DEFAULT_TOLERANCE, parseUnitOption, type CompareInput } from '../../compare/index.js';
import { TOLERANCE_MAX } from '../../compare/check.js';
import { parseMapOption } from '../../compare/map.js';
import { formatReport, summaryLine, type ReportFormat } from '../../compare/format.js';

interface CompareOpts {
  rtol: string;
  atol: string;
  format: string;
  units?: string;
  ignore?: string;
  currentsOut?: boolean;
  out?: string;
  method: string;
  map?: string;
  spinDegeneracy?: string;
}

export function register(program: Command): void {
  program
    .command('compare')
    .description(
      "compare another code's outputs (CSV/JSON: transmissions, Onsager coefficients, probe μ/T, currents, Ṡ, thermopower) with probecheck for CONFIG; a verdict per quantity (exit 0 pass, 1 fail, 2 bad input)",
    )
    .argument('<config>', 'config file (JSON) describing the system they simulated')
    .argument('<output...>', 'their output file(s): CSV or JSON (docs/compare.md)')
    .option('--rtol <R>', `relative tolerance (to |probecheck value|), 0 … ${TOLERANCE_MAX}`, DEFAULT_TOLERANCE.rtol.toExponential())
    .option(
      '--atol <A>',
      `absolute tolerance as a fraction of each quantity family's scale (at each row), 0 … ${TOLERANCE_MAX}`,
      DEFAULT_TOLERANCE.atol.toExponential(),
    )
    .option('--format <f>', '"text", "json" or "junit"', 'text')
    .option('--units <kind=unit,...>', 'units of their columns, e.g. energy=J,heat=eV/s,charge=e/h (header annotations like heat_R[W] also work)')
    .option('--ignore <col,...>', 'columns of their file to skip')
    .option('--currents-out', 'their currents are counted out of each terminal (probecheck counts them into it)')
    .option(
      '--map <OLD=NEW,...>',
      'rename their columns or terminals to probecheck\'s names, e.g. I=charge_R,muP=mu_P,V=bias,left=L (also a "map" block in a JSON header or a "# map:" CSV comment)',
    )
    .option('--spin-degeneracy <g>', 'their currents, Ṡ and conductances include a spin factor g (1 or 2); transmissions and L^(ν) are per spin')
    .option('--out <file>', 'write the report to a file (atomically; default: stdout); the summary line still goes to stderr')
    .option('--method <m>', 'probecheck\'s Onsager coefficients by "closed-form" or "quadrature"', 'closed-form')
    .action(async (configPath: string, outputs: string[], opts: CompareOpts) => {
      const rtol = parseNumber('--rtol', opts.rtol);
      const atol = parseNumber('--atol', opts.atol);
      if (rtol < 0 || atol < 0) throw new UsageError(`--rtol and --atol must be ≥ 0 (got ${rtol}, ${atol})`);
      if (rtol === 0 && atol === 0) throw new UsageError('--rtol and --atol cannot both be 0');
      // a tolerance that accepts anything certifies nothing (src/compare/check.ts TOLERANCE_MAX)
      for (const [name, v] of [
        ['--rtol', rtol],
        ['--atol', atol],
      ] as const)
        if (v > TOLERANCE_MAX) throw new UsageError(`${name}: ${v} exceeds the maximum tolerance ${TOLERANCE_MAX} (a tolerance that large passes anything)`);
      const format = opts.format as ReportFormat;
      if (format !== 'text' && format !== 'json' && format !== 'junit')
        throw new UsageError(`--format must be "text", "json" or "junit", got "${opts.format}"`);
      let units;
      try {
        units = opts.units ? parseUnitOption(opts.units) : undefined;
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const method = parseMethod(opts.method);
      let map;
      try {
        map = opts.map ? parseMapOption(opts.map) : undefined;
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      let spinDegeneracy: number | undefined;
      if (opts.spinDegeneracy !== undefined) {
        spinDegeneracy = parseNumber('--spin-degeneracy', opts.spinDegeneracy);
        if (spinDegeneracy !== 1 && spinDegeneracy !== 2) throw new UsageError(`--spin-degeneracy must be 1 or 2 (got ${opts.spinDegeneracy})`);
      }
      if (opts.out !== undefined) checkOutputFile(opts.out, '--out'); // an empty --out is refused, not stdout
      const cfg = loadConfig(configPath);
      // bounded reads (src/io/read.ts): an unreadable, oversized or endless input is exit 2 naming it
      const inputs: CompareInput[] = outputs.map((path) => ({ name: path, text: readTextFile(path, INPUT_BYTES_LIMIT) }));
      let report;
      try {
        report = runCompare(
          cfg,
          inputs,
          {
            tolerance: { rtol, atol },
            units,
            method,
            currentsOut: opts.currentsOut === true,
            map,
            spinDegeneracy,
            ignore: opts.ignore
              ? opts.ignore
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : undefined,
          },
          configPath,
        );
      } catch (e) {
        if (e instanceof CompareInputError) throw new UsageError(e.message);
        throw e;
      }
      const text = formatReport(report, format);
      if (opts.out !== undefined) {
        writeFileAtomic(opts.out, text, '--out');
        process.stderr.write(`${summaryLine(report)} (report: ${opts.out})\n`);
      } else {
        await writeStdout(text);
        if (format !== 'text') process.stderr.write(`${summaryLine(report)}\n`);
      }
      process.exitCode = exitCode(report);
    });
}
