/**
 * The noise floor of the eigen-decomposition transmission engine (docs/physics.md §13, "The noise
 * floor"): `evaluate(E, T, noise)` estimates the absolute rounding error of each T_αβ(E), and the
 * quadrature of the Onsager coefficients stops refining at it.
 *
 * The reference is the sparse engine on the same chain: for a tridiagonal H it takes G at the
 * coupled sites from the twisted factorisations (docs/physics.md §14), products of N ratios each
 * with a relative error of a few ε, so T there is relatively accurate (~N·ε) even where it is
 * 10⁻⁶⁰ — far outside the band, where the mode sum of the dense engine cancels to its rounding.
 */
import { describe, it, expect } from 'vitest';
import { benzene, chain } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { transmissionEngine, type TransmissionEngine } from '../../src/numeric/transmission.js';
import { sparseChain } from '../../src/numeric/sparse.js';
import { localChannels, sparseTransmissionEngine } from '../../src/numeric/sparseTransmission.js';
import { onsagerQuadrature } from '../../src/numeric/onsager.js';
import { energyResolvedElimination, onsagerEnergyResolved } from '../../src/numeric/energyResolved.js';
import { K_B_EV } from '../../src/numeric/constants.js';

const EPS = Number.EPSILON;
const G = [0.5, 0.3, 0.1];

function engines(N: number, t: number) {
  const sites = [0, N - 1, N >> 1];
  return {
    dense: transmissionEngine(
      chain(N, t),
      sites.map((s, k) => localCoupling(N, [s], G[k])),
    ),
    exact: sparseTransmissionEngine(
      sparseChain(N, t),
      sites.map((s, k) => localChannels([s], G[k])),
    ),
  };
}

