/**
 * Questionable option values (audit item 4, D13): integers beyond 2^53 − 1 that a double would
 * round, a one-point grid with two different ends, a tolerance that accepts anything, numbers
 * that underflow. Each is exit 2 with one line naming the option.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from './helpers/cli.js';
import { parseNumber, parseEnergyGrid } from '../src/cli/commands/options.js';
import { parseShard } from '../src/parallel/shard.js';
import { runCompare, CompareInputError } from '../src/compare/index.js';
import { TOLERANCE_MAX } from '../src/compare/check.js';
import { parseConfigText } from '../src/config.js';
import { readFileSync } from 'node:fs';

const CONFIG = 'test/fixtures/compare/benzene-vtp/config.json';
const SWEEP = 'test/fixtures/compare/benzene-vtp/sweep.csv';
const dir = mkdtempSync(join(tmpdir(), 'pc-options-'));

async function refused(args: string[], message: RegExp): Promise<void> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe('integer options beyond 2^53 − 1 are refused, not rounded', () => {
  it('parseNumber: every integer above MAX_SAFE_INTEGER (as digits or with an exponent)', () => {
    expect(parseNumber('--seed', String(Number.MAX_SAFE_INTEGER), { integer: true })).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseNumber('--seed', '-9007199254740991', { integer: true })).toBe(-Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), fc.boolean(), (n, neg) => {
        const text = `${neg ? '-' : ''}${n}`;
        expect(() => parseNumber('--seed', text, { integer: true })).toThrow(/^--seed: ".*" exceeds 9007199254740991 \(2\^53 − 1; it would be rounded\)$/);
      }),
      { numRuns: 100 },
    );
    expect(() => parseNumber('--points', '1e20', { integer: true, positive: true })).toThrow(/--points: "1e20" exceeds 9007199254740991/);
  });

  it('parseShard: K or N beyond 2^53 − 1', () => {
    expect(parseShard('9007199254740991/9007199254740991')).toEqual({ k: Number.MAX_SAFE_INTEGER, n: Number.MAX_SAFE_INTEGER });
    expect(() => parseShard('1/9007199254740993')).toThrow(/K and N must be at most 9007199254740991/);
    expect(() => parseShard('99999999999999999999/99999999999999999999')).toThrow(/K and N must be at most/);
  });

  it('through the CLI: scan --shard, verify --seed', async () => {
    await refused(
      ['scan', CONFIG, '--mu0', '0:1:3', '--shard', '1/18014398509481985', '--out', join(dir, 's.csv')],
      /^probecheck: --shard: K and N must be at most 9007199254740991/,
    );
    expect(existsSync(join(dir, 's.csv'))).toBe(false);
    await refused(
      ['verify', 'examples/claims/does-not-matter.json', '--seed', '9007199254740993'],
      /^probecheck: --seed: "9007199254740993" exceeds 9007199254740991/,
    );
  });
});

describe('a grid A:B:K of one point needs A = B', () => {
  it('parseEnergyGrid: K = 1 with A ≠ B is ambiguous; A:A:1 is the point A', () => {
    expect(() => parseEnergyGrid('--mu0', '0:1:1')).toThrow(/^--mu0: one point \(K = 1\) from A = 0 to B = 1 ≠ A is ambiguous; write 0:0:1/);
    expect(parseEnergyGrid('--mu0', '0.25:0.25:1')).toEqual([0.25]);
    expect(parseEnergyGrid('--mu0', '0:1:2')).toEqual([0, 1]);
  });
  it('through the CLI: scan and report', async () => {
    await refused(['scan', CONFIG, '--mu0', '0:1:1', '--out', join(dir, 'one.csv')], /^probecheck: --mu0: one point \(K = 1\) from A = 0 to B = 1/);
    await refused(['report', CONFIG, '--mu0', '-1:1:1', '--out', join(dir, 'rep')], /^probecheck: --mu0: one point \(K = 1\)/);
    await refused(
      ['transmission', CONFIG, '--emin', '0', '--emax', '1', '--n', '1'],
      /^probecheck: --n: one energy \(--n 1\) from --emin 0 to --emax 1 is ambiguous/,
    );
    const one = await runCli(['transmission', CONFIG, '--emin', '0.5', '--emax', '0.5', '--n', '1']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout.split('\n')[1]).toMatch(/^0\.5,/);
  });
});

describe(`compare tolerances are capped at ${TOLERANCE_MAX}`, () => {
  const cfg = parseConfigText(readFileSync(CONFIG, 'utf8'));
  const sweep = [{ name: 's.csv', text: readFileSync(SWEEP, 'utf8') }];
  it('the library refuses rtol or atol above the cap, accepts the cap', () => {
    for (const tolerance of [
      { rtol: 1e308, atol: 1e-7 },
      { rtol: 1e-6, atol: 0.51 },
    ])
      expect(() => runCompare(cfg, sweep, { tolerance })).toThrow(/tolerance: (rtol|atol) = .* exceeds the maximum 0\.5/);
    expect(runCompare(cfg, sweep, { tolerance: { rtol: 0.5, atol: 0.5 } }).summary.pass).toBe(true);
    expect(() => runCompare(cfg, sweep, { tolerance: { rtol: Number.NaN, atol: 0 } })).toThrow(CompareInputError);
  });
  it('through the CLI: --rtol 1e308, --atol 1 (exit 2 naming the option)', async () => {
    await refused(['compare', CONFIG, SWEEP, '--rtol', '1e308'], /^probecheck: --rtol: 1e\+308 exceeds the maximum tolerance 0\.5/);
    await refused(['compare', CONFIG, SWEEP, '--atol', '1'], /^probecheck: --atol: 1 exceeds the maximum tolerance 0\.5/);
  });
  it('a tolerance that underflows is named as such (not "not a number")', async () => {
    await refused(['compare', CONFIG, SWEEP, '--rtol', '1e-310'], /^probecheck: --rtol: "1e-310" underflows double precision/);
  });
});
