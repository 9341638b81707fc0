/**
 * Finite bias (docs/physics.md §10): the Newton-solved VP/VTP/ER circuits approach linear response
 * with an error O(bias²) (fitted slope), conserve charge and energy at any bias, produce Ṡ ≥ 0,
 * reproduce the spin factor, and fail with an error naming the terminal when the bias is beyond
 * the model. Conservation tolerances: 1e-11 of the largest current (Σ_α i_α(E) = 0 holds pointwise
 * to rounding of the gross flows; the quadrature error cancels in the sum because all currents share the nodes).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { localCoupling } from '../../src/numeric/coupling.js';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { prepareSystem, solveSystem, type TransportSystem } from '../../src/numeric/system.js';
import { solveNonlinear, NonlinearSolveError } from '../../src/numeric/nonlinear.js';
import { chainLead } from '../../src/numeric/leads.js';
import { uniform } from '../arbitraries.js';

const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};
const T0 = 300,
  MU0 = 0.4;

function system(role: 'VP' | 'VTP' | 'ER', dV: number, dT: number, opts: { chain?: boolean; spin?: 1 | 2; muShift?: number } = {}): TransportSystem {
  const m = MU0 + (opts.muShift ?? 0);
  return {
    hamiltonian: benzene(-2.64),
    spin: opts.spin,
    terminals: [
      // asymmetric split (0.7/0.3): with a symmetric one f_L − f_R is odd in the bias and the
      // two-terminal-like charge current has no O(bias²) term at all
      {
        name: 'L',
        role: 'lead',
        mu: m + 0.7 * dV,
        temperature: T0 + 0.7 * dT,
        coupling: localCoupling(6, [0], 0.5),
        ...(opts.chain ? { lead: chainLead(0, 3, 1.2247, 0) } : {}),
      },
      { name: 'R', role: 'lead', mu: m - 0.3 * dV, temperature: T0 - 0.3 * dT, coupling: localCoupling(6, [2], 0.3) },
      { name: 'P', role, coupling: localCoupling(6, [3], 0.1) },
    ],
  };
}

function slope(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log),
    ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length,
    my = ly.reduce((a, b) => a + b) / ly.length;
  return lx.reduce((s, x, i) => s + (x - mx) * (ly[i] - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
}

describe('nonlinear circuits', () => {
  for (const role of ['VP', 'VTP', 'ER'] as const) {
    it(`${role}: |J_nonlinear − J_linear| = O(bias²) (log-log slope ≈ 2), probe μ, T too`, () => {
      const ref = { mu: MU0, temperature: T0 };
      const scales = [4, 2, 1, 0.5];
      const eq: number[] = [],
        eN: number[] = [],
        eT: number[] = [];
      for (const s of scales) {
        const sys = system(role, 0.004 * s, 4 * s);
        const nl = solveNonlinear(prepareSystem(sys), ref, 'electronic');
        const lin = solveSystem(sys, ref, 'electronic').circuit;
        eq.push(Math.abs(nl.heatCurrent[1] - lin.heatCurrent[1]));
        eN.push(Math.abs(nl.chargeCurrent[1] - lin.chargeCurrent[1]));
        eT.push(Math.abs(nl.temperature[2] - lin.temperature[2]) + (role === 'VP' ? Math.abs(nl.mu[2] - lin.mu[2]) : 0));
        expect(nl.residual).toBeLessThanOrEqual(1e-9);
      }
      for (const e of [eq, eN, eT]) {
        const k = slope(scales, e);
        expect(k, `errors ${e.map((v) => v.toExponential(2)).join(', ')}`).toBeGreaterThan(1.8);
        expect(k).toBeLessThan(2.2);
      }
    });
  }

  it('charge and energy conservation at finite bias, Ṡ = Σ J^Q/T ≥ 0, probes carry no current (random biases, all models, wide-band and chain leads)', () => {
    fc.assert(
      fc.property(fc.constantFrom('VP', 'VTP', 'ER'), uniform(-0.2, 0.2), uniform(-80, 80), uniform(-1, 1), fc.boolean(), (role, dV, dT, shift, chain) => {
        const sys = system(role as 'VP', dV, dT, { chain, muShift: shift });
        const nl = solveNonlinear(prepareSystem(sys), { mu: MU0 + shift, temperature: T0 }, 'electronic');
        const sN = maxAbs(nl.particleCurrent),
          sE = maxAbs(nl.energyCurrent);
        // Σ_α i_α(E) = 0 holds pointwise up to ε × the gross flows Σ_β T_αβ|f_β − f_α|, which exceed the net
        // currents by up to ~100× under a large ΔT and a small bias: 1e-11 of the largest net current
        expect(Math.abs(nl.particleCurrent.reduce((a, b) => a + b))).toBeLessThan(1e-11 * sN + 1e-300);
        expect(Math.abs(nl.energyCurrent.reduce((a, b) => a + b))).toBeLessThan(1e-11 * sE + 1e-300);
        expect(Math.abs(nl.particleCurrent[2])).toBeLessThan(1e-9 * sN);
        if (role !== 'VP') expect(Math.abs(nl.heatCurrent[2])).toBeLessThan(1e-9 * maxAbs(nl.heatCurrent));
        expect(nl.entropyProduction).toBeGreaterThanOrEqual(0);
        // the linear start lies within O(bias²) of the solution, so Newton needs few steps
        expect(nl.iterations).toBeLessThanOrEqual(8);
      }),
      { numRuns: 12 },
    );
  });

  it('mid-gap of meta-benzene (μ0 = 0, a transmission node, ∂J^N/∂T_P ≈ 0 by particle–hole symmetry) converges', () => {
    for (const role of ['VP', 'VTP', 'ER'] as const) {
      const r = solveNonlinear(prepareSystem(system(role, 0.01, 50, { muShift: -MU0 })), { mu: 0, temperature: T0 }, 'electronic');
      expect(r.residual).toBeLessThanOrEqual(1e-9);
      expect(r.transmissionEvaluations).toBeLessThan(5000);
    }
  });

  it('thermal circuit at finite ΔT: Seebeck → the linear value as ΔT → 0', () => {
    const ref = { mu: MU0, temperature: T0 };
    const errs = [20, 10].map((dT) => {
      const sys = system('VTP', 0, dT);
      const terms = sys.terminals.map((t, a) => (a === 1 ? { ...t, mu: undefined } : t));
      const s2 = { ...sys, terminals: terms };
      const nl = solveNonlinear(prepareSystem(s2), ref, 'thermal');
      const lin = solveSystem(s2, ref, 'thermal').circuit;
      expect(nl.particleCurrent.every((j) => Math.abs(j) < (1e-8 * maxAbs(nl.energyCurrent)) / 1.602176634e-19 / 0.1)).toBe(true);
      return Math.abs(nl.seebeck! - lin.seebeck!) / Math.abs(lin.seebeck!);
    });
    expect(errs[1]).toBeLessThan(errs[0]);
    expect(errs[0] / errs[1]).toBeGreaterThan(1.6); // O(ΔT) relative (first correction to S is linear in ΔT)
  });

  it('spin 2 doubles every current and Ṡ and leaves μ_P, T_P unchanged', () => {
    const ref = { mu: MU0, temperature: T0 };
    const a = solveNonlinear(prepareSystem(system('VTP', 0.01, 20)), ref, 'electronic');
    const b = solveNonlinear(prepareSystem(system('VTP', 0.01, 20, { spin: 2 })), ref, 'electronic');
    for (let i = 0; i < 3; i++) {
      expect(b.mu[i]).toBe(a.mu[i]);
      expect(b.temperature[i]).toBe(a.temperature[i]);
    }
    for (let i = 0; i < 2; i++) {
      expect(b.heatCurrent[i]).toBeCloseTo(2 * a.heatCurrent[i], 25);
      expect(b.chargeCurrent[i] / a.chargeCurrent[i]).toBeCloseTo(2, 14);
    }
    expect(b.entropyProduction / a.entropyProduction).toBeCloseTo(2, 14);
    const la = solveSystem(system('VP', 0.01, 20), ref, 'electronic').circuit,
      lb = solveSystem(system('VP', 0.01, 20, { spin: 2 }), ref, 'electronic').circuit;
    expect(lb.heatCurrent[1] / la.heatCurrent[1]).toBeCloseTo(2, 14);
    expect(lb.entropyProduction / la.entropyProduction).toBeCloseTo(2, 14);
    expect(lb.mu[2]).toBe(la.mu[2]);
  });

  it("a bias so large that a lead's f is 0/1 across the whole transmission window: error naming the lead", () => {
    const sys = system('VTP', 100, 0);
    let err: unknown;
    try {
      solveNonlinear(prepareSystem(sys), { mu: MU0, temperature: T0 }, 'electronic');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonlinearSolveError);
    expect((err as NonlinearSolveError).field).toBe('terminals[0].mu');
    expect((err as Error).message).toMatch(/^terminals\[0\]\.mu: bias so large/);
  });
});

describe('Newton failure is an error naming the probe', () => {
  it('no convergence within the iteration budget: NonlinearSolveError on terminals[2]', () => {
    let err: unknown;
    try {
      solveNonlinear(prepareSystem(system('VTP', 0.05, 60)), { mu: MU0, temperature: T0 }, 'electronic', { maxIterations: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonlinearSolveError);
    expect((err as NonlinearSolveError).field).toBe('terminals[2]');
    expect((err as Error).message).toMatch(/^terminals\[2\]: Newton did not converge for "P"/);
  });
});

describe('nonlinear coherent limit', () => {
  it('a γ = 0 probe (VP or VTP) carries nothing and reads the γ → 0 limit at finite bias', () => {
    const ref = { mu: MU0, temperature: T0 };
    for (const role of ['VP', 'VTP'] as const) {
      const base = system(role, 0.02, 40);
      const withG = (g: number, test: boolean): TransportSystem => ({
        ...base,
        terminals: base.terminals.map((t, a) => (a === 2 ? { ...t, coupling: localCoupling(6, [3], test ? 1 : g), test } : t)),
      });
      const c0 = solveNonlinear(prepareSystem(withG(0, true)), ref, 'electronic');
      // the probe perturbs the leads by ~100 γ/eV (relative) here: γ = 1e-9 is well inside the limit
      const small = solveNonlinear(prepareSystem(withG(1e-9, false)), ref, 'electronic');
      expect(c0.particleCurrent[2]).toBe(0);
      expect(Math.abs(c0.mu[2] - small.mu[2])).toBeLessThan(1e-8);
      expect(Math.abs(c0.temperature[2] - small.temperature[2])).toBeLessThan(1e-4);
      expect(Math.abs(c0.heatCurrent[1] - small.heatCurrent[1])).toBeLessThan(1e-5 * Math.abs(c0.heatCurrent[1]));
    }
  });
});
