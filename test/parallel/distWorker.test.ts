/**
 * The compiled worker (dist/src/parallel/worker.js, what an installed package runs): a threaded map,
 * a threaded scan and a threaded transmission table through `node bin/probecheck.js` (which runs dist/ when it exists) write the same bytes
 * as one thread. dist/ is built by `npm ci` (prepare → npm run build) in CI; from a clone without a
 * build the test is skipped with a message saying so (`npm run build` first).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const worker = join(root, 'dist/src/parallel/worker.js');
const built = existsSync(worker) && existsSync(join(root, 'dist/src/cli/main.js'));
if (!built) console.warn(`test/parallel/distWorker.test.ts: skipped — no compiled worker at ${worker} (run \`npm run build\` first)`);

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'bin/probecheck.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr };
};

describe.skipIf(!built)('compiled worker (dist/)', () => {
  it('starts the compiled worker.js directly (no tsx bootstrap)', async () => {
    const threads = await import(pathToFileURL(join(root, 'dist/src/parallel/threads.js')).href);
    const entry = threads.workerEntry() as { url: URL; bootstrap?: URL };
    expect(fileURLToPath(entry.url)).toBe(worker);
    expect(entry.bootstrap).toBeUndefined();
  });

  it('threaded map, scan and transmission through bin/probecheck.js equal one thread byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-dist-worker-'));
    const cfg = join(dir, 'c.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        hamiltonian: { model: 'ring', sites: 8, hopping: -1 },
        reference: { mu: 0.2, T: 300 },
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.201, T: 320 },
          { name: 'R', coupling: { sites: [4], gamma: 0.3 }, mu: 0.2, T: 285 },
          { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.05 } },
        ],
      }),
    );
    const out = (name: string) => join(dir, name);
    for (const k of ['1', '2']) {
      const m = run(['map', cfg, '--probe', 'P', '--quiet', '--threads', k, '--out', out(`map${k}.csv`)]);
      expect(m.code, m.stderr).toBe(0);
      expect(m.stderr).not.toMatch(/tsx|TypeScript sources/); // the compiled CLI, not the source fallback
      const s = run(['scan', cfg, '--mu0', '-1:1:41', '--gamma', 'P=0.01,0.1', '--quiet', '--threads', k, '--out', out(`scan${k}.csv`)]);
      expect(s.code, s.stderr).toBe(0);
      const t = run(['transmission', cfg, '--emin', '-2.5', '--emax', '2.5', '--n', '31', '--quiet', '--threads', k, '--out', out(`t${k}.csv`)]);
      expect(t.code, t.stderr).toBe(0);
    }
    expect(readFileSync(out('t2.csv'))).toEqual(readFileSync(out('t1.csv')));
    expect(readFileSync(out('map2.csv'))).toEqual(readFileSync(out('map1.csv')));
    expect(readFileSync(out('scan2.csv'))).toEqual(readFileSync(out('scan1.csv')));
    expect(readFileSync(out('map1.csv'), 'utf8').trim().split('\n')).toHaveLength(9);
  }, 180_000);
});
