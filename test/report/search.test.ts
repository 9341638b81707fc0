/**
 * The headline search (src/paper/search.ts, headline.ts): the linear-response superposition against
 * direct circuit solves, the μ0 subsets, the strict matching rules, and the global fit against a
 * brute-force recount.
 *
 * Tolerance of the superposition check: 1e-9 of the curve's largest magnitude. Both routes are
 * exact in linear response; they differ by the rounding of a 6 × 6 Schur elimination (~1e-15
 * relative to the Onsager entries) summed over at most four bias components, and by cancellation
 * at the node, where the heat current is ~1e-4 of its maximum: measured differences are ~1e-13.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CLAIMS,
  CONFIGURATIONS,
  DEFAULT_PARAMETERS,
  DIMENSIONS,
  LinearSweeps,
  SweepCache,
  baselineSet,
  biasComponents,
  enumerateSets,
  geometryFor,
  headlineTable,
  matches,
  measureClaim,
  parametersOf,
  subsetIndices,
  SEARCH_SPACE,
  vpTemperature,
  type ConfigurationId,
  type ParameterSet,
} from '../../src/paper/index.js';
import { SMALL_SPACE } from './smallSpace.js';
import { linspace } from '../../src/scan.js';

const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

describe('linear-response superposition', () => {
  const sweeps = new LinearSweeps(SMALL_SPACE, 300);
  const cache = new SweepCache({ min: -3, max: 3, points: 121 }, 300);

  it('gives the currents, the probe heat and the thermopower of direct circuit solves, for any bias', () => {
    const REL = 1e-9;
    fc.assert(
      fc.property(
        fc.constantFrom<ConfigurationId>('symmetric', 'thermal', 'tunnel'),
        fc.constantFrom(0.01, 0.05, 0.5),
        fc.constantFrom(-2.64, -2.7),
        fc.constantFrom<'local' | 'flat'>('local', 'flat'),
        fc.double({ min: 0.0005, max: 0.03, noNaN: true }),
        fc.constantFrom<ParameterSet['vpTemperature']>('ambient', 'T_R', 'T_L', 'mid'),
        (config, gamma, hopping, probe, deltaV, rule) => {
          const set: ParameterSet = { ...baselineSet(SMALL_SPACE), hopping, deltaV, vpTemperature: rule };
          const g = geometryFor(config, probe, gamma, set);
          const b = biasComponents(config, set, 300);
          const k = CONFIGURATIONS[config];
          const TP = vpTemperature(rule, k, 300);
          for (const role of ['VP', 'VTP'] as const) {
            const direct = cache.sweep(g, { kind: 'electronic', role, TL: k.TL, TR: k.TR, TP, deltaV });
            const c = role === 'VP' ? 'elVP' : 'elVTP';
            const ir = sweeps.evaluate(g, c, 'IR', b),
              qr = sweeps.evaluate(g, c, 'QR', b);
            for (let i = 0; i < ir.length; i++) {
              expect(Math.abs(ir[i] - direct.chargeR[i])).toBeLessThanOrEqual(REL * maxAbs(direct.chargeR));
              expect(Math.abs(qr[i] - direct.heatR[i])).toBeLessThanOrEqual(REL * maxAbs(direct.heatR));
            }
            if (role === 'VP') {
              const qp = sweeps.evaluate(g, 'elVP', 'QP', b);
              for (let i = 0; i < qp.length; i++) expect(Math.abs(qp[i] - direct.heatP[i])).toBeLessThanOrEqual(REL * maxAbs(direct.heatR));
            }
            if (probe === 'local') {
              const th = cache.sweep(g, { kind: 'thermal', role, TL: k.TL, TR: k.TR, TP, deltaV: 0 });
              const tc = role === 'VP' ? 'thVP' : 'thVTP';
              const q = sweeps.evaluate(g, tc, 'QR', b),
                mu = sweeps.evaluate(g, tc, 'muR', b);
              for (let i = 0; i < q.length; i++) {
                expect(Math.abs(q[i] - th.heatR[i])).toBeLessThanOrEqual(REL * maxAbs(th.heatR));
                const S = -mu[i] / (k.TR - k.TL); // docs/physics.md §5, paper Eq. 31
                expect(Math.abs(S - th.seebeck[i])).toBeLessThanOrEqual(REL * maxAbs(th.seebeck));
              }
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses the thermal circuit of the flat probe (not computed) and γ = 0 (not searched)', () => {
    const g = geometryFor('thermal', 'flat', 0.05, baselineSet(SMALL_SPACE));
    expect(() => sweeps.evaluate(g, 'thVP', 'QR', [0, 1, 0, 0])).toThrow(/electronic circuits only/);
    expect(() => sweeps.evaluate({ ...g, gamma: 0 }, 'elVP', 'QR', [0, 1, 0, 0])).toThrow(/γ must be > 0/);
  });
});

describe('μ0 subsets', () => {
  it('keep the node, the range and the step', () => {
    const x = Float64Array.from(linspace(-3, 3, 1201));
    const s = subsetIndices(x, 1.5, 0.01, 0.005);
    expect(s.length).toBe(301);
    expect(x[s[0]]).toBeCloseTo(-1.5, 12);
    expect(x[s[s.length - 1]]).toBeCloseTo(1.5, 12);
    expect([...s].some((i) => x[i] === 0)).toBe(true);
    expect(x[s[1]] - x[s[0]]).toBeCloseTo(0.01, 12);
    expect(() => subsetIndices(x, 1, 0.0075, 0.005)).toThrow(/not a multiple/);
  });
});

describe('matching rules', () => {
  it('applies a bound strictly: "< 2.5 %" is not reproduced by 2.52 %, nor by a trivially small value', () => {
    const bound = { paperValue: 2.5, relation: { kind: 'bound', precision: 0.1, why: '' } } as const;
    expect(matches(bound, 2.49)).toBe(true);
    expect(matches(bound, -2.3)).toBe(true); // a magnitude
    expect(matches(bound, 2.5)).toBe(false);
    expect(matches(bound, 2.52)).toBe(false);
    expect(matches(bound, 1.9)).toBe(false); // < 0.8 × 2.5
    const value = { paperValue: -33.3, relation: { kind: 'value', tolerance: 0.05, why: '' } } as const;
    expect(matches(value, -33.277)).toBe(true);
    expect(matches(value, -33.24)).toBe(false);
    expect(matches(value, Number.NaN)).toBe(false);
    const zero = { paperValue: 0, relation: { kind: 'vanishes', tolerance: 1e-8, why: '' } } as const;
    expect(matches(zero, 1e-12)).toBe(true);
    expect(matches(zero, 1e-6)).toBe(false);
  });
});

describe('global fit', () => {
  const params = { ...DEFAULT_PARAMETERS, mu0: { min: -3, max: 3, points: 121 }, gammas: [0, 0.01, 0.05, 0.5] };
  const sweeps = new LinearSweeps(SMALL_SPACE, 300);
  const table = headlineTable(params, sweeps);

  it('is the set reproducing the most rows (recounted by brute force over every set)', () => {
    const ctx = { sweeps, T0: 300, window: params.zeroCrossingWindow, memo: new Map<string, unknown>() };
    let most = 0;
    const all = enumerateSets(DIMENSIONS, SMALL_SPACE);
    expect(all.length).toBe(table.global.setsTried);
    for (const set of all) {
      const n = CLAIMS.filter((c) => matches(c, measureClaim(c, set, ctx).value)).length;
      most = Math.max(most, n);
    }
    expect(table.global.rowsReproduced.length).toBe(most);
    const atGlobal = CLAIMS.filter((c) => matches(c, measureClaim(c, table.global.set, ctx).value)).map((c) => c.id);
    expect(atGlobal).toEqual(table.global.rowsReproduced);
  });

  it('each row: the verdict follows from its sets, the sensitivity passes through the global fit', () => {
    for (const r of table.rows) {
      expect(r.baseline.changes).toEqual([]);
      if (r.verdict === 'reproduced') expect(r.baseline.matches).toBe(true);
      if (r.verdict === 'reproduced under a stated extra assumption') expect(r.best.matches && !r.baseline.matches).toBe(true);
      if (r.verdict === 'not reproduced') expect(r.candidatesMatching).toBe(0);
      expect(r.atGlobal.matches).toBe(table.global.rowsReproduced.includes(r.claim.id));
      for (const s of r.sensitivity) {
        const here = s.points.find((p) => p.value === table.global.set[s.dimension])!;
        expect(here.valuePct).toBe(r.atGlobal.measurement.value);
      }
      // a dimension a row does not depend on does not change it
      const other = DIMENSIONS.find((d) => !r.claim.dimensions.includes(d));
      if (other) {
        const ctx = { sweeps, T0: 300, window: params.zeroCrossingWindow, memo: new Map<string, unknown>() };
        const alt = { ...table.global.set, [other]: SMALL_SPACE.values[other].at(-1) } as ParameterSet;
        expect(measureClaim(r.claim, alt, ctx).value).toBe(r.atGlobal.measurement.value);
      }
    }
  });

  it('the baseline of the real search space is DEFAULT_PARAMETERS', () => {
    const p = parametersOf(baselineSet(SEARCH_SPACE));
    expect(p).toEqual({ ...DEFAULT_PARAMETERS, gammas: DEFAULT_PARAMETERS.gammas });
  });
});
