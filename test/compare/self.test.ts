/**
 * probecheck's own outputs compare with themselves (docs/compare.md): every output kind of `solve`
 * (electronic and thermal, with and without probes, VP/VTP/ER, nonlinear) and of `scan` (with
 * `--gamma`, and `--probe-models`, whose side-by-side columns are compared with the probe-model
 * solutions); the columns form of a JSON table whose keys are also keys of the solve shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { codes, compareTexts, config, editColumn, failedKeys } from './helpers.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-self-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const L = { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.305, T: 325 };
const R = { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.295, T: 275 };
const probe = (model: string, T?: number) => ({ name: 'P', probe: model, coupling: { sites: [3], gamma: 0.1 }, ...(T ? { T } : {}) });
const system = (circuit: 'electronic' | 'thermal', probes: object[], extra: object = {}) => ({
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0.3, T: 300 },
  circuit,
  ...extra,
  terminals: circuit === 'thermal' ? [{ ...L, mu: 0.3 }, { name: 'R', coupling: R.coupling, T: R.T }, ...probes] : [L, R, ...probes],
});

const SYSTEMS: Record<string, object> = {
  'electronic, VTP': system('electronic', [probe('VTP')]),
  'electronic, VP at 310 K': system('electronic', [probe('VP', 310)]),
  'electronic, ER': system('electronic', [probe('ER')]),
  'electronic, no probe': system('electronic', []),
  'thermal, VTP': system('thermal', [probe('VTP')]),
  'thermal, VP at 310 K': system('thermal', [probe('VP', 310)]),
  'thermal, no probe': system('thermal', []),
};

const writeConfig = (name: string, raw: object) => {
  const p = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.json`);
  writeFileSync(p, JSON.stringify(raw));
  return p;
};

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  if (r.code !== 0) throw new Error(`probecheck ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

async function scanCsv(cfgPath: string, extra: string[] = []): Promise<string> {
  const out = join(dir, `scan-${Math.random().toString(36).slice(2)}.csv`);
  await cli(['scan', cfgPath, '--mu0', '0.2:0.4:3', '--quiet', '--out', out, ...extra]);
  return readFileSync(out, 'utf8');
}

describe("probecheck's own solve and scan outputs compare with themselves", () => {
  for (const [name, raw] of Object.entries(SYSTEMS)) {
    it(`${name}: solve JSON, scan CSV and scan --probe-models CSV pass`, async () => {
      const path = writeConfig(name, raw);
      const cfg = config(raw);
      const solve = await cli(['solve', path]);
      const r1 = compareTexts(cfg, { 'solve.json': solve });
      expect(failedKeys(r1)).toEqual([]);
      expect(r1.summary.total).toBeGreaterThan(10);
      const r2 = compareTexts(cfg, { 'scan.csv': await scanCsv(path) });
      expect(failedKeys(r2)).toEqual([]);
      const pm = await scanCsv(path, ['--probe-models']);
      const r3 = compareTexts(cfg, { 'pm.csv': pm });
      expect(failedKeys(r3)).toEqual([]);
      // every column of the file got a verdict (the side-by-side ones included), only the swept ones not
      const header = pm.split('\n')[0].split(',');
      expect(r3.summary.total).toBe(header.length - r3.tables[0].swept.length);
      if (raw !== SYSTEMS['electronic, no probe'] && raw !== SYSTEMS['thermal, no probe'])
        expect(r3.tables.map((t) => t.label)).toEqual(['pm.csv', 'pm.csv#VP', 'pm.csv#VTP', 'pm.csv#ER']);
    });
  }

  it('the nonlinear solve output (finite bias) and a γ scan pass', async () => {
    const raw = system('electronic', [probe('VTP')], { response: 'nonlinear' });
    const r = compareTexts(config(raw), { 'solve.json': await cli(['solve', writeConfig('nonlinear', raw)]) });
    expect(failedKeys(r)).toEqual([]);
    const lin = SYSTEMS['electronic, VTP'];
    const g = compareTexts(config(lin), { 'g.csv': await scanCsv(writeConfig('gamma', lin), ['--gamma', 'P=0,0.05,0.1', '--probe-models']) });
    expect(failedKeys(g)).toEqual([]);
    expect(g.tables.find((t) => t.label === 'g.csv#VP')!.swept).toEqual(['mu0', 'gamma_P', 'mu_L', 'mu_R']);
  });
});

describe('scan --probe-models: the side-by-side columns are compared with the probe-model solutions', () => {
  const raw = SYSTEMS['electronic, VTP'];
  const cfg = config(raw);
  let pm = '';
  beforeAll(async () => {
    pm = await scanCsv(writeConfig('pm', raw), ['--probe-models']);
  });

  it('a wrong side-by-side column fails alone, in its model table, with a note and no cause tested', () => {
    for (const [col, key] of [
      ['heat_L_VP', 'heat_L_VP'],
      ['T_P_VTP', 'T_P_VTP'],
      ['entropyProduction_ER', 'entropyProduction_ER'],
    ]) {
      const r = compareTexts(cfg, { 'pm.csv': editColumn(pm, col, (v) => v * 1.01) });
      expect(failedKeys(r)).toEqual([key]);
      expect(r.quantities.find((q) => q.key === key)!.source).toBe(`pm.csv#${col.split('_').at(-1)}`);
      expect(codes(r)).toContain('probe-models');
      expect(codes(r)).not.toContain('probe-model');
    }
  });

  it("the VP columns are not CONFIG's VTP (the comparison is with each model's own solution)", () => {
    // write the VTP's columns under the VP names: the VP table must fail
    const lines = pm.trim().split('\n');
    const h = lines[0].split(',');
    const swapped = [
      lines[0],
      ...lines.slice(1).map((l) => {
        const c = l.split(',');
        for (const q of ['charge_L', 'heat_L', 'charge_R', 'heat_R', 'mu_P', 'T_P', 'entropyProduction']) c[h.indexOf(`${q}_VP`)] = c[h.indexOf(`${q}_VTP`)];
        return c.join(',');
      }),
    ].join('\n');
    const r = compareTexts(cfg, { 'pm.csv': swapped });
    expect(failedKeys(r).every((k) => k.endsWith('_VP'))).toBe(true);
    expect(failedKeys(r)).toContain('T_P_VP');
    expect(failedKeys(r)).toContain('heat_L_VP');
  });

  it('a terminal whose name ends in _VP is an ordinary terminal, and a config without probes keeps the old error', () => {
    const noProbe = config(system('electronic', []));
    expect(() => compareTexts(noProbe, { 'x.csv': 'mu0,charge_L_VP\n0.3,1\n' })).toThrow(/column charge_L_VP: CONFIG has no terminal "L_VP"/);
    const named = config({ ...raw, terminals: [{ ...L, name: 'L_VP' }, R, probe('VTP')] });
    const r = compareTexts(named, { 'x.csv': 'mu0,charge_L_VP\n0.3,1\n' });
    expect(r.quantities.map((q) => [q.source, q.key])).toEqual([
      ['x.csv', 'mu0'],
      ['x.csv', 'charge_L_VP'],
    ]);
  });
});
