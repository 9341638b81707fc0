/**
 * Audit fixes (issue 12): overflowing or underflowing cells are bad input naming the cell; the
 * current-family tolerance scale is physical in a thermal-bias-only, particle–hole-symmetric case.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, parseJson } from '../../src/compare/parse.js';
import { CompareInputError } from '../../src/compare/errors.js';
import { solveSystem } from '../../src/numeric/system.js';
import { solutionJson } from '../../src/cli/format.js';
import { H_EV_S, E_CHARGE } from '../../src/numeric/constants.js';
import { config, compareTexts } from './helpers.js';

const err = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CompareInputError);
    expect((e as Error).message).not.toMatch(/\n/);
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('cells that do not fit a double are bad input naming the cell', () => {
  it('CSV: 1e400 in a data row (with a plain or a numpy "#" header), 1e-400', () => {
    expect(err(() => parseCsv('E,T_L_R\n0.1,1e400\n', 'f.csv'))).toBe('f.csv: column T_L_R, line 2: "1e400" overflows a double (|x| > 1.8e308)');
    // The first data line used to be taken for the header when it did not parse.
    expect(err(() => parseCsv('# E,T_L_R\n0.1,-1e400\n0.2,0.5\n', 'f.csv'))).toMatch(/^f\.csv: column T_L_R, line 2: "-1e400" overflows a double/);
    expect(err(() => parseCsv('mu0 heat_R\n0 1.0D+999\n', 'f.dat'))).toMatch(/column heat_R, line 2: "1\.0D\+999" overflows/);
    expect(err(() => parseCsv('mu0,heat_R\n0,1e-400\n', 'f.csv'))).toMatch(/column heat_R, line 2: "1e-400" underflows double precision/);
    // a subnormal (fewer than 53 significant bits) is refused too (audit D13)
    expect(err(() => parseCsv('mu0,heat_R\n0,4.9e-324\n', 'f.csv'))).toMatch(/column heat_R, line 2: "4\.9e-324" underflows double precision/);
    // Zero written in any form is a number.
    expect(parseCsv('mu0,heat_R\n0,0.000e-400\n', 'f.csv').columns[1].values[0]).toBe(0);
  });

  it('JSON: the literal and its key path (JSON.parse would give Infinity → "null")', () => {
    expect(err(() => parseJson('{"E": [0.1, 0.2], "T_L_R": [0.5, 1e400]}', 'o.json'))).toBe('o.json: T_L_R[1]: 1e400 overflows a double (|x| > 1.8e308)');
    expect(err(() => parseJson('{"currents": {"R": {"heat": -2E+309}}}', 'o.json'))).toBe(
      'o.json: currents.R.heat: -2E+309 overflows a double (|x| > 1.8e308)',
    );
    expect(err(() => parseJson('[{"mu0": 0, "heat_R": 3e-999}]', 'o.json'))).toMatch(/\[0\]\.heat_R: 3e-999 underflows double precision/);
    expect(err(() => parseJson('[{"mu0": 0, "heat_R": 1e-310}]', 'o.json'))).toMatch(/\[0\]\.heat_R: 1e-310 underflows double precision .*subnormal/);
    // a key given twice (JSON.parse keeps the last one silently)
    expect(err(() => parseJson('[{"mu0": 0, "heat_R": 1, "heat_R": 2}]', 'o.json'))).toBe(
      'o.json: [0].heat_R: the key "heat_R" is given twice in one object (only one value can hold)',
    );
    // Numbers inside strings and ordinary numbers are untouched.
    const t = parseJson('{"comment": "1e400", "E": [1e-300, 1.5e308], "T_L_R": [0, 1]}', 'o.json')[0];
    expect(Array.from(t.columns[0].values)).toEqual([1e-300, 1.5e308]);
  });

  it('exit 2 through the CLI', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pc-audit-'));
    writeFileSync(join(dir, 'o.csv'), '# E,T_L_R\n0.1,1e400\n');
    const r = await runCli(['compare', 'test/fixtures/compare/benzene-vtp/config.json', join(dir, 'o.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^probecheck: .*o\.csv: column T_L_R, line 2: "1e400" overflows a double/);
  });
});

describe('tolerance scales in a thermal-bias-only, particle–hole-symmetric case', () => {
  // Benzene at μ0 = 0 (particle–hole symmetric), no voltage, T_L ≠ T_R: L^(1) = 0, so μ_P − μ0 = 0 and
  // every particle current vanishes exactly; their natural scales are k_B|ΔT| and √(L0 L2)|ΔT|/T0.
  const PH = {
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0, T: 300 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0, T: 325 },
      { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: 0, T: 275 },
      { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.1 } },
    ],
  };
  const cfg = config(PH);
  const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
  const base = solutionJson(cfg.system, s, { method: 'closed-form' });

  it('a correct code with 1e-13 eV rounding noise on μ_P and on h·J passes', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (u) => {
        const o = JSON.parse(JSON.stringify(base));
        const noise = 1e-13; // eV (μ) and eV/h, eV²/h (h·J)
        o.probes.P.mu += noise * u[0];
        o.currents.L.particle += (noise * u[1]) / H_EV_S;
        o.currents.R.particle += (noise * u[2]) / H_EV_S;
        o.currents.R.charge += (-E_CHARGE * noise * u[2]) / H_EV_S;
        o.currents.R.heat += (noise * u[3] * 1e-2 * E_CHARGE) / H_EV_S;
        const r = compareTexts(cfg, { 'o.json': JSON.stringify(o) });
        return r.summary.pass;
      }),
    );
  });

  it('a real error of 1e-3 of the natural scale still fails', () => {
    const o = JSON.parse(JSON.stringify(base));
    const kdT = 8.617333262e-5 * 50;
    o.probes.P.mu += 1e-3 * kdT;
    const r = compareTexts(cfg, { 'o.json': JSON.stringify(o) });
    expect(r.quantities.find((q) => q.key === 'mu_P')!.pass).toBe(false);
  });
});
