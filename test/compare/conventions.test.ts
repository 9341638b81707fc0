/**
 * Inputs without glue (issue 10): --map and "map" blocks, --spin-degeneracy, bias/voltage columns,
 * the Landauer current I, effective two-terminal quantities (G, L̃^(ν), T̃(E)).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { config, BENZENE, ownScanCsv, ownTransmissionCsv, compareTexts, editColumn, failedKeys } from './helpers.js';
import { solveSystem } from '../../src/numeric/system.js';
import { E_CHARGE, H_EV_S } from '../../src/numeric/constants.js';
import { CompareInputError } from '../../src/compare/index.js';
import { parseMapOption } from '../../src/compare/map.js';

const E2H = E_CHARGE / H_EV_S; // e²/h in S

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

/** A two-lead benzene with one probe of the given model; isothermal unless dT. */
function bz(probe: 'VP' | 'VTP', opts: { mu0?: number; dmu?: number; dT?: number; gP?: number } = {}) {
  const raw = JSON.parse(JSON.stringify(BENZENE));
  const mu0 = opts.mu0 ?? 0.3,
    dmu = opts.dmu ?? 0.005,
    dT = opts.dT ?? 0;
  raw.reference = { mu: mu0, T: 300 };
  raw.terminals[0] = { ...raw.terminals[0], mu: mu0 + dmu, T: 300 + dT };
  raw.terminals[1] = { ...raw.terminals[1], mu: mu0 - dmu, T: 300 - dT };
  raw.terminals[2] = { name: 'P', probe, coupling: { sites: [3], gamma: opts.gP ?? 0.1 }, ...(probe === 'VP' ? { T: 300 } : {}) };
  return config(raw);
}

describe('--map and "map" blocks rename their columns and terminals', () => {
  const cfg = config();
  const sweep = ownScanCsv(cfg, [-1, -0.4, 0.3, 0.9]);
  it('columns and terminal names: --map, a JSON "map" block, a CSV "# map:" comment give the same verdict', () => {
    const theirs = sweep.replace(/^(.*)\n/, (h) =>
      h
        .replace(/\bcharge_R\b/, 'I_right')
        .replace(/\bmu_P\b/, 'muP')
        .replace(/_L\b/g, '_left')
        .replace(/_R\b/g, '_right'),
    );
    expect(theirs.split('\n')[0]).toMatch(/I_right.*muP/);
    const opt = compareTexts(cfg, { 'o.csv': theirs }, { map: parseMapOption('I_right=charge_R,muP=mu_P,left=L,right=R') });
    expect(opt.summary.pass).toBe(true);
    expect(opt.quantities.map((q) => q.key)).toEqual(expect.arrayContaining(['charge_R', 'mu_P', 'heat_L', 'T_R']));
    const csv = compareTexts(cfg, { 'o.csv': `# map: I_right=charge_R, muP=mu_P, left=L, right=R\n${theirs}` });
    expect(csv.summary).toEqual(opt.summary);
    // A JSON file with its own names: terminals, nested currents and an Onsager matrix.
    const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
    const n = 3,
      L0 = [0, 1, 2].map((a) => [0, 1, 2].map((b) => (a === b ? 0 : s.onsager.L0[a * n + b])));
    const json = {
      map: { source: 'L', drain: 'R', dephaser: 'P', Gflow: 'charge_drain' },
      terminals: ['source', 'drain', 'dephaser'],
      onsager: { L0 },
      probes: { dephaser: { mu: s.circuit.mu[2], T: s.circuit.temperature[2] } },
      Gflow: s.circuit.chargeCurrent[1],
      currents: { source: { heat: s.circuit.heatCurrent[0] } },
    };
    const r = compareTexts(cfg, { 'o.json': JSON.stringify(json) });
    expect(r.summary.pass).toBe(true);
    expect(r.quantities.map((q) => q.key)).toEqual(expect.arrayContaining(['L0_L_R', 'L0_P_R', 'mu_P', 'T_P', 'charge_R', 'heat_L']));
  });
  it('bad maps are bad input naming the entry', () => {
    expect(() => parseMapOption('I')).toThrow(/--map expects OLD=NEW/);
    expect(() => parseMapOption('I=a,I=b')).toThrow(/"I" is mapped twice/);
    expect(err(() => compareTexts(cfg, { 'o.csv': sweep }, { map: parseMapOption('Ix=charge_R') }))).toMatch(/^--map Ix=charge_R: renames nothing/);
    expect(err(() => compareTexts(cfg, { 'o.csv': sweep }, { map: parseMapOption('left=Q') }))).toMatch(/"Q" is not a terminal of CONFIG/);
    expect(err(() => compareTexts(cfg, { 'o.csv': `# map: mu_P=mu_L\n${sweep}` }))).toMatch(/after renaming \(map\), columns .* are both mu_L/);
    expect(err(() => compareTexts(cfg, { 'o.json': JSON.stringify({ map: { a: 'charge_R' }, charge_R: 1 }) }, { map: parseMapOption('a=heat_R') }))).toMatch(
      /"a" is mapped to charge_R by the file's "map" but to heat_R by --map/,
    );
  });
});