describe('noise estimate of the eigen-decomposition engine', () => {
  for (const N of [20, 60, 100, 200])
    for (const t of [-1, -2.7])
      it(`bounds the actual error outside the band, chain N = ${N}, t = ${t} eV`, () => {
        const { dense, exact } = engines(N, t);
        expect(dense.estimatesNoise).toBe(true);
        const a = new Float64Array(9),
          b = new Float64Array(9),
          noise = new Float64Array(9);
        let checked = 0;
        for (let i = 0; i < 200; i++) {
          // |E| from 2.3|t| to 3.2|t| on both sides: T from ~1e-20 down to far below the rounding
          const s = i % 2 === 0 ? 1 : -1;
          const E = s * Math.abs(t) * (2.3 + (0.9 * (i + 0.5)) / 200);
          dense.evaluate(E, a, noise);
          exact.evaluate(E, b);
          for (const ab of [1, 2, 5]) {
            // the reference's own error: N·ε relative, ×8 for the complex reciprocals and products
            const refErr = 8 * N * EPS * b[ab];
            const err = Math.abs(a[ab] - b[ab]);
            if (!(err <= noise[ab] + refErr)) throw new Error(`E = ${E}, T[${ab}] = ${a[ab]}, exact ${b[ab]}, noise estimate ${noise[ab]}`);
            checked++;
          }
        }
        expect(checked).toBe(600);
      });

  it('inside the band it is far below T (so it never binds at rtol 1e-12): chain and benzene', () => {
    for (const [h, sites, g] of [
      [chain(100, -1), [0, 99, 50], [0.5, 0.3, 0.1]],
      [benzene(-2.64), [0, 2, 3], [0.5, 0.5, 1e-9]],
    ] as const) {
      const N = h.rows;
      const e = transmissionEngine(
        h,
        sites.map((s, k) => localCoupling(N, [s], g[k])),
      );
      const a = new Float64Array(9),
        noise = new Float64Array(9);
      let worst = 0;
      for (let i = 0; i < 800; i++) {
        e.evaluate(-2 + (4 * (i + 0.5)) / 800, a, noise);
        for (const ab of [1, 2, 5]) if (a[ab] > 1e-3) worst = Math.max(worst, noise[ab] / a[ab]);
      }
      // measured 3.3e-13 (chain) and 7.3e-14 (benzene); the floor is 1/32 of it
      expect(worst).toBeLessThan(1e-12);
      expect(worst).toBeGreaterThan(0);
    }
  });

  it('leaves `noise` alone unless asked: evaluate(E, T) is unchanged bit for bit', () => {
    const { dense } = engines(60, -1);
    const a = new Float64Array(9),
      b = new Float64Array(9),
      noise = new Float64Array(9);
    for (const E of [-2.5, -0.3, 0.7, 2.6]) {
      dense.evaluate(E, a);
      dense.evaluate(E, b, noise);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });
});

describe('the quadrature stops at the noise floor', () => {
  const kT = K_B_EV * 10;
  it('μ0 outside the band at 10 K: converged in few evaluations, and the reported error bounds the actual one', () => {
    const N = 100;
    const { dense, exact } = engines(N, -1);
    for (const mu of [2.5, -2.5, 2.1]) {
      const q = onsagerQuadrature(dense, mu, kT, { resonances: dense.resonances });
      // without the floor: 1.3e5 evaluations, converged false (the 4000-panel cap), 1.1 s per point
      expect(q.converged).toBe(true);
      expect(q.evaluations).toBeLessThanOrEqual(1000);
      const ref = onsagerQuadrature(exact, mu, kT, { resonances: dense.resonances });
      for (const k of ['L0', 'L1', 'L2'] as const)
        for (const ab of [1, 2, 5]) {
          const d = Math.abs(q[k][ab] - ref[k][ab]);
          // ref: relatively accurate T integrated to rtol 1e-12 (its own error estimate)
          expect(d, `${k}[${ab}] at μ0 = ${mu}: ${q[k][ab]} vs ${ref[k][ab]}, error ${q.error[k][ab]}`).toBeLessThanOrEqual(q.error[k][ab] + ref.error[k][ab]);
        }
    }
  });

  it('inside the band the floor does not bind: the same bits as an engine without a noise estimate', () => {
    const cases: Array<[TransmissionEngine, number, number]> = [
      [engines(100, -1).dense, 0.1, kT],
      [transmissionEngine(benzene(-2.64), [localCoupling(6, [0], 0.5), localCoupling(6, [2], 0.5), localCoupling(6, [3], 0.05)]), 0.3, K_B_EV * 300],
    ];
    for (const [e, mu, t] of cases) {
      const silent: TransmissionEngine = { ...e, estimatesNoise: false, evaluate: (E, out) => e.evaluate(E, out) };
      const a = onsagerQuadrature(e, mu, t, { resonances: e.resonances }),
        b = onsagerQuadrature(silent, mu, t, { resonances: e.resonances });
      expect(a.evaluations).toBe(b.evaluations);
      for (const k of ['L0', 'L1', 'L2'] as const) expect(Array.from(a[k])).toEqual(Array.from(b[k]));
    }
  });
});

describe('the ER quadrature stops at the noise floor too', () => {
  it('an ER probe on a 100-site chain, μ0 outside the band at 10 K: converged in few evaluations; inside, the same bits as without the estimate', () => {
    const N = 100;
    const { dense } = engines(N, -1);
    const elim = energyResolvedElimination(3, [2], []);
    const silent: TransmissionEngine = { ...dense, estimatesNoise: false, evaluate: (E, out) => dense.evaluate(E, out) };
    const kT = K_B_EV * 10;
    for (const mu of [2.5, -2.5]) {
      const q = onsagerEnergyResolved(dense, elim, mu, kT, { resonances: dense.resonances });
      // without the floor: 1.4e5 evaluations, converged false
      expect(q.converged).toBe(true);
      expect(q.evaluations).toBeLessThanOrEqual(1000);
      // the only coefficient, L_LR through the probe, is zero to rounding: its error says so
      expect(q.error.L0[1]).toBeGreaterThanOrEqual(Math.abs(q.L0[1]));
    }
    for (const mu of [0.1, 1.95]) {
      const a = onsagerEnergyResolved(dense, elim, mu, kT, { resonances: dense.resonances }),
        b = onsagerEnergyResolved(silent, elim, mu, kT, { resonances: dense.resonances });
      expect(a.evaluations).toBe(b.evaluations);
      for (const k of ['L0', 'L1', 'L2'] as const) expect(Array.from(a[k])).toEqual(Array.from(b[k]));
    }
  });
});
