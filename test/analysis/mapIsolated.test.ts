/**
 * Probes on isolated sites (audit D10; docs/physics.md §15 "Isolated sites"). A probe on a site that
 * no path of non-zero hoppings connects to a lead has a zero Onsager row: μ_P, T_P are undetermined.
 * The closed form gives such a row as rounding noise (~u² of the circuit's scale), from which the
 * map used to write arbitrary μ/T (302.7 K at an isolated site). Criterion (circuit.ts
 * probeRowError): the relative error of the row from the rounding of G, 2u√(16 S_ref/S) + u²·16 S_ref/S;
 * at ≥ 1 the site is marked (NaN in the map, empty cells in the CSV, no disc in the SVG); below it the
 * value is kept and the estimate reported (CSV column probeError).
 *
 * Nearly isolated: a site coupled by a hopping t keeps its value, and the estimate is honest: the
 * weights L0_Pβ/Σ L0_P depend on t only at relative O(t²) (both ∝ t²), so the values at t and t/10
 * differ by at most (e(t) + e(t/10) + C t² + 1e-9) times the bias the weights weigh (1 meV + k_BT0·θ
 * for μ_P, T0·θ = 10 K for T_P); C = 100 eV⁻², 1e-9 for the solves and the closed form.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseConfig } from '../../src/config.js';
import { probeMap, probeMapTable } from '../../src/analysis/map.js';
import { mapSvg } from '../../src/analysis/mapSvg.js';
import { probeRowError } from '../../src/numeric/circuit.js';
import { prepareSystem } from '../../src/numeric/system.js';
import { localCoupling } from '../../src/numeric/coupling.js';

/** Sites 0–1–2 carry L (0) and R (2); 3–4 is a second component, joined to 2 by `t` (0: isolated); site 5 has no hopping. */
function config(t: number, probeSite = 1, role: 'VP' | 'VTP' = 'VTP') {
  const edges: Array<[number, number, number]> = [
    [0, 1, -1],
    [1, 2, -1],
    [3, 4, -1],
  ];
  if (t !== 0) edges.push([2, 3, t]);
  return parseConfig({
    hamiltonian: { edges, sites: 6 },
    reference: { mu: 0.1, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.101, T: 310 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.099, T: 290 },
      { name: 'P', probe: role, coupling: { sites: [probeSite], gamma: 0.1 } },
    ],
  });
}

