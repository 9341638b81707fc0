#!/usr/bin/env node
/**
 * The probecheck command line. Exit codes: 0 success; 1 a verdict failed (compare, proofs);
 * 2 bad input (config, arguments, an output target that cannot be written — also a failed write
 * to stdout, e.g. a full disk) with a one-line message naming the field or option; 3 internal error.
 * A reader that closes stdout early (`| head -1`, EPIPE) ends the output quietly (src/io/stdout.ts).
 */
import { Command, CommanderError, Help, type Option } from 'commander';
import { isInputError } from './errors.js';
import { register as registerSolve } from './commands/solve.js';
import { register as registerTransmission } from './commands/transmission.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerSchema } from './commands/schema.js';
import { register as registerPaper } from './commands/paper.js';
import { register as registerReport } from './commands/report.js';
import { register as registerCompare } from './commands/compare.js';
import { register as registerVerify } from './commands/verify.js';
import { register as registerExplore } from './commands/explore.js';
import { register as registerMerge } from './commands/merge.js';
import { register as registerMap } from './commands/map.js';
import { VERSION } from '../version.js';
import { guardStandardStreams, writeStdout } from '../io/stdout.js';

/**
 * The CLI program. Commander's own output (`--help`, `--version`) goes to `writeOut` (default: the
 * process's stdout).
 */
export function buildProgram(writeOut: (text: string) => void = (t) => process.stdout.write(t)): Command {
  const program = new Command();
  program
    .name('probecheck')
    .description('Verify Büttiker-probe (VP/VTP) decoherence models: multi-terminal NEGF, Onsager coefficients, circuits, proofs, reports')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut, writeErr: (s) => process.stderr.write(s) })
    // commander lists a required option like any other: say so (inherited by every subcommand)
    .configureHelp({
      optionDescription(this: Help, option: Option): string {
        const d = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${d} (required)` : d;
      },
    });
  registerSolve(program);
  registerTransmission(program);
  registerScan(program);
  registerSchema(program);
  registerPaper(program);
  registerReport(program);
  registerCompare(program);
  registerVerify(program);
  registerExplore(program);
  registerMerge(program);
  registerMap(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  guardStandardStreams();
  // `--help`/`--version` through writeStdout too: a failed write is exit 2, not a lost exit 0
  let helpOutput: Promise<void> = Promise.resolve();
  const program = buildProgram((text) => {
    helpOutput = helpOutput.then(() => writeStdout(text));
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        try {
          await helpOutput;
        } catch (w) {
          process.stderr.write(`probecheck: ${(w as Error).message}\n`);
          return 2;
        }
        return 0;
      }
      return 2; // commander already printed the message
    }
    if (isInputError(e)) {
      process.stderr.write(`probecheck: ${(e as Error).message}\n`);
      return 2;
    }
    // one line (never a stack trace unless asked for): exit 3 means a bug, please report it
    const msg = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
    process.stderr.write(
      `probecheck: internal error: ${msg.split('\n')[0]}${process.env.PROBECHECK_DEBUG ? `\n${(e as Error)?.stack ?? ''}` : ' (PROBECHECK_DEBUG=1 prints the stack trace)'}\n`,
    );
    return 3;
  }
}

const isEntry = process.argv[1] !== undefined && /main\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
