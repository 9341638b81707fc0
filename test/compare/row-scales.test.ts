/**
 * Audit D3: the tolerance of a row is never widened by another row. A peer sweep with one row at a
 * huge bias (V = 1e300, or 1e3 V within the limits) used to inflate the family scale of the whole
 * table, and every other row passed whatever it held. Now (src/compare/check.ts pointScales) every
 * row has its own scale, and a swept value outside CONFIG's limits is bad input naming the file,
 * the line and the column (src/compare/resolve.ts parameterProblem, evaluate.ts checkRowLimits).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { config, compareTexts, failedKeys } from './helpers.js';
import { solveSystem } from '../../src/numeric/system.js';
import { CompareInputError } from '../../src/compare/index.js';
import { propertyRuns } from '../arbitraries.js';

/** Benzene, two isothermal leads and a VP (held at T0): every current is driven by the bias V. */
const SYSTEM = {
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0.3, T: 300 },
  circuit: 'electronic',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.3005, T: 300 },
    { name: 'R', coupling: { sites: [2], gamma: 0.25 }, mu: 0.2995, T: 300 },
    { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: 0.1 } },
  ],
};
const cfg = config(SYSTEM);
const COLUMNS = ['charge_L', 'charge_R', 'heat_L', 'heat_R', 'mu_P', 'entropyProduction'] as const;

interface Row {
  readonly mu0: number;
  readonly T0: number;
  readonly V: number;
}

/** probecheck's own values at a row (a config with that reference and μ_L,R = μ0 ± V/2), as `compare` defines them. */
function own(row: Row): Record<(typeof COLUMNS)[number], number> {
  const raw = structuredClone(SYSTEM) as typeof SYSTEM & { terminals: Array<{ mu?: number; T?: number }> };
  raw.reference = { mu: row.mu0, T: row.T0 };
  raw.terminals[0].mu = row.mu0 + row.V / 2;
  raw.terminals[0].T = row.T0;
  raw.terminals[1].mu = row.mu0 - row.V / 2;
  raw.terminals[1].T = row.T0;
  const c = config(raw);
  const s = solveSystem(c.system, c.reference, c.circuit).circuit;
  return {
    charge_L: s.chargeCurrent[0],
    charge_R: s.chargeCurrent[1],
    heat_L: s.heatCurrent[0],
    heat_R: s.heatCurrent[1],
    mu_P: s.mu[2],
    entropyProduction: s.entropyProduction,
  };
}

function csvOf(rows: readonly Row[], edit?: { row: number; column: string; f: (v: number, r: Row) => number }): string {
  const lines = [`mu0,T0,V,${COLUMNS.join(',')}`];
  rows.forEach((r, i) => {
    const o = own(r);
    const cells = COLUMNS.map((k) => (edit && edit.row === i && edit.column === k ? edit.f(o[k], r) : o[k]));
    lines.push([r.mu0, r.T0, r.V, ...cells].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** A bias of either sign, 1e-6 … 1e3 V, log-uniform (on a grid: no shrinking towards subnormals). */
const bias = fc.tuple(fc.integer({ min: -600, max: 300 }), fc.boolean()).map(([e, neg]) => (neg ? -1 : 1) * 10 ** (e / 100));
const row = fc.record({
  mu0: fc.integer({ min: -300, max: 300 }).map((k) => k / 100),
  T0: fc.integer({ min: 10, max: 3000 }),
  V: bias,
});

describe('audit D3: one row never masks another row’s failure', () => {
  it('the reproduction: a 1e-3 error at a 0.1 µV row next to a row at 1 kV fails (it passed before)', () => {
    const rows = [
      { mu0: 0.3, T0: 300, V: 1e-7 },
      { mu0: 0.5, T0: 300, V: 1e-7 },
      { mu0: 0.7, T0: 300, V: 1e3 },
    ];
    expect(compareTexts(cfg, { 's.csv': csvOf(rows) }).summary.pass).toBe(true);
    const bad = csvOf(rows, { row: 0, column: 'charge_L', f: (v) => v * (1 + 1e-3) });
    const r = compareTexts(cfg, { 's.csv': bad });
    expect(failedKeys(r)).toEqual(['charge_L']);
    expect(r.quantities.find((q) => q.key === 'charge_L')!.worst.row).toBe(0);
  });

  it('property: probecheck’s own output with one cell off by 1e-3 (relative) fails that column at that row, whatever the other rows hold', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 5 }), fc.nat(), fc.constantFrom(...COLUMNS), fc.boolean(), (rows, k, column, up) => {
        // every parameter column is swept (a constant one would be an input compared with CONFIG)
        for (const key of ['mu0', 'T0', 'V'] as const) fc.pre(new Set(rows.map((r) => r[key])).size > 1);
        const at = k % rows.length;
        const f = (v: number, r: Row) => (column === 'mu_P' ? r.mu0 + (v - r.mu0) * (up ? 1 + 1e-3 : 1 - 1e-3) : v * (up ? 1 + 1e-3 : 1 - 1e-3));
        const good = compareTexts(cfg, { 's.csv': csvOf(rows) });
        expect(good.summary.pass, JSON.stringify(good.quantities.filter((q) => !q.pass))).toBe(true);
        const r = compareTexts(cfg, { 's.csv': csvOf(rows, { row: at, column, f }) });
        expect(failedKeys(r)).toEqual([column]);
        expect(r.quantities.find((q) => q.key === column)!.worst.row).toBe(at);
      }),
      { numRuns: propertyRuns(20) },
    );
  });
});

