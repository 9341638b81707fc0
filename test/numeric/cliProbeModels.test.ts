/**
 * The CLI surface of issue 9: `solve` reports the probes as VP, VTP and ER side by side (and the
 * spin factor in L^(ν) and the currents; the method actually used), `solve` with
 * "response": "nonlinear", and `scan --probe-models`. The numbers are checked against the library
 * (solveSystem / solveNonlinear), which the numeric tests verify.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseConfig } from '../../src/config.js';
import { solveSystem, withProbeModel } from '../../src/numeric/system.js';
import { worstRelativeError } from '../../src/numeric/onsager.js';

const cfg = (extra: Record<string, unknown> = {}) => ({
  hamiltonian: { model: 'benzene', hopping: -2.64 },
  reference: { mu: 0.3, T: 300 },
  terminals: [
    { name: 'L', coupling: { chain: { site: 0, hopping: 5, contact: 1.118 } }, mu: 0.305, T: 325 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.295, T: 275 },
    { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: 0.1 } },
  ],
  ...extra,
});

describe('solve and scan with probe models', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-i9cli-'));
  const write = (name: string, obj: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(obj));
    return p;
  };

  it('solve: VP/VTP/ER columns, spin factor, recorded method', async () => {
    const r = await runCli(['solve', write('a.json', cfg({ spin: 2 }))]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.method).toBe('quadrature');
    expect(j.methodReason).toMatch(/energy-dependent leads/);
    expect(j.spin).toBe(2);
    expect(Object.keys(j.probeModels)).toEqual(['VP', 'VTP', 'ER']);
    const parsed = parseConfig(cfg({ spin: 2 }));
    const er = solveSystem(withProbeModel(parsed.system, 'ER'), parsed.reference, 'electronic');
    expect(j.probeModels.ER.currents.R.heat).toBe(er.circuit.heatCurrent[1]);
    expect(j.probeModels.ER.probes.P.model).toBe('ER');
    expect(j.probeModels.VP.currents.R.heat).toBe(j.currents.R.heat);
    // each variant carries the accuracy of its own Onsager set (docs/physics.md §13): ER its T_eff
    // quadrature's, VP and VTP the shared set's, which is the system's own here (a VP system)
    expect(j.probeModels.ER.onsagerError).toBe(worstRelativeError(er.onsager));
    expect(j.probeModels.VP.onsagerError).toBe(j.onsagerError);
    expect(j.probeModels.VTP.onsagerError).toBe(j.onsagerError);
    expect(j.probeModels.ER.onsagerError).not.toBe(j.onsagerError);
    // spin: reported L^(ν) include the factor 2
    const one = solveSystem(parseConfig(cfg()).system, parsed.reference, 'electronic');
    expect(j.onsager.L0[0][1]).toBeCloseTo(2 * one.onsager.L0[1], 15);
    expect(j.currents.R.heat / one.circuit.heatCurrent[1]).toBeCloseTo(2, 12);
  });

  it('solve with "response": "nonlinear": Newton info, energy currents, probe models', async () => {
    const r = await runCli(['solve', write('b.json', cfg({ response: 'nonlinear' }))]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.response).toBe('nonlinear');
    expect(j.newton.residual).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(j.currents.L.energy + j.currents.R.energy + j.currents.P.energy)).toBeLessThan(1e-12 * Math.abs(j.currents.L.energy));
    expect(Math.abs(j.probeModels.VTP.currents.P.heat)).toBeLessThan(1e-9 * Math.abs(j.currents.L.heat));
  });

  it('scan --probe-models adds the VP, VTP and ER columns', async () => {
    const out = join(dir, 's.csv');
    const r = await runCli(['scan', write('c.json', cfg()), '--mu0', '0:0.4:3', '--out', out, '--quiet', '--probe-models']);
    expect(r.code, r.stderr).toBe(0);
    const [head, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const h = head.split(',');
    for (const m of ['VP', 'VTP', 'ER']) for (const c of [`heat_R_${m}`, `T_P_${m}`, `entropyProduction_${m}`]) expect(h).toContain(c);
    expect(rows).toHaveLength(3);
    const row = rows[0].split(',').map(Number);
    expect(row[h.indexOf('T_P_VP')]).toBe(300);
    expect(row[h.indexOf('heat_R_VP')]).toBe(row[h.indexOf('heat_R')]);
    expect(row[h.indexOf('entropyProduction_ER')]).toBeLessThanOrEqual(row[h.indexOf('entropyProduction_VTP')] * (1 + 1e-9));
  });
});

describe('finite-bias configs where only linear response exists', () => {
  it('scan and report refuse "response": "nonlinear" (exit 2, one line naming the field)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-i9nl-'));
    const p = join(dir, 'nl.json');
    writeFileSync(p, JSON.stringify(cfg({ response: 'nonlinear' })));
    for (const args of [
      ['scan', p, '--mu0', '0:1:2', '--out', join(dir, 'o.csv'), '--quiet'],
      ['report', p, '--out', join(dir, 'rep'), '--quiet'],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^probecheck: response: "nonlinear" is supported by `probecheck solve` only/);
    }
  });

  // a 20-site chain with μ0 = 30 eV, far above its band (|E| ≤ 2 eV): the Onsager coefficients are
  // Lorentzian tails whose estimated error, set by the energy resolution ε·|μ0| of the levels
  // (docs/physics.md §13), is 3.2e-10 of their natural scale for the VP/VTP set; the ER set
  // (T_eff) stays below 1e-10 (measured). A millisecond-sized config that trips the warning.
  const farAbove = (probe: string) => ({
    hamiltonian: { model: 'chain', sites: 20, hopping: -1 },
    reference: { mu: 30, T: 30 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 30.0001, T: 30 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 29.9999, T: 30 },
      { name: 'P', probe, coupling: { sites: [3], gamma: 0.1 } },
    ],
  });
  const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('probecheck: warning:'));
  const accuracy = (line: string | undefined) => Number(/only accurate to ~([0-9.e+-]+)/.exec(line ?? '')?.[1]);

  it('solve warns once where the Onsager coefficients miss the documented accuracy: the main solution, whose set VP and VTP share', async () => {
    const p = join(mkdtempSync(join(tmpdir(), 'probecheck-accuracy-')), 'far.json');
    writeFileSync(p, JSON.stringify(farAbove('VTP')));
    const r = await runCli(['solve', p]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.onsagerError).toBeGreaterThan(1e-10);
    expect(j.probeModels.VP.onsagerError).toBe(j.onsagerError);
    expect(j.probeModels.ER.onsagerError).toBeLessThanOrEqual(1e-10);
    const w = warnings(r.stderr);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^probecheck: warning: Onsager coefficients only accurate to/);
    expect(accuracy(w[0])).toBe(Number(j.onsagerError.toExponential(1)));
  });

  it('with an ER probe in the config, the side-by-side VP/VTP set is warned about once, naming both variants', async () => {
    const p = join(mkdtempSync(join(tmpdir(), 'probecheck-accuracy-')), 'far-er.json');
    writeFileSync(p, JSON.stringify(farAbove('ER')));
    const r = await runCli(['solve', p]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.onsagerError).toBeLessThanOrEqual(1e-10); // the config's own (ER) set
    expect(j.probeModels.VTP.onsagerError).toBeGreaterThan(1e-10);
    const w = warnings(r.stderr);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^probecheck: warning: probeModels\.VP, probeModels\.VTP: Onsager coefficients only accurate to/);
    expect(accuracy(w[0])).toBe(Number(j.probeModels.VTP.onsagerError.toExponential(1)));
  });

  it('an 800-site chain at 3000 K (all 800 levels in the Fermi window) meets the documented accuracy, VP/VTP and ER', async () => {
    // with a fixed budget of 4000 panels (5 per resonance) the quadrature stopped at 1.7e-10 (VP/VTP)
    // and 1.2e-9 (ER); the budget now grows with the initial mesh (quadrature.ts defaultPanelBudget)
    const N = 800,
      T = 3000;
    const p = join(mkdtempSync(join(tmpdir(), 'probecheck-accuracy-')), 'hot-chain.json');
    writeFileSync(
      p,
      JSON.stringify({
        hamiltonian: { model: 'chain', sites: N, hopping: -1 },
        reference: { mu: 0.1, T },
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.1001, T: T + 1 },
          { name: 'R', coupling: { sites: [N - 1], gamma: 0.5 }, mu: 0.0999, T: T - 1 },
          { name: 'P', probe: 'VTP', coupling: { sites: [N / 4], gamma: 0.1 } },
        ],
      }),
    );
    const r = await runCli(['solve', p]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(warnings(r.stderr)).toEqual([]);
    expect(j.onsagerError).toBeLessThanOrEqual(1e-10);
    expect(j.probeModels.ER.onsagerError).toBeLessThanOrEqual(1e-10);
  }, 60_000);
});
