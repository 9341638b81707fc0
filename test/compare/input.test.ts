/** Reading THEIR_OUTPUT: CSV/JSON parsing, units, name resolution, bad input. */
import { describe, expect, it } from 'vitest';
import { parseCsv, parseJson, parseCell, splitHeader } from '../../src/compare/parse.js';
import { findUnit, parseUnitOption, unitsOf } from '../../src/compare/units.js';
import { resolveTable } from '../../src/compare/resolve.js';
import { CompareInputError } from '../../src/compare/errors.js';
import { E_CHARGE, H_EV_S, K_B_EV } from '../../src/numeric/constants.js';
import { compareTexts, config } from './helpers.js';

const cfg = config();
const resolve = (text: string, name = 'x.csv') => resolveTable(name.endsWith('.json') ? parseJson(text, name)[0] : parseCsv(text, name), cfg);
const err = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CompareInputError);
    const m = (e as Error).message;
    expect(m).not.toMatch(/\n/); // one line
    expect(m).not.toMatch(/undefined|\[object/);
    return m;
  }
  throw new Error('expected an error');
};

describe('CSV parsing', () => {
  it('reads header, unit annotations, comments and Fortran exponents', () => {
    const t = parseCsv('# produced by mycode\nE[eV],T_L_R,heat_R (W)\n-1,0.5,1.0D-03\n\n0,0.25,2e-3\n% matlab comment\n1,0.125,-3.5d-4\n', 'f.csv');
    expect(t.rows).toBe(3);
    expect(t.columns.map((c) => [c.name, c.unit])).toEqual([
      ['E', 'eV'],
      ['T_L_R', undefined],
      ['heat_R', 'W'],
    ]);
    expect(Array.from(t.columns[2].values)).toEqual([1e-3, 2e-3, -3.5e-4]);
    expect(t.rowLabels).toEqual(['line 3', 'line 5', 'line 7']);
  });

  it('takes the last comment line as header when numpy.savetxt wrote "# E,T_L_R"', () => {
    const t = parseCsv('# E,T_L_R\n0,1\n1,2\n', 'f.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['E', 'T_L_R']);
  });

  it('accepts whitespace- and tab-separated files', () => {
    expect(parseCsv('E  T_L_R\n 0   1\n 1   2\n', 'f.dat').columns[1].values[1]).toBe(2);
    expect(parseCsv('E\tT_L_R\n0\t1\n', 'f.tsv').columns[1].values[0]).toBe(1);
  });

  it('rejects NaN, Inf, empty cells, Fortran overflow, ragged rows, duplicate columns, no header, no data', () => {
    expect(err(() => parseCsv('E,T_L_R\n0,nan\n', 'f.csv'))).toBe('f.csv: column T_L_R, line 2: nan is not a finite number');
    expect(err(() => parseCsv('E,T_L_R\n0,-Inf\n', 'f.csv'))).toMatch(/column T_L_R, line 2: -Inf is not a finite number/);
    expect(err(() => parseCsv('E,T_L_R\n0,\n', 'f.csv'))).toMatch(/column T_L_R, line 2: empty cell/);
    expect(err(() => parseCsv('E,T_L_R\n0,*****\n', 'f.csv'))).toMatch(/Fortran field overflow/);
    expect(err(() => parseCsv('E,T_L_R\n0,1,2\n', 'f.csv'))).toBe('f.csv: line 2: 3 cells but the header (line 1) has 2 columns');
    // header and rows with different delimiters: the count mismatch and why, not '"0,1,2" is not a number'
    expect(err(() => parseCsv('E[J]\nE,T_L_R\n0,1\n', 'f.csv'))).toBe(
      'f.csv: line 2: 2 cells but the header (line 1) has 1 column (the header is separated by whitespace, this line by commas: one delimiter for the whole file)',
    );
    expect(err(() => parseCsv('E T_L_R T_L_P\n0;1;2\n', 'f.csv'))).toMatch(
      /line 2: 1 cell but the header \(line 1\) has 3 columns \(the header is separated by whitespace, this line by semicolons/,
    );
    expect(err(() => parseCsv('E,T_L_R,T_L_R[1]\n0,1,2\n', 'f.csv'))).toMatch(/column "T_L_R" appears twice/);
    expect(err(() => parseCsv('0,1\n1,2\n', 'f.csv'))).toMatch(/missing header line/);
    expect(err(() => parseCsv('E,T_L_R\n', 'f.csv'))).toMatch(/not followed by any data row/);
    expect(err(() => parseCsv('E,T_L_R\n0,abc\n', 'f.csv'))).toMatch(/"abc" is not a number/);
    expect(err(() => parseCsv(',E,T_L_R\n0,0,1\n', 'f.csv'))).toBe('f.csv: line 1: column 1 has an empty name (a pandas index? write with index=False)');
  });

  it('parses cells strictly', () => {
    expect(parseCell(' 1.5e-3 ')).toBe(1.5e-3);
    expect(parseCell('.5')).toBe(0.5);
    expect(parseCell('"2"')).toBe(2);
    expect(typeof parseCell('1.5e')).toBe('string');
    expect(typeof parseCell('0x10')).toBe('string');
    expect(splitHeader('charge_R[e/h]')).toEqual({ name: 'charge_R', unit: 'e/h' });
  });
});

describe('JSON parsing', () => {
  it("reads probecheck's solve shape with a transmission table", () => {
    const text = JSON.stringify({
      terminals: ['L', 'R'],
      circuit: 'electronic',
      reference: { mu: 0, T: 300 },
      onsager: {
        L0: [
          [0, 1],
          [1, 0],
        ],
      },
      probes: {},
      currents: { L: { heat: 1 }, R: { heat: -1 } },
      entropyProduction: 2,
      units: { heat: 'W', onsager: 'description', convention: 'into' },
      transmission: { E: [0, 1], T_L_R: [0.1, 0.2] },
    });
    const [point, tr] = parseJson(text, 's.json');
    expect(point.columns.map((c) => c.name)).toEqual(['mu0', 'T0', 'L0_L_R', 'L0_R_L', 'heat_L', 'heat_R', 'entropyProduction']);
    expect(point.units).toEqual({ heat: 'W' });
    expect(tr.label).toBe('s.json#transmission');
    expect(tr.rows).toBe(2);
  });

  it('a unit string of up to 24 characters is a declaration however it is spaced; a longer one with a space is a description', () => {
    const point = (heat: string) =>
      parseJson(JSON.stringify({ terminals: ['L', 'R'], currents: { L: { heat: 1 }, R: { heat: -1 } }, units: { heat } }), 's.json')[0];
    const spaced = `eV${' '.repeat(20)}/s`; // 24 characters, normalises to eV/s
    expect(spaced).toHaveLength(24);
    expect(point(spaced).units).toEqual({ heat: spaced });
    const sentence = 'W (heat current J^Q_α)'.padEnd(25, '.');
    expect(sentence).toHaveLength(25);
    expect(point(sentence).units).toEqual({});
    expect(point('eV/s').units).toEqual({ heat: 'eV/s' });
  });

  it('a two-terminal G column with three leads is bad input naming the way out (G_<a>_<b>)', () => {
    const cfg = config({
      hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
      reference: { mu: 0, T: 300 },
      circuit: 'electronic',
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0, T: 300 },
        { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0, T: 300 },
        { name: 'S', coupling: { sites: [4], gamma: 0.5 }, mu: 0, T: 300 },
      ],
    });
    expect(() => compareTexts(cfg, { 'g.csv': 'mu0,G\n0,1e-5\n' })).toThrow(/column G: CONFIG has 3 leads; write G_<a>_<b>/);
  });

  it('reads rows (flat or nested) and columns', () => {
    const rows = parseJson(
      JSON.stringify([
        { mu0: 0, 'heat_R[eV/s]': 1 },
        { mu0: 1, 'heat_R[eV/s]': 2 },
      ]),
      'r.json',
    )[0];
    expect(rows.columns.map((c) => [c.name, c.unit])).toEqual([
      ['mu0', undefined],
      ['heat_R', 'eV/s'],
    ]);
    const nested = parseJson(
      JSON.stringify({
        rows: [
          { T_L: 300, currents: { R: { heat: 1 } } },
          { T_L: 310, currents: { R: { heat: 2 } } },
        ],
      }),
      'n.json',
    )[0];
    expect(nested.columns.map((c) => c.name)).toEqual(['T_L', 'heat_R']);
    const cols = parseJson(JSON.stringify({ E: [0, 1, 2], T_L_R: [1, 2, 3] }), 'c.json')[0];
    expect(cols.rows).toBe(3);
  });

  it('names the key of a Python NaN/Infinity, a missing key, a null, a bad shape', () => {
    expect(err(() => parseJson('{"currents": {"R": {"heat": NaN}}}', 'p.json'))).toBe('p.json: currents.R.heat: NaN is not a finite number');
    expect(err(() => parseJson('[{"mu0": 0, "heat_R": -Infinity}]', 'p.json'))).toMatch(/\[0\]\.heat_R: -Infinity is not a finite number/);
    expect(err(() => parseJson('[{"mu0": 0, "heat_R": 1}, {"mu0": 1}]', 'p.json'))).toMatch(/\[1\]: missing heat_R \(present in \[0\]\)/);
    expect(err(() => parseJson('{"entropyProduction": null}', 'p.json'))).toMatch(/entropyProduction: expected a finite number, got null/);
    expect(err(() => parseJson('{"E": [0, 1], "T_L_R": [1]}', 'p.json'))).toMatch(/T_L_R: 1 values but E has 2/);
    expect(err(() => parseJson('{"onsager": {"L0": [[0, 1], [1, 0]]}}', 'p.json'))).toMatch(/need a "terminals" list/);
    expect(err(() => parseJson('{"currents": {"R": {"hot": 1}}}', 'p.json'))).toMatch(/currents\.R\.hot: unknown key/);
    expect(err(() => parseJson('{"a": ', 'p.json'))).toMatch(/not valid JSON/);
  });
});