describe('audit D3: swept values beyond CONFIG’s limits are bad input (file, line, column)', () => {
  const base = [
    { mu0: 0.3, T0: 300, V: 1e-3 },
    { mu0: 0.5, T0: 300, V: 1e-3 },
  ];
  const ok = csvOf(base);
  const cell = (text: string, line: number, column: string, value: string) => {
    const ls = text.trimEnd().split('\n');
    const k = ls[0].split(',').indexOf(column);
    const cells = ls[line - 1].split(',');
    cells[k] = value;
    ls[line - 1] = cells.join(',');
    return `${ls.join('\n')}\n`;
  };
  const refuse = (text: string, message: RegExp) => {
    expect(() => compareTexts(cfg, { 'peer.csv': text })).toThrow(CompareInputError);
    expect(() => compareTexts(cfg, { 'peer.csv': text })).toThrow(message);
  };
  it.each([
    ['V', '1e300', /^peer\.csv: column V, line 3: \|e·V\| = 1e\+300 eV is outside ±1000 eV/],
    ['V', '-2001', /^peer\.csv: column V, line 3: \|e·V\| = 2001 eV is outside ±1000 eV/],
    ['mu0', '1e4', /^peer\.csv: column mu0, line 3: \|10000\| eV is outside ±1000 eV/],
    ['T0', '2e5', /^peer\.csv: column T0, line 3: T = 200000 K exceeds the limit of 100000 K/],
    ['T0', '1e-5', /^peer\.csv: column T0, line 3: T = 0.00001 K is below the limit of 0.0001 K/],
  ])('%s = %s', (column, value, message) => {
    refuse(cell(ok, 3, column, value), message);
  });

  it('μ0 = 900 eV with V = 400 V puts μ_L at 1100 eV: refused naming the row and the swept columns', () => {
    refuse(cell(cell(ok, 3, 'mu0', '900'), 3, 'V', '400'), /^peer\.csv: line 3: μ_L = 1100 eV is outside ±1000 eV \(set by the swept mu0, V/);
  });

  it('a T0 sweep that moves a lead below the temperature limit (CONFIG’s offset T − T0 kept)', () => {
    const c = config({ ...SYSTEM, terminals: [{ ...SYSTEM.terminals[0], T: 250 }, SYSTEM.terminals[1], SYSTEM.terminals[2]] });
    const text = 'mu0,T0,charge_R\n0.3,300,0\n0.3,40,0\n';
    expect(() => compareTexts(c, { 'peer.csv': text })).toThrow(/^peer\.csv: line 3: terminal L: T must be > 0 K \(got -10\)/);
  });

  it('a swept γ below 1e-30 eV (but not 0) or above 1e3 eV; γ = 0 on a probe is its coherent limit', () => {
    const g = (v: string) => `gamma_P,mu_P\n0.1,0.3\n${v},0.3\n`;
    expect(() => compareTexts(cfg, { 'g.csv': g('1e-40') })).toThrow(/^g\.csv: column gamma_P, line 3: a non-zero γ must be ≥ 1e-30 eV/);
    expect(() => compareTexts(cfg, { 'g.csv': g('2e3') })).toThrow(/^g\.csv: column gamma_P, line 3: γ = 2000 eV exceeds the limit of 1000 eV/);
    expect(() => compareTexts(cfg, { 'g.csv': g('0') })).not.toThrow(CompareInputError);
  });

  it('an energy grid beyond ±1e3 eV', () => {
    expect(() => compareTexts(cfg, { 't.csv': 'E,T_L_R\n0,0.5\n1e4,0.5\n' })).toThrow(/^t\.csv: column E, line 3: \|10000\| eV is outside ±1000 eV/);
  });
});