describe('spin degeneracy, bias and voltage columns, the Landauer current', () => {
  it('a spin-2 code with V in mV and I = (2e/h)∫T(f_L − f_R) in e²/h·V passes with --spin-degeneracy 2; without it the factor is named', () => {
    const cfg = bz('VP', { mu0: 0.3 });
    const rows = ['V[mV],I[e^2/h*V],muP'];
    for (const V of [-4, -1, 0.5, 2, 6]) {
      const raw = JSON.parse(JSON.stringify(cfg.config));
      raw.terminals[0].mu = 0.3 + V / 2000;
      raw.terminals[1].mu = 0.3 - V / 2000;
      const c = config(raw),
        s = solveSystem(c.system, c.reference, c.circuit);
      // theirs: spin 2, Landauer sign (electrons L→R positive), e/h units
      const I = (2 * -s.circuit.chargeCurrent[1]) / E2H;
      rows.push([V, I, s.circuit.mu[2]].join(','));
    }
    const csv = `# map: muP=mu_P\n${rows.join('\n')}\n`;
    const ok = compareTexts(cfg, { 'iv.csv': csv }, { spinDegeneracy: 2 });
    expect(ok.summary.pass).toBe(true);
    expect(ok.tables[0].swept).toEqual(['V']);
    const no = compareTexts(cfg, { 'iv.csv': csv });
    expect(failedKeys(no)).toEqual(['I']);
    expect(no.diagnostics.find((d) => d.code === 'constant-factor')!.message).toMatch(/factor 2 .*spin.*--spin-degeneracy 2/);
    const neg = compareTexts(cfg, { 'iv.csv': csv.replace(/\n(-?[\d.]+),(-?[\d.e+-]+),/g, (_, v, i) => `\n${v},${-Number(i)},`) });
    expect(neg.diagnostics.find((d) => d.code === 'constant-factor')!.message).toMatch(/−2 .*spin.*sign/);
  });
  it('a constant bias column is an input compared with CONFIG; bias and swept mu_L together are refused', () => {
    const cfg = bz('VTP');
    const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
    expect(compareTexts(cfg, { 'p.csv': `bias,I\n0.01,${-s.circuit.chargeCurrent[1]}\n` }).summary.pass).toBe(true);
    const wrong = compareTexts(cfg, { 'p.csv': `bias,I\n0.02,${-s.circuit.chargeCurrent[1]}\n` });
    expect(wrong.diagnostics.map((d) => d.code)).toContain('input-mismatch');
    expect(err(() => compareTexts(cfg, { 'p.csv': 'bias,mu_L,I\n0.01,0.3,1\n0.02,0.31,1\n' }))).toMatch(/both set the bias/);
  });
});

