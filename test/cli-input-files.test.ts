/**
 * Input files are read once, bounded, at the edge (src/io/read.ts readTextFile, src/cli/load.ts
 * loadConfigFile; docs/config.md "Ranges and limits"):
 * - the config a command validated is the config its worker threads compute (a byte-order-marked
 *   config under `--threads 2` was an internal error, exit 3, when the workers re-read the file);
 * - every input (config, claims, `--system`, compare outputs, shards) is refused with exit 2 and one
 *   line when it is a directory, endless (`/dev/zero`) or above the limit, never read without bound;
 * - JSON nested deeper than JSON_DEPTH_LIMIT is refused in every input format.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, truncateSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectRefused, runCli } from './helpers/cli.js';
import { readTextFile, InputFileError } from '../src/io/read.js';
import { JSON_DEPTH_LIMIT, parseJsonStrict, JsonInputError } from '../src/io/json.js';
import { parseConfig, readConfigJson } from '../src/config.js';

const ring = {
  hamiltonian: { model: 'ring', sites: 6, hopping: -1 },
  reference: { mu: 0.2, T: 300 },
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.201, T: 320 },
    { name: 'R', coupling: { sites: [3], gamma: 0.3 }, mu: 0.2, T: 285 },
    { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.05 } },
  ],
};

let dir: string;
let plain: string;
let bom: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probecheck-input-'));
  plain = join(dir, 'plain.json');
  bom = join(dir, 'bom.json');
  writeFileSync(plain, JSON.stringify(ring, null, 2));
  writeFileSync(bom, '\uFEFF' + JSON.stringify(ring, null, 2));
});

describe('readTextFile (src/io/read.ts)', () => {
  it('reads a regular file up to and including the limit, refuses one byte more by its size', () => {
    const p = join(dir, 'ten.txt');
    writeFileSync(p, 'αβγδε'); // 10 bytes of UTF-8
    expect(readTextFile(p, 10)).toBe('αβγδε');
    expect(() => readTextFile(p, 9)).toThrow(InputFileError);
    expect(() => readTextFile(p, 9)).toThrow(/file too large \(10 bytes; limit 9 bytes\)/);
  });
  it('an endless device is read in chunks and refused once past the limit', () => {
    const t0 = performance.now();
    expect(() => readTextFile('/dev/zero', 3 << 20)).toThrow(/file too large \(more than 3145728 bytes/);
    expect(performance.now() - t0).toBeLessThan(10_000); // bounded, not a hang (a generous guard)
  });
  it('a FIFO is read to its end (not by its size, which is 0)', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // a writer in a child process (started at once by spawn); the blocking open here waits for it
    const child = spawn('sh', ['-c', `printf '%s' '{"a": 1}' > '${fifo}'`], { stdio: 'ignore' });
    expect(readTextFile(fifo, 1024)).toBe('{"a": 1}');
    child.unref();
  });
  it('directories and missing paths are refused naming the path', () => {
    expect(() => readTextFile(dir, 1024)).toThrow(`${dir}: is a directory, not a file`);
    expect(() => readTextFile(join(dir, 'missing'), 1024)).toThrow(/missing: cannot read file \(ENOENT\)/);
  });
});

describe('JSON nesting limit (src/io/json.ts), in every format', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  it(`${JSON_DEPTH_LIMIT} levels are read, ${JSON_DEPTH_LIMIT + 1} refused at the container that goes too deep`, () => {
    expect(parseJsonStrict(nested(JSON_DEPTH_LIMIT))).toBeInstanceOf(Array);
    expect(() => parseJsonStrict(nested(JSON_DEPTH_LIMIT + 1))).toThrow(JsonInputError);
    expect(() => parseJsonStrict(`{"x": {"y": ${nested(JSON_DEPTH_LIMIT)}}}`)).toThrow(/^x\.y(\[0\])+: JSON nested deeper than 32 levels/);
    // brackets inside strings are not nesting
    expect(parseJsonStrict(JSON.stringify({ s: '['.repeat(1000) }))).toEqual({ s: '['.repeat(1000) });
  });
  it('a million levels: refused, no stack overflow', () => {
    expect(() => parseJsonStrict(nested(1_000_000))).toThrow(/nested deeper than 32 levels/);
  });
  it('a claim file, a verify --system config and a compare output nested too deep: exit 2, one line', async () => {
    const deep = (name: string, body: string) => {
      const p = join(dir, name);
      writeFileSync(p, body);
      return p;
    };
    await expectRefused(['verify', deep('claims-deep.json', `{"claims": ${nested(100)}}`)], `${JSON_DEPTH_LIMIT} levels`);
    await expectRefused(
      ['verify', join('examples', 'claims', 'paper.json'), '--system', deep('sys-deep.json', `{"hamiltonian": ${nested(100)}}`)],
      '--system',
      `${JSON_DEPTH_LIMIT} levels`,
    );
    await expectRefused(['compare', plain, deep('out-deep.json', `{"transmission": ${nested(100)}}`)], `${JSON_DEPTH_LIMIT} levels`);
  });
});

describe('a config is read once: what the workers compute is what was validated', () => {
  it('parseConfig leaves its JSON value untouched (the value is handed on to the workers)', () => {
    const freeze = (v: unknown): unknown => {
      if (v !== null && typeof v === 'object') {
        for (const x of Object.values(v)) freeze(x);
        Object.freeze(v);
      }
      return v;
    };
    const json = freeze(readConfigJson(readFileSync(bom, 'utf8')));
    expect(() => parseConfig(json)).not.toThrow();
    expect(json).toEqual(ring);
  });

  const runs: [string, (cfg: string, out: string) => string[]][] = [
    ['scan', (cfg, out) => ['scan', cfg, '--mu0', '-0.5:0.5:9', '--gamma', 'P=0.05,0.2', '--quiet', '--out', out]],
    ['map', (cfg, out) => ['map', cfg, '--probe', 'P', '--quiet', '--out', out]],
    ['transmission', (cfg, out) => ['transmission', cfg, '--emin', '-2', '--emax', '2', '--n', '9', '--quiet', '--out', out]],
  ];
  for (const [name, args] of runs) {
    it(`${name}: a byte-order-marked config on 2 threads gives the bytes of the plain config on 1`, async () => {
      const ref = join(dir, `${name}-plain-1.csv`);
      const r1 = await runCli([...args(plain, ref), '--threads', '1']);
      expect(r1.code, r1.stderr).toBe(0);
      const out = join(dir, `${name}-bom-2.csv`);
      const r2 = await runCli([...args(bom, out), '--threads', '2']);
      expect(r2.code, r2.stderr).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(ref, 'utf8'));
    }, 60_000);
  }
  it('report: a byte-order-marked config on 2 threads is reported (exit 0), its text embedded once', async () => {
    const out = join(dir, 'report-bom');
    const r = await runCli(['report', bom, '--quiet', '--mu0', '-0.5:0.5:5', '--threads', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  }, 60_000);
  it('verify --system reads the config as a config does: a byte-order mark is accepted', async () => {
    const r = await runCli(['verify', join('examples', 'claims', 'paper.json'), '--system', bom, '--systems', '2', '--points', '3']);
    expect(r.stderr).not.toMatch(/not valid JSON|internal error/);
    expect([0, 1]).toContain(r.code);
  }, 60_000);
});

describe('endless, oversized and directory inputs: exit 2, one line, nothing read without bound', () => {
  it('compare, merge and verify on /dev/zero', async () => {
    await expectRefused(['compare', plain, '/dev/zero'], '/dev/zero', 'file too large');
    await expectRefused(['merge', '/dev/zero', '--out', join(dir, 'merged.csv')], '/dev/zero', 'file too large');
    await expectRefused(['verify', '/dev/zero'], '/dev/zero', 'file too large');
    await expectRefused(['solve', '/dev/zero'], '/dev/zero', 'file too large');
    expect(existsSync(join(dir, 'merged.csv'))).toBe(false);
  }, 120_000);
  it('an oversized regular (sparse) file is refused by its size, before any read', async () => {
    const p = join(dir, 'huge.csv');
    writeFileSync(p, 'x');
    truncateSync(p, 600 * 2 ** 20);
    const t0 = performance.now();
    await expectRefused(['compare', plain, p], 'file too large', `${600 * 2 ** 20} bytes`);
    await expectRefused(['merge', p, '--out', join(dir, 'm2.csv')], 'file too large');
    await expectRefused(['verify', p], 'file too large');
    expect(performance.now() - t0).toBeLessThan(20_000);
  }, 60_000);
  it('a directory as a compare output, a shard, a claim file or --system', async () => {
    await expectRefused(['compare', plain, dir], dir, 'is a directory');
    await expectRefused(['merge', dir, '--out', join(dir, 'm3.csv')], dir, 'is a directory');
    await expectRefused(['verify', dir], dir, 'is a directory');
    await expectRefused(['verify', join('examples', 'claims', 'paper.json'), '--system', dir], dir, 'is a directory');
  });
});
