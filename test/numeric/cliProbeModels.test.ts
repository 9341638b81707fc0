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

  it('solve warns, one line per Onsager set, where the coefficients miss the documented accuracy (main solution and side-by-side ER)', async () => {
    // an 800-site chain at 3000 K: the Fermi window (μ0 ± 40 k_BT0 = ± 10 eV) holds all 800 levels
    // of the band, more than the quadrature's 4000 panels resolve to rtol 1e-12 (measured onsagerError
    // 6.0e-10 for the shared VP/VTP set, 8.1e-10 for ER); the cheapest config found that trips the
    // warning (400–600 sites stay below 1e-10)
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
    const lines = r.stderr.trim().split('\n');
    const accuracy = (line: string | undefined) => Number(/only accurate to ~([0-9.e+-]+)/.exec(line ?? '')?.[1]);
    const main = lines.filter((l) => l.startsWith('probecheck: warning: Onsager coefficients only accurate to'));
    const er = lines.filter((l) => l.startsWith('probecheck: warning: probeModels.ER: Onsager coefficients only accurate to'));
    expect(j.onsagerError).toBeGreaterThan(1e-10);
    expect(main).toHaveLength(1);
    expect(accuracy(main[0])).toBeCloseTo(Number(j.onsagerError.toExponential(1)), 12);
    // VP and VTP share the main solution's set, warned about once (not once per variant)
    expect(lines.some((l) => /probeModels\.V/.test(l))).toBe(false);
    expect(j.probeModels.ER.onsagerError).toBeGreaterThan(1e-10);
    expect(er).toHaveLength(1);
    expect(accuracy(er[0])).toBeCloseTo(Number(j.probeModels.ER.onsagerError.toExponential(1)), 12);
    expect(lines).toHaveLength(2);
  }, 60_000);
});
