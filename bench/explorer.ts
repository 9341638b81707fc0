/**
 * Explorer benchmark (`npm run bench:explorer`; not a test — nothing asserts a time): how long the
 * page takes to follow a slider, measured inside the page with performance.now() (app.ts).
 *
 * Builds the page for the paper's benzene junction (`probecheck explore`), opens it in Debian's
 * headless Chromium and drags sliders one step at a time — the probe γ, T_L, μ0, T_VP, the bias and
 * the hopping t (the last one also recomputes T_αβ(E)) — waiting for each update, for a 601-point and
 * a 1201-point μ0 scan. Per update the page records
 *   total:   from applying the control to the DOM written (solve ×3 + the whole μ0 scan + 9 plots),
 *   latency: from the input event to the next animation frame after the DOM write (so style,
 *            layout and paint of the update are included).
 * The first update (cold JIT) is reported on its own. Results: bench/results/explorer.json.
 *
 *   npm run bench:explorer                 40 moves per scan size
 *   npm run bench:explorer -- --moves 100
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runExplore } from '../src/cli/commands/explore.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { median } from './stats.js';

const argv = process.argv.slice(2);
const MOVES = Number(argv[argv.indexOf('--moves') + 1]) > 0 && argv.includes('--moves') ? Number(argv[argv.indexOf('--moves') + 1]) : 40;
const SLIDERS: Array<[string, (i: number) => number]> = [
  ['terminals.P.coupling.gamma', (i) => 0.02 + 0.01 * i],
  ['terminals.L.T', (i) => 320 + i],
  ['reference.mu', (i) => -1 + 0.05 * i],
  ['terminals.P.T', (i) => 290 + i],
  ['bias', (i) => 0.005 + 0.0005 * i],
  ['hamiltonian.hopping', (i) => -2.64 + 0.01 * i],
];

interface Timing {
  total: number;
  compute: number;
  draw: number;
  latency: number | null;
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-bench-explorer-'));
  const ctx = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
    viewport: { width: 1400, height: 1000 },
  });
  const results: Record<string, unknown> = {};
  try {
    for (const points of [601, 1201]) {
      const out = join(dir, String(points));
      const code = await runExplore(undefined, { out, mu0: `-3:3:${points}`, quiet: true });
      if (code !== 0) throw new Error(`explore exited ${code}`);
      const page = await ctx.newPage();
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.waitForFunction('window.probecheckExplorer && window.probecheckExplorer.updates >= 1');
      for (let i = 0; i < MOVES; i++) {
        const [name, value] = SLIDERS[i % SLIDERS.length];
        const n = (await page.evaluate('window.probecheckExplorer.updates')) as number;
        await page.evaluate(
          `(() => { const s = document.querySelector('input[data-for="${name}"]'); s.value = '${value(Math.floor(i / SLIDERS.length))}'; s.dispatchEvent(new Event('input', { bubbles: true })); })()`,
        );
        await page.waitForFunction(`window.probecheckExplorer.updates > ${n} && window.probecheckExplorer.timings.at(-1).latency !== null`);
      }
      const t = (await page.evaluate('window.probecheckExplorer.timings')) as Timing[];
      const err = await page.evaluate('window.probecheckExplorer.error');
      if (err) throw new Error(`page error: ${err}`);
      await page.close();
      const warm = t.slice(1);
      const col = (k: keyof Timing) => warm.map((x) => Number(x[k]));
      const row = {
        first: { total: t[0].total },
        median: { total: median(col('total')), compute: median(col('compute')), draw: median(col('draw')), latency: median(col('latency')) },
        p90: { total: q(col('total'), 0.9), latency: q(col('latency'), 0.9) },
        max: { total: Math.max(...col('total')), latency: Math.max(...col('latency')) },
        under100ms: warm.filter((x) => (x.latency ?? Infinity) < 100).length / warm.length,
        moves: warm.length,
      };
      results[`benzene.${points}`] = row;
      process.stdout.write(
        `benzene, ${points}-point μ0 scan, ${warm.length} slider moves: median total ${row.median.total.toFixed(1)} ms (compute ${row.median.compute.toFixed(1)}, draw ${row.median.draw.toFixed(1)}), median latency to the next frame ${row.median.latency.toFixed(1)} ms, p90 ${row.p90.latency.toFixed(1)} ms, max ${row.max.latency.toFixed(1)} ms; ${(100 * row.under100ms).toFixed(0)} % under 100 ms; first (cold) update ${row.first.total.toFixed(0)} ms\n`,
      );
    }
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg(), node: process.version, date: new Date().toISOString() };
  process.stdout.write(`machine: ${machine.cpus} × ${machine.model}, load average ${machine.loadavg.map((x) => x.toFixed(2)).join(' ')}\n`);
  writeFileAtomic(resolve('bench/results/explorer.json'), JSON.stringify({ machine, results }, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench:explorer: ${(e as Error).stack ?? e}\n`);
  process.exit(3);
});
