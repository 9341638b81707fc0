/**
 * What the page computes, checked in Node: its numbers are `probecheck solve` of its config (the
 * CLI run on the same file), its curves meet the solve at the reference μ0 (scan and solve: two
 * routes through the Onsager coefficients), and they obey the physics the page is about, for
 * random settings of the benzene junction: Ṡ ≥ 0 for both models, Ṡ_VP ≥ Ṡ_VTP, the excess equal
 * to Eq. 33 (J^Q_P,VP (T_P^VTP − T_P^VP)/T0², docs/physics.md §5), no charge into either probe
 * and no heat into the VTP.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyControl, initialState, paperConfig, type ExplorerState } from '../../src/explorer/model.js';
import { atPath, computeView, derivedValue, type ViewCache } from '../../src/explorer/compute.js';
import { runCli } from '../helpers/cli.js';
import { uniform } from '../arbitraries.js';
import { K_B_EV } from '../../src/numeric/constants.js';

const OUT = resolve('test-output/explorer');

/**
 * Random settings of the paper's junction (21 μ0 points: the properties hold pointwise). The leads
 * differ by at least 5 K, so every circuit is driven (Ṡ > 0 away from transmission zeros) and
 * max Ṡ is the scale of its rounding; an undriven circuit has Ṡ = 0 to rounding and nothing to test.
 */
const stateArb: fc.Arbitrary<ExplorerState> = fc
  .record({
    // γ = 0 (the coherent limit) or ≥ 1 meV: below, the probe rows of M are ~γ and the core's circuit
    // solve reports them singular (SingularCircuitError, shown by the page as an error line)
    gamma: fc.oneof(fc.constant(0), uniform(0.001, 1)),
    gL: uniform(0.05, 1),
    gR: uniform(0.05, 1),
    TL: uniform(150, 450),
    dT: uniform(5, 140),
    sign: fc.constantFrom(-1, 1),
    TP: uniform(150, 450),
    T0: uniform(100, 500),
    dV: uniform(-0.02, 0.02),
    mu0: uniform(-2.5, 2.5),
    site: fc.constantFrom('1', '3', '4', '5', '0,1,2,3,4,5'),
    model: fc.constantFrom('VP', 'VTP'),
    circuit: fc.constantFrom('electronic', 'thermal'),
    hopping: uniform(-3, -1.5),
  })
  .map(({ dT, sign, ...r }) => ({ ...r, TR: r.TL + sign * dT }))
  .map((r) => {
    let s = initialState(paperConfig(), { min: -3, max: 3, points: 21 });
    const set: Array<[string, string]> = [
      ['terminals.P.coupling.gamma', String(r.gamma)],
      ['terminals.L.coupling.gamma', String(r.gL)],
      ['terminals.R.coupling.gamma', String(r.gR)],
      ['terminals.L.T', String(r.TL)],
      ['terminals.R.T', String(r.TR)],
      ['terminals.P.T', String(r.TP)],
      ['reference.T', String(r.T0)],
      ['bias', String(r.dV)],
      ['reference.mu', String(r.mu0)],
      ['terminals.P.coupling.sites', r.site],
      ['terminals.P.probe', r.model],
      ['circuit', r.circuit],
      ['hamiltonian.hopping', String(r.hopping)],
    ];
    for (const [n, v] of set) s = applyControl(s, n, v);
    return s;
  });

const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

