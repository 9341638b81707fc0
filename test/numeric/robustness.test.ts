/**
 * Paths that ordinary inputs never reach (issue 12): pivoting in the probe solve, circuits at
 * 1 mK and with γ_P = 1e-30, the Gauss–Kronrod error estimate and its noise handling, the poles'
 * degeneracy tolerance, the sign of the Peierls phase.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { solveUnknowns, unknownsWorkspace, schurEliminate, SingularCircuitError } from '../../src/numeric/probes.js';
import { integrateAdaptive, NOISE_GENERATIONS } from '../../src/numeric/quadrature.js';
import { ring, hamiltonianFromEdges, benzene } from '../../src/numeric/hamiltonian.js';
import { localCoupling, matrixCoupling } from '../../src/numeric/coupling.js';
import { solveSystem, prepareSystem, type TransportSystem } from '../../src/numeric/system.js';
import { realSolve, cmatrix } from '../../src/numeric/linalg.js';
import { onsagerClosedForm, onsagerScales } from '../../src/numeric/onsager.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { uniform } from '../arbitraries.js';

describe('solveUnknowns under pivoting', () => {
  it('swaps the right-hand side with the rows (M_UU whose largest entries are off the diagonal)', () => {
    // M_UU = [[1, 3, 0], [3, 1, 2], [0, 2, 1]] forces a row swap at the first and second step;
    // compare with an independent dense solve of M_UU x_U = −M_UF x_F.
    fc.assert(
      fc.property(fc.array(uniform(-2, 2), { minLength: 4, maxLength: 4 }), (xf) => {
        const m = 5,
          unknown = [0, 2, 4],
          free = [1, 3];
        const M = new Float64Array(m * m);
        const uu = [
          [1, 3, 0],
          [3, 1, 2],
          [0, 2, 1],
        ];
        const uf = [
          [0.5, -1],
          [2, 0.25],
          [-0.75, 1.5],
        ];
        unknown.forEach((u, a) => {
          unknown.forEach((v, b) => {
            M[u * m + v] = uu[a][b];
          });
          free.forEach((f, b) => {
            M[u * m + f] = uf[a][b];
            M[f * m + u] = uf[a][b];
          });
        });
        const x = new Float64Array(m);
        x[1] = xf[0];
        x[3] = xf[1];
        const isU = new Uint8Array(m);
        for (const u of unknown) isU[u] = 1;
        solveUnknowns(M, m, unknown, isU, x, unknownsWorkspace(3));
        const rhs = Float64Array.from(uf.map((row) => -(row[0] * xf[0] + row[1] * xf[1])));
        const ref = realSolve(Float64Array.from(uu.flat()), 3, rhs, 1).x;
        unknown.forEach((u, a) => expect(Math.abs(x[u] - ref[a])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(ref[a]))));
        // and the Schur route agrees: x_U = S x_F
        const sr = schurEliminate(M, m, unknown);
        unknown.forEach((u, a) => {
          const v = sr.response[a * 2] * x[1] + sr.response[a * 2 + 1] * x[3];
          expect(Math.abs(x[u] - v)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(v)));
        });
      }),
    );
  });

  it('refuses an unknown absent from its own equation (M_uu = 0) and a rank-deficient M_UU', () => {
    const m = 3;
    const M = Float64Array.from([-1, 1, 0, 1, -1, 0, 0, 0, 0]);
    const isU = Uint8Array.from([0, 0, 1]);
    expect(() => solveUnknowns(M, m, [2], isU, new Float64Array(3), unknownsWorkspace(1))).toThrow(SingularCircuitError);
    expect(() => schurEliminate(M, m, [2])).toThrow(SingularCircuitError);
    // [[−1, 1], [1, −1]] is singular however it is scaled
    const isU2 = Uint8Array.from([1, 1, 0]);
    expect(() => solveUnknowns(M, m, [0, 1], isU2, new Float64Array(3), unknownsWorkspace(2))).toThrow(SingularCircuitError);
    expect(() => schurEliminate(M, m, [0, 1])).toThrow(SingularCircuitError);
  });
});

function junction(gammaP: number, T0: number, role: 'VP' | 'VTP', test = false): TransportSystem {
  return {
    hamiltonian: benzene(-2.64),
    terminals: [
      { name: 'L', role: 'lead', mu: 0.3 + 2e-3 * 8.617e-5 * T0, temperature: T0 * 1.01, coupling: localCoupling(6, [0], 0.5) },
      { name: 'R', role: 'lead', mu: 0.3 - 1e-3 * 8.617e-5 * T0, temperature: T0 * 0.995, coupling: localCoupling(6, [2], 0.5) },
      { name: 'P', role, temperature: role === 'VP' ? T0 : undefined, coupling: localCoupling(6, [3], test ? 1 : gammaP), test },
    ],
  };
}

describe('circuits at the edges of the ranges', () => {
  it('a VTP circuit solves at T0 = 1 mK (the L2 block ∝ (k_BT)² no longer looks singular) and 3000 K', () => {
    for (const T0 of [1e-3, 1e-2, 3000]) {
      const { circuit } = solveSystem(junction(0.1, T0, 'VTP'), { mu: 0.3, temperature: T0 }, 'electronic');
      // the probe's currents vanish relative to the lead currents, its T lies between the leads'
      const jq = Math.max(Math.abs(circuit.heatCurrent[0]), Math.abs(circuit.heatCurrent[1]));
      const jn = Math.max(Math.abs(circuit.particleCurrent[0]), Math.abs(circuit.particleCurrent[1]));
      expect(Math.abs(circuit.heatCurrent[2])).toBeLessThanOrEqual(1e-9 * jq);
      expect(Math.abs(circuit.particleCurrent[2])).toBeLessThanOrEqual(1e-9 * jn);
      expect(circuit.temperature[2]).toBeGreaterThan(T0 * 0.99);
      expect(circuit.temperature[2]).toBeLessThan(T0 * 1.02);
      expect(circuit.entropyProduction).toBeGreaterThanOrEqual(0);
    }
  });

  it('γ_P = 1e-30 solves and equals the coherent limit γ = 0 (VP and VTP)', () => {
    for (const role of ['VP', 'VTP'] as const) {
      for (const T0 of [1e-3, 300]) {
        const ref = { mu: 0.3, temperature: T0 };
        const tiny = solveSystem(junction(1e-30, T0, role), ref, 'electronic').circuit;
        const limit = solveSystem(junction(0, T0, role, true), ref, 'electronic').circuit;
        const dmu = Math.abs(limit.mu[2] - 0.3);
        expect(Math.abs(tiny.mu[2] - limit.mu[2])).toBeLessThanOrEqual(1e-9 * dmu + 8 * Number.EPSILON * 0.3);
        expect(Math.abs(tiny.temperature[2] - limit.temperature[2])).toBeLessThanOrEqual(1e-9 * Math.abs(limit.temperature[2] - T0) + 8 * Number.EPSILON * T0);
        const jq = Math.abs(limit.heatCurrent[1]);
        expect(Math.abs(tiny.heatCurrent[1] - limit.heatCurrent[1])).toBeLessThanOrEqual(1e-9 * jq);
      }
    }
  });
});

describe('adaptive Gauss–Kronrod', () => {
  it('its error estimate drives the refinement when no breakpoint helps, and bounds the actual error', () => {
    // ∫_{-1}^{1} w/((x − c)² + w²) dx = atan((1 − c)/w) + atan((1 + c)/w): a peak of width w,
    // off-centre, with no breakpoints: the first panel's |K15 − G7| is large, bisection must find it.
    fc.assert(
      fc.property(uniform(-0.9, 0.9), uniform(1e-4, 1e-1), (c, w) => {
        const exact = Math.atan((1 - c) / w) + Math.atan((1 + c) / w);
        const res = integrateAdaptive(
          (x, out) => {
            out[0] = w / ((x - c) ** 2 + w * w);
          },
          1,
          -1,
          1,
          {
            rtol: 1e-12,
            scale: (est, out) => {
              out[0] = Math.abs(est[0]);
            },
          },
        );
        expect(res.converged).toBe(true);
        expect(res.panels).toBeGreaterThan(4);
        const actual = Math.abs(res.value[0] - exact);
        expect(actual).toBeLessThanOrEqual(Math.max(res.error[0], 4 * Number.EPSILON * exact));
        expect(actual).toBeLessThanOrEqual(1e-12 * exact);
      }),
      { numRuns: 30 },
    );
  });

  it('reports non-convergence at the panel limit instead of a silently wrong value', () => {
    const res = integrateAdaptive(
      (x, out) => {
        out[0] = 1e-9 / (x * x + 1e-18);
      },
      1,
      -1,
      1,
      {
        rtol: 1e-14,
        scale: (est, out) => {
          out[0] = Math.abs(est[0]);
        },
        breakpoints: [0.3],
        maxPanels: 8,
      },
    );
    expect(res.converged).toBe(false);
    expect(res.error[0]).toBeGreaterThan(1e-14 * Math.abs(res.value[0]));
  });

  it("stops refining panels dominated by the integrand's own noise, and still reports that error", () => {
    // a smooth integrand plus deterministic pseudo-random noise of relative size 1e-9
    const noise = (x: number) => {
      const s = Math.sin(x * 12.9898e3) * 43758.5453;
      return s - Math.floor(s) - 0.5;
    };
    const res = integrateAdaptive(
      (x, out) => {
        out[0] = Math.cos(x) * (1 + 1e-9 * noise(x));
      },
      1,
      -1,
      1,
      {
        rtol: 1e-14,
        scale: (est, out) => {
          out[0] = Math.abs(est[0]);
        },
      },
    );
    const exact = 2 * Math.sin(1);
    expect(res.noisyPanels).toBeGreaterThan(0);
    expect(res.converged).toBe(false);
    expect(res.panels).toBeLessThan(4000); // it stopped by itself, not at the panel limit
    expect(Math.abs(res.value[0] - exact)).toBeLessThanOrEqual(res.error[0]);
    expect(NOISE_GENERATIONS).toBeGreaterThanOrEqual(2);
  });
});

describe('degenerate levels of a complex H', () => {
  it('a ring at half a flux quantum (complex H, doubly degenerate levels): closed form = quadrature', () => {
    // ε_m = 2t cos(2π(m − ½)/N): m and 1 − m coincide, so poleExpansion rotates inside complex
    // degenerate blocks (the Gram-matrix path)
    // (every terminal couples to the same complex channel w = (1, i, 0, …): in each degenerate
    // pair one combination is decoupled and must be rotated out with the right complex Gram
    // matrix — its conjugate keeps a wrong combination)
    const N = 6;
    const rank1 = (g: number) => {
      const m = cmatrix(N, N);
      // Γ = g w w†, w = (1, i, 0, …): Γ00 = Γ11 = g, Γ01 = −i g, Γ10 = i g
      m.re[0] = g;
      m.re[N + 1] = g;
      m.im[1] = -g;
      m.im[N] = g;
      return matrixCoupling(m);
    };
    const system: TransportSystem = {
      hamiltonian: ring(N, -1, 0, 0.5),
      terminals: [
        { name: 'L', role: 'lead', coupling: rank1(0.4) },
        { name: 'R', role: 'lead', coupling: rank1(0.3) },
        { name: 'P', role: 'VP', coupling: rank1(0.2) },
      ],
    };
    const prep = prepareSystem(system);
    for (const mu of [-1.5, -0.3, 0.2, 1.7]) {
      for (const T of [30, 300]) {
        const t0 = new Float64Array(9);
        prep.engine().evaluate(mu, t0);
        const cf = onsagerClosedForm(prep.poles(), mu, K_B_EV * T, t0);
        const q = prep.onsager({ mu, temperature: T }, 'quadrature');
        const s = onsagerScales(q);
        (['L0', 'L1', 'L2'] as const).forEach((k, nu) => {
          for (let i = 0; i < 9; i++) expect(Math.abs(cf[k][i] - q[k][i]), `${k}[${i}] μ=${mu} T=${T}`).toBeLessThanOrEqual(1e-10 * s[nu][i] + 1e-300);
        });
      }
    }
  });
});

describe('the Peierls phase', () => {
  it('ring(): the bond j → j+1 carries e^{+2πiΦ/N}, so e^{ikj} has energy 2t cos(k − 2πΦ/N)', () => {
    // Independent of the builder: H applied to the plane wave v_j = e^{ikj}, k = 2πm/N.
    const N = 5,
      t = -1.3,
      flux = 0.23;
    const H = ring(N, t, 0, flux);
    for (let m = 0; m < N; m++) {
      const k = (2 * Math.PI * m) / N;
      const eps = 2 * t * Math.cos(k - (2 * Math.PI * flux) / N);
      for (let i = 0; i < N; i++) {
        let sr = 0,
          si = 0;
        for (let j = 0; j < N; j++) {
          const hr = H.re[i * N + j],
            hi = H.im[i * N + j];
          sr += hr * Math.cos(k * j) - hi * Math.sin(k * j);
          si += hr * Math.sin(k * j) + hi * Math.cos(k * j);
        }
        expect(Math.abs(sr - eps * Math.cos(k * i))).toBeLessThanOrEqual(1e-13);
        expect(Math.abs(si - eps * Math.sin(k * i))).toBeLessThanOrEqual(1e-13);
      }
    }
  });

  it('edges: [i, j, t] puts t at H[j][i] and conj(t) at H[i][j]', () => {
    const H = hamiltonianFromEdges(3, [[0, 2, { re: 0.3, im: 0.4 }]]);
    expect([H.re[2 * 3 + 0], H.im[2 * 3 + 0]]).toEqual([0.3, 0.4]);
    expect([H.re[0 * 3 + 2], H.im[0 * 3 + 2]]).toEqual([0.3, -0.4]);
  });
});

describe('sign conventions of the currents (README: counted into each terminal, charge = −e·particle)', () => {
  it('with μ_L > μ_R electrons flow into R: particle current into R > 0, charge current into R < 0', () => {
    const sys: TransportSystem = {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead', mu: 0.31, temperature: 300, coupling: localCoupling(6, [0], 0.5) },
        { name: 'R', role: 'lead', mu: 0.29, temperature: 300, coupling: localCoupling(6, [2], 0.5) },
      ],
    };
    const { circuit } = solveSystem(sys, { mu: 0.3, temperature: 300 }, 'electronic');
    expect(circuit.particleCurrent[1]).toBeGreaterThan(0);
    expect(circuit.particleCurrent[0]).toBeLessThan(0);
    expect(circuit.chargeCurrent[1]).toBeLessThan(0);
    expect(circuit.chargeCurrent[1] / circuit.particleCurrent[1]).toBeCloseTo(-1.602176634e-19, 28);
  });
});
