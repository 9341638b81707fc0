/**
 * Broken time reversal (docs/physics.md §12): the general relation for Ṡ_VP − Ṡ_VTP with
 * M(−B) = M(B)ᵀ, its reciprocal limit (paper Eq. 33), the Onsager–Casimir relation of the
 * effective (Schur) matrix, and its use by `probecheck report`. Tolerance 1e-10 of |Ṡ_VP − Ṡ_VTP|:
 * both Ṡ carry ~1e-15 relative rounding and their difference is ≥ 1e-4 of them here.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { localCoupling } from '../../src/numeric/coupling.js';
import { ring } from '../../src/numeric/hamiltonian.js';
import { prepareSystem, type TransportSystem } from '../../src/numeric/system.js';
import { prepareCircuit, type TerminalState } from '../../src/numeric/circuit.js';
import { schurEliminate } from '../../src/numeric/probes.js';
import { excessEntropy } from '../../src/numeric/entropy.js';
import { parseConfig } from '../../src/config.js';
import { systemReportData, RECIPROCITY_DEFECT_THRESHOLD } from '../../src/report/systemData.js';
import { uniform } from '../arbitraries.js';

const ref = { mu: 0.5, temperature: 300 };
function sys(flux: number, sites = 6, pSite = 4): TransportSystem {
  return {
    hamiltonian: ring(sites, -2.7, 0, flux),
    terminals: [
      { name: 'L', role: 'lead', mu: 0.505, temperature: 320, coupling: localCoupling(sites, [0], 0.5) },
      { name: 'R', role: 'lead', mu: 0.495, temperature: 290, coupling: localCoupling(sites, [2], 0.4) },
      { name: 'P', role: 'VP', coupling: localCoupling(sites, [pSite], 0.2) },
    ],
  };
}
const states = (role: 'VP' | 'VTP', TP?: number): TerminalState[] => [
  { name: 'L', role: 'lead', mu: 0.505, temperature: 320 },
  { name: 'R', role: 'lead', mu: 0.495, temperature: 290 },
  { name: 'P', role, temperature: TP },
];

describe('Ṡ_VP − Ṡ_VTP without reciprocity', () => {
  it('the general relation holds with flux; the reciprocal form (Eq. 33) only without', () => {
    fc.assert(
      fc.property(uniform(0.02, 0.45), uniform(270, 330), fc.integer({ min: 3, max: 5 }), (flux, TP, p) => {
        const o = prepareSystem(sys(flux, 7, p)).onsager(ref);
        const vp = prepareCircuit(states('VP', TP), ref, 'electronic').solve(o),
          vtp = prepareCircuit(states('VTP'), ref, 'electronic').solve(o);
        const e = excessEntropy(vp, vtp, [2]);
        expect(e.reciprocityDefect).toBeGreaterThan(RECIPROCITY_DEFECT_THRESHOLD);
        expect(Math.abs(e.direct - e.reciprocal - e.correction)).toBeLessThan(1e-10 * Math.abs(e.direct));
        const o0 = prepareSystem(sys(0, 7, p)).onsager(ref);
        const e0 = excessEntropy(
          prepareCircuit(states('VP', TP), ref, 'electronic').solve(o0),
          prepareCircuit(states('VTP'), ref, 'electronic').solve(o0),
          [2],
        );
        expect(e0.reciprocityDefect).toBeLessThan(RECIPROCITY_DEFECT_THRESHOLD);
        expect(Math.abs(e0.correction)).toBeLessThan(1e-10 * Math.abs(e0.direct));
        expect(Math.abs(e0.direct - e0.reciprocal)).toBeLessThan(1e-10 * Math.abs(e0.direct));
      }),
      { numRuns: 15 },
    );
  });

  it('with flux the VTP no longer minimises Ṡ: a VP slightly off T_P^VTP can produce less', () => {
    const o = prepareSystem(sys(0.1)).onsager(ref);
    const vtp = prepareCircuit(states('VTP'), ref, 'electronic').solve(o);
    const below = [-0.1, 0.1].map(
      (d) => prepareCircuit(states('VP', vtp.temperature[2] + d), ref, 'electronic').solve(o).entropyProduction - vtp.entropyProduction,
    );
    expect(Math.min(...below)).toBeLessThan(0);
    expect(Math.max(...below)).toBeGreaterThan(0);
  });

  it('Onsager–Casimir survives the Schur complement: M̃(B)ᵀ = M̃(−B) (VP eliminated)', () => {
    const m = 6;
    const M = (f: number) => prepareCircuit(states('VP', 300), ref, 'electronic').solve(prepareSystem(sys(f)).onsager(ref)).matrix;
    const a = schurEliminate(M(0.13), m, [2]).effective,
      b = schurEliminate(M(-0.13), m, [2]).effective;
    const k = 5;
    let s = 0;
    for (const v of a) s = Math.max(s, Math.abs(v));
    let asym = 0;
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        expect(Math.abs(a[i * k + j] - b[j * k + i])).toBeLessThan(1e-10 * s);
        asym = Math.max(asym, Math.abs(a[i * k + j] - a[j * k + i]));
      }
    expect(asym).toBeGreaterThan(1e-6 * s); // and M̃(B) itself is not symmetric (far beyond the 1e-10 above)
  });

  it('probecheck report (systemReportData) detects the flux and checks the general relation', () => {
    const parsed = parseConfig({
      hamiltonian: { model: 'ring', sites: 6, hopping: -2.7, flux: 0.1 },
      reference: { mu: 0.5, T: 300 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.505, T: 320 },
        { name: 'R', coupling: { sites: [2], gamma: 0.4 }, mu: 0.495, T: 290 },
        { name: 'P', probe: 'VP', coupling: { sites: [4], gamma: 0.2 } },
      ],
    });
    const d = systemReportData(parsed, [0.2, 0.5, 0.8], [0, 0.5]);
    expect(d.reciprocityDefect!).toBeGreaterThan(RECIPROCITY_DEFECT_THRESHOLD);
    expect(d.generalEq33Residual!).toBeLessThan(1e-10);
    expect(d.eq33Residual!).toBeGreaterThan(1e-4);
    expect(d.figures.find((f) => f.id === 'probes')!.notes.join(' ')).toMatch(/Broken time reversal/);
  });
});
