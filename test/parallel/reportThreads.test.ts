/**
 * `report --threads N`: the VP/VTP/ER analysis along μ0 split over worker threads (src/parallel/
 * threads.ts analyseVpVtpThreaded) is the one-thread analysis bit for bit, and the report's data
 * files are byte-identical; parts are joined in order, ER unavailable if it is in any part.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { analyseVpVtpThreaded } from '../../src/parallel/threads.js';
import { analyseVpVtp, finishVpVtp, joinVpVtpParts, vpVtpPart } from '../../src/analysis/vpVtp.js';
import { parseConfig } from '../../src/config.js';
import { linspace } from '../../src/scan.js';

const config = {
  hamiltonian: { model: 'chain', sites: 8, hopping: -1 },
  reference: { mu: 0.1, T: 300 },
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.102, T: 320 },
    { name: 'R', coupling: { sites: [7], gamma: 0.3 }, mu: 0.098, T: 290 },
    { name: 'A', probe: 'VP', T: 310, coupling: { sites: [2], gamma: 0.1 } },
    { name: 'B', probe: 'ER', coupling: { sites: [5], gamma: 0.05 } },
  ],
};

/** Every Float64Array inside `x`, in a fixed order, as arrays of numbers (NaN and −0 kept by Object.is below). */
function arrays(x: unknown, out: number[][] = []): number[][] {
  if (x instanceof Float64Array) out.push([...x]);
  else if (Array.isArray(x)) for (const v of x) arrays(v, out);
  else if (x && typeof x === 'object') for (const k of Object.keys(x).sort()) arrays((x as Record<string, unknown>)[k], out);
  return out;
}

function expectSameBits(a: unknown, b: unknown): void {
  const x = arrays(a),
    y = arrays(b);
  expect(x.length).toBe(y.length);
  const differ: string[] = [];
  x.forEach((row, i) => row.forEach((v, j) => Object.is(v, y[i][j]) || differ.push(`[${i}][${j}] ${v} vs ${y[i][j]}`)));
  expect(differ).toEqual([]);
}

describe('report --threads', () => {
  const mu0 = linspace(-1.5, 1.5, 31);
  const parsed = parseConfig(config);
  const one = analyseVpVtp(parsed.system, parsed.reference, parsed.circuit, mu0);

  it('the analysis on 2 and 3 workers equals one thread bit for bit (and ticks the same steps)', async () => {
    expect(one.er).not.toBeNull();
    for (const threads of [2, 3]) {
      let ticks = 0;
      const t = await analyseVpVtpThreaded(config, mu0, threads, () => ticks++);
      expectSameBits(t, one);
      expect([t.eq33Residual, t.reciprocityDefect, t.generalEq33Residual]).toEqual([one.eq33Residual, one.reciprocityDefect, one.generalEq33Residual]);
      expect(ticks).toBe(2 * mu0.length);
    }
  }, 60_000);

  it('parts joined in order are the whole run; ER unavailable in any part makes it unavailable, with the first part’s message', () => {
    const parts = [
      [0, 10],
      [10, 11],
      [11, 31],
    ].map(([a, b]) => vpVtpPart(parsed.system, parsed.reference, parsed.circuit, mu0, { range: [a, b] }));
    expectSameBits(finishVpVtp(parsed.system, parsed.reference.temperature, joinVpVtpParts(parts)), one);
    const broken = parts.map((p, k) => (k === 0 ? p : { ...p, er: null, erUnavailable: `no ER in part ${k}` }));
    const joined = joinVpVtpParts(broken);
    expect(joined.er).toBeNull();
    expect(joined.erUnavailable).toBe('no ER in part 1');
    expectSameBits(joined.vp, one.vp);
  });

  // the dense path, and the sparse path (a 400-site chain at 30 K): there one thread scans on the
  // device of the reference point and neighbouring μ0 share T(E) (docs/physics.md §14), the workers
  // each start fresh — the same bytes either way
  const sparseConfig = {
    hamiltonian: { model: 'chain', sites: 400, hopping: -1 },
    reference: { mu: 0.3, T: 30 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.3001, T: 31 },
      { name: 'R', coupling: { sites: [399], gamma: 0.5 }, mu: 0.2999, T: 29 },
      { name: 'P', probe: 'VTP', coupling: { sites: [123], gamma: 0.1 } },
    ],
  };
  for (const [name, cfgObject, grid] of [
    ['dense', config, '-1:1:21'],
    ['sparse', sparseConfig, '0.29:0.31:5'],
  ] as const)
    it(`writes the same data files for --threads 1 and 2 (${name} path)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'probecheck-report-threads-'));
      const cfg = join(dir, 'c.json');
      writeFileSync(cfg, JSON.stringify(cfgObject));
      for (const k of [1, 2])
        expect((await runCli(['report', cfg, '--mu0', grid, '--threads', String(k), '--quiet', '--out', join(dir, `t${k}`)])).code).toBe(0);
      // every file but index.html, which quotes its own --out
      const files = readdirSync(join(dir, 't1'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name !== 'index.html')
        .map((e) => join(e.parentPath, e.name).slice(join(dir, 't1').length + 1));
      expect(files).toContain('scan.csv');
      expect(files.length).toBeGreaterThan(10);
      // both reports run in this one process: byte-identical includes the clip-path ids (plot.ts renameClipIds)
      const read = (k: number, f: string) => readFileSync(join(dir, `t${k}`, f), 'utf8');
      for (const f of files) expect(read(2, f) === read(1, f), f).toBe(true);
    }, 60_000);
});
