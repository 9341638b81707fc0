/**
 * Tight-binding Hamiltonians (docs/physics.md §2, paper Eq. 4). Energies in eV.
 *
 * Every builder returns a Hermitian {@link CMatrix}; sites are 0-based. A complex hopping
 * t_ij = |t| e^{iθ} on the bond i→j means H[j][i] = t_ij and H[i][j] = conj(t_ij) (Peierls phase θ).
 */
import { type CMatrix, cmatrix, cmatrixFrom } from './linalg.js';

/** A complex number as a plain pair. */
export interface Complex {
  re: number;
  im: number;
}

/** One bond of an edge list: sites i, j and the hopping t (eV) from i to j (H[j][i] = t). */
export type Edge = readonly [number, number, number | Complex];

/** H from an explicit matrix (real, or real and imaginary parts). Hermiticity is checked by the config layer. */
export function hamiltonianFromMatrix(re: ArrayLike<ArrayLike<number>>, im?: ArrayLike<ArrayLike<number>>): CMatrix {
  return cmatrixFrom(re, im);
}

/**
 * H from an edge list.
 * @param sites number of sites N
 * @param edges bonds (i, j, t): H[j][i] += t, H[i][j] += conj(t)
 * @param onsite on-site energy ε (eV), one for all sites or one per site
 */
export function hamiltonianFromEdges(sites: number, edges: readonly Edge[], onsite: number | readonly number[] = 0): CMatrix {
  const h = cmatrix(sites, sites);
  for (let i = 0; i < sites; i++) h.re[i * sites + i] = typeof onsite === 'number' ? onsite : onsite[i];
  for (const [i, j, t] of edges) {
    const tr = typeof t === 'number' ? t : t.re;
    const ti = typeof t === 'number' ? 0 : t.im;
    h.re[j * sites + i] += tr;
    h.im[j * sites + i] += ti;
    h.re[i * sites + j] += tr;
    h.im[i * sites + j] -= ti;
  }
  return h;
}

/** The bonds of an N-site ring threaded by a flux Φ (flux quanta): bond j → j+1 carries the Peierls phase 2πΦ/N. */
export function ringEdges(sites: number, hopping: number, flux = 0): Edge[] {
  const theta = (2 * Math.PI * flux) / sites;
  const edges: Edge[] = [];
  for (let j = 0; j < sites; j++) {
    edges.push([j, (j + 1) % sites, { re: hopping * Math.cos(theta), im: hopping * Math.sin(theta) }]);
  }
  return sites === 2 ? edges.slice(0, 1) : edges;
}

/** The bonds of an open N-site chain. */
export function chainEdges(sites: number, hopping: number): Edge[] {
  const edges: Edge[] = [];
  for (let j = 0; j + 1 < sites; j++) edges.push([j, j + 1, hopping]);
  return edges;
}

/**
 * A ring of N sites with nearest-neighbour hopping t, threaded by a flux Φ (in flux quanta):
 * each bond j → j+1 carries the Peierls phase 2πΦ/N.
 */
export function ring(sites: number, hopping: number, onsite = 0, flux = 0): CMatrix {
  return hamiltonianFromEdges(sites, ringEdges(sites, hopping, flux), onsite);
}

/** An open chain of N sites with nearest-neighbour hopping t. */
export function chain(sites: number, hopping: number, onsite = 0): CMatrix {
  return hamiltonianFromEdges(sites, chainEdges(sites, hopping), onsite);
}

/**
 * Hückel benzene: a 6-site ring (paper §II.1). Site 0 ↔ carbon 1 of the paper; meta = (0, 2),
 * para = (0, 3). Default t = −2.64 eV is a parameter (docs/physics.md §2), not a constant.
 */
export function benzene(hopping = -2.64, onsite = 0): CMatrix {
  return ring(6, hopping, onsite);
}

/**
 * A rectangular honeycomb (graphene) flake in the brick-wall representation: `rows × cols`
 * sites, site (r, c) ↦ index r·cols + c, horizontal bonds along each row and vertical bonds
 * between (r, c) and (r+1, c) when r + c is even. Every interior site has three neighbours, as on
 * the honeycomb lattice (the brick wall is topologically identical to it).
 */
export function grapheneFlake(rows: number, cols: number, hopping = -2.7, onsite = 0): CMatrix {
  return hamiltonianFromEdges(rows * cols, grapheneEdges(rows, cols, hopping), onsite);
}

/** The bonds of {@link grapheneFlake} (brick wall, site (r, c) ↦ r·cols + c). */
export function grapheneEdges(rows: number, cols: number, hopping = -2.7): Edge[] {
  const edges: Edge[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) edges.push([i, i + 1, hopping]);
      if (r + 1 < rows && (r + c) % 2 === 0) edges.push([i, i + cols, hopping]);
    }
  }
  return edges;
}

/** Complex conjugate H* (time reversal; for a Peierls Hamiltonian this reverses the field B → −B). */
export function conjugateHamiltonian(h: CMatrix): CMatrix {
  return { rows: h.rows, cols: h.cols, re: Float64Array.from(h.re), im: h.im.map((v) => -v) };
}

/**
 * Which sites a lead reaches (1) through non-zero hoppings of H and through terminals' couplings (a
 * terminal joins all the sites it couples to, so one probe may reach the leads through another):
 * union–find over sites and terminals; O(N²) over a dense H, O(nnz) over a sparse one. A probe on
 * a site that no lead reaches has undetermined μ_P, T_P (docs/physics.md §4, §15). The one home of
 * that test: the config check and the probe map use it.
 * @param terminalSites the sites each terminal couples to; `isLead` marks the leads
 */
export function leadReachedSites(
  h:
    | CMatrix
    | {
        readonly n: number;
        readonly rowPtr: ArrayLike<number>;
        readonly col: ArrayLike<number>;
        readonly re: ArrayLike<number>;
        readonly im: ArrayLike<number>;
      },
  terminalSites: ReadonlyArray<readonly number[]>,
  isLead: readonly boolean[],
): Uint8Array {
  const sparse = 'rowPtr' in h;
  const n = sparse ? h.n : h.rows,
    m = n + terminalSites.length;
  const parent = Int32Array.from({ length: m }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const join = (i: number, j: number) => {
    const a = find(i),
      b = find(j);
    if (a !== b) parent[a] = b;
  };
  if (sparse) {
    for (let i = 0; i < n; i++) for (let p = h.rowPtr[i]; p < h.rowPtr[i + 1]; p++) if (h.col[p] !== i && (h.re[p] !== 0 || h.im[p] !== 0)) join(i, h.col[p]);
  } else for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (h.re[i * n + j] !== 0 || h.im[i * n + j] !== 0) join(i, j);
  terminalSites.forEach((ss, a) => {
    for (const s of ss) join(n + a, s);
  });
  const roots = new Set<number>();
  isLead.forEach((l, a) => {
    if (l) roots.add(find(n + a));
  });
  return Uint8Array.from({ length: n }, (_, i) => (roots.has(find(i)) ? 1 : 0));
}
