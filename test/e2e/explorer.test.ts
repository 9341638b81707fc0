/**
 * End to end: `probecheck explore` writes one self-contained page; Debian's headless Chromium opens
 * it from disk and a script moves the controls as a person would (number fields, sliders, the site
 * picker on the drawing, selects). After every change the page's numbers (`data-output` = the
 * path in the `probecheck solve` JSON) must equal `probecheck solve` run on the CONFIG.json the
 * page's download button gives, to 1e-9 relative (the page writes 10 significant digits: ≤ 5e-10
 * rounding); the VP and VTP columns must equal `solve` on that config with the probe made a VP
 * (at the T_VP field) or a VTP, and the derived δ / Δ columns their relative error / difference.
 * Plots must change, nothing may be fetched from the network and nothing logged as an error.
 * Screenshots go to test-output/e2e/explorer/ for a person to look at; the page's own update
 * timings (performance.now) are written next to them — measured, not asserted (see npm run bench:explorer).
 *
 * Chromium missing is a failure, not a skip (apt-get install -y chromium; .ci/run does).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../helpers/chromium.js';
import { atPath } from '../../src/explorer/compute.js';
import { parseConfig } from '../../src/config.js';

const OUT = resolve('test-output/e2e/explorer');

let browser: BrowserContext;
let userDataDir: string;

interface Opened {
  page: Page;
  external: string[];
  errors: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await browser.newPage();
  const external: string[] = [],
    errors: string[] = [];
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) external.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction('window.probecheckExplorer && window.probecheckExplorer.updates >= 1');
  return { page, external, errors };
}

const updates = (page: Page) => page.evaluate('window.probecheckExplorer.updates') as Promise<number>;

/** Run `action`, then wait until the page has finished the update it caused. */
async function settle(page: Page, action: () => Promise<unknown>): Promise<void> {
  const n = await updates(page);
  await action();
  await page.waitForFunction(`window.probecheckExplorer.updates > ${n} || window.probecheckExplorer.error !== null`);
  // several changes in one frame are one update; wait for a quiet frame
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** Move a slider (range input) to `value` as a drag does: input events. */
async function slide(page: Page, name: string, value: number): Promise<void> {
  await settle(page, () =>
    page.evaluate(
      `(() => { const s = document.querySelector('input[data-for="${name}"]'); s.value = '${value}'; s.dispatchEvent(new Event('input', { bubbles: true })); })()`,
    ),
  );
}

async function fill(page: Page, name: string, value: string): Promise<void> {
  await settle(page, () => page.fill(`input[name="${name}"]`, value));
}

async function select(page: Page, name: string, value: string): Promise<void> {
  await settle(page, () => page.selectOption(`select[name="${name}"]`, value));
}

async function download(page: Page, path: string): Promise<Record<string, unknown>> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  await dl.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

async function solve(cfg: Record<string, unknown>, path: string): Promise<Record<string, unknown>> {
  writeFileSync(path, JSON.stringify(cfg));
  const r = await runCli(['solve', path]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/**
 * Tolerance of a value at `path`: 1e-9 of its magnitude, or of the largest magnitude of the same
 * family in the `solve` object (charge currents, heat currents) — a current that vanishes by a sum
 * rule or by the VP condition (J_P = 0) is rounding (~1e-16 of the others), whose digits are noise.
 */
function scaleOf(json: Record<string, unknown>, path: string, v: number): number {
  const m = /^currents\.(.+)\.(charge|heat|particle)$/.exec(path);
  if (!m) return Math.abs(v);
  const cur = json.currents as Record<string, Record<string, number>>;
  return Math.max(...Object.values(cur).map((c) => Math.abs(c[m[2]])));
}

function expectClose(got: number, want: number, scale: number, what: string): void {
  expect(Number.isFinite(got), `${what}: page shows a number`).toBe(true);
  expect(Math.abs(got - want), `${what}: page ${got}, solve ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(scale, Math.abs(want)) + Number.MIN_VALUE);
}

/** Every visible number of the page against `probecheck solve` on the downloaded config and its VP/VTP variants. */
async function checkAgainstSolve(o: Opened, tag: string): Promise<Record<string, unknown>> {
  const { page } = o;
  expect(await page.evaluate('window.probecheckExplorer.error')).toBeNull();
  const dir = join(OUT, tag);
  mkdirSync(dir, { recursive: true });
  const cfg = await download(page, join(dir, 'CONFIG.json'));
  const want = await solve(cfg, join(dir, 'config.json'));
  const read = (attr: string) =>
    page.$$eval(
      `[${attr}]`,
      (els, a) =>
        els
          .filter((e) => !(e as { closest(s: string): { hidden: boolean } | null }).closest('tr')?.hidden)
          .map((e) => [e.getAttribute(a as string) as string, e.textContent ?? '']),
      attr,
    );
  const shown = await read('data-output');
  expect(shown.length).toBeGreaterThan(5);
  for (const [path, text] of shown) {
    const w = atPath(want, path);
    if (w === null) {
      expect(text, path).toBe('null');
      continue;
    }
    expect(typeof w, `${path} exists in the solve output`).toBe('number');
    expectClose(Number(text), w as number, scaleOf(want, path, w as number), `${tag} ${path}`);
  }
  const terminals = cfg.terminals as Array<Record<string, unknown>>;
  if (terminals.some((t) => t.probe !== undefined)) {
    const vpCfg = structuredClone(cfg),
      vtpCfg = structuredClone(cfg);
    for (const t of vpCfg.terminals as Array<Record<string, unknown>>)
      if (t.probe !== undefined) {
        t.probe = 'VP';
        t.T = Number(await page.inputValue(`input[name="terminals.${t.name as string}.T"]`));
      }
    for (const t of vtpCfg.terminals as Array<Record<string, unknown>>)
      if (t.probe !== undefined) {
        t.probe = 'VTP';
        delete t.T;
      }
    const vp = await solve(vpCfg, join(dir, 'vp.json')),
      vtp = await solve(vtpCfg, join(dir, 'vtp.json'));
    for (const [attr, ref] of [
      ['data-output-vp', vp],
      ['data-output-vtp', vtp],
    ] as const) {
      const cells = await read(attr);
      expect(cells.length).toBeGreaterThan(3);
      for (const [path, text] of cells) {
        const w = atPath(ref, path) as number;
        expectClose(Number(text), w, scaleOf(ref, path, w), `${tag} ${attr} ${path}`);
      }
    }
    if (await page.isVisible('th.er')) {
      // the ER column is filled after the update, in slices: wait for this update's ER job
      await page.waitForFunction(
        "/ in \\d+ ms$/.test(document.getElementById('er-status').textContent) || window.probecheckExplorer.erError !== null",
        undefined,
        { timeout: 60_000 },
      );
      expect(await page.evaluate('window.probecheckExplorer.erError')).toBeNull();
      const erCfg = structuredClone(cfg);
      for (const t of erCfg.terminals as Array<Record<string, unknown>>)
        if (t.probe !== undefined) {
          t.probe = 'ER';
          delete t.T;
        }
      const er = await solve(erCfg, join(dir, 'er.json'));
      const cells = await read('data-output-er');
      expect(cells.length).toBeGreaterThan(3);
      for (const [path, text] of cells) {
        const w = atPath(er, path) as number;
        expectClose(Number(text), w, scaleOf(er, path, w), `${tag} ER ${path}`);
      }
    }
    for (const [spec, text] of await read('data-derived')) {
      const [kind, path] = spec.split(/:(.*)/s);
      const a = atPath(vp, path) as number,
        b = atPath(vtp, path) as number;
      const w = kind === 'excess' ? a - b : (a - b) / a;
      if (text === '') {
        expect(Number.isFinite(w), `${spec} blank only when undefined`).toBe(false);
        continue;
      }
      // Δ = a − b: its rounding is that of the operands (1e-9 of the family's scale is far above it);
      // δ = (a − b)/a: 1e-9 of δ plus the operands' rounding (≤ 1e-13 (|a| + |b|)/|a|, as a VP and a VTP
      // current that agree exactly by symmetry give δ = 0 in one engine and ~1e-16 in another)
      const got = Number(text);
      if (kind === 'excess') expectClose(got, w, Math.max(scaleOf(vp, path, a), scaleOf(vtp, path, b)), `${tag} ${spec}`);
      else
        expect(Math.abs(got - w), `${tag} ${spec}: page ${got}, solve ${w}`).toBeLessThanOrEqual(
          1e-9 * Math.abs(w) + (1e-13 * (Math.abs(a) + Math.abs(b))) / Math.abs(a),
        );
    }
  }
  return cfg;
}

const paths = (page: Page) =>
  page.$$eval('figure.panel:not([hidden]) path.line', (ps) =>
    ps.map((p) => `${p.closest('figure')!.getAttribute('data-panel')}:${p.getAttribute('data-series')}:${p.getAttribute('d')}`),
  );

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install chromium: apt-get install -y chromium`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  userDataDir = join(OUT, 'chromium-profile');
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

describe("explorer on the paper's benzene junction", () => {
  const dir = join(OUT, 'benzene');
  beforeAll(async () => {
    const r = await runCli(['explore', '--out', dir, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('is one self-contained file: no external script, stylesheet, font or image', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html.match(/<(script|img|iframe|audio|video|source)[^>]+src=|<link[^>]+href=/i)?.[0]).toBeUndefined();
    const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
    expect(css.match(/url\((?!data:)[^)]*\)/)?.[0]).toBeUndefined();
    expect(html).toContain('data:font/woff2;base64,');
  });

  it('follows the controls: numbers equal `probecheck solve` of the downloaded CONFIG, plots change, no network, no console error', async () => {
    const o = await open(join(dir, 'index.html'));
    const { page } = o;
    expect(await page.locator('.katex-error').count()).toBe(0);
    for (const name of [
      'hamiltonian.hopping',
      'reference.mu',
      'reference.T',
      'circuit',
      'terminals.L.coupling.gamma',
      'terminals.R.coupling.gamma',
      'terminals.P.coupling.gamma',
      'terminals.P.coupling.sites',
      'terminals.L.T',
      'terminals.R.T',
      'terminals.P.T',
      'bias',
      'terminals.P.probe',
      'explore.models',
    ]) {
      expect(await page.locator(`[name="${name}"]`).count(), name).toBeGreaterThan(0);
    }
    const cfg0 = await checkAgainstSolve(o, 'initial');
    expect((cfg0.terminals as Array<{ coupling: { sites: number[] } }>)[2].coupling.sites).toEqual([3]);
    await page.screenshot({ path: join(OUT, 'benzene-initial.png'), fullPage: true });
    const before = await paths(page);
    expect(before.length).toBeGreaterThan(12);

    // a person moves things: γ typed, T_L dragged, the probe moved to site 4 on the drawing, μ0 and t changed
    await fill(page, 'terminals.P.coupling.gamma', '0.25');
    await slide(page, 'terminals.L.T', 345);
    await settle(page, () => page.click('.picker [data-site="4"]'));
    expect(await page.inputValue('select[name="terminals.P.coupling.sites"]')).toBe('4');
    expect(await page.locator('.picker .site.probe').getAttribute('data-site')).toBe('4');
    await slide(page, 'reference.mu', 0.7);
    await fill(page, 'hamiltonian.hopping', '-2.7');
    await slide(page, 'terminals.P.T', 290);
    // the energy-resolved probe: opt-in, computed after the update in slices
    const er0 = (await page.evaluate('window.probecheckExplorer.erUpdates')) as number;
    await settle(page, () => page.check('input[name="explore.models"][value="ER"]'));
    await page.waitForFunction(`window.probecheckExplorer.erUpdates > ${er0}`, undefined, { timeout: 60_000 });
    expect(await page.evaluate('window.probecheckExplorer.erError')).toBeNull();
    expect(await page.locator('figure[data-panel="heat"] path.line[data-series="ER"]').count()).toBe(1);
    const cfg1 = await checkAgainstSolve(o, 'moved');
    const t = cfg1.terminals as Array<Record<string, unknown>>;
    expect(t[0].T).toBe(345);
    expect(t[2]).toMatchObject({ probe: 'VP', T: 290, coupling: { sites: [4], gamma: 0.25 } });
    expect((cfg1.hamiltonian as { hopping: number }).hopping).toBe(-2.7);
    // μ0 moved with the bias kept: μ_L − μ0 = +ΔV/2
    expect((t[0].mu as number) - (cfg1.reference as { mu: number }).mu).toBeCloseTo(0.005, 12);
    const after = await paths(page);
    const changed = (a: string[], b: string[], panel: string) => a.filter((p) => p.startsWith(panel)).join() !== b.filter((p) => p.startsWith(panel)).join();
    for (const panel of ['transmission', 'charge', 'heat', 'relerr', 'probeT', 'probeHeat', 'entropy'])
      expect(changed(before, after, panel), `${panel} redrawn`).toBe(true);
    await page.screenshot({ path: join(OUT, 'benzene-moved.png'), fullPage: true });

    // the thermal circuit with the probe a VTP: thermopower, the solved lead μ, the flat probe
    await select(page, 'circuit', 'thermal');
    await select(page, 'terminals.P.probe', 'VTP');
    await select(page, 'terminals.P.coupling.sites', '0,1,2,3,4,5');
    const cfg2 = await checkAgainstSolve(o, 'thermal');
    expect(cfg2.circuit).toBe('thermal');
    expect((cfg2.terminals as Array<Record<string, unknown>>)[1].mu).toBeUndefined();
    expect(await page.locator('figure[data-panel="seebeck"]').isVisible()).toBe(true);
    expect(await page.locator('figure[data-panel="charge"]').isVisible()).toBe(false);
    expect(Number(await page.textContent('[data-output="seebeck"]'))).not.toBe(0);
    await page.screenshot({ path: join(OUT, 'benzene-thermal.png'), fullPage: true });

    // only the VTP drawn
    await settle(page, () => page.uncheck('input[name="explore.models"][value="VP"]'));
    expect(await page.locator('figure[data-panel="heat"] path.line[data-series="VP"]').count()).toBe(0);
    expect(await page.locator('figure[data-panel="heat"] path.line[data-series="VTP"]').count()).toBe(1);

    // bad input: one line naming the field, no stale numbers; then back
    await fill(page, 'terminals.P.coupling.gamma', '-0.1');
    expect(await page.textContent('#error')).toBe('probecheck: terminals[2].coupling.gamma: γ must be ≥ 0 (got -0.1)');
    expect(await page.textContent('[data-output="entropyProduction"]')).toBe('');
    await page.screenshot({ path: join(OUT, 'benzene-error.png') });
    await fill(page, 'terminals.P.coupling.gamma', '0.05');
    expect(await page.isVisible('#error')).toBe(false);
    await checkAgainstSolve(o, 'recovered');

    expect(o.external).toEqual([]);
    expect(o.errors).toEqual([]);
    const timings = (await page.evaluate('window.probecheckExplorer.timings')) as Array<{ total: number }>;
    writeFileSync(join(OUT, 'timings.json'), JSON.stringify(timings, null, 1));
    await page.close();
  });
});

describe('explorer on a user config', () => {
  it('offers the controls of a graphene flake with a VTP in a thermal circuit and stays equal to `probecheck solve`', async () => {
    const dir = join(OUT, 'graphene');
    mkdirSync(dir, { recursive: true });
    const cfgPath = join(dir, 'input.json');
    const input = {
      hamiltonian: { model: 'graphene', rows: 3, cols: 4, hopping: -2.7 },
      reference: { mu: 0.3, T: 300 },
      circuit: 'thermal',
      terminals: [
        { name: 'left', coupling: { sites: [0, 4, 8], gamma: 0.6 }, mu: 0.3, T: 330 },
        { name: 'right', coupling: { sites: [3, 7, 11], gamma: 0.6 }, T: 270 },
        { name: 'tip', probe: 'VTP', coupling: { sites: [5], gamma: 0.08 } },
      ],
    };
    writeFileSync(cfgPath, JSON.stringify(input));
    const r = await runCli(['explore', cfgPath, '--out', dir, '--mu0', '-2:2:301', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const o = await open(join(dir, 'index.html'));
    const { page } = o;
    expect(await page.locator('[name="bias"]').isDisabled()).toBe(true); // thermal: no bias
    expect(await page.locator('.picker .site').count()).toBe(12);
    const cfg = await checkAgainstSolve(o, 'graphene-initial');
    expect(cfg).toEqual(parseConfig(input).config); // the input with the schema's defaults filled in
    await fill(page, 'terminals.tip.coupling.gamma', '0.3');
    await settle(page, () => page.click('.picker [data-site="6"]'));
    await slide(page, 'terminals.right.T', 250);
    await select(page, 'circuit', 'electronic');
    // the electronic circuit needs μ for every lead: the bias control gives it
    expect(await page.textContent('#error')).toContain('terminals[1].mu');
    await fill(page, 'bias', '0.02');
    await checkAgainstSolve(o, 'graphene-moved');
    await page.screenshot({ path: join(OUT, 'graphene.png'), fullPage: true });
    expect(o.external).toEqual([]);
    expect(o.errors).toEqual([]);
    await page.close();
  });

  it('rejects a bad config or range with one line naming the field (exit 2)', async () => {
    const dir = join(OUT, 'bad');
    mkdirSync(dir, { recursive: true });
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        hamiltonian: { model: 'benzene' },
        reference: { T: 300 },
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0, T: 300 },
          { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0, T: 300 },
          { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: -0.1 } },
        ],
      }),
    );
    const r = await runCli(['explore', bad, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('probecheck: terminals[2].coupling.gamma: γ must be ≥ 0 (got -0.1)\n');
    const r2 = await runCli(['explore', '--out', dir, '--mu0', '1:-1:11']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe('probecheck: --mu0: A must be < B (got "1:-1:11")\n');
    expect(existsSync(join(dir, 'index.html'))).toBe(false);
  });
});