describe("the explorer's view", () => {
  it('shows `probecheck solve` of its CONFIG: the CLI on the same file gives the same JSON', async () => {
    mkdirSync(OUT, { recursive: true });
    const states = fc.sample(stateArb, { numRuns: 6, seed: 7 });
    for (const [k, s] of states.entries()) {
      const file = join(OUT, `config-${k}.json`);
      writeFileSync(file, JSON.stringify(s.config));
      const r = await runCli(['solve', file]);
      expect(r.code, r.stderr).toBe(0);
      // same code, same process: identical numbers, key for key. `solve` also lists the probes as
      // VP/VTP/ER side by side (probeModels); the page shows those in its own columns, from the
      // variant configs (checked against `solve` of those configs in the e2e test)
      const cli = JSON.parse(r.stdout) as Record<string, unknown>;
      delete cli.probeModels;
      expect(JSON.parse(JSON.stringify(computeView(s).solve))).toEqual(cli);
    }
  });

  it('the μ0 curves meet the VP and VTP solves at the reference μ0, and obey Ṡ ≥ 0, Ṡ_VP ≥ Ṡ_VTP and Eq. 33', () => {
    fc.assert(
      fc.property(stateArb, (s0) => {
        // put the reference μ0 on the grid: point 10 of 21
        const mu0 = Number(s0.config.reference.mu ?? 0);
        const s = applyControl(
          applyControl(applyControl(s0, 'explore.mu0.min', String(mu0 - 1)), 'explore.mu0.max', String(mu0 + 1)),
          'explore.mu0.points',
          '21',
        );
        const r = computeView(s);
        const c = r.comparison!;
        const at = 10;
        expect(Math.abs(r.mu0[at] - mu0)).toBeLessThan(1e-14);
        for (const m of ['VP', 'VTP'] as const) {
          const json = c.solve[m];
          const cur = c.curves[m];
          // scan vs solve: one Onsager evaluation each at μ0 (up to the rounding of the grid point)
          const scaleQ = Math.max(...r.names.map((n) => Math.abs(atPath(json, `currents.${n}.heat`) as number)));
          const scaleI = Math.max(...r.names.map((n) => Math.abs(atPath(json, `currents.${n}.charge`) as number)));
          for (const n of r.names) {
            expect(Math.abs(cur.heat[n][at] - (atPath(json, `currents.${n}.heat`) as number))).toBeLessThanOrEqual(1e-9 * scaleQ);
            const scaleIQ = Math.max(scaleI, scaleQ / (K_B_EV * s.config.reference.T));
            expect(Math.abs(cur.charge[n][at] - (atPath(json, `currents.${n}.charge`) as number))).toBeLessThanOrEqual(1e-9 * scaleIQ);
          }
          expect(Math.abs(cur.entropy[at] - (json.entropyProduction as number))).toBeLessThanOrEqual(1e-9 * (json.entropyProduction as number));
          // the probe conditions along the whole curve; a charge current is small against the heat
          // current in units of k_B T0 / e (the open-circuit leads of the thermal circuit carry none either)
          const chargeScale = Math.max(maxAbs(cur.charge.R), maxAbs(cur.heat.R) / (K_B_EV * s.config.reference.T));
          expect(maxAbs(cur.charge.P)).toBeLessThanOrEqual(1e-9 * chargeScale);
          if (s.config.circuit === 'thermal') expect(maxAbs(cur.charge.R)).toBeLessThanOrEqual(1e-9 * chargeScale);
          if (m === 'VTP') expect(maxAbs(cur.heat.P)).toBeLessThanOrEqual(1e-9 * maxAbs(cur.heat.R));
          // Ṡ ≥ 0 (rounding: 1e-12 of the largest)
          const sMax = maxAbs(cur.entropy);
          for (const v of cur.entropy) expect(v).toBeGreaterThanOrEqual(-1e-12 * sMax);
        }
        // the VTP minimises Ṡ; the excess is Eq. 33 (two routes: −xᵀMx/hT0 of both circuits vs the probe's J^Q and ΔT)
        const sScale = maxAbs(c.curves.VP.entropy);
        const ex = maxAbs(c.excessEntropy);
        for (let i = 0; i < r.mu0.length; i++) {
          expect(c.excessEntropy[i]).toBeGreaterThanOrEqual(-1e-10 * sScale);
          expect(Math.abs(c.excessEntropy[i] - c.excessEntropyEq33[i])).toBeLessThanOrEqual(1e-8 * ex + 1e-10 * sScale);
        }
        // the δ column: (X_VP − X_VTP)/X_VP of the two solves
        const d = derivedValue(c, 'relerr:currents.R.heat')!;
        const a = c.solve.VP,
          b = c.solve.VTP;
        expect(d).toBe(((atPath(a, 'currents.R.heat') as number) - (atPath(b, 'currents.R.heat') as number)) / (atPath(a, 'currents.R.heat') as number));
      }),
      { numRuns: 40 },
    );
  });

  it('reuses T(E) only while H, the couplings and the range are unchanged', () => {
    const cache: ViewCache = {};
    const s = initialState(paperConfig(), { min: -3, max: 3, points: 11 });
    const a = computeView(s, cache).transmission;
    expect(computeView(applyControl(s, 'terminals.L.T', '400'), cache).transmission).toBe(a);
    expect(computeView(applyControl(s, 'terminals.P.probe', 'VTP'), cache).transmission).toBe(a);
    const b = computeView(applyControl(s, 'terminals.P.coupling.gamma', '0.3'), cache).transmission;
    expect(b).not.toBe(a);
    expect(b.series.map((x) => x.values)).not.toEqual(a.series.map((x) => x.values));
    const fresh = computeView(applyControl(s, 'terminals.P.coupling.gamma', '0.3')).transmission;
    expect(b).toEqual(fresh);
  });

  it('reads `solve` paths with dotted terminal names', () => {
    const json = { currents: { 'a.b': { heat: 1 }, a: { b: { heat: 2 } } } };
    expect(atPath(json, 'currents.a.b.heat')).toBe(1);
    expect(atPath(json, 'currents.x.heat')).toBeUndefined();
  });
});
