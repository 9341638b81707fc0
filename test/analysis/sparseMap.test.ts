/**
 * Probe maps of systems held in sparse form only (a config above the dense limit, or parsed with
 * `sparse: true`; docs/physics.md §14–15): the shared thermometer route and the per-site route must
 * give the map of the same system held densely. Second route: the same config parsed densely
 * (every size here is below the dense limit). Tolerances: both go through the sparse quadrature
 * with the map's rtol (1e-6 of each row's scale for the shared route, the default Onsager rtol per
 * site), so the deviations T_P − T0, μ_P − μ0 and the VP heat current agree to 1e-5 of their largest
 * magnitude over the map (10× the quadrature's stated tolerance: two independent adaptive runs).
 * The heat-map SVG draws the same bonds from the sparse H as from the dense one (identical text).
 */
import { describe, it, expect } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { probeMap } from '../../src/analysis/map.js';
import { mapSvg } from '../../src/analysis/mapSvg.js';
import { configLayout } from '../../src/cli/commands/map.js';
import { isUnallocated } from '../../src/numeric/unallocated.js';

/** A 16 × 20 brick-wall flake (320 sites, the sparse path's minimum is 300) as edges with bond disorder and on-site energies. */
function disorderedFlake() {
  const rows = 16,
    cols = 20,
    edges: Array<[number, number, number]> = [];
  let k = 0;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) edges.push([i, i + 1, -2.7 + 0.2 * Math.sin(1.7 * k++)]);
      if (r + 1 < rows && (r + c) % 2 === 0) edges.push([i, i + cols, -2.7 + 0.2 * Math.sin(1.7 * k++)]);
    }
  const onsite = Array.from({ length: rows * cols }, (_, i) => 0.15 * Math.cos(2.3 * i));
  return { sites: rows * cols, edges, onsite };
}

function config(hamiltonian: Record<string, unknown>, n: number, probeGamma: number, T = 300) {
  return {
    hamiltonian,
    reference: { mu: 0.1, T },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.1001, T: T + 2 },
      { name: 'R', coupling: { sites: [n - 1], gamma: 0.5 }, mu: 0.0999, T: T - 2 },
      { name: 'P', probe: 'VTP', coupling: { sites: [n >> 1], gamma: probeGamma } },
    ],
  };
}

function maxAbs(xs: ArrayLike<number>, shift = 0): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, Math.abs(xs[i] - shift));
  return m;
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, shift: number, what: string, zero = false) {
  const scale = Math.max(maxAbs(a, shift), maxAbs(b, shift));
  // (a test probe's own heat current is exactly 0 on both routes)
  if (zero) expect(scale, what).toBe(0);
  else expect(scale, what).toBeGreaterThan(0);
  for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k]), `${what} at entry ${k}`).toBeLessThanOrEqual(1e-5 * scale);
}

describe('maps of sparse-only systems', () => {
  const h = disorderedFlake();
  // (the per-site route runs one sparse Onsager quadrature per site: one site at 30 K, where the
  // Fermi window holds few levels, keep it to seconds)
  for (const [route, gamma, sites, T] of [
    ['shared thermometer route (γ = 0)', 0, undefined, 300],
    ['per-site route (finite γ)', 0.05, [160], 30],
  ] as const) {
    it(`${route}: the map of the dense-held system`, () => {
      const raw = config(h, h.sites, gamma, T);
      const dense = parseConfig(raw),
        sparse = parseConfig(raw, { sparse: true });
      expect(isUnallocated(sparse.system.hamiltonian)).toBe(true);
      const ref = { mu: 0.1, temperature: T };
      const a = probeMap(dense.system, ref, 'electronic', 'P', { sites: sites ? [...sites] : undefined });
      const b = probeMap(sparse.system, ref, 'electronic', 'P', { sites: sites ? [...sites] : undefined });
      expect(b.route).toBe(a.route);
      // γ from the sparse channel w = √γ: |w|² within 2 roundings of γ
      expect(Math.abs(b.gamma - a.gamma)).toBeLessThanOrEqual(4 * 2 ** -53 * a.gamma);
      expectClose(a.temperatureVTP, b.temperatureVTP, T, 'T_P − T0 (VTP)');
      expectClose(a.muVP, b.muVP, 0.1, 'μ_P − μ0 (VP)');
      expectClose(a.heatVP, b.heatVP, 0, 'VP heat current', gamma === 0);
    }, 120_000);
  }

  it('the heat-map SVG draws the same bonds from the sparse H', () => {
    const raw = config({ model: 'graphene', rows: 6, cols: 8, hopping: -2.7 }, 48, 0);
    const dense = parseConfig(raw),
      sparse = parseConfig(raw, { sparse: true });
    const layout = configLayout(dense);
    const sites = Array.from({ length: 48 }, (_, s) => s),
      values = sites.map((s) => 300 + 1e-3 * Math.sin(s));
    const opts = { title: 'T_P (VTP) [K]', centre: 300 };
    const svgDense = mapSvg(dense.system.hamiltonian, layout, sites, values, opts);
    expect(sparse.system.sparseHamiltonian).toBeDefined();
    const svgSparse = mapSvg(sparse.system.sparseHamiltonian!, configLayout(sparse), sites, values, opts);
    expect(svgSparse).toBe(svgDense);
    expect((svgDense.match(/<line /g) ?? []).length).toBeGreaterThan(40);
  });
});
