/**
 * ER probes on the sparse path (docs/physics.md §8, §14): the energy-by-energy elimination over the
 * sparse engine's T_αβ(E) against the same elimination over the dense eigen-decomposition engine,
 * on a disordered 400-site chain (above SPARSE_MIN_SITES, so `prepareSystem` takes the sparse path)
 * at 30 K, and the circuit it gives: the ER probe draws no heat, Ṡ_ER ≤ Ṡ_VTP ≤ Ṡ_VP.
 *
 * Tolerance of the two routes: each quadrature meets rtol 1e-12 per coefficient against
 * (k_BT0)^ν max|L^(0)| and reports its error; the engines differ by their rounding (sparse LU with a
 * measured backward error ≤ 1e-13 against eigenvectors, ~1e-12 relative in the band). The bound is
 * both reported errors plus 1e-9 of the natural scale, the Onsager-level tolerance of
 * energyResolved.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { energyResolvedElimination, onsagerEnergyResolved, type ErOnsager } from '../../src/numeric/energyResolved.js';
import { transmissionEngine } from '../../src/numeric/transmission.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { chain } from '../../src/numeric/hamiltonian.js';
import { prepareSystem, solveSystem, withProbeModel, type TransportSystem } from '../../src/numeric/system.js';
import { K_B_EV } from '../../src/numeric/constants.js';

const N = 400;
const T0 = 30;
const kT = K_B_EV * T0;
const mu0 = 0.3;

/** A chain with seeded on-site disorder (so T_PL/T_PR is not constant and ER ≠ VTP). */
function disorderedChain(): TransportSystem {
  const h = chain(N, -1);
  let s = 12345;
  for (let i = 0; i < N; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    h.re[i * N + i] = 0.4 * (s / 2 ** 31 - 0.5);
  }
  return {
    hamiltonian: h,
    terminals: [
      { name: 'L', role: 'lead', mu: mu0 + 1e-4, temperature: T0 + 1, coupling: localCoupling(N, [0], 0.5) },
      { name: 'R', role: 'lead', mu: mu0 - 1e-4, temperature: T0 - 1, coupling: localCoupling(N, [N - 1], 0.5) },
      { name: 'P', role: 'ER', coupling: localCoupling(N, [123], 0.1) },
    ],
  };
}

describe('ER probe on the sparse path', () => {
  const system = disorderedChain();
  const prepared = prepareSystem(system);
  const sparse = prepared.onsager({ mu: mu0, temperature: T0 }) as ErOnsager;

  it('is taken by prepareSystem (N ≥ SPARSE_MIN_SITES) and agrees with the dense engine route', () => {
    expect(prepared.path).toBe('sparse');
    expect(sparse.method).toBe('sparse-quadrature');
    expect(sparse.methodReason).toMatch(/energy-resolved/);
    expect(sparse.converged).toBe(true);
    const couplings = system.terminals.map((t) => t.coupling);
    const dense = transmissionEngine(system.hamiltonian, couplings);
    const elim = energyResolvedElimination(3, [2], [false, false, false]);
    const ref = onsagerEnergyResolved(dense, elim, mu0, kT, { resonances: dense.resonances });
    expect(ref.converged).toBe(true);
    let max0 = 0;
    for (const v of ref.L0) max0 = Math.max(max0, Math.abs(v));
    expect(max0).toBeGreaterThan(1e-3); // the window holds transmitting levels: a test with content
    const worst: string[] = [];
    for (const [nu, key] of (['L0', 'L1', 'L2'] as const).entries()) {
      for (let ab = 0; ab < 9; ab++) {
        const d = Math.abs(sparse[key][ab] - ref[key][ab]);
        const tol = sparse.error[key][ab] + ref.error[key][ab] + 1e-9 * kT ** nu * max0;
        if (!(d <= tol)) worst.push(`${key}[${ab}]: sparse ${sparse[key][ab]} dense ${ref[key][ab]} (|Δ| ${d.toExponential(2)} > ${tol.toExponential(2)})`);
      }
    }
    // the ER probe's moments A^ν_Pβ (row P = 2), against their own scale (Σ_β A0_Pβ = 1)
    for (const [nu, key] of (['A0', 'A1', 'A2'] as const).entries())
      for (let b = 0; b < 3; b++) {
        const i = 2 * 3 + b;
        const d = Math.abs(sparse.energyResolved[key][i] - ref.energyResolved[key][i]);
        if (!(d <= 1e-9 * kT ** nu)) worst.push(`${key}[P,${b}]: |Δ| ${d.toExponential(2)}`);
      }
    expect(worst, worst.join('\n')).toEqual([]);
  });

  it('its circuit: no heat into the ER probe, particle conservation, Ṡ_ER ≤ Ṡ_VTP ≤ Ṡ_VP', () => {
    const reference = { mu: mu0, temperature: T0 };
    const er = solveSystem(prepared, reference, 'electronic').circuit;
    const vtp = solveSystem(withProbeModel(system, 'VTP'), reference, 'electronic').circuit;
    const vp = solveSystem(withProbeModel(system, 'VP'), reference, 'electronic').circuit;
    const scaleQ = Math.max(...Array.from(er.heatCurrent, Math.abs));
    expect(scaleQ).toBeGreaterThan(0);
    // §8: J^Q_P = ∫ (E − μ_P) i_P = 0 for one ER probe; rounding of the leads' largest heat current
    expect(Math.abs(er.heatCurrent[2])).toBeLessThanOrEqual(1e-9 * scaleQ);
    const scaleI = Math.max(...Array.from(er.chargeCurrent, Math.abs));
    expect(Math.abs(er.chargeCurrent.reduce((x, y) => x + y, 0))).toBeLessThanOrEqual(1e-9 * scaleI);
    // Ṡ ordering (docs/physics.md §8), with the rounding of Ṡ_VP (relative 1e-9) as slack
    const slack = 1e-9 * vp.entropyProduction;
    expect(er.entropyProduction).toBeLessThanOrEqual(vtp.entropyProduction + slack);
    expect(vtp.entropyProduction).toBeLessThanOrEqual(vp.entropyProduction + slack);
    // the disorder makes T_PL/T_PR energy-dependent: ER differs from VTP by more than rounding
    expect(vtp.entropyProduction - er.entropyProduction).toBeGreaterThan(1e-6 * vtp.entropyProduction);
  });
});
