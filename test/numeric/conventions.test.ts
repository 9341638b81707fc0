/**
 * Sign conventions and units (docs/physics.md §11): the reported thermopower is the paper's Eq. 31,
 * which for two terminals equals +L1/(e T0 L0) — the opposite sign of the textbook −L1/(e T0 L0) —
 * and the one h·J → SI conversion (src/model/units.ts) with the spin factor.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { localCoupling } from '../../src/numeric/coupling.js';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { solveSystem, type TransportSystem } from '../../src/numeric/system.js';
import { H_EV_S, E_CHARGE } from '../../src/numeric/constants.js';
import { particleCurrentSI, chargeCurrentSI, heatCurrentSI, entropyProductionSI, spinProblem } from '../../src/model/units.js';
import { ROLES, PROBE_MODELS, isTestProbe, solvedVariables } from '../../src/model/probeModels.js';
import { uniform } from '../arbitraries.js';

describe('conventions', () => {
  it('two-terminal thermopower S = −(μ_R − μ_L)/(e ΔT) = +L1/(e T0 L0) (opposite to the textbook sign)', () => {
    fc.assert(
      fc.property(uniform(-2, 2), fc.integer({ min: 1, max: 3 }), (mu0, r) => {
        const sys: TransportSystem = {
          hamiltonian: benzene(-2.64),
          terminals: [
            { name: 'L', role: 'lead', mu: mu0, temperature: 301, coupling: localCoupling(6, [0], 0.5) },
            { name: 'R', role: 'lead', temperature: 299, coupling: localCoupling(6, [r], 0.3) },
          ],
        };
        const s = solveSystem(sys, { mu: mu0, temperature: 300 }, 'thermal');
        const textbook = -s.onsager.L1[1] / (300 * s.onsager.L0[1]); // V/K (L in eV: L1/L0 in volts·e)
        expect(Math.abs(s.circuit.seebeck! + textbook)).toBeLessThan(1e-10 * Math.abs(textbook) + 1e-300);
      }),
      { numRuns: 15 },
    );
  });

  it('units: J^N = s·hJ/h, I = −e J^N, J^Q in W, Ṡ in W/K; spin must be 1 or 2', () => {
    expect(particleCurrentSI(H_EV_S)).toBe(1);
    expect(particleCurrentSI(H_EV_S, 2)).toBe(2);
    expect(chargeCurrentSI(H_EV_S, 2)).toBe(-2 * E_CHARGE);
    expect(heatCurrentSI(H_EV_S)).toBeCloseTo(E_CHARGE, 30);
    expect(entropyProductionSI(H_EV_S * 300, 300, 2)).toBeCloseTo(2 * E_CHARGE, 30);
    expect(spinProblem(1)).toBeNull();
    expect(spinProblem(3)).toMatch(/1 or 2/);
  });

  it('the probe-model table: what each role fixes and solves, and the coherent-limit test', () => {
    expect(PROBE_MODELS).toEqual(['VP', 'VTP', 'ER']);
    expect(solvedVariables('VP', 'electronic', false)).toEqual({ mu: true, temperature: false });
    expect(solvedVariables('VTP', 'electronic', false)).toEqual({ mu: true, temperature: true });
    expect(solvedVariables('ER', 'electronic', false)).toEqual({ mu: false, temperature: false });
    expect(solvedVariables('lead', 'thermal', false)).toEqual({ mu: true, temperature: false });
    expect(solvedVariables('lead', 'thermal', true)).toEqual({ mu: false, temperature: false });
    expect(ROLES.ER.mu).toBe('energy-resolved');
    expect(isTestProbe({ role: 'lead', test: true })).toBe(false);
    expect(isTestProbe({ role: 'ER', test: true })).toBe(true);
  });
});
