/** Run the CLI in-process (fast) and capture its output and exit code. */
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '',
    stderr = '';
  const ow = process.stdout.write.bind(process.stdout),
    ew = process.stderr.write.bind(process.stderr);
  // like a stream: the optional callback (last argument) is called once the chunk is taken
  const done = (args: unknown[]) => {
    const cb = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (cb) process.nextTick(cb);
  };
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += String(chunk);
    done(rest);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  const savedExit = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
    process.exitCode = savedExit;
  }
}

/**
 * Assert a refusal: exit 2, ONE line on stderr (warnings aside) starting `probecheck: `, no stack
 * frame or "internal error", containing every needle, nothing on stdout. Returns that line.
 */
export async function expectRefused(args: string[], ...needles: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, `${args.join(' ')} → ${r.stderr}`).toBe(2);
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('probecheck: warning'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^probecheck: /);
  expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+|internal error/);
  for (const n of needles) expect(lines[0]).toContain(n);
  expect(r.stdout).toBe('');
  return lines[0];
}
