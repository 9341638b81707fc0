/**
 * The shared coherent-limit route of probeMap on the sparse path (N ≥ 300, docs/physics.md §15)
 * against an independent solveSystem of the moved system at a few sites.
 */
import { describe, it, expect } from 'vitest';
import { chain } from '../../src/numeric/hamiltonian.js';
import { localCoupling } from '../../src/numeric/coupling.js';
import { prepareSystem, solveSystem, withProbeModel, type TransportSystem } from '../../src/numeric/system.js';
import { probeMap } from '../../src/analysis/map.js';

const N = 320,
  T0 = 300,
  ref = { mu: 0.3, temperature: T0 };
const sys: TransportSystem = {
  hamiltonian: chain(N, -1),
  terminals: [
    { name: 'L', role: 'lead', mu: 0.302, temperature: 320, coupling: localCoupling(N, [0], 0.6) },
    { name: 'R', role: 'lead', mu: 0.3, temperature: 290, coupling: localCoupling(N, [N - 1], 0.4) },
    { name: 'P', role: 'VTP', test: true, coupling: localCoupling(N, [7], 1) },
  ],
};

describe('probe map, coherent-limit probe on the sparse path', () => {
  it('matches solveSystem with the probe moved (quadratures at rtol 1e-12: agreement 1e-8 of the deviations)', () => {
    expect(prepareSystem(sys).path).toBe('sparse');
    const sites = [3, 160];
    const map = probeMap(sys, ref, 'electronic', 'P', { sites });
    sites.forEach((s, k) => {
      const at: TransportSystem = { ...sys, terminals: sys.terminals.map((t) => (t.name === 'P' ? { ...t, coupling: localCoupling(N, [s], 1) } : t)) };
      const vtp = solveSystem(withProbeModel(at, 'VTP'), ref, 'electronic').circuit;
      // (the VP variant shares the same Onsager set; test/analysis/map.test.ts checks it against solveSystem)
      // two adaptive quadratures with different meshes (the map integrates every site's row at once): each
      // meets rtol 1e-12 of L^(0); the deviations (T_P − T0 ~ 10 K, μ_P − μ0 ~ mV) agree to 1e-8 of their size
      expect(Math.abs(map.temperatureVTP[k] - vtp.temperature[2])).toBeLessThan(1e-8 * 20);
      expect(Math.abs(map.muVTP[k] - vtp.mu[2])).toBeLessThan(1e-8 * 0.002);
      expect(Math.abs(map.temperatureVTP[k] - T0)).toBeGreaterThan(1e-3);
      // Ṡ needs the unmoved block (lead–lead coefficients) as well
      expect(Math.abs(map.entropyVTP[k] - vtp.entropyProduction)).toBeLessThan(1e-8 * vtp.entropyProduction);
      expect(map.heatVP[k]).toBe(0);
    });
  }, 60_000);
});
