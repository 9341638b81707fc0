/**
 * `transmission --threads N` and `--shard K/N` + `probecheck merge` (docs/scale.md): the energies split
 * into contiguous chunks, each computed on a worker (started from the TS sources with tsx here) exactly
 * as one thread computes it, give the single-thread CSV byte for byte — for a dense config and for
 * sparse-only configs (> 3000 sites: a banded chain and a multifrontal flake whose grid holds E = 0,
 * where the flake's zero modes send one energy to the banded fall-back); bad options are exit 2 with
 * one line; the default thread count follows the engine's own cost per energy (never N² for sparse).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseConfig } from '../../src/config.js';
import { prepareSystem } from '../../src/numeric/system.js';
import type { SparseTransmissionEngine } from '../../src/numeric/sparseTransmission.js';
import { DENSE_SITE_LIMIT } from '../../src/limits.js';
import { THREAD_MIN_WORK, autoThreads, transmissionWork } from '../../src/parallel/threads.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-transmission-threads-'));

/** Leads L, R (Γ 0.5, 0.4 eV) on sites l, r and a VTP probe (0.05 eV) on site p. */
function config(hamiltonian: Record<string, unknown>, l: number, r: number, p: number) {
  return {
    hamiltonian,
    reference: { mu: 0.3, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [l], gamma: 0.5 }, mu: 0.302, T: 320 },
      { name: 'R', coupling: { sites: [r], gamma: 0.4 }, mu: 0.3, T: 290 },
      { name: 'P', probe: 'VTP', coupling: { sites: [p], gamma: 0.05 } },
    ],
  };
}
function write(name: string, c: unknown): string {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(c));
  return p;
}
const dense = write('dense', config({ model: 'graphene', rows: 3, cols: 4, hopping: -2.7 }, 0, 11, 5));
const chainN = 4000;
const chain = write('chain', config({ model: 'chain', sites: chainN, hopping: -2.7 }, 0, chainN - 1, chainN >> 1));
const flakeRows = 40,
  flakeCols = 80,
  flakeN = flakeRows * flakeCols;
const flake = write(
  'flake',
  config({ model: 'graphene', rows: flakeRows, cols: flakeCols, hopping: -2.7 }, 0, flakeN - 1, (flakeRows >> 1) * flakeCols + (flakeCols >> 1)),
);