describe('effective two-terminal quantities after eliminating the probes', () => {
  it('G = (e²/h) L̃0 equals I/V of the solved circuit (isothermal leads) and, for one VP, the series formula (paper Eq. 11)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2.5, max: 2.5, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.constantFrom('VP' as const, 'VTP' as const),
        (mu0, gP, model) => {
          const cfg = bz(model, { mu0, gP });
          const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
          const I = -s.circuit.chargeCurrent[1]; // Landauer: e J^N_R
          const Gcirc = I / 0.01; // μ_L − μ_R = 0.01 eV = e·(0.01 V)
          const L = s.onsager.L0,
            n = 3;
          const series = E2H * (L[0 * n + 1] + (L[0 * n + 2] * L[2 * n + 1]) / (L[2 * n + 0] + L[2 * n + 1]));
          const r = compareTexts(cfg, { 'g.json': JSON.stringify({ G: Gcirc, Leff0_L_R: Gcirc / E2H }) });
          const ok = r.summary.pass && Math.abs(Gcirc - series) <= (model === 'VP' ? 1e-12 : 1) * Math.abs(series);
          return ok;
        },
      ),
      { numRuns: 30 },
    );
  });
  it('L̃^(ν) of a VTP elimination give the two-terminal currents under a thermal and a voltage bias', () => {
    const cfg = bz('VTP', { dT: 25 });
    const s = solveSystem(cfg.system, cfg.reference, cfg.circuit);
    // h J^N_R = L̃0 (μ_L − μ_R) + L̃1 (T_L − T_R)/T0; h J^Q_R = L̃1 (μ_L − μ_R) + L̃2 (T_L − T_R)/T0 (two-terminal form of paper Eq. 1)
    const dmu = 0.01,
      dth = 50 / 300;
    const hN = s.circuit.particleCurrent[1] * H_EV_S,
      hQ = (s.circuit.heatCurrent[1] / E_CHARGE) * H_EV_S;
    // Solve the 2×2 system for L̃0, L̃1 from a second circuit with another thermal bias.
    const cfg2 = bz('VTP', { dT: -10 });
    const s2 = solveSystem(cfg2.system, cfg2.reference, cfg2.circuit);
    const hN2 = s2.circuit.particleCurrent[1] * H_EV_S,
      hQ2 = (s2.circuit.heatCurrent[1] / E_CHARGE) * H_EV_S,
      dth2 = -20 / 300;
    const det = dmu * dth2 - dth * dmu;
    const L0 = (hN * dth2 - dth * hN2) / det,
      L1 = (dmu * hN2 - hN * dmu) / det,
      L1q = (hQ * dth2 - dth * hQ2) / det,
      L2 = (dmu * hQ2 - hQ * dmu) / det;
    expect(L1q).toBeCloseTo(L1, 12); // Onsager reciprocity of the effective coefficients
    const r = compareTexts(cfg, { 'l.json': JSON.stringify({ Leff0_L_R: L0, L1eff_L_R: L1, L2_eff_L_R: L2, G_L_R: E2H * L0 }) });
    expect(r.summary.pass).toBe(true);
    for (const q of r.quantities) expect(q.maxScaled).toBeLessThan(1e-9); // 2×2 solve of O(1e-3) currents: ~1e-12 relative
    // Bare L^(ν) labelled as bare fail; the same numbers as effective pass.
    expect(compareTexts(cfg, { 'l.json': JSON.stringify({ L0_L_R: L0 }) }).summary.pass).toBe(false);
  });
  it('effective quantities name leads; a probe in their name is bad input', () => {
    const cfg = bz('VP');
    expect(err(() => compareTexts(cfg, { 'g.json': '{"Leff0_L_P": 1}' }))).toMatch(/P is a probe; effective quantities are between leads/);
    expect(err(() => compareTexts(cfg, { 'g.csv': 'Teff_L_R\n1\n' }))).toMatch(/needs an energy column E/);
  });
  it('T̃_LR(E) is refused for VP/VTP probes (not defined energy by energy) and is T_LR for a coherent-limit probe', () => {
    const cfg = bz('VP');
    expect(err(() => compareTexts(cfg, { 't.csv': 'E,Teff_L_R\n0,0.5\n0.1,0.5\n' }))).toMatch(
      /column Teff_L_R: probe P is a VP: its μ_P is fixed by the energy-integrated current, so no energy-resolved effective transmission exists/,
    );
    const coh = bz('VP', { gP: 0 });
    const lines = ownTransmissionCsv(coh, -3, 3, 13).trimEnd().split('\n');
    const k = lines[0].split(',').indexOf('T_L_R');
    const csv = [
      'E,Teff_L_R',
      ...lines.slice(1).map((l) => {
        const c = l.split(',');
        return `${c[0]},${c[k]}`;
      }),
    ].join('\n');
    const r = compareTexts(coh, { 't.csv': csv });
    expect(r.summary.pass).toBe(true);
    expect(r.quantities[0].key).toBe('Teff_L_R');
  });
  it('T̃_LR(E) of an ER probe: the series limit (no direct path) and a probe attached to one lead only', () => {
    // L–P–R in series with no direct path: T̃ = T_LP T_PR/(T_LP + T_PR) (resistors in series); checked
    // against the engine through the compare pipeline with an ER probe on a chain of three sites.
    const raw = {
      hamiltonian: { model: 'chain', sites: 3, hopping: -1 },
      reference: { mu: 0, T: 300 },
      circuit: 'electronic',
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.001, T: 300 },
        { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.001, T: 300 },
        { name: 'P', probe: 'ER', coupling: { sites: [1], gamma: 0.2 } },
      ],
    };
    const cfg = config(raw);
    const eng = cfg.system.terminals.length;
    const lines = ownTransmissionCsv(cfg, -1.5, 1.5, 7).trimEnd().split('\n');
    const head = lines[0].split(',');
    const col = (name: string) => head.indexOf(name);
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    const teff = rows.map((r) => r[col('T_R_L')] + (r[col('T_R_P')] * r[col('T_P_L')]) / (r[col('T_P_L')] + r[col('T_P_R')]));
    const csv = ['E,Teff_R_L', ...rows.map((r, k) => `${r[0]},${teff[k]}`)].join('\n');
    expect(eng).toBe(3);
    const r = compareTexts(cfg, { 't.csv': csv });
    expect(r.summary.pass).toBe(true);
    // the coherent part alone is not the effective transmission
    expect(compareTexts(cfg, { 't.csv': ['E,Teff_R_L', ...rows.map((x) => `${x[0]},${x[col('T_R_L')]}`)].join('\n') }).summary.pass).toBe(false);
  });
});

