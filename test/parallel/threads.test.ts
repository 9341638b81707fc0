/**
 * `--threads N`: the map and the scan computed on worker threads (started from the TS sources with tsx here)
 * are byte-identical to the single-thread CSV; bad thread counts are exit 2.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { SPARSE_SCAN_POINTS_PER_THREAD, THREAD_MIN_WORK, autoMapThreads, autoScanThreads, defaultThreads, workerEntry } from '../../src/parallel/threads.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-threads-'));
const config = {
  hamiltonian: { model: 'graphene', rows: 3, cols: 4, hopping: -2.7 },
  reference: { mu: 0.3, T: 300 },
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.302, T: 320 },
    { name: 'R', coupling: { sites: [11], gamma: 0.4 }, mu: 0.3, T: 290 },
    { name: 'P', probe: 'VTP', coupling: { sites: [5], gamma: 0.05 } },
  ],
};
const cfg = join(dir, 'c.json');
writeFileSync(cfg, JSON.stringify(config));

describe('map --threads', () => {
  it('starts the .ts worker with tsx from the sources', () => {
    const { url, bootstrap } = workerEntry();
    expect(url.pathname.endsWith('/src/parallel/worker.ts')).toBe(true);
    expect(bootstrap?.pathname.endsWith('/src/parallel/tsx-worker.mjs')).toBe(true);
  });

  it('writes the same bytes for --threads 1, 2 and 3', async () => {
    const out = (k: number) => join(dir, `t${k}`);
    for (const k of [1, 2, 3]) expect((await runCli(['map', cfg, '--probe', 'P', '--threads', String(k), '--out', out(k), '--quiet'])).code).toBe(0);
    const one = readFileSync(join(out(1), 'map.csv'));
    expect(one.toString().trim().split('\n')).toHaveLength(13);
    for (const k of [2, 3]) {
      expect(readFileSync(join(out(k), 'map.csv')).equals(one)).toBe(true);
      expect(readFileSync(join(out(k), 'map.svg')).equals(readFileSync(join(out(1), 'map.svg')))).toBe(true);
    }
  }, 60_000);

  it('scan: the same bytes for --threads 1 and 2 (with --gamma and --probe-models; and inside a shard)', async () => {
    const base = ['scan', cfg, '--mu0', '-2:2:9', '--gamma', 'P=0,0.05', '--probe-models', '--quiet'];
    const files: Buffer[] = [];
    for (const k of [1, 2]) {
      const out = join(dir, `scan${k}.csv`);
      expect((await runCli([...base, '--threads', String(k), '--out', out])).code).toBe(0);
      files.push(readFileSync(out));
    }
    expect(files[0].toString().trim().split('\n')).toHaveLength(19);
    expect(files[1].equals(files[0])).toBe(true);
    const sh: Buffer[] = [];
    for (const k of [1, 2]) {
      const out = join(dir, `shard${k}.csv`);
      expect((await runCli([...base, '--shard', '2/3', '--threads', String(k), '--out', out])).code).toBe(0);
      sh.push(readFileSync(out));
    }
    expect(sh[1].equals(sh[0])).toBe(true);
  }, 60_000);

  it('bad --threads and a bad probe on several threads: exit 2, one line', async () => {
    for (const [args, msg] of [
      [['--probe', 'P', '--threads', '0'], /--threads: expected a positive integer, got "0"/],
      [['--probe', 'P', '--threads', '1.5'], /--threads: expected a positive integer/],
      [['--probe', 'L', '--threads', '2'], /"L" is a lead/],
    ] as const) {
      const r = await runCli(['map', cfg, ...args, '--out', join(dir, 'bad.csv'), '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe('default thread count of a scan', () => {
  it('on the sparse path at most one thread per SPARSE_SCAN_POINTS_PER_THREAD points (a worker’s first point costs ~5× a later one); the dense path by work alone', () => {
    const cores = defaultThreads();
    const big = 10 * THREAD_MIN_WORK;
    expect(autoScanThreads(big, SPARSE_SCAN_POINTS_PER_THREAD - 1, true)).toBe(1);
    expect(autoScanThreads(big, 11, true)).toBe(1);
    expect(autoScanThreads(big, 2 * SPARSE_SCAN_POINTS_PER_THREAD, true)).toBe(Math.min(cores, 2));
    expect(autoScanThreads(big, 1000, true)).toBe(cores);
    expect(autoScanThreads(big, 11, false)).toBe(cores);
    expect(autoScanThreads(THREAD_MIN_WORK / 10, 1000, true)).toBe(1);
  });
});

describe('default thread count of a per-site map', () => {
  it('one thread below ~98 sites, where two threads measured no faster (0.75× at 48 sites, about even at 80); all cores from 100 on', () => {
    const cores = defaultThreads();
    for (const n of [6, 48, 80, 97]) expect(autoMapThreads(n), `${n} sites`).toBe(1);
    for (const n of [100, 200, 1000]) expect(autoMapThreads(n), `${n} sites`).toBe(cores);
  });
});