/** The CSV of `transmission` with these extra options (to a file, no progress bar). */
async function csv(cfg: string, grid: string[], extra: string[], name: string): Promise<Buffer> {
  const out = join(dir, `${name}.csv`);
  const r = await runCli(['transmission', cfg, ...grid, '--quiet', ...extra, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out);
}

describe('transmission --threads', () => {
  it('dense config: the same bytes for --threads 1, 2, 3 (and on stdout)', async () => {
    const grid = ['--emin', '-9', '--emax', '9', '--n', '41'];
    const one = await csv(dense, grid, ['--threads', '1'], 'dense1');
    expect(one.toString().trim().split('\n')).toHaveLength(42);
    for (const k of [2, 3]) expect((await csv(dense, grid, ['--threads', String(k)], `dense${k}`)).equals(one)).toBe(true);
    const r = await runCli(['transmission', dense, ...grid, '--quiet', '--threads', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(one.toString());
  }, 60_000);

  it('sparse-only configs (> 3000 sites): a chain and a flake with E = 0 on the grid, --threads 1, 2, 3', async () => {
    expect(chainN).toBeGreaterThan(DENSE_SITE_LIMIT);
    expect(flakeN).toBeGreaterThan(DENSE_SITE_LIMIT);
    const chainGrid = ['--emin', '-6', '--emax', '6', '--n', '31'];
    const c1 = await csv(chain, chainGrid, ['--threads', '1'], 'chain1');
    expect(c1.toString().trim().split('\n')).toHaveLength(32);
    for (const k of [2, 3]) expect((await csv(chain, chainGrid, ['--threads', String(k)], `chain${k}`)).equals(c1)).toBe(true);
    // 25 energies symmetric about 0: the middle one is exactly E = 0 (a zero mode of the bipartite flake)
    const flakeGrid = ['--emin', '-8.5', '--emax', '8.5', '--n', '25'];
    const f1 = await csv(flake, flakeGrid, ['--threads', '1'], 'flake1');
    const rows = f1.toString().trim().split('\n');
    expect(rows).toHaveLength(26);
    expect(rows[13].split(',')[0]).toBe('0');
    for (const k of [2, 3]) expect((await csv(flake, flakeGrid, ['--threads', String(k)], `flake${k}`)).equals(f1)).toBe(true);
  }, 180_000);

  it('a progress bar on stderr unless --quiet; "wrote" names the file', async () => {
    const out = join(dir, 'bar.csv');
    const r = await runCli(['transmission', dense, '--emin', '-1', '--emax', '1', '--n', '5', '--threads', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/transmission \[.*\] 100% \| 5\/5/);
    expect(r.stderr).toMatch(/wrote 5 rows to .*bar\.csv/);
    const q = await runCli(['transmission', dense, '--emin', '-1', '--emax', '1', '--n', '5', '--quiet', '--out', out]);
    expect(q.stderr).toBe(`wrote 5 rows to ${out}\n`);
  }, 60_000);

  it('bad --threads and --shard: exit 2, one line naming the option', async () => {
    for (const [args, msg] of [
      [['--threads', '0'], /--threads: expected a positive integer, got "0"/],
      [['--threads', '1.5'], /--threads: expected a positive integer/],
      [['--threads', 'x'], /--threads: expected a positive integer/],
      [['--shard', '3/2'], /--shard: need 1 ≤ K ≤ N, got 3\/2/],
      [['--shard', '0/2'], /--shard: need 1 ≤ K ≤ N/],
      [['--shard', 'half'], /--shard: expected K\/N/],
    ] as const) {
      const r = await runCli(['transmission', dense, '--emin', '-1', '--emax', '1', '--n', '5', '--quiet', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(r.stdout).toBe('');
    }
  });
});

describe('transmission --shard K/N + merge', () => {
  it('merged shards are the single run byte for byte (dense; sparse flake with --threads 2 inside the shards; stdout shards)', async () => {
    const cases = [
      { cfg: dense, grid: ['--emin', '-9', '--emax', '9', '--n', '23'], n: 4, inner: '1' },
      { cfg: flake, grid: ['--emin', '-8.5', '--emax', '8.5', '--n', '13'], n: 3, inner: '2' },
    ];
    for (const [c, { cfg, grid, n, inner }] of cases.entries()) {
      const single = await csv(cfg, grid, ['--threads', '1'], `single${c}`);
      const parts: string[] = [];
      for (let k = 1; k <= n; k++) {
        const f = join(dir, `part${c}-${k}.csv`);
        if (k === 2) {
          // a shard on stdout (redirected by the user) is the same file
          const r = await runCli(['transmission', cfg, ...grid, '--quiet', '--threads', inner, '--shard', `${k}/${n}`]);
          expect(r.code, r.stderr).toBe(0);
          expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^# probecheck-shard ${k}/${n} rows \\d+-\\d+ of ${grid[5]} key=[0-9a-f]+$`));
          writeFileSync(f, r.stdout);
        } else writeFileSync(f, await csv(cfg, grid, ['--threads', inner, '--shard', `${k}/${n}`], `part${c}-${k}`));
        parts.push(f);
      }
      const merged = join(dir, `merged${c}.csv`);
      const r = await runCli(['merge', ...parts.reverse(), '--out', merged]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(merged).equals(single)).toBe(true);
    }
    // a shard of another grid (or another config) is refused by merge
    const p1 = join(dir, 'part0-1.csv');
    const other = join(dir, 'other.csv');
    writeFileSync(other, await csv(dense, ['--emin', '-9', '--emax', '8', '--n', '23'], ['--shard', '2/4'], 'other-2'));
    const x = await runCli(['merge', p1, other, join(dir, 'part0-3.csv'), join(dir, 'part0-4.csv'), '--out', join(dir, 'bad.csv')]);
    expect(x.code).toBe(2);
    expect(x.stderr.trim().split('\n')).toHaveLength(1);
    expect(x.stderr).toMatch(/other\.csv: belongs to another run/);
  }, 180_000);
});

describe('the default thread count of transmission', () => {
  it("follows the engine's cost per energy: sparse by its factorisation work (not N²), dense by N·r²", () => {
    const prep = (file: string) => prepareSystem(parseConfig(JSON.parse(readFileSync(file, 'utf8'))).system);
    // a 4000-site chain: the banded LU is ~2N multiply–adds per energy (0.4 ms here); 1000 energies stay on
    // one thread — an N² estimate (1.6e10) would start workers for a 0.4 s job
    const c = prep(chain);
    expect(c.path).toBe('sparse');
    const cw = transmissionWork(c, 1000);
    expect(cw).toBeLessThan(THREAD_MIN_WORK);
    expect(autoThreads(cw)).toBe(1);
    // the estimate built the engine on the prepared system (a one-thread run reuses it) and used its work
    const stats = (c.engine() as SparseTransmissionEngine).solver.stats;
    expect(stats.work).toBeLessThan(10 * chainN);
    // the 3200-site flake: ~1.5e6 multiply–adds per energy (≈ 10–40 ms here), so 1000 energies (tens of s) use every core,
    // 10 energies (well under a second) one
    const f = prep(flake);
    expect(transmissionWork(f, 1000)).toBeGreaterThanOrEqual(THREAD_MIN_WORK);
    expect(transmissionWork(f, 10)).toBeLessThan(THREAD_MIN_WORK);
    // dense: benzene-size work per energy is tiny; even the grid limit of energies stays on one thread
    const d = prep(dense);
    expect(d.path).toBe('dense');
    expect(transmissionWork(d, 100_000)).toBeLessThan(THREAD_MIN_WORK);
  });
});
