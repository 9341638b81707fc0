/**
 * The double-double point evaluation of T_αβ(E) and T′_αβ(E) (src/numeric/pointTransmission.ts,
 * docs/physics.md §13) against (1) 40-digit mpmath references at the benzene node and
 * antiresonance and on a ring with flux and a non-local coupling
 * (test/fixtures/reference/point_transmission.json), (2) the independent double-precision direct
 * inversion on random systems, (3) a central difference of its own T for T′; edge cases alone.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { cmatrix } from '../../src/numeric/linalg.js';
import { localCoupling, matrixCoupling } from '../../src/numeric/coupling.js';
import { transmissionDirect, transmissionEngine } from '../../src/numeric/transmission.js';
import { pointTransmissionBuffer, pointTransmissionEngine, POINT_DD_MAX_SITES } from '../../src/numeric/pointTransmission.js';
import { describeSystem, propertyRuns, systemArb, uniform } from '../arbitraries.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { poleExpansion } from '../../src/numeric/poles.js';
import { onsagerClosedForm, onsagerQuadrature, onsagerScales } from '../../src/numeric/onsager.js';

interface Case {
  system: 'benzene' | 'ring';
  E: number;
  T: Record<string, number>;
  dT: Record<string, number>;
}
const fixture: { cases: Case[] } = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/reference/point_transmission.json', import.meta.url)), 'utf8'));

function ring() {
  const N = 4;
  const h = cmatrix(N, N);
  const hop: Array<[number, number, number]> = [
    [0, 1, -1.0],
    [1, 2, -1.1],
    [2, 3, -0.9],
    [3, 0, -1.05],
  ];
  for (const [i, j, t] of hop) {
    const phase = i === 3 && j === 0 ? 0.3 : 0;
    const re = t * Math.cos(phase),
      im = t * Math.sin(phase);
    h.re[i * N + j] = re;
    h.im[i * N + j] = im;
    h.re[j * N + i] = re;
    h.im[j * N + i] = -im;
  }
  h.re[0] = 0.05;
  h.re[2 * N + 2] = -0.1;
  const gl = cmatrix(N, N);
  gl.re[0] = 0.4;
  gl.re[N + 1] = 0.3;
  gl.re[1] = 0.1;
  gl.im[1] = 0.05;
  gl.re[N] = 0.1;
  gl.im[N] = -0.05;
  return { h, couplings: [matrixCoupling(gl), localCoupling(N, [2], 0.6), localCoupling(N, [3], 0.02)] };
}

const systems = {
  benzene: { h: benzene(-2.64), couplings: [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5), localCoupling(6, [3], 1e-9)] },
  ring: ring(),
};

describe('pointTransmission against 40-digit mpmath', () => {
  for (const c of fixture.cases) {
    it(`${c.system} at E = ${c.E}`, () => {
      const s = systems[c.system];
      const out = pointTransmissionBuffer(3);
      expect(pointTransmissionEngine(s.h, s.couplings).evaluate(c.E, out)).toBe(true);
      for (const key of Object.keys(c.T)) {
        const ab = Number(key[0]) * 3 + Number(key[1]);
        // a few ulps of the value itself plus an absolute floor of double-double rounding far below
        // anything double precision resolves (T ≤ 1 and |T′| ≲ 10/eV in these systems: at E = −2.64
        // the exact T and T′ are ~1e-100, both routes' own noise); the estimates bound the actual errors
        const dT = Math.abs(out.t[ab] - c.T[key]),
          dD = Math.abs(out.dt[ab] - c.dT[key]);
        expect(dT, `T_${key}`).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(c.T[key]) + 1e-26);
        expect(dD, `T′_${key}`).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(c.dT[key]) + 1e-26);
        expect(out.tError[ab], `T_${key} estimate`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(c.T[key]) + 1e-24);
        expect(out.dtError[ab], `T′_${key} estimate`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(c.dT[key]) + 1e-24);
        expect(dT, `T_${key} estimate`).toBeLessThanOrEqual(out.tError[ab] + Number.EPSILON * Math.abs(c.T[key]));
        expect(dD, `T′_${key} estimate`).toBeLessThanOrEqual(out.dtError[ab] + Number.EPSILON * Math.abs(c.dT[key]));
      }
    });
  }
  it('resolves the antiresonance where a double-precision derivative cannot', () => {
    // T_LR has a double zero at E = t = −2.64: T′ vanishes there (mpmath: ~1e-58, its own noise),
    // the double-double value is below 1e-28/eV, while a central difference of the double-precision
    // engine is dominated by its node's rounding (~1e-8/eV)
    const s = systems.benzene;
    const out = pointTransmissionBuffer(3);
    pointTransmissionEngine(s.h, s.couplings).evaluate(-2.64, out);
    expect(Math.abs(out.dt[1])).toBeLessThanOrEqual(1e-28);
    const eng = transmissionEngine(s.h, s.couplings);
    const tp = new Float64Array(9),
      tm = new Float64Array(9);
    const d = 1e-5;
    eng.evaluate(-2.64 + d, tp);
    eng.evaluate(-2.64 - d, tm);
    expect(Math.abs((tp[1] - tm[1]) / (2 * d))).toBeGreaterThan(1e-12);
  });
});

describe('pointTransmission on random systems', () => {
  it('T equals the double-precision direct inversion; T′ equals the central difference of T', () => {
    fc.assert(
      fc.property(systemArb({ minN: 2, maxN: 7, minTerminals: 2, maxTerminals: 4 }), uniform(-3, 3), (s, E) => {
        const n = s.couplings.length;
        const out = pointTransmissionBuffer(n);
        const eng = pointTransmissionEngine(s.h, s.couplings);
        if (!eng.evaluate(E, out)) return; // singular to double-double: not expected for these systems
        const direct = transmissionDirect(s.h, s.couplings, E);
        let tMax = 0;
        for (let i = 0; i < n * n; i++) tMax = Math.max(tMax, Math.abs(direct[i]));
        // the double inversion is accurate to ~1e-12 of the largest transmission of a random system
        for (let i = 0; i < n * n; i++) expect(Math.abs(out.t[i] - direct[i]), `${describeSystem(s)} T[${i}]`).toBeLessThanOrEqual(1e-10 * tMax + 1e-300);
        // T′ by a central difference of the double-double T: truncation h²|T‴|/6 with h = 1e-7 eV
        // (|T‴| ≲ 1e6 · max T for widths ≳ 0.01 eV) and rounding u_dd/h, far below 1e-6 · max|T′|
        const h = 1e-7;
        const up = pointTransmissionBuffer(n),
          dn = pointTransmissionBuffer(n);
        eng.evaluate(E + h, up);
        eng.evaluate(E - h, dn);
        let dMax = 0;
        for (let i = 0; i < n * n; i++) dMax = Math.max(dMax, Math.abs(out.dt[i]));
        for (let i = 0; i < n * n; i++) {
          const fd = (up.t[i] - dn.t[i]) / (2 * h);
          expect(Math.abs(out.dt[i] - fd), `${describeSystem(s)} T′[${i}]`).toBeLessThanOrEqual(1e-6 * dMax + 1e-8 * tMax);
        }
      }),
      { numRuns: propertyRuns(40) },
    );
  });
});

describe('pointTransmission edge cases', () => {
  it('refuses a level decoupled from every self-energy sitting exactly at E (A singular)', () => {
    const h = cmatrix(2, 2);
    h.re[0] = 0.3;
    h.re[3] = 0.5;
    const out = pointTransmissionBuffer(2);
    const eng = pointTransmissionEngine(h, [localCoupling(2, [0], 0.1), localCoupling(2, [0], 0.2)]);
    expect(eng.evaluate(0.5, out)).toBe(false);
    expect(eng.evaluate(0.4, out)).toBe(true);
  });
  it('T between two test terminals is 0, a test terminal does not broaden', () => {
    const h = cmatrix(1, 1);
    const out = pointTransmissionBuffer(3);
    const cs = [localCoupling(1, [0], 0.2), localCoupling(1, [0], 1), localCoupling(1, [0], 1)];
    pointTransmissionEngine(h, cs, [true, false, false]).evaluate(0.05, out);
    expect(out.t[1 * 3 + 2]).toBe(0);
    // Breit–Wigner with Γ = 0.2 only: T_LP = Γ·1/(E² + Γ²/4) (first order in the test coupling 1)
    expect(out.t[1]).toBeCloseTo(0.2 / (0.05 ** 2 + 0.01), 13);
  });
  it(`refuses N > ${POINT_DD_MAX_SITES}`, () => {
    const N = POINT_DD_MAX_SITES + 1;
    expect(() => pointTransmissionEngine(cmatrix(N, N), [localCoupling(N, [0], 1)])).toThrow(RangeError);
  });
});

describe('the closed form with T and T′ subtracted (docs/physics.md §13, tier 3)', () => {
  it('equals the quadrature on random systems, where T′(μ0) is not small', () => {
    // both routes are accurate to ~1e-12 of the natural scales here (T0 50–600 K, widths of random
    // systems); 1e-9 · s_ν leaves room for the quadrature's own tolerance (1e-12 relative, floored)
    fc.assert(
      fc.property(systemArb({ minN: 2, maxN: 6, minTerminals: 2, maxTerminals: 4 }), uniform(-2, 2), uniform(50, 600), (s, mu, T) => {
        const n = s.couplings.length;
        const pt = pointTransmissionBuffer(n);
        if (!pointTransmissionEngine(s.h, s.couplings).evaluate(mu, pt)) return;
        const kT = K_B_EV * T;
        const cf = onsagerClosedForm(poleExpansion(s.h, s.couplings), mu, kT, pt);
        const q = onsagerQuadrature(transmissionEngine(s.h, s.couplings), mu, kT);
        const sc = onsagerScales(q);
        (['L0', 'L1', 'L2'] as const).forEach((k, nu) => {
          for (let i = 0; i < n * n; i++) {
            if (i % (n + 1) === 0) continue;
            expect(Math.abs(cf[k][i] - q[k][i]), `${describeSystem(s)} ${k}[${i}] μ0=${mu} T=${T}`).toBeLessThanOrEqual(1e-9 * sc[nu][i] + q.error[k][i]);
          }
        });
      }),
      { numRuns: propertyRuns(30) },
    );
  });
});
