#!/usr/bin/env node
// `probecheck …`: runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs
// through `prepare`). From a clone without a build (`npm ci --ignore-scripts`) it falls back to the
// TypeScript sources through tsx, with a note on stderr.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // Fast path: the version without loading the command modules (report, CAS, …); the same
    // output as the full program's `--version` (test/package/pack.test.ts).
    const { VERSION } = await import('../dist/src/version.js');
    // a failed write (a full disk) is exit 2 with one line, as the full program's (src/io/stdout.ts)
    process.stdout.on('error', () => {});
    process.stdout.write(`${VERSION}\n`, (err) => {
      if (err && err.code !== 'EPIPE') {
        process.stderr.write(`probecheck: stdout: cannot write the output (${err.code ?? err.message})\n`);
        process.exit(2);
      }
      process.exit(0);
    });
  }
  const { main } = await import(compiled.href);
  process.exit(await main(args));
} else {
  process.stderr.write('probecheck: dist/ not built (run `npm run build`); running the TypeScript sources through tsx\n');
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exit(await main(args));
}
