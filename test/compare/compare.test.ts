/** Verdict semantics, round trips through probecheck's own outputs, diagnostics, physics cross-checks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { config, BENZENE, ownScanCsv, ownTransmissionCsv, editColumn, renameColumn, compareTexts, codes, failedKeys } from './helpers.js';
import { solveSystem } from '../../src/numeric/system.js';
import { E_CHARGE, H_EV_S } from '../../src/numeric/constants.js';
import { UnitMismatchError, CompareInputError, DEFAULT_TOLERANCE } from '../../src/compare/index.js';
import { solutionJson } from '../../src/cli/format.js';
import { propertyRuns } from '../arbitraries.js';

const cfg = config();
const sweep = ownScanCsv(cfg, [-1, -0.4, 0.3, 0.9, 1.5]);
const trans = ownTransmissionCsv(cfg, -4, 4, 41);

const THERMAL = {
  hamiltonian: { model: 'benzene', hopping: -2.7 },
  reference: { mu: 0.4, T: 300 },
  circuit: 'thermal',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.4, T: 350 },
    { name: 'R', coupling: { sites: [2], gamma: 0.25 }, T: 275 },
    { name: 'P', probe: 'VP', T: 300, coupling: { sites: [3], gamma: 0.05 } },
    { name: 'Q', probe: 'VTP', coupling: { sites: [5], gamma: 0 } },
  ],
};

describe("probecheck's own outputs compare exactly (round trip)", () => {
  it('scan, transmission and solve output of an electronic circuit', () => {
    const solved = solveSystem(cfg.system, cfg.reference, cfg.circuit);
    const solve = JSON.stringify(solutionJson(cfg.system, solved, { method: 'closed-form' }));
    const r = compareTexts(cfg, { 'scan.csv': sweep, 'tr.csv': trans, 'solve.json': solve });
    expect(r.summary.pass).toBe(true);
    // scan and solve take different code paths in the core: agreement to rounding, not bit-identity
    for (const q of r.quantities) expect(q.maxScaled).toBeLessThan(1e-12);
    expect(r.tables.map((t) => t.swept)).toEqual([['mu0', 'mu_L', 'mu_R'], [], []]);
  });

  it('a thermal circuit with a VP, a coherent-limit VTP (γ = 0), Seebeck and a γ sweep', () => {
    const th = config(THERMAL);
    const csv = ownScanCsv(th, [0.1, 0.4, 0.7], { terminal: 'P', values: [0, 0.02, 0.05] });
    const r = compareTexts(th, { 'scan.csv': csv, 'tr.csv': ownTransmissionCsv(th, -3, 3, 13) });
    expect(r.summary.pass).toBe(true);
    expect(r.quantities.map((q) => q.key)).toEqual(expect.arrayContaining(['seebeck', 'mu_R', 'T_Q', 'mu_Q', 'heat_P']));
    expect(r.tables[0].swept).toEqual(['mu0', 'gamma_P', 'mu_L']);
  });
});

describe('sweep conventions', () => {
  it('a T0 (and μ0) sweep keeps every given bias μ − μ0, T − T0 of CONFIG (the scan convention)', () => {
    const rows: string[] = ['mu0,T0,T_L,T_R,heat_L,mu_P,T_P,L2_L_R'];
    for (const [mu0, T0] of [
      [0.3, 250],
      [0.5, 300],
      [0.7, 400],
    ]) {
      const raw = JSON.parse(JSON.stringify(BENZENE));
      raw.reference = { mu: mu0, T: T0 };
      raw.terminals[0].mu = mu0 + 0.005;
      raw.terminals[0].T = T0 + 25;
      raw.terminals[1].mu = mu0 - 0.005;
      raw.terminals[1].T = T0 - 25;
      const c = config(raw);
      const s = solveSystem(c.system, c.reference, c.circuit);
      rows.push([mu0, T0, T0 + 25, T0 - 25, s.circuit.heatCurrent[0], s.circuit.mu[2], s.circuit.temperature[2], s.onsager.L2[1]].join(','));
    }
    const csv = rows.join('\n') + '\n';
    const r = compareTexts(cfg, { 'T0.csv': csv });
    expect(r.tables[0].swept).toEqual(['mu0', 'T0', 'T_L', 'T_R']);
    expect(r.summary.pass).toBe(true);
    // without the T_L/T_R columns the leads follow T0 with their CONFIG offsets (±25 K): the same numbers
    const r2 = compareTexts(cfg, { 'T0.csv': csv.replace(/^mu0,T0,T_L,T_R,/, 'mu0,T0,drop1,drop2,') }, { ignore: ['drop1', 'drop2'] });
    expect(r2.summary.pass).toBe(true);
  });
});

describe('tolerances: |theirs − ours| ≤ atol·scale + rtol·|ours|', () => {
  it('a relative change just inside rtol passes, just outside fails (only that quantity)', () => {
    const inside = editColumn(sweep, 'heat_R', (v, i) => (i === 2 ? v * (1 + 0.9e-6) : v));
    expect(compareTexts(cfg, { 's.csv': inside }).summary.pass).toBe(true);
    const outside = editColumn(sweep, 'heat_R', (v, i) => (i === 2 ? v * (1 + 3e-6) : v));
    const r = compareTexts(cfg, { 's.csv': outside });
    expect(failedKeys(r)).toEqual(['heat_R']);
    const q = r.quantities.find((x) => x.key === 'heat_R')!;
    expect(q.maxAbsAt.row).toBe(2);
    expect(q.maxAbsAt.at).toBe('line 4 (mu0 = 0.3 eV, mu_L = 0.305 eV, mu_R = 0.295 eV)');
    expect(q.maxRel!).toBeCloseTo(3e-6, 9);
    expect(q.worst.theirs).toBeCloseTo(q.worst.ours * (1 + 3e-6), 25);
    expect(compareTexts(cfg, { 's.csv': outside }, { tolerance: { rtol: 1e-5, atol: 1e-7 } }).summary.pass).toBe(true);
  });

  it("a quantity that vanishes (a VTP's heat current) is judged against its family's scale, not against 0", () => {
    // every row has its own scale; the report gives the one of its worst row
    const r0 = compareTexts(cfg, { 's.csv': sweep });
    const q0 = r0.quantities.find((q) => q.key === 'heat_P')!;
    const row = q0.worst.row,
      scale = q0.scale;
    expect(scale).toBeGreaterThan(1e-12); // the size of the largest heat-current term of that row, W
    const noise = editColumn(sweep, 'heat_P', (v, i) => (i === row ? 0.5 * DEFAULT_TOLERANCE.atol * scale : v));
    expect(compareTexts(cfg, { 's.csv': noise }).summary.pass).toBe(true);
    const real = editColumn(sweep, 'heat_P', (v, i) => (i === row ? 2 * DEFAULT_TOLERANCE.atol * scale : v));
    const r = compareTexts(cfg, { 's.csv': real });
    expect(failedKeys(r)).toEqual(['heat_P']);
    expect(r.quantities.find((q) => q.key === 'heat_P')!.maxRel).toBeNull();
  });

  it('μ and T are compared as deviations from the reference (μ0 does not inflate the tolerance)', () => {
    // 1e-5 of the probe's μ − μ0 is ~1e-9 eV: far below rtol·μ0 = 3e-7 eV, but caught.
    const shifted = editColumn(sweep, 'mu_P', (v, i) => v + 1e-5 * 0.005 * (i === 0 ? 1 : 0));
    expect(failedKeys(compareTexts(cfg, { 's.csv': shifted }))).toEqual(['mu_P']);
  });

  it('property: any single perturbation beyond tolerance fails exactly that column, within it passes', () => {
    const cols = ['particle_L', 'charge_R', 'heat_L', 'T_P', 'mu_P', 'entropyProduction'];
    fc.assert(
      fc.property(
        fc.constantFrom(...cols),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.boolean(),
        (col, row, rel, up) => {
          const bad = editColumn(sweep, col, (v, i) => {
            if (i !== row) return v;
            const base = col === 'T_P' ? v - 300 : col === 'mu_P' ? v - [-1, -0.4, 0.3, 0.9, 1.5][i] : v;
            return v + (up ? 1 : -1) * rel * Math.max(Math.abs(base), 1e-30);
          });
          const r = compareTexts(cfg, { 's.csv': bad });
          expect(failedKeys(r)).toEqual([col]);
          expect(r.quantities.find((q) => q.key === col)!.maxAbsAt.row).toBe(row);
        },
      ),
      { numRuns: propertyRuns(25) },
    );
  });
});

describe('unit mismatches are bad input, detected with confidence', () => {
  it('a current column in e/h units declared as A', () => {
    const eh = editColumn(sweep, 'charge_L', (v) => v / (E_CHARGE / H_EV_S));
    expect(() => compareTexts(cfg, { 's.csv': eh })).toThrow(UnitMismatchError);
    expect(() => compareTexts(cfg, { 's.csv': eh })).toThrow(/column charge_L: the values are in e\/h, not A \(no unit given, so A\)/);
    expect(compareTexts(cfg, { 's.csv': renameColumn(eh, 'charge_L', 'charge_L[e/h]') }).summary.pass).toBe(true);
  });

  it('an energy grid in meV declared eV (found by re-evaluating T(E))', () => {
    const mev = ownTransmissionCsv(cfg, -4, 4, 41, 1000);
    expect(() => compareTexts(cfg, { 't.csv': mev })).toThrow(
      /column E: the energy grid is in meV, not eV \(no unit given, so eV\): with E read as meV every transmission matches/,
    );
    expect(compareTexts(cfg, { 't.csv': mev }, { units: new Map([['energy', { symbol: 'meV', dimension: 'energy', factor: 1e-3 }]]) }).summary.pass).toBe(true);
  });

  it('every energy column of a sweep (parameters included) in meV', () => {
    let s = sweep;
    for (const c of ['mu0', 'mu_L', 'mu_R', 'mu_P']) s = editColumn(s, c, (v) => v * 1000);
    expect(() => compareTexts(cfg, { 's.csv': s })).toThrow(/the energy columns \(mu0, mu_L, mu_R, mu_P\) are in meV, not eV/);
  });

  it('a lead temperature given as k_B·T in eV', () => {
    const kt = editColumn(sweep, 'T_L', (v) => v * 8.617333262e-5);
    expect(() => compareTexts(cfg, { 's.csv': kt })).toThrow(/column T_L: the values are in eV, not K/);
  });

  it('a physics error is not mistaken for a unit mismatch (values that do not scale)', () => {
    const off = editColumn(sweep, 'heat_R', (v, i) => v * (1 + 0.01 * i));
    expect(() => compareTexts(cfg, { 's.csv': off })).not.toThrow();
  });
});

describe('diagnostics on synthetic errors', () => {
  it('currents counted out of the terminals: opposite sign, fixed by --currents-out', () => {
    let s = sweep;
    for (const c of ['particle_L', 'charge_L', 'heat_L', 'particle_R', 'charge_R', 'heat_R']) s = editColumn(s, c, (v) => -v);
    const r = compareTexts(cfg, { 's.csv': s });
    const d = r.diagnostics.find((x) => x.code === 'constant-factor')!;
    expect(d.message).toMatch(/the opposite sign at every row .*probecheck counts currents INTO each terminal .*--currents-out/);
    expect(compareTexts(cfg, { 's.csv': s.replace(/particle_P,charge_P,heat_P/, 'particle_P,charge_P,heat_P') }, { currentsOut: true }).summary.pass).toBe(
      true,
    );
  });

  it('spin degeneracy: a factor 2 in every current', () => {
    let s = sweep;
    for (const c of ['charge_L', 'charge_R']) s = editColumn(s, c, (v) => 2 * v);
    expect(compareTexts(cfg, { 's.csv': s }).diagnostics.find((x) => x.code === 'constant-factor')!.message).toMatch(
      /charge_L, charge_R: a factor 2 at every row: a spin degeneracy .*--spin-degeneracy 2/,
    );
  });

  it('μ written relative to μ0', () => {
    const rel = editColumn(sweep, 'mu_P', (v, i) => v - [-1, -0.4, 0.3, 0.9, 1.5][i]);
    expect(codes(compareTexts(cfg, { 's.csv': rel }))).toContain('mu-relative');
  });

  it('an input that differs from CONFIG is named', () => {
    const hot = editColumn(sweep, 'T_L', () => 330);
    const r = compareTexts(cfg, { 's.csv': hot });
    expect(r.diagnostics.find((d) => d.code === 'input-mismatch')!.message).toMatch(
      /^T_L = 330 K at line \d .* but CONFIG gives 325 K: your run used different inputs/,
    );
  });

  it("wrong transmissions are located in the Green's function; Onsager errors with matching T(E) in the integration", () => {
    const badT = editColumn(trans, 'T_L_R', (v) => v * 1.01 + 1e-4);
    expect(codes(compareTexts(cfg, { 't.csv': badT }))).toContain('greens-function');
    const scanWithL =
      'mu0,L0_L_R,L1_L_R\n' +
      [0.3]
        .map((m) => {
          const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
          return `${m},${s.onsager.L0[1] * 1.001},${s.onsager.L1[1]}`;
        })
        .join('\n') +
      '\n';
    const r = compareTexts(cfg, { 't.csv': trans, 'l.csv': scanWithL });
    expect(failedKeys(r)).toEqual(['L0_L_R']);
    expect(r.diagnostics.find((d) => d.code === 'integration')!.message).toMatch(
      /your transmissions match but your Onsager coefficients L\^\(ν\) do not: the error is in the energy integration/,
    );
  });
});

describe('the VP heat-current diagnostic is exact (docs/physics.md §5, paper Eq. 33)', () => {
  it('Ṡ_VP − Ṡ_VTP from J^Q_P,VP and M̃ equals the difference of two full solves', () => {
    const vtp = cfg;
    const vpRaw = JSON.parse(JSON.stringify(BENZENE));
    vpRaw.terminals[2].probe = 'VP';
    const vp = config(vpRaw);
    const sVP = solveSystem(vp.system, vp.reference, vp.circuit).circuit;
    const sVTP = solveSystem(vtp.system, vtp.reference, vtp.circuit).circuit;
    // their output: a VP result reported for the VTP config
    const csv = `heat_P,entropyProduction\n${sVP.heatCurrent[2]},${sVP.entropyProduction}\n`;
    const r = compareTexts(vtp, { 'x.csv': csv });
    const d = r.diagnostics.find((x) => x.code === 'vp-heat')!;
    const m = /= ([-\d.e]+) W\/K of excess entropy production .*T_P\^VTP − T_P\^VP = ([-\d.e]+) K/.exec(d.message)!;
    const excess = sVP.entropyProduction - sVTP.entropyProduction;
    expect(excess).toBeGreaterThan(0);
    expect(Number(m[1])).toBeCloseTo(excess, 18 - Math.ceil(-Math.log10(excess)) + 3);
    expect(Math.abs(Number(m[1]) / excess - 1)).toBeLessThan(1e-3); // message precision: 4 digits
    expect(Math.abs(Number(m[2]) / (sVTP.temperature[2] - sVP.temperature[2]) - 1)).toBeLessThan(1e-3);
  });
});

describe('bad input', () => {
  it('--ignore skips a column and must name an existing one', () => {
    const extra = sweep.replace('mu0,', 'iteration,mu0,').replace(/\n(?=.)/g, '\n7,');
    expect(() => compareTexts(cfg, { 's.csv': extra })).toThrow(/unknown column "iteration"/);
    expect(compareTexts(cfg, { 's.csv': extra }, { ignore: ['iteration'] }).summary.pass).toBe(true);
    expect(() => compareTexts(cfg, { 's.csv': sweep }, { ignore: ['nope'] })).toThrow(CompareInputError);
  });
});
