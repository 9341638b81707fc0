/**
 * The page script of the explorer, bundled for the browser with esbuild at the time the page is
 * written: one IIFE holding src/explorer/app (and through it src/config.ts, src/numeric, src/scan.ts —
 * the CLI's solver, one source). The entry is found next to this module, as `app.ts` when running
 * from the TypeScript sources (tsx, vitest) or `app.js` from a compiled build (dist/), so the same
 * code works from a clone and from an installed package.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The explorer's browser entry in `here` (default: next to this module): app.ts, else app.js. */
export function explorerEntry(here = dirname(fileURLToPath(import.meta.url))): string {
  for (const f of ['app.ts', 'app.js']) {
    const p = join(here, f);
    if (existsSync(p)) return p;
  }
  throw new Error(`explorer: page script not found next to ${here} (expected app.ts or app.js)`);
}

/** The bundled page script (minified IIFE, ES2022, no external imports) of `entry`. */
export async function bundleExplorer(entry = explorerEntry()): Promise<string> {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [entry],
    absWorkingDir: dirname(entry),
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  if (r.errors.length) throw new Error(`explorer: bundling failed: ${r.errors.map((e) => e.text).join('; ')}`);
  const out = r.outputFiles[0]?.text;
  if (!out) throw new Error('explorer: bundling produced no output');
  return out;
}