describe('units', () => {
  it('converts e/h-normalised currents: X·e²/h·V = X·(e/h)·eV', () => {
    const eh = findUnit('charge', 'e/h')!;
    expect(eh.factor).toBeCloseTo(3.874045865e-5, 13);
    expect(findUnit('charge', 'e^2/h')!.factor).toBe(eh.factor);
    expect(findUnit('heat', 'eV^2/h')!.factor).toBeCloseTo(E_CHARGE / H_EV_S, 20);
    expect(findUnit('particle', 'eV/h')!.factor).toBe(1 / H_EV_S);
    expect(findUnit('entropy', 'kB/s')!.factor).toBeCloseTo(1.380649e-23, 30);
    expect(findUnit('temperature', 'meV')!.factor).toBeCloseTo(1e-3 / K_B_EV, 12);
    expect(findUnit('seebeck', 'µV/K')!.factor).toBe(1e-6);
    expect(findUnit('energy2', 'J²')!.symbol).toBe('J^2');
  });

  it('distinct accepted units of a dimension differ by a large or irrational factor (no accidental match)', () => {
    for (const d of ['energy', 'temperature', 'particle', 'charge', 'heat', 'entropy', 'seebeck'] as const) {
      const us = unitsOf(d);
      for (const a of us) for (const b of us) if (a !== b) expect(Math.abs(Math.log10(a.factor / b.factor))).toBeGreaterThan(0.5);
    }
  });

  it('parses --units and rejects bad kinds and units', () => {
    const u = parseUnitOption('heat=W, charge=e/h,energy=J');
    expect([...u].map(([k, v]) => [k, v.symbol])).toEqual([
      ['heat', 'W'],
      ['charge', 'e/h'],
      ['energy', 'J'],
    ]);
    expect(parseUnitOption('T=meV').get('temperature')!.symbol).toBe('meV');
    expect(() => parseUnitOption('power=W')).toThrow(/unknown kind "power"/);
    expect(() => parseUnitOption('heat=A')).toThrow(/"A" is not an accepted heat unit \(W, mW/);
    expect(() => parseUnitOption('heat')).toThrow(/kind=unit/);
  });
});

describe('resolving names against CONFIG', () => {
  it('accepts T_L_R and compact T_LR; T_<X> without E is a temperature', () => {
    const t = resolve('E,T_LR,T_R_P\n0,1,2\n1,1,2\n');
    expect(t.kind).toBe('energy');
    expect(t.columns.map((c) => c.key)).toEqual(['E', 'T_L_R', 'T_R_P']);
    const p = resolve('mu0,T_P,mu_P\n0.1,300,0.1\n0.2,300,0.2\n');
    expect(p.columns.map((c) => [c.key, c.role])).toEqual([
      ['mu0', 'sweep'],
      ['T_P', 'output'],
      ['mu_P', 'output'],
    ]);
  });

  it('assigns roles: varying parameters are sweeps, constant ones are inputs checked against CONFIG', () => {
    const p = resolve('mu0,mu_L,T_L,T_R,gamma_P,heat_R\n0,0.005,325,275,0.1,1\n1,1.005,325,280,0.1,2\n');
    expect(Object.fromEntries(p.columns.map((c) => [c.key, c.role]))).toEqual({
      mu0: 'sweep',
      mu_L: 'sweep',
      T_L: 'input',
      T_R: 'sweep',
      gamma_P: 'input',
      heat_R: 'output',
    });
  });

  it('converts to canonical units (annotation, --units, file units) and rejects conflicts', () => {
    const t = resolveTable(parseCsv('mu0[meV],heat_R[eV/s],charge_R\n300,1,1\n', 'u.csv'), cfg, { units: parseUnitOption('charge=e/h') });
    expect(t.columns[0].values[0]).toBeCloseTo(0.3, 15);
    expect(t.columns[1].values[0]).toBe(E_CHARGE);
    expect(t.columns[2].values[0]).toBeCloseTo(3.874045865e-5, 13);
    expect(err(() => resolveTable(parseCsv('heat_R[W]\n1\n', 'u.csv'), cfg, { units: parseUnitOption('heat=eV/s') }))).toMatch(
      /annotated \[W\] but --units declares heat in eV\/s/,
    );
    expect(err(() => resolve('heat_R[K]\n1\n'))).toMatch(/column heat_R\[K\]: "K" is not an accepted unit here \(heat: W/);
    expect(err(() => resolve('{"units": {"heat": "furlong"}, "heat_R": 1}', 'u.json'))).toMatch(/units\.heat: "furlong" is not an accepted heat unit/);
  });

  it('rejects mismatched terminal names, unknown columns, misplaced and ambiguous columns', () => {
    expect(err(() => resolve('heat_X\n1\n'))).toBe('x.csv: column heat_X: CONFIG has no terminal "X" (terminals: L, R, P)');
    expect(err(() => resolve('E,T_L_X\n0,1\n'))).toMatch(/"L_X" is not a pair of CONFIG terminals/);
    expect(err(() => resolve('current_L\n1\n'))).toMatch(/unknown column "current_L" .*--ignore current_L/);
    expect(err(() => resolve('T_L_R\n0.5\n'))).toMatch(/a transmission needs an energy column E/);
    expect(err(() => resolve('E,T_L_R,heat_R\n0,1,2\n'))).toMatch(/column heat_R does not belong in an energy-resolved table/);
    expect(err(() => resolve('E,T_P\n0,1\n'))).toMatch(/"P" is a single terminal/);
    expect(err(() => resolve('E,T_L_R,T_LR\n0,1,1\n'))).toMatch(/columns T_L_R and T_LR are the same quantity/);
    expect(err(() => resolve('seebeck\n1e-5\n'))).toMatch(/thermopower is defined for a thermal circuit/);
    expect(err(() => resolve('{"terminals": ["L", "R", "D"], "heat_R": 1}', 'p.json'))).toBe(
      "p.json: terminals [L, R, D] do not match CONFIG's [L, R, P] (not in CONFIG: D) (missing: P)",
    );
    expect(err(() => resolve('{"circuit": "thermal", "heat_R": 1}', 'p.json'))).toMatch(/circuit "thermal" but CONFIG's circuit is "electronic"/);
    const amb = config({
      ...JSON.parse(JSON.stringify(cfg.config)),
      terminals: [
        ...cfg.config.terminals,
        { name: 'LR', coupling: { sites: [4], gamma: 0.1 }, probe: 'VP' },
        { name: 'RR', coupling: { sites: [5], gamma: 0.1 }, probe: 'VP' },
      ],
    });
    expect(err(() => resolveTable(parseCsv('E,T_LRR\n0,1\n', 'a.csv'), amb))).toMatch(
      /column T_LRR: ambiguous terminal pair \((L→RR or LR→R|LR→R or L→RR)\); write T_<a>_<b>/,
    );
    expect(resolveTable(parseCsv('E,T_LR_R\n0,1\n', 'a.csv'), amb).columns[1].key).toBe('T_LR_R');
  });

  it('rejects a non-monotone energy grid, a table with only parameters, bad parameter values', () => {
    expect(err(() => resolve('E,T_L_R\n0,1\n1,1\n0.5,1\n'))).toBe(
      'x.csv: column E: the energy grid is not strictly monotone at line 4 (E = 0.5 after 1 and 0)',
    );
    expect(err(() => resolve('E,T_L_R\n0,1\n0,1\n'))).toMatch(/not strictly monotone at line 3/);
    expect(resolve('E,T_L_R\n1,1\n0,1\n-1,1\n').kind).toBe('energy'); // decreasing is fine
    expect(resolve('gamma_P,E,T_L_R\n0.1,0,1\n0.1,1,1\n0.2,0,1\n0.2,1,1\n').rows).toBe(4); // monotone within each γ
    expect(err(() => resolve('mu0\n0\n1\n'))).toMatch(/no quantity to compare/);
    expect(err(() => resolve('T0,heat_R\n0,1\n'))).toMatch(/column T0, line 2: a temperature must be > 0 K/);
    expect(err(() => resolve('gamma_L,heat_R\n0,1\n0.1,1\n'))).toMatch(/γ must be > 0 for a lead/);
  });
});
