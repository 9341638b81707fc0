/**
 * The thermopower of the linear thermal circuit (docs/physics.md §5 "Thermopower", paper Eq. 31;
 * audit D11): a property of the circuit, reported at T_L = T_R too (it was null there, which `scan`
 * wrote as an empty cell that `compare` rejects). Two routes: the ratio −(μ_R − μ_L)/(e(T_R − T_L))
 * at the configured bias, and the bias-independent coefficient `seebeckCoefficient` (the circuit
 * solved for θ_L = −½, θ_R = +½). They meet whenever the ratio itself is bias-independent: with
 * only two held temperatures (VTP probes), or with every other held temperature (a VP's T) at the
 * mean of T_L and T_R. Two terminals: S = +L1/(e T0 L0) (§11). Tolerance: both routes solve the
 * same 1–3 unknowns (κ(M_UU) ≲ 1e4 on these systems), 1e-9 relative of max(|S|, the scale
 * |L1|/(T0 L0) of the coefficients).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { poleExpansion } from '../../src/numeric/poles.js';
import { onsagerClosedForm, type Onsager } from '../../src/numeric/onsager.js';
import { seebeckCoefficient, solveCircuit, type TerminalState } from '../../src/numeric/circuit.js';
import { circuitColumns, circuitKernel, physicalMatrixInto } from '../../src/numeric/circuitKernels.js';
import { K_B_EV } from '../../src/numeric/constants.js';
import { benzene } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { prepareSystem, solveSystem, type TransportSystem } from '../../src/numeric/system.js';
import { solveNonlinear } from '../../src/numeric/nonlinear.js';
import { systemArb, uniform } from '../arbitraries.js';

const T0 = 300;

/** The natural scale of S: max |L1_αβ| / (T0 max |L0_αβ|) (V/K). */
function sScale(o: Onsager): number {
  let l0 = 0,
    l1 = 0;
  for (let i = 0; i < o.L0.length; i++) {
    l0 = Math.max(l0, Math.abs(o.L0[i]));
    l1 = Math.max(l1, Math.abs(o.L1[i]));
  }
  return l1 / (T0 * l0) + 1e-300;
}

function thermal(n: number, tL: number, tR: number, probes: ReadonlyArray<'VP' | 'VTP'>, vpT: number, mu = 0): TerminalState[] {
  return Array.from({ length: n }, (_, a): TerminalState => {
    if (a === 0) return { name: 'L', role: 'lead', mu, temperature: tL };
    if (a === 1) return { name: 'R', role: 'lead', temperature: tR };
    return probes[a - 2] === 'VP' ? { name: `P${a}`, role: 'VP', temperature: vpT } : { name: `P${a}`, role: 'VTP' };
  });
}