describe('diagnoses that name the right cause', () => {
  const cfg = bz('VP', { mu0: 0.3 });
  const rowsFor = (mu0s: number[], f: (s: ReturnType<typeof solveSystem>) => number[]) =>
    mu0s.map((m) => {
      const raw = JSON.parse(JSON.stringify(cfg.config));
      raw.reference.mu = m;
      raw.terminals[0].mu = m + 0.005;
      raw.terminals[1].mu = m - 0.005;
      const c = config(raw);
      return [m, ...f(solveSystem(c.system, c.reference, c.circuit))];
    });
  it('sign alone: "the opposite sign" with the L→R vs into-R hint; sign and spin together: −2', () => {
    const rows = rowsFor([-0.5, 0.1, 0.7], (s) => [s.circuit.chargeCurrent[1]]); // charge INTO R written as I (L→R)
    const r = compareTexts(cfg, { 'i.csv': `mu0,I\n${rows.map((x) => x.join(',')).join('\n')}\n` });
    const d = r.diagnostics.find((x) => x.code === 'constant-factor')!;
    expect(d.message).toMatch(/I: the opposite sign at every row .*Landauer current .*charge current INTO R is charge_R = −I/);
    expect(d.explained).toBe(1);
    const rows2 = rowsFor([-0.5, 0.1, 0.7], (s) => [2 * s.circuit.chargeCurrent[1]]);
    expect(
      compareTexts(cfg, { 'i.csv': `mu0,I\n${rows2.map((x) => x.join(',')).join('\n')}\n` }).diagnostics.find((x) => x.code === 'constant-factor')!.message,
    ).toMatch(/factor −2 .*spin degeneracy and sign together/);
  });
  it('effective L̃ labelled as bare: named, and no "integration" error', () => {
    const rows = rowsFor([-0.5, 0.1, 0.7], (s) => {
      const L = s.onsager.L0,
        n = 3;
      return [L[0 * n + 1] + (L[0 * n + 2] * L[2 * n + 1]) / (L[2 * n + 0] + L[2 * n + 1])]; // paper Eq. 11, one VP
    });
    const r = compareTexts(cfg, { 'l.csv': `mu0,L0_L_R\n${rows.map((x) => x.join(',')).join('\n')}\n` });
    expect(r.summary.pass).toBe(false);
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes).toContain('effective-as-bare');
    expect(codes).not.toContain('integration');
    expect(r.diagnostics.find((d) => d.code === 'effective-as-bare')!.message).toMatch(
      /your L0_L_R are the effective coefficients L̃\^\(ν\) .*name them Leff0_L_R \(or --map L0_L_R=Leff0_L_R\)/,
    );
  });
  it('ranking: exact before partial, then the fraction explained, a named cause before an unnamed factor at equal score', async () => {
    const { rank, ranked } = await import('../../src/compare/diagnose.js');
    const exact = { fraction: 1, exact: true },
      part = { fraction: 0.95, exact: false };
    const out = rank([
      ranked('warning', 'constant-factor', 'unnamed', exact, false),
      ranked('info', 'probe-model', 'partial', part),
      ranked('error', 'coherent-only', 'named', exact),
    ]);
    // the partial one is dropped once an exact cause exists; the named cause comes first
    expect(out.map((d) => d.code)).toEqual(['coherent-only', 'constant-factor']);
    expect(out[0].message).toBe('named — explains 100 % of the discrepancy (every quantity then matches)');
    expect(
      rank([ranked('info', 'a', 'x', { fraction: 0.9, exact: false }), ranked('info', 'b', 'y', { fraction: 0.97, exact: false })]).map((d) => d.code),
    ).toEqual(['b', 'a']);
    expect(out[1].message).not.toMatch(/not a Green's-function or probe error/);
  });
  it('a VP held at a temperature of its own: the fitted T_P is named (and "current-assembly" is not claimed)', () => {
    const hot = bz('VP', { mu0: 0.3, dT: 25 });
    const rows = [-0.5, 0.1, 0.7].map((m) => {
      const raw = JSON.parse(JSON.stringify(hot.config));
      raw.reference.mu = m;
      raw.terminals[0].mu = m + 0.005;
      raw.terminals[1].mu = m - 0.005;
      raw.terminals[2].T = 300.5; // their VP is held half a kelvin off (not T0, T_L or T_R)
      const c = config(raw),
        s = solveSystem(c.system, c.reference, c.circuit);
      return [m, s.circuit.heatCurrent[1], s.circuit.heatCurrent[2], s.circuit.mu[2]];
    });
    const r = compareTexts(hot, { 'h.csv': `mu0,heat_R,heat_P,mu_P\n${rows.map((x) => x.join(',')).join('\n')}\n` });
    const d = r.diagnostics.find((x) => x.code === 'probe-model')!;
    expect(d.message).toMatch(/your probe P behaves like a VP held at T_P = 300\.5000\d* K \(fitted to your values\); CONFIG holds it at 300 K/);
    expect(d.explained).toBe(1);
    expect(r.diagnostics.map((x) => x.code)).not.toContain('current-assembly');
  });
});

