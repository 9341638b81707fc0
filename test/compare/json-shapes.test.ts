/**
 * JSON shapes (docs/compare.md §JSON): a quantity given twice with the same number (the thermal
 * circuit's probe μ in `mu` and `probes.<P>.mu` of probecheck's own solve output) is one value, two
 * numbers are refused naming both; the columns form is decided by the values, not by key names
 * that are also keys of the solve shape (entropyProduction, seebeck, mu).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseJson } from '../../src/compare/parse.js';
import { CompareInputError } from '../../src/compare/errors.js';
import { compareTexts, config, failedKeys, ownScanCsv } from './helpers.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-shapes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const THERMAL_VTP = {
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0.3, T: 300 },
  circuit: 'thermal',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.3, T: 325 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, T: 275 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
  ],
};

describe('the thermal-circuit solve output gives a probe μ twice (mu and probes.P.mu)', () => {
  const cfg = config(THERMAL_VTP);
  let solve = '';
  beforeAll(async () => {
    const path = join(dir, 'thermal.json');
    writeFileSync(path, JSON.stringify(THERMAL_VTP));
    const r = await runCli(['solve', path]);
    expect(r.code).toBe(0);
    solve = r.stdout;
  });

  it('the same value twice is one value', () => {
    const o = JSON.parse(solve);
    expect(o.mu.P).toBe(o.probes.P.mu);
    const t = parseJson(solve, 's.json')[0];
    expect(t.columns.filter((c) => c.name === 'mu_P')).toHaveLength(1);
    expect(compareTexts(cfg, { 's.json': solve }).summary.pass).toBe(true);
  });

  it('two different values are refused, naming the field and both values', () => {
    const o = JSON.parse(solve);
    const given = o.probes.P.mu;
    o.mu.P = given + 1e-6;
    let msg = '';
    try {
      parseJson(JSON.stringify(o), 's.json');
    } catch (e) {
      expect(e).toBeInstanceOf(CompareInputError);
      msg = (e as Error).message;
    }
    expect(msg).toBe(`s.json: mu.P: mu_P is given twice in the object with different values (${given} at probes.P.mu, ${given + 1e-6} here)`);
    // with another unit annotation it is another spelling of the column: refused as before
    expect(() => parseJson('{"mu_P": 0.1, "mu_P[eV]": 0.1}', 'f.json')).toThrow(/f\.json: mu_P\[eV\]: mu_P is given twice in the object \(as mu_P at mu_P\)/);
  });
});

describe('a JSON columns table whose keys are also keys of the solve shape (entropyProduction, seebeck, mu)', () => {
  it('is read as columns, not as a solve-shaped point', () => {
    const cfg = config(THERMAL_VTP);
    const csv = ownScanCsv(cfg, [0.2, 0.3, 0.4]);
    const [head, ...rows] = csv.trim().split('\n');
    const names = head.split(',');
    const cols = Object.fromEntries(names.map((n, k) => [n, rows.map((r) => Number(r.split(',')[k]))]));
    expect(Object.keys(cols)).toContain('entropyProduction');
    expect(Object.keys(cols)).toContain('seebeck');
    const r = compareTexts(cfg, { 'cols.json': JSON.stringify(cols) });
    expect(failedKeys(r)).toEqual([]);
    expect(r.summary.total).toBe(names.length - 2); // mu0, mu_L swept
    // a key named like a solve key holding an array is a column (then resolved as any column name)
    const t = parseJson('{"mu0": [0.1, 0.2], "mu": [1, 2]}', 'm.json')[0];
    expect(t.columns.map((c) => c.name)).toEqual(['mu0', 'mu']);
    // arrays next to a number: a malformed columns table, naming the key that is not an array
    expect(() => parseJson('{"mu0": [0.1, 0.2], "entropyProduction": [1, 2], "T0": 300}', 'm.json')).toThrow(
      'm.json: T0: in the columns form every key holds an array (got 300)',
    );
    // a solve-shaped point (nested objects) with an array is still refused as a solve-shaped key
    expect(() => parseJson('{"currents": {"R": {"heat": 1}}, "heat_L": [1, 2]}', 'p.json')).toThrow(/p\.json: heat_L: unknown key holding an array/);
  });
});
