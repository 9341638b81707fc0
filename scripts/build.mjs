#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm ci` / `npm install` through `prepare`): compile src/ and proofs/
 * to ESM JavaScript with `.d.ts` declarations and source maps (sources inlined) into dist/.
 *
 * The compiler writes into a fresh temporary directory next to dist/, which replaces dist/ only when
 * the compile succeeded: a failed build leaves the previous dist/ untouched, never a half-written
 * one, and files of deleted modules do not survive a rebuild.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const tmp = join(root, `dist.tmp-${process.pid}`);
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

rmSync(tmp, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', tmp], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`probecheck build: tsc failed (exit ${r.status ?? r.signal}); dist/ left as it was\n`);
  process.exit(1);
}
// Two data files ship beside the compiled code, at the same relative paths as in the clone:
// the mpmath reference the proofs' independent anchor reads (proofs/anchor.ts), and the independent
// NumPy cross-check the paper report prints (src/cli/commands/paper.ts crosscheckFixturePath)
for (const fixture of [join('test', 'fixtures', 'reference', 'reference.json'), join('test', 'fixtures', 'crosscheck', 'crosscheck.json')]) {
  mkdirSync(join(tmp, dirname(fixture)), { recursive: true });
  copyFileSync(join(root, fixture), join(tmp, fixture));
}
const old = `${out}.old-${process.pid}`;
if (existsSync(out)) renameSync(out, old);
renameSync(tmp, out);
rmSync(old, { recursive: true, force: true });