describe('probe maps over isolated sites (audit D10)', () => {
  it('sites no lead reaches are marked (NaN, empty CSV cells, blank in the SVG), the connected ones keep their values', () => {
    const c = config(0);
    const map = probeMap(c.system, c.reference, c.circuit, 'P');
    for (const k of [3, 4, 5]) {
      expect(map.probeError[k]).not.toBeLessThan(1);
      for (const a of [map.muVP, map.muVTP, map.temperatureVTP, map.heatVP]) expect(a[k]).toBeNaN();
      expect(map.temperatureVP[k]).toBe(300); // the VP's fixed temperature
      // Ṡ is the circuit's without the probe, the same at every isolated site
      expect(Math.abs(map.entropyVTP[k] - map.entropyVTP[5])).toBeLessThanOrEqual(1e-12 * map.entropyVTP[5]);
      expect(Number.isFinite(map.entropyVP[k])).toBe(true);
    }
    for (const k of [0, 1, 2]) {
      expect(map.probeError[k]).toBeLessThan(1e-12);
      expect(Number.isFinite(map.muVTP[k]) && Number.isFinite(map.temperatureVTP[k])).toBe(true);
    }
    const layout = { x: [0, 1, 2, 3, 4, 5], y: [0, 0, 0, 0, 0, 0] };
    const table = probeMapTable(map, layout);
    expect(table.header.at(-1)).toBe('probeError'); // (rowError follows on the shared route)
    const col = (name: string) => table.header.indexOf(name);
    for (const k of [3, 4, 5]) for (const h of ['mu_VP', 'JQ_VP', 'mu_VTP', 'T_VTP', 'probeError']) expect(table.rows[k][col(h)]).toBeNull();
    for (const k of [0, 1, 2]) for (const h of ['mu_VP', 'JQ_VP', 'mu_VTP', 'T_VTP', 'probeError']) expect(typeof table.rows[k][col(h)]).toBe('number');
    const svg = mapSvg(c.system.hamiltonian, { ...layout, kind: 'lattice' } as never, map.sites, map.temperatureVTP, { title: 'T', centre: 300 });
    expect(svg).not.toMatch(/NaN/);
    expect(svg.match(/fill="none"><title>site \d: not determined/g)).toHaveLength(3);
  });

  it('a hopping below the rounding floor (1e-200, 1e-30) is isolated too, for the map and for solve (probeRowError ≥ 1)', () => {
    for (const t of [1e-200, 1e-30]) {
      const c = config(t);
      const map = probeMap(c.system, c.reference, c.circuit, 'P', { sites: [3, 4] });
      expect(Array.from(map.muVTP).every(Number.isNaN)).toBe(true);
      const moved = config(t, 4);
      expect(probeRowError(prepareSystem(moved.system).onsager(moved.reference), 2, [false, false, false], [0.5, 0.5, 0.1])).toBeGreaterThanOrEqual(1);
    }
  });

  it('a narrow probe (γ = 1e-25 eV) on connected sites is determined: its small row is ∝ γ, not noise', () => {
    const c = config(0);
    const narrow = { ...c.system, terminals: c.system.terminals.map((t, a) => (a === 2 ? { ...t, coupling: localCoupling(6, [1], 1e-25) } : t)) };
    const map = probeMap(narrow, c.reference, c.circuit, 'P', { sites: [0, 1, 2] });
    for (let k = 0; k < 3; k++) {
      expect(map.probeError[k]).toBeLessThan(1e-10);
      expect(Number.isFinite(map.temperatureVTP[k])).toBe(true);
    }
  });

  it('nearly isolated sites keep their values, with an error estimate that covers the difference to the t → 0 limit', () => {
    fc.assert(
      fc.property(fc.double({ min: -11, max: -3, noNaN: true }), fc.constantFrom<'VP' | 'VTP'>('VP', 'VTP'), (logT, role) => {
        const t = 10 ** logT;
        const a = config(t, 1, role),
          b = config(t / 10, 1, role);
        const ma = probeMap(a.system, a.reference, a.circuit, 'P', { sites: [3, 4] });
        const mb = probeMap(b.system, b.reference, b.circuit, 'P', { sites: [3, 4] });
        for (const k of [0, 1]) {
          const ea = ma.probeError[k],
            eb = mb.probeError[k];
          // determined down to t = 1e-12 (the floor is S ≈ 16 u² S_ref, t ≈ 1e-15)
          expect(ea).toBeLessThan(1);
          expect(eb).toBeLessThan(1);
          // the weights' relative error times the bias they weigh: μ offsets ≤ 1 meV, θ ≤ 10/300
          // (with k_BT0 for the thermoelectric terms); 1e-9 for the solves and the closed form
          const bound = ea + eb + 100 * t * t + 1e-9;
          const sMu = 0.001 + 0.02585 * (10 / 300),
            sT = 10;
          const mu = role === 'VP' ? ma.muVP[k] : ma.muVTP[k],
            muB = role === 'VP' ? mb.muVP[k] : mb.muVTP[k];
          expect(Math.abs(mu - muB), `μ_P at site ${k + 3}, t = ${t}`).toBeLessThanOrEqual(bound * sMu);
          if (role === 'VTP') expect(Math.abs(ma.temperatureVTP[k] - mb.temperatureVTP[k])).toBeLessThanOrEqual(bound * sT);
        }
      }),
      { numRuns: 16 },
    );
  });
});