describe('the fitted VP temperature with Ṡ among the columns (audit B3: Ṡ is quadratic in T_P, the rest affine)', () => {
  // A correct VP code holding P at 303 K instead of CONFIG's 300 K (= T0), T_P not reported, Ṡ reported:
  // a fit linear in T_P (from T_P and T_P + 1 K) was biased by Ṡ's curvature and missed the exact cause.
  const raw = (TP: number, TL = 325, TR = 275) => ({
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0.3, T: 300 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.305, T: TL },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.295, T: TR },
      { name: 'P', probe: 'VP', T: TP, coupling: { sites: [3], gamma: 0.1 } },
    ],
  });
  const without = (csv: string, drop: string[]) => {
    const lines = csv
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const keep = lines[0].map((h, i) => (drop.includes(h) ? -1 : i)).filter((i) => i >= 0);
    return `${lines.map((r) => keep.map((i) => r[i]).join(',')).join('\n')}\n`;
  };
  for (const [what, drop] of [
    ['with Ṡ', ['T_P']],
    ['Ṡ the only output besides μ_P', ['T_P', 'particle_L', 'charge_L', 'heat_L', 'particle_R', 'charge_R', 'heat_R', 'particle_P', 'charge_P', 'heat_P']],
    ['without Ṡ', ['T_P', 'entropyProduction']],
  ] as const)
    it(`${what}: T_P = 303.0000 K, exact`, () => {
      const csv = without(ownScanCsv(config(raw(303)), [0.1, 0.3, 0.6]), [...drop]);
      expect(csv.split('\n')[0].includes('entropyProduction')).toBe(what !== 'without Ṡ');
      const r = compareTexts(config(raw(300)), { 's.csv': csv });
      expect(r.summary.pass).toBe(false);
      const d = r.diagnostics.find((x) => x.code === 'probe-model')!;
      expect(d.message).toMatch(/your probe P behaves like a VP held at T_P = 303\.0000 K \(fitted to your values\); CONFIG holds it at 300 K \(= T0\)/);
      expect(d.level).toBe('error');
      expect(d.exact).toBe(true);
    });
  it('Ṡ alone: the quadratic fit finds the held temperature', () => {
    const csv = without(ownScanCsv(config(raw(303)), [0.1, 0.3, 0.6]), [
      'T_P',
      'mu_P',
      'particle_L',
      'charge_L',
      'heat_L',
      'particle_R',
      'charge_R',
      'heat_R',
      'particle_P',
      'charge_P',
      'heat_P',
    ]);
    expect(csv.split('\n')[0]).toBe('mu0,mu_L,T_L,mu_R,T_R,entropyProduction');
    const d = compareTexts(config(raw(300)), { 's.csv': csv }).diagnostics.find((x) => x.code === 'probe-model')!;
    expect(d.message).toMatch(/a VP held at T_P = 303\.0000 K/);
    expect(d.exact).toBe(true);
  });
});

