/**
 * Site coordinates for drawing a device (docs/physics.md §15): where each site of the built-in
 * lattices sits in the plane, in units of the bond length. Pure functions, no I/O.
 */

/** Planar coordinates of the sites (bond length 1) and how they were obtained. */
export interface SiteLayout {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** "lattice": the builder's geometry; "circle": no geometry known, sites on a circle in index order. */
  readonly kind: 'lattice' | 'circle';
}

/** The builder models of CONFIG.json's `hamiltonian`. */
export type LatticeModel =
  | { readonly model: 'benzene' }
  | { readonly model: 'ring'; readonly sites: number }
  | { readonly model: 'chain'; readonly sites: number }
  | { readonly model: 'graphene'; readonly rows: number; readonly cols: number };

/** N sites on a circle with unit bond length (index order, site 0 on the +x axis, counter-clockwise). */
export function circleLayout(sites: number): SiteLayout {
  const x = new Float64Array(sites),
    y = new Float64Array(sites);
  const radius = sites > 1 ? 1 / (2 * Math.sin(Math.PI / sites)) : 0;
  for (let j = 0; j < sites; j++) {
    x[j] = radius * Math.cos((2 * Math.PI * j) / sites);
    y[j] = radius * Math.sin((2 * Math.PI * j) / sites);
  }
  return { x, y, kind: 'circle' };
}

/**
 * Coordinates of a builder lattice: ring/benzene on a regular polygon, chain on a line, and the
 * brick-wall graphene flake of `grapheneFlake` unfolded into the honeycomb (site (r, c) at
 * x = c·√3/2, y = 1.5 r + ½ when r + c is even, so every bond has length 1).
 * Usage (runnable once the lead exports it from the package root; until then an internal module):
 * ```text
 * import { latticeLayout } from 'probecheck';
 * const { x, y } = latticeLayout({ model: 'graphene', rows: 2, cols: 3 });
 * console.log(x[1] - x[0], y[1] - y[0]); // 0.866…, −0.5: a bond of length 1
 * ```
 */
export function latticeLayout(m: LatticeModel): SiteLayout {
  switch (m.model) {
    case 'benzene':
      return { ...circleLayout(6), kind: 'lattice' };
    case 'ring':
      return { ...circleLayout(m.sites), kind: 'lattice' };
    case 'chain': {
      const x = Float64Array.from({ length: m.sites }, (_, j) => j);
      return { x, y: new Float64Array(m.sites), kind: 'lattice' };
    }
    case 'graphene': {
      const n = m.rows * m.cols;
      const x = new Float64Array(n),
        y = new Float64Array(n);
      for (let r = 0; r < m.rows; r++) {
        for (let c = 0; c < m.cols; c++) {
          const i = r * m.cols + c;
          x[i] = (c * Math.sqrt(3)) / 2;
          y[i] = 1.5 * r + ((r + c) % 2 === 0 ? 0.5 : 0);
        }
      }
      return { x, y, kind: 'lattice' };
    }
  }
}
