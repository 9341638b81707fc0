/**
 * `scan --shard K/N` + `probecheck merge`: the merged shards are the single-run file byte for byte
 * (every point is computed independently, so a shard computes the same bits), in any order, and a
 * missing, repeated, truncated or foreign shard is exit 2 with one line naming the file.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { shardRange, parseShard } from '../../src/parallel/shard.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-shard-'));
const config = {
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0.0, T: 300 },
  circuit: 'thermal',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, T: 350 },
    { name: 'R', coupling: { sites: [2], gamma: 0.25 }, T: 275 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.05 } },
  ],
};
const cfg = join(dir, 'c.json');
writeFileSync(cfg, JSON.stringify(config));
const scanArgs = ['scan', cfg, '--mu0', '-3:3:23', '--gamma', 'P=0,0.05,0.5', '--quiet'];

describe('shards', () => {
  it('split T rows into N contiguous parts that differ by at most one row', () => {
    for (const [T, N] of [
      [69, 4],
      [5, 7],
      [0, 3],
      [100, 1],
    ]) {
      let at = 0;
      for (let k = 1; k <= N; k++) {
        const [a, b] = shardRange(T, { k, n: N });
        expect(a).toBe(at);
        expect(b - a).toBeGreaterThanOrEqual(Math.floor(T / N));
        expect(b - a).toBeLessThanOrEqual(Math.ceil(T / N));
        at = b;
      }
      expect(at).toBe(T);
    }
    expect(() => parseShard('0/3')).toThrow(/1 ≤ K ≤ N/);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ K ≤ N/);
    expect(() => parseShard('x')).toThrow(/K\/N/);
  });

  it('merge of scan --shard K/N is byte-identical to the single run, shards in any order', async () => {
    const single = join(dir, 'single.csv');
    expect((await runCli([...scanArgs, '--out', single])).code).toBe(0);
    const N = 4;
    const parts: string[] = [];
    for (let k = 1; k <= N; k++) {
      const f = join(dir, `part${k}.csv`);
      const r = await runCli([...scanArgs, '--shard', `${k}/${N}`, '--out', f]);
      expect(r.code, r.stderr).toBe(0);
      parts.push(f);
    }
    const merged = join(dir, 'merged.csv');
    const r = await runCli(['merge', parts[2], parts[0], parts[3], parts[1], '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(merged)).toEqual(readFileSync(single));
    expect(readFileSync(single, 'utf8').split('\n').length).toBe(23 * 3 + 2);

    // errors: one line, exit 2, naming the problem
    const bad = async (args: string[], re: RegExp) => {
      const x = await runCli(['merge', ...args, '--out', join(dir, 'bad.csv')]);
      expect(x.code).toBe(2);
      expect(x.stderr.trim().split('\n')).toHaveLength(1);
      expect(x.stderr).toMatch(re);
    };
    await bad([parts[0], parts[1], parts[2]], /missing shard 4\/4/);
    await bad([parts[0], parts[0], parts[1], parts[2], parts[3]], /given twice/);
    const trunc = join(dir, 'trunc.csv');
    writeFileSync(trunc, readFileSync(parts[1], 'utf8').split('\n').slice(0, -3).join('\n') + '\n');
    await bad([parts[0], trunc, parts[2], parts[3]], /trunc\.csv: declares rows/);
    const other = join(dir, 'other.csv');
    expect((await runCli(['scan', cfg, '--mu0', '-3:3:24', '--gamma', 'P=0,0.05,0.5', '--quiet', '--shard', '2/4', '--out', other])).code).toBe(0);
    await bad([parts[0], other, parts[2], parts[3]], /other\.csv: belongs to another run/);
    await bad([single], /not a probecheck shard/);
    const x = await runCli([...scanArgs, '--shard', '5/4', '--out', join(dir, 'n.csv')]);
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/--shard: need 1 ≤ K ≤ N/);
  });
});
