/**
 * Finite bias near equilibrium (docs/physics.md §10, audit D14): the nonlinear solve must work down
 * to zero bias, where it becomes linear response. It used to fail below ~1e-4 eV ("the current
 * integrals did not reach rtol 1e-11"): f_β − f_α and f_P − f0 were differences of Fermi functions
 * of order 1 (absolute rounding ~1e-16, all of a tiny bias's difference), and μ, T were held as
 * absolute values (a deviation resolved only to u·|μ0|, u·T0). Now both are formed from the
 * deviations from the reference (`fermiDifference`).
 *
 * The bound. With ε = max(|δμ_α|/k_BT0, |δT_α|/T0) the relative bias, the nonlinear currents are
 * J_lin + O(ε²): the first neglected term of f(E; μ0 + δμ, T0 + δT) is ½ f″·(δx)², δx = −δμ/k_BT −
 * (E − μ0)δT/(k_BT·T0), and |f″| ≤ |f′| (f″ = −f(1 − f)(1 − 2f)/(k_BT)²), so against the linear term's
 * scale J_u = max|L0|·k_BT0/h (per unit ε) it is ε² J_u times a moment of −f0′ of order 1 (the
 * probe's μ_P, T_P likewise, with k_BT0 and T0). Measured over VP, VTP, ER, μ0 ∈ {0 (mid-gap), 0.4}
 * and ε = 1e-8…1e-2 the ratio |ΔJ|/(ε² J_u) is ≤ 1.0 for heat and 0.03 for charge: we allow
 * C = 5. To that adds what the solver leaves: Newton's 1e-10 and the quadratures' 1e-11 of the gross
 * flows (~ε J_u), and the rounding of the reported absolute μ, T (a few u·|μ|, u·T).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localCoupling } from '../../src/numeric/coupling.js';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { prepareSystem, solveSystem, type TransportSystem } from '../../src/numeric/system.js';
import { fermi, fermiDifference, solveNonlinear } from '../../src/numeric/nonlinear.js';
import { E_CHARGE, H_EV_S, K_B_EV } from '../../src/numeric/constants.js';
import { propertyRuns } from '../arbitraries.js';

const T0 = 300,
  kT0 = K_B_EV * T0,
  U = Number.EPSILON;

function system(role: 'VP' | 'VTP' | 'ER', mu0: number, dmu: number, dT: number): TransportSystem {
  return {
    hamiltonian: benzene(-2.64),
    terminals: [
      { name: 'L', role: 'lead', mu: mu0 + 0.7 * dmu, temperature: T0 + 0.7 * dT, coupling: localCoupling(6, [0], 0.5) },
      { name: 'R', role: 'lead', mu: mu0 - 0.3 * dmu, temperature: T0 - 0.3 * dT, coupling: localCoupling(6, [2], 0.3) },
      { name: 'P', role, coupling: localCoupling(6, [3], 0.1) },
    ],
  };
}

describe('nonlinear response near zero bias (audit D14)', () => {
  it('solves at every small bias down to 1e-9 k_BT0 and agrees with linear response to C ε² (C = 5)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('VP', 'VTP', 'ER'),
        fc.constantFrom(0, 0.4),
        fc.double({ min: -9, max: -2, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (role, mu0, logEps, a, b) => {
          const eps = 10 ** logEps;
          const sys = system(role as 'VP', mu0, a * eps * kT0, b * eps * T0);
          const ref = { mu: mu0, temperature: T0 };
          const nl = solveNonlinear(prepareSystem(sys), ref, 'electronic');
          const lin = solveSystem(sys, ref, 'electronic');
          const e = Math.max(Math.abs(a), Math.abs(b)) * eps; // the relative bias ε (0.7 of it on L)
          const Lmax = Math.max(...Array.from(lin.onsager.L0, Math.abs));
          const uN = (E_CHARGE * Lmax * kT0) / H_EV_S,
            uQ = uN * kT0;
          const solver = 1e-9 * e; // Newton 1e-10 and quadrature 1e-11 of the gross flows, with margin
          for (const i of [0, 1]) {
            expect(Math.abs(nl.chargeCurrent[i] - lin.circuit.chargeCurrent[i])).toBeLessThanOrEqual((5 * e * e + solver) * uN);
            expect(Math.abs(nl.heatCurrent[i] - lin.circuit.heatCurrent[i])).toBeLessThanOrEqual((5 * e * e + solver) * uQ);
          }
          expect(Math.abs(nl.mu[2] - lin.circuit.mu[2])).toBeLessThanOrEqual((5 * e * e + solver) * kT0 + 4 * U * Math.abs(mu0));
          expect(Math.abs(nl.temperature[2] - lin.circuit.temperature[2])).toBeLessThanOrEqual((5 * e * e + solver) * T0 + 4 * U * T0);
          expect(nl.residual).toBeLessThanOrEqual(1e-10);
        },
      ),
      { numRuns: propertyRuns(24) },
    );
  });

  it('at zero bias every current is exactly 0 and the probe sits exactly at (μ0, T0), with no Newton step', () => {
    for (const role of ['VP', 'VTP', 'ER'] as const)
      for (const mu0 of [0, 0.4]) {
        const nl = solveNonlinear(prepareSystem(system(role, mu0, 0, 0)), { mu: mu0, temperature: T0 }, 'electronic');
        expect(Array.from(nl.particleCurrent).every((j) => j === 0)).toBe(true);
        expect(Array.from(nl.heatCurrent).every((j) => j === 0)).toBe(true);
        expect(nl.entropyProduction).toBe(0);
        expect(nl.mu[2]).toBe(mu0);
        expect(nl.temperature[2]).toBe(T0);
        expect(nl.iterations).toBe(0);
        expect(nl.residual).toBe(0);
      }
  });

  it('fermiDifference is f_b − f_a to a few ulps of itself, down to 1e-12 k_BT biases (against ½ sinh(−d/2)/(cosh(x_a/2) cosh(x_b/2)), also cancellation-free)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.double({ min: -12, max: 0, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (x, logEps, a, b) => {
          const eps = 10 ** logEps;
          const eA = x * kT0,
            muAB = a * eps * kT0,
            tAB = 0.5 * b * eps * T0;
          const kTa = K_B_EV * T0,
            kTb = K_B_EV * (T0 - tAB);
          const got = fermiDifference(eA, kTa, kTb, muAB, tAB, fermi(eA + muAB, 0, kTb), fermi(eA, 0, kTa), fermi(-eA, 0, kTa));
          // reference: f(x_b) − f(x_a) = ½[tanh(x_a/2) − tanh(x_b/2)],
          // evaluated as a product with the exact difference d = x_b − x_a (no cancellation either):
          // tanh(p) − tanh(q) = sinh(p − q)/(cosh p cosh q)
          const xa = eA / kTa,
            d = (eA * (K_B_EV * tAB) + muAB * kTa) / (kTa * kTb);
          const xb = xa + d;
          const want = (0.5 * Math.sinh(-d / 2)) / (Math.cosh(xa / 2) * Math.cosh(xb / 2));
          expect(Math.abs(got - want)).toBeLessThanOrEqual(4 * U * (4 + Math.abs(x)) * Math.abs(want) + 1e-300);
        },
      ),
      { numRuns: 300 },
    );
  });
});