describe('thermopower of the linear thermal circuit (audit D11)', () => {
  it('the ratio at the configured bias equals the bias-independent coefficient (VTP probes; a VP at the mean of T_L, T_R)', () => {
    fc.assert(
      fc.property(
        systemArb({ minTerminals: 2, maxTerminals: 4 }),
        fc.array(fc.constantFrom<'VP' | 'VTP'>('VP', 'VTP'), { minLength: 2, maxLength: 2 }),
        uniform(-1.5, 1.5),
        uniform(-40, 40),
        uniform(-40, 40),
        (s, probes, mu0, dL, dR) => {
          fc.pre(Math.abs(dL - dR) > 1e-3);
          const n = s.couplings.length;
          const ref = { mu: mu0, temperature: T0 };
          const o = onsagerClosedForm(poleExpansion(s.h, s.couplings), mu0, K_B_EV * T0);
          const tL = T0 + dL,
            tR = T0 + dR;
          const terms = thermal(n, tL, tR, probes, (tL + tR) / 2, mu0);
          const ratio = solveCircuit(o, terms, ref, 'thermal').seebeck!;
          const coef = seebeckCoefficient(o, terms, ref);
          expect(Math.abs(ratio - coef)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(coef), sScale(o)));
          // T_L = T_R (any common temperature): the coefficient, never null
          const eq = solveCircuit(o, thermal(n, tL, tL, probes, tL, mu0), ref, 'thermal').seebeck;
          expect(eq).not.toBeNull();
          expect(Math.abs(eq! - coef)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(coef), sScale(o)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('two terminals: S = +L1/(e T0 L0) at T_L = T_R and at any ΔT (docs/physics.md §11)', () => {
    fc.assert(
      fc.property(systemArb({ minTerminals: 2, maxTerminals: 2 }), uniform(-2, 2), uniform(-30, 30), (s, mu0, d) => {
        const ref = { mu: mu0, temperature: T0 };
        const o = onsagerClosedForm(poleExpansion(s.h, s.couplings), mu0, K_B_EV * T0);
        // J^N_R = 0: L0_RL (μ_L − μ_R) + L1_RL (T_L − T_R)/T0 = 0; μ in eV, so eV/K = V/K per e
        const closed = o.L1[2] / (T0 * o.L0[2]);
        for (const tR of [T0, T0 + d]) {
          const terms: TerminalState[] = [
            { name: 'L', role: 'lead', mu: mu0, temperature: T0 },
            { name: 'R', role: 'lead', temperature: tR },
          ];
          const S = solveCircuit(o, terms, ref, 'thermal').seebeck!;
          expect(Math.abs(S - closed)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(closed), sScale(o)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the scan kernels report the same coefficient at T_L = T_R (no NaN, no empty cell), with a VP held at T0', () => {
    fc.assert(
      fc.property(systemArb({ minTerminals: 3, maxTerminals: 3 }), fc.constantFrom<'VP' | 'VTP'>('VP', 'VTP'), uniform(-1, 1), (s, role, mu0) => {
        const ref = { mu: mu0, temperature: T0 };
        const o = onsagerClosedForm(poleExpansion(s.h, s.couplings), mu0, K_B_EV * T0);
        const terms = thermal(3, T0, T0, [role], T0, mu0);
        const general = solveCircuit(o, terms, ref, 'thermal').seebeck!;
        const k = circuitKernel(terms, ref, 'thermal');
        const cols = circuitColumns('thermal', k.terminals, 1);
        const M = physicalMatrixInto(o.L0, o.L1, o.L2, 0, 3, k.test, new Float64Array(36));
        if (!k.solveInto(M, mu0, cols, 0)) return; // handed over: the general path is the answer
        expect(Number.isFinite(cols.seebeck[0])).toBe(true);
        expect(Math.abs(cols.seebeck[0] - general)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(general), sScale(o)));
      }),
      { numRuns: 60 },
    );
  });

  it('the coefficient is the limit of the ratio along T_L,R = T0 ∓ ΔT/2 (the paper’s VP at T0 = the mean)', () => {
    const sys: TransportSystem = {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead', mu: 1, temperature: T0, coupling: localCoupling(6, [0], 0.5) },
        { name: 'R', role: 'lead', temperature: T0, coupling: localCoupling(6, [2], 0.5) },
        { name: 'P', role: 'VP', temperature: T0, coupling: localCoupling(6, [3], 0.05) },
      ],
    };
    const ref = { mu: 1, temperature: T0 };
    const at0 = solveSystem(sys, ref, 'thermal').circuit.seebeck!;
    for (const dT of [1e-6, 1, 20]) {
      const biased = { ...sys, terminals: sys.terminals.map((t, a) => (a < 2 ? { ...t, temperature: T0 + (a === 0 ? dT / 2 : -dT / 2) } : t)) };
      const S = solveSystem(biased, ref, 'thermal').circuit.seebeck!;
      expect(Math.abs(S - at0)).toBeLessThanOrEqual(1e-9 * Math.abs(at0));
    }
  });

  it('nonlinear response at T_L = T_R: seebeck is null with the reason stated (not a silent null)', () => {
    const sys: TransportSystem = {
      hamiltonian: benzene(-2.64),
      terminals: [
        { name: 'L', role: 'lead', mu: 1, temperature: T0, coupling: localCoupling(6, [0], 0.5) },
        { name: 'R', role: 'lead', temperature: T0, coupling: localCoupling(6, [2], 0.5) },
        { name: 'P', role: 'VTP', coupling: localCoupling(6, [3], 0.05) },
      ],
    };
    const r = solveNonlinear(prepareSystem(sys), { mu: 1, temperature: T0 }, 'thermal');
    expect(r.seebeck).toBeNull();
    expect(r.seebeckReason).toMatch(/^T_R = T_L: at finite bias S = .* defined only for T_R ≠ T_L/);
    const biased = { ...sys, terminals: sys.terminals.map((t, a) => (a === 0 ? { ...t, temperature: T0 + 5 } : t)) };
    const b = solveNonlinear(prepareSystem(biased), { mu: 1, temperature: T0 }, 'thermal');
    expect(b.seebeck).not.toBeNull();
    expect(b.seebeckReason).toBeUndefined();
  });
});
