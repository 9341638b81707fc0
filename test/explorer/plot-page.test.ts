/**
 * The explorer's SVG plotter (ticks, thinning, gaps, log axes) and the page assembly and bundle
 * (controls named by CONFIG path, a `data-output` per `solve` path, inline scripts that cannot close
 * their element, the entry found as .ts or .js).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { niceTicks, niceDomain, thin, plotSvg, TOLERANCE } from '../../src/explorer/svgplot.js';
import { explorerPage, scriptSafe } from '../../src/explorer/page.js';
import { explorerEntry, bundleExplorer } from '../../src/explorer/bundle.js';
import { controlSpecs } from '../../src/explorer/controls.js';
import { initialState, paperConfig } from '../../src/explorer/model.js';
import { solveRows } from '../../src/explorer/panels.js';
import { uniform } from '../arbitraries.js';

/** Distance from (x, y) to the polyline p. */
function distance(p: readonly number[], x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i + 3 < p.length; i += 2) {
    const ax = p[i],
      ay = p[i + 1],
      dx = p[i + 2] - ax,
      dy = p[i + 3] - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}

describe('SVG plotter', () => {
  it('nice ticks: inside the range, evenly spaced by 1, 2 or 5 × 10^k, 3 to 13 of them', () => {
    fc.assert(
      fc.property(uniform(-1e3, 1e3), uniform(1e-12, 1e3), fc.integer({ min: -15, max: 5 }), (a, w, e) => {
        const lo = a * 10 ** e,
          hi = lo + w * 10 ** e;
        fc.pre(hi - lo > 1e-8 * Math.max(Math.abs(lo), Math.abs(hi)));
        const t = niceTicks(lo, hi, 6);
        expect(t.length).toBeGreaterThanOrEqual(3);
        expect(t.length).toBeLessThanOrEqual(13);
        const step = t[1] - t[0];
        const m = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 5, 10].some((k) => Math.abs(m - k) < 1e-6)).toBe(true);
        for (let i = 0; i < t.length; i++) {
          expect(t[i]).toBeGreaterThanOrEqual(lo - 1e-9 * step);
          expect(t[i]).toBeLessThanOrEqual(hi + 1e-9 * step);
          if (i) expect(Math.abs(t[i] - t[i - 1] - step)).toBeLessThan(1e-6 * step);
        }
        const [d0, d1] = niceDomain(lo, hi);
        expect(d0).toBeLessThanOrEqual(lo);
        expect(d1).toBeGreaterThanOrEqual(hi);
      }),
    );
  });

  it('a range below double resolution (a constant up to rounding) gets one tick and a ±5 % axis, without looping', () => {
    const t = niceTicks(300, 300 + 3e-13);
    expect(t).toHaveLength(1);
    expect(t[0]).toBeCloseTo(300, 12);
    const [a, b] = niceDomain(310, 310 + 1e-12);
    expect(a).toBeLessThan(310);
    expect(b).toBeGreaterThan(310);
  });

  it('thinning keeps every dropped vertex within the tolerance of the drawn line, and both ends', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(uniform(0, 3), uniform(-50, 50)), { minLength: 2, maxLength: 300 }), (steps) => {
        const p: number[] = [];
        let x = 0;
        for (const [dx, y] of steps) {
          x += dx;
          p.push(x, y * Math.sin(x / 20));
        }
        const q = thin(p, TOLERANCE);
        expect(q.slice(0, 2)).toEqual(p.slice(0, 2));
        expect(q.slice(-2)).toEqual(p.slice(-2));
        for (let i = 0; i < p.length; i += 2) expect(distance(q, p[i], p[i + 1])).toBeLessThanOrEqual(TOLERANCE + 1e-9);
      }),
    );
  });

  it('breaks a line at NaN, drops non-positive values on a log axis, escapes labels', () => {
    const x = [0, 1, 2, 3, 4, 5],
      y = [1, 2, Number.NaN, 4, -5, 6];
    const lin = plotSvg({ id: 'a', title: 't', xLabel: 'x', yLabel: 'y<1>', yUnit: 'A', yScale: 'linear', series: [{ label: 'S&P', x, y, color: '#000' }] });
    expect(lin.match(/ d="([^"]+)"/)![1].split('M').length - 1).toBe(2);
    expect(lin).toContain('y&lt;1&gt;');
    expect(lin).toContain('S&amp;P');
    const log = plotSvg({ id: 'b', title: 't', xLabel: 'x', yLabel: 'y', yUnit: 'A', yScale: 'log', series: [{ label: 's', x, y, color: '#000' }] });
    expect(log.match(/ d="([^"]+)"/)![1].split('M').length - 1).toBe(3); // 1–2 | 4 | 6
    expect(log).not.toMatch(/NaN|Infinity/);
    const empty = plotSvg({
      id: 'c',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      yUnit: '',
      yScale: 'log',
      series: [{ label: 's', x, y: x.map(() => 0), color: '#000' }],
    });
    expect(empty).toContain('no finite values to draw');
  });
});

describe('explorer page and bundle', () => {
  it('names every control by its CONFIG path and holds a data-output per solve path; scripts cannot close their element', () => {
    const state = initialState(paperConfig(), { min: -3, max: 3, points: 11 });
    const page = explorerPage({ state, source: 'test', katexCss: '', script: 'var s = "</script><!--";', version: 'v', command: 'c' });
    expect(page.katexErrors).toEqual([]);
    for (const c of controlSpecs(state)) expect(page.html, c.name).toContain(`name="${c.name}"`);
    for (const r of solveRows(['L', 'R', 'P'], ['L', 'R'], ['P'])) expect(page.html, r.path).toContain(`data-output="${r.path}"`);
    expect(page.html.match(/<\/script>/g)!.length).toBe(2); // the JSON state and the page script: nothing inside closes early
    expect(scriptSafe('a</SCRIPT>b<!--c')).toBe('a<\\/SCRIPT>b<\\!--c');
  });

  it('finds the page script as app.ts next to the sources, or app.js in a compiled build, and bundles either', async () => {
    expect(explorerEntry()).toMatch(/src[\\/]explorer[\\/]app\.ts$/);
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-explorer-'));
    try {
      writeFileSync(join(dir, 'lib.js'), 'export const answer = () => 6 * 7;\n');
      writeFileSync(join(dir, 'app.js'), "import { answer } from './lib.js';\nglobalThis.__answer = answer();\n");
      const entry = explorerEntry(dir);
      expect(entry).toBe(join(dir, 'app.js'));
      const js = await bundleExplorer(entry);
      expect(js).not.toMatch(/\bimport\b|require\(/);
      const g = globalThis as { __answer?: number };
      new Function(js)();
      expect(g.__answer).toBe(42);
      delete g.__answer;
      rmSync(join(dir, 'app.js'));
      expect(() => explorerEntry(dir)).toThrow('expected app.ts or app.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
