/**
 * End to end: `probecheck paper` (the main job, as `npm start` runs it, proofs included) writes the
 * report into test-output/e2e/paper; Debian's headless Chromium opens it from disk and we check
 * what a reader sees: KaTeX rendered every formula (no .katex-error), every figure has its SVG
 * panels with drawn data, the headline table is there with one row per claim, nothing was fetched
 * from the network, and the proofs are typeset (or, while proofs/index.ts does not exist, the
 * report says so). Screenshots are saved under test-output/e2e/ for a person to look at.
 * The user-system report (`probecheck report CONFIG.json`) gets the same browser checks.
 *
 * Chromium missing is a failure, not a skip: install it with `apt-get install -y chromium`
 * (.ci/run does).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../helpers/chromium.js';
import { CLAIMS } from '../../src/paper/index.js';

const OUT = resolve('test-output/e2e');

let browser: BrowserContext;
let userDataDir: string;

async function open(file: string): Promise<{ page: Page; external: string[] }> {
  const page = await browser.newPage();
  const external: string[] = [];
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) external.push(r.url());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate('document.fonts.ready.then(() => true)'); // the project compiles without the DOM lib: expressions as strings
  return { page, external };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install chromium: apt-get install -y chromium`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  userDataDir = join(OUT, 'chromium-profile');
  // a fresh profile directory (launchPersistentContext passes it as --user-data-dir)
  browser = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1400, height: 1000 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

describe('paper report in Chromium', () => {
  const dir = join(OUT, 'paper');
  let gen: Awaited<ReturnType<typeof runCli>>;
  let seconds = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    gen = await runCli(['paper', '--out', dir, '--quiet']);
    seconds = (performance.now() - t0) / 1000;
  }, 240_000);

  it('`probecheck paper` succeeds within the time budget and writes the report', () => {
    expect(gen.stderr.replace(/probecheck: warning: proofs\/index.ts does not exist[^\n]*\n/, '')).toBe('');
    expect(gen.code).toBe(0);
    expect(seconds).toBeLessThan(120); // `npm start` target: < 30 s on an idle machine; tests share the CPU
    for (const f of ['index.html', 'headline.csv', 'headline.json', 'fig1.csv', 'fig2.csv', 'fig3.csv', 'fig4.csv', 'fig5.csv', 'fig6.csv']) {
      expect(statSync(join(dir, f)).size, f).toBeGreaterThan(1000);
    }
  });

  it('writes the same bytes as the committed reports/paper (deterministic, and the committed report is current)', () => {
    // index.html differs only in the command line it prints; every data file must be identical
    const committed = resolve('reports/paper');
    const names = [
      'headline.json',
      'headline.csv',
      ...readdirSync(dir).filter((f) => f.endsWith('.csv')),
      ...readdirSync(join(dir, 'svg')).map((f) => `svg/${f}`),
    ];
    const stale = [...new Set(names)].filter(
      (f) => !existsSync(join(committed, f)) || readFileSync(join(committed, f), 'utf8') !== readFileSync(join(dir, f), 'utf8'),
    );
    expect(stale, 'reports/paper is stale or not deterministic: run npm start').toEqual([]);
  });

  it('writes the same index.html as the committed reports/paper, but for the command line it prints', () => {
    // the page prints its proof routes' worst errors: a change of the numerics must regenerate it
    const here = readFileSync(join(dir, 'index.html'), 'utf8').replaceAll(
      `npx probecheck paper --out ${dir}`,
      'npm start   (= npx probecheck paper --out reports/paper)',
    );
    const committed = readFileSync(resolve('reports/paper/index.html'), 'utf8');
    expect(here === committed, 'reports/paper/index.html is stale or not deterministic: run npm start').toBe(true);
  });

  it('renders every formula, every figure with data, and the headline table, from disk with no network', async () => {
    const { page, external } = await open(join(dir, 'index.html'));
    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    // KaTeX's fonts came from the inlined stylesheet
    expect(await page.evaluate("document.fonts.check('16px KaTeX_Main')")).toBe(true);

    const figures = page.locator('section[data-figure]');
    expect(await figures.count()).toBe(6);
    for (let i = 0; i < 6; i++) {
      const fig = figures.nth(i);
      const id = await fig.getAttribute('data-figure');
      const panels = fig.locator('figure.panel');
      const n = await panels.count();
      expect(n, id!).toBeGreaterThanOrEqual(4);
      for (let k = 0; k < n; k++) {
        const panel = panels.nth(k);
        expect(await panel.locator('svg[role="img"]').count(), `${id} panel ${k}`).toBe(1);
        // data marks: at least one drawn line with many vertices, and a visible size
        const vertices = await panel.locator('g[aria-label="line"] path').evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').split('L').length));
        expect(vertices.length, `${id} panel ${k} lines`).toBeGreaterThan(0);
        // a straight curve simplifies to few vertices (e.g. an Onsager ratio over a narrow μ0 range of a best set)
        const best = (await panel.getAttribute('data-set')) === 'best set';
        expect(Math.max(...vertices), `${id} panel ${k} vertices`).toBeGreaterThan(best ? 1 : 10);
        const box = await panel.locator('svg[role="img"]').boundingBox();
        expect(box!.width).toBeGreaterThan(300);
        expect(box!.height).toBeGreaterThan(150);
      }
    }

    const rows = page.locator('table.headline tbody tr');
    expect(await rows.count()).toBe(CLAIMS.length);
    const text = await page.locator('table.headline').innerText();
    for (const n of ['36,204', '14,723', '20,200', '−33.3', '< 2.5 %', '7.3 %', '16.3 %', '37.1 %', '0.6 %']) expect(text).toContain(n);
    expect(await page.locator('table.headline .verdict').count()).toBe(CLAIMS.length);

    const proofs = page.locator('#proofs .proof');
    expect(await proofs.count()).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < (await proofs.count()); i++) expect(await proofs.nth(i).locator('.katex-display').count()).toBeGreaterThan(0);
    expect(await page.locator('#parameters').innerText()).toContain('Hückel hopping t');
    expect(await page.locator('#crosscheck table tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#crosscheck').innerText()).toMatch(/(\d+) of \1 cases agree/);
    expect(await page.locator('table.statements tbody tr').count()).toBe(10);
    expect(await page.locator('#global').innerText()).toContain('global fit');
    // every formula fits its box (a long one breaks instead of scrolling)
    const overflowing = await page.evaluate("[...document.querySelectorAll('.math')].filter((d) => d.scrollWidth > d.clientWidth + 1).length");
    expect(overflowing).toBe(0);
    // every panel's text (title, axis labels, ticks, legend) lies inside its SVG: nothing clipped
    const clipped = await page.evaluate(`[...document.querySelectorAll('figure.panel > svg[role="img"]')].flatMap((svg) => {
      const b = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].filter((t) => { const r = t.getBoundingClientRect(); return r.width > 0 && (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1); }).map((t) => (svg.closest('figure')?.getAttribute('data-panel') ?? '') + ': ' + t.textContent);
    })`);
    expect(clipped).toEqual([]);
    expect(external).toEqual([]);

    await page.screenshot({ path: join(OUT, 'paper-top.png') });
    await page.locator('#fig2').screenshot({ path: join(OUT, 'paper-fig2.png') });
    await page.screenshot({ path: join(OUT, 'paper-full.png'), fullPage: true });
    await page.close();
  });
});

describe('user-system report in Chromium', () => {
  it('renders the report of a user config with its figures and no KaTeX error', async () => {
    const dir = join(OUT, 'system');
    // the config beside the report, not in it: --out refuses a directory holding files it did not write
    const cfg = join(OUT, 'system-config.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        hamiltonian: { model: 'chain', sites: 4, hopping: -1.2 },
        reference: { mu: 0.1, T: 300 },
        circuit: 'thermal',
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 0.3 }, mu: 0.1, T: 320 },
          { name: 'R', coupling: { sites: [3], gamma: 0.3 }, T: 280 },
          { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.1 } },
        ],
      }),
    );
    const r = await runCli(['report', cfg, '--out', dir, '--mu0', '-2:2:201', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { page, external } = await open(join(dir, 'index.html'));
    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    const panels = page.locator('figure.panel');
    expect(await panels.count()).toBeGreaterThanOrEqual(8);
    for (let k = 0; k < (await panels.count()); k++) expect(await panels.nth(k).locator('g[aria-label="line"] path').count()).toBeGreaterThan(0);
    expect(await page.locator('#summary').innerText()).toContain('Eq. 33');
    expect(external).toEqual([]);
    await page.screenshot({ path: join(OUT, 'system-full.png'), fullPage: true });
    await page.close();
  });
});