describe('an exact constant factor covers every failing column it explains, and silences "current-assembly" (audit items 12, 13)', () => {
  // The audit's 4-site chain: L1_R_P is below 1e-3 of the L1 scale, too small for its own ratio test.
  const CHAIN = {
    hamiltonian: { model: 'chain', sites: 4, hopping: -1.0, onsite: 0.15 },
    reference: { mu: 0.1, T: 150 },
    circuit: 'electronic',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.4 }, mu: 0.102, T: 160 },
      { name: 'R', coupling: { sites: [3], gamma: 0.25 }, mu: 0.099, T: 145 },
      { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.08 } },
    ],
  };
  const cfg = config(CHAIN);

  it('every L^(1) negated: the sign cause lists all of them, the small L1_R_P and L1_P_R included', async () => {
    const { solutionJson } = await import('../../src/cli/format.js');
    const o = solutionJson(cfg.system, solveSystem(cfg.system, cfg.reference, cfg.circuit), { method: 'closed-form' }) as {
      onsager: { L1: number[][] };
    };
    o.onsager.L1 = o.onsager.L1.map((row) => row.map((x) => -x));
    const r = compareTexts(cfg, { 'p.json': JSON.stringify(o) });
    const failed = failedKeys(r);
    expect(failed).toContain('L1_R_P');
    expect(failed).toContain('L1_P_R');
    const d = r.diagnostics.find((x) => x.code === 'constant-factor')!;
    expect(d.exact).toBe(true);
    const listed = d.message.split(':')[0].split(', ');
    expect([...listed].sort()).toEqual([...failed].sort());
  });

  for (const col of ['charge_R', 'heat_L'])
    it(`${col} with the opposite sign: the sign is the exact cause and no current-assembly error is claimed`, () => {
      const r = compareTexts(cfg, { 's.csv': editColumn(ownScanCsv(cfg, [-0.2, 0, 0.2, 0.4]), col, (v) => -v) });
      expect(failedKeys(r)).toEqual([col]);
      const d = r.diagnostics.find((x) => x.code === 'constant-factor')!;
      expect(d.exact).toBe(true);
      expect(r.diagnostics.map((x) => x.code)).not.toContain('current-assembly');
    });

  it('current-assembly stays when no exact cause accounts for the currents', () => {
    const r = compareTexts(cfg, { 's.csv': editColumn(ownScanCsv(cfg, [-0.2, 0, 0.2, 0.4]), 'heat_L', (v, row) => v * (1 + 0.1 * (row + 1))) });
    expect(failedKeys(r)).toEqual(['heat_L']);
    expect(r.diagnostics.map((x) => x.code)).toContain('current-assembly');
  });
});

describe("probecheck's own solve output with the issue-9 features compares exactly with itself", () => {
  it('spin 2 with an ER probe (linear), and spin 2 with a VTP at finite bias (nonlinear)', async () => {
    const { solutionJson, nonlinearJson } = await import('../../src/cli/format.js');
    const { probeModelsJson } = await import('../../src/cli/commands/solve.js');
    const { solveNonlinear } = await import('../../src/numeric/nonlinear.js');
    const { prepareSystem } = await import('../../src/numeric/system.js');
    const raw = JSON.parse(JSON.stringify(BENZENE));
    raw.spin = 2;
    raw.terminals[2].probe = 'ER';
    const er = config(raw);
    const s = solveSystem(er.system, er.reference, er.circuit, 'quadrature');
    const json = solutionJson(er.system, s, {
      method: 'quadrature',
      probeModels: probeModelsJson(prepareSystem(er.system), er.reference, er.circuit, 'linear', 'quadrature'),
    });
    const r = compareTexts(er, { 'solve.json': JSON.stringify(json) });
    expect(r.summary.pass).toBe(true);
    for (const q of r.quantities) expect(q.maxScaled).toBeLessThan(1e-12);
    raw.terminals[2].probe = 'VTP';
    raw.response = 'nonlinear';
    const nl = config(raw);
    const p = prepareSystem(nl.system);
    const res = solveNonlinear(p, nl.reference, nl.circuit);
    const r2 = compareTexts(nl, { 'nl.json': JSON.stringify(nonlinearJson(nl.system, p.onsager(nl.reference), res, {})) });
    expect(r2.summary.pass).toBe(true);
  });
});
