/**
 * `map --shard K/N` + `probecheck merge`: the merged shards are the single-run CSV byte for byte (every
 * site is computed by the same code from the same inputs; the shared γ = 0 route integrates every
 * site's row in each shard), in any order, also with --threads inside a shard; bad use is exit 2 with
 * one line naming the flag (docs/scale.md).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-map-shard-'));
const config = (gamma: number) => ({
  hamiltonian: { model: 'ring', sites: 7, hopping: -1 },
  reference: { mu: 0.2, T: 300 },
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.201, T: 320 },
    { name: 'R', coupling: { sites: [3], gamma: 0.3 }, mu: 0.2, T: 285 },
    { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma } },
  ],
});

describe('map --shard', () => {
  for (const gamma of [0.05, 0]) {
    it(`merge of the shards is byte-identical to the single run (γ = ${gamma}), shards in any order, threads inside a shard`, async () => {
      const cfg = join(dir, `c${gamma}.json`);
      writeFileSync(cfg, JSON.stringify(config(gamma)));
      const args = ['map', cfg, '--probe', 'P', '--quiet'];
      const single = join(dir, `single${gamma}.csv`);
      const r0 = await runCli([...args, '--out', single, '--threads', '1']);
      expect(r0.code, r0.stderr).toBe(0);
      const N = 3;
      const parts: string[] = [];
      for (let k = 1; k <= N; k++) {
        const f = join(dir, `part${gamma}-${k}.csv`);
        // shard 2 on two worker threads: the same bits as one thread
        const r = await runCli([...args, '--shard', `${k}/${N}`, '--out', f, '--threads', k === 2 ? '2' : '1']);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(new RegExp(`shard ${k}/${N}`));
        expect(readFileSync(f, 'utf8').split('\n')[0]).toMatch(new RegExp(`^# probecheck-shard ${k}/${N} rows \\d+-\\d+ of 7 key=`));
        parts.push(f);
      }
      const merged = join(dir, `merged${gamma}.csv`);
      const m = await runCli(['merge', parts[1], parts[2], parts[0], '--out', merged]);
      expect(m.code, m.stderr).toBe(0);
      expect(readFileSync(merged)).toEqual(readFileSync(single));
      expect(readFileSync(single, 'utf8').trim().split('\n')).toHaveLength(1 + 7);
    }, 60_000);
  }

  it('refuses bad use with one line, exit 2', async () => {
    const cfg = join(dir, 'c0.05.json');
    const bad = async (args: string[], re: RegExp) => {
      const x = await runCli(['map', cfg, '--probe', 'P', '--quiet', ...args]);
      expect(x.code).toBe(2);
      expect(x.stderr.trim().split('\n')).toHaveLength(1);
      expect(x.stderr).toMatch(re);
    };
    await bad(['--shard', '0/3', '--out', join(dir, 'x.csv')], /--shard: need 1 ≤ K ≤ N/);
    await bad(['--shard', 'a', '--out', join(dir, 'x.csv')], /--shard: expected K\/N/);
    await bad(['--shard', '1/3', '--out', join(dir, 'xdir')], /--shard: needs --out F\.csv/);
    await bad(['--shard', '1/3', '--out', join(dir, 'x.csv'), '--svg', join(dir, 'x.svg')], /--svg: not with --shard/);
    // a map shard and a scan shard do not merge (different fingerprints)
    const a = join(dir, 'ma.csv');
    expect((await runCli(['map', cfg, '--probe', 'P', '--quiet', '--shard', '1/2', '--out', a])).code).toBe(0);
    const cfg0 = join(dir, 'c0.json');
    const b = join(dir, 'mb.csv');
    expect((await runCli(['map', cfg0, '--probe', 'P', '--quiet', '--shard', '2/2', '--out', b])).code).toBe(0);
    const x = await runCli(['merge', a, b, '--out', join(dir, 'm.csv')]);
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/belongs to another run/);
  }, 60_000);
});
