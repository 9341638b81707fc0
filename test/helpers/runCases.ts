/**
 * Child process for test/cli-output.test.ts: runs CLI invocations in this one process (fast, no
 * start-up per case) and prints one JSON line per case — `{"start": i}` before it, then its exit
 * code, output, run time and whether anything under `root` changed. The parent kills this process
 * when a case does not finish in time (a hang is reported as that case's failure).
 * Usage: tsx runCases.ts CASES.json   (CASES.json: {"root": DIR, "cases": [[arg, …], …]})
 */
import { readFileSync, readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli.js';

/** Every path under `dir` with its size and modification time (a write shows up as a change). */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      out.push(`${r} ${st.isDirectory() ? 'dir' : `${st.size} ${st.mtimeMs}`}`);
      if (st.isDirectory()) walk(r);
    }
  };
  walk('');
  return out.join('\n');
}

const { root, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { root: string; cases: string[][] };
for (const [i, args] of cases.entries()) {
  process.stdout.write(`${JSON.stringify({ start: i })}\n`);
  const before = snapshot(root);
  const t0 = performance.now();
  const r = await runCli(args);
  const ms = performance.now() - t0;
  const after = snapshot(root);
  process.stdout.write(`${JSON.stringify({ i, code: r.code, stdout: r.stdout, stderr: r.stderr, ms, changed: before !== after ? after : '' })}\n`);
}
