/**
 * Sparse Hamiltonians and a sparse direct solver for large devices (docs/physics.md §14): the
 * retarded Green's function columns G(z) W = (z − H + (i/2) Σ_s Γ^s)⁻¹ W at one energy z by a
 * multifrontal LU factorisation over a nested-dissection ordering, our own implementation.
 *
 * Why this scheme: for a d-dimensional lattice of N sites, nested dissection keeps the fill and
 * the work of the factorisation at O(N log N) and O(N^{3/2}) in 2D (O(N) for chains and ribbons of
 * fixed width), against O(N³) for the dense eigen-decomposition the closed form needs. The
 * ordering and the symbolic structure (fronts, index maps) are built once per sparsity pattern;
 * each energy costs one numeric factorisation (dense LU of the fronts, split real/imaginary
 * Float64Arrays, no allocation) and one forward/backward solve per right-hand side.
 *
 * Pivoting and accuracy: pivots are chosen by partial pivoting among the fully summed rows of each
 * front (the rows that the front eliminates), which keeps the symbolic structure; a pivot cannot be
 * delayed to the parent. Every factorisation bounds its backward error by 4γ‖|L||U|‖/‖A‖
 * (`backwardErrorBound`); `solveRows` (only the rows asked for — with `last`, the root front alone)
 * accepts that bound or one probe solve whose measured backward error reaches 64u, and otherwise
 * falls back to `solve`: iterative refinement while η > 64u, the final η reported, and
 * {@link SparseAccuracyError} if η stays above {@link SPARSE_MAX_BACKWARD_ERROR}. The forward error
 * of G is then ≲ κ(A)·η, the same bound a dense LU meets (docs/physics.md §14).
 *
 * Speed: the hot loops are module-level functions over typed arrays (frontKernel, bandFactorKernel,
 * bandSolveKernel); on the fast path nothing is allocated per energy.
 */
import type { CMatrix } from './linalg.js';

/** A complex sparse N × N matrix in compressed-row form (column indices sorted within each row). */
export interface SparseMatrix {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Backward error above which a sparse solve is reported as failed (after refinement). */
export const SPARSE_MAX_BACKWARD_ERROR = 1e-10;

/** Thrown when a sparse solve cannot reach {@link SPARSE_MAX_BACKWARD_ERROR} (a pivot that should have been delayed). */
export class SparseAccuracyError extends Error {
  constructor(
    message: string,
    readonly backwardError: number,
  ) {
    super(message);
    this.name = 'SparseAccuracyError';
  }
}

/** Build a CSR matrix from (i, j, re, im) triplets; duplicates are summed, exact zeros kept out. */
export function sparseFromTriplets(n: number, I: ArrayLike<number>, J: ArrayLike<number>, Re: ArrayLike<number>, Im: ArrayLike<number>): SparseMatrix {
  const count = new Int32Array(n + 1);
  for (let k = 0; k < I.length; k++) count[I[k] + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const pos = count.slice(0, n);
  const cj = new Int32Array(I.length),
    cr = new Float64Array(I.length),
    ci = new Float64Array(I.length);
  for (let k = 0; k < I.length; k++) {
    const p = pos[I[k]]++;
    cj[p] = J[k];
    cr[p] = Re[k];
    ci[p] = Im[k];
  }
  // sort each row by column and merge duplicates
  const rowPtr = new Int32Array(n + 1);
  const outJ: number[] = [],
    outR: number[] = [],
    outI: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    idx.length = 0;
    for (let p = count[i]; p < count[i + 1]; p++) idx.push(p);
    idx.sort((a, b) => cj[a] - cj[b]);
    let last = -1;
    for (const p of idx) {
      if (cj[p] === last) {
        outR[outR.length - 1] += cr[p];
        outI[outI.length - 1] += ci[p];
        continue;
      }
      outJ.push(cj[p]);
      outR.push(cr[p]);
      outI.push(ci[p]);
      last = cj[p];
    }
    rowPtr[i + 1] = outJ.length;
  }
  return { n, rowPtr, col: Int32Array.from(outJ), re: Float64Array.from(outR), im: Float64Array.from(outI) };
}

/** The non-zero entries of a dense matrix as a sparse one (O(N²) scan). */
export function sparseFromDense(h: CMatrix): SparseMatrix {
  const n = h.rows;
  const I: number[] = [],
    J: number[] = [],
    R: number[] = [],
    Im: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = h.re[i * n + j],
        m = h.im[i * n + j];
      if (r !== 0 || m !== 0) {
        I.push(i);
        J.push(j);
        R.push(r);
        Im.push(m);
      }
    }
  }
  return sparseFromTriplets(n, I, J, R, Im);
}

/** Number of stored entries of a dense matrix (to decide whether the sparse path pays). */
export function denseNonZeros(h: CMatrix): number {
  let c = 0;
  const len = h.rows * h.cols;
  for (let k = 0; k < len; k++) if (h.re[k] !== 0 || h.im[k] !== 0) c++;
  return c;
}

/** The dense form of a sparse matrix (tests, small N only). */
export function sparseToDense(a: SparseMatrix): CMatrix {
  const n = a.n;
  const re = new Float64Array(n * n),
    im = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      re[i * n + a.col[p]] += a.re[p];
      im[i * n + a.col[p]] += a.im[p];
    }
  return { rows: n, cols: n, re, im };
}

/**
 * A sparse Hermitian H from an edge list (bond i → j with hopping t: H[j][i] = t, H[i][j] = conj t,
 * the convention of hamiltonian.ts) and on-site energies, without an N × N array.
 */
export function sparseHamiltonianFromEdges(
  n: number,
  edges: ReadonlyArray<readonly [number, number, number | { re: number; im: number }]>,
  onsite: number | readonly number[] = 0,
): SparseMatrix {
  const I: number[] = [],
    J: number[] = [],
    R: number[] = [],
    Im: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = typeof onsite === 'number' ? onsite : onsite[i];
    if (e !== 0) {
      I.push(i);
      J.push(i);
      R.push(e);
      Im.push(0);
    }
  }
  for (const [i, j, t] of edges) {
    const tr = typeof t === 'number' ? t : t.re,
      ti = typeof t === 'number' ? 0 : t.im;
    I.push(j, i);
    J.push(i, j);
    R.push(tr, tr);
    Im.push(ti, -ti);
  }
  return sparseFromTriplets(n, I, J, R, Im);
}

/** Sparse counterpart of `chain(N, t)` (hamiltonian.ts). */
export function sparseChain(sites: number, hopping: number, onsite = 0): SparseMatrix {
  const edges: Array<[number, number, number]> = [];
  for (let j = 0; j + 1 < sites; j++) edges.push([j, j + 1, hopping]);
  return sparseHamiltonianFromEdges(sites, edges, onsite);
}

/** Sparse counterpart of `grapheneFlake(rows, cols, t)` (hamiltonian.ts: brick-wall honeycomb, site r·cols + c). */
export function sparseGrapheneFlake(rows: number, cols: number, hopping = -2.7, onsite = 0): SparseMatrix {
  const edges: Array<[number, number, number]> = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) edges.push([i, i + 1, hopping]);
      if (r + 1 < rows && (r + c) % 2 === 0) edges.push([i, i + cols, hopping]);
    }
  }
  return sparseHamiltonianFromEdges(rows * cols, edges, onsite);
}

// ---------------------------------------------------------------------------------------------
// Ordering: nested dissection by BFS level structures
// ---------------------------------------------------------------------------------------------

/** The elimination (separator) tree: node k eliminates the pivots perm[start[k] … start[k+1]−1]. */
export interface DissectionTree {
  /** New position → original vertex. */
  readonly perm: Int32Array;
  /** Original vertex → new position. */
  readonly inverse: Int32Array;
  /** Node k's pivots are new positions start[k] … start[k+1] − 1 (nodes in postorder). */
  readonly start: Int32Array;
  /** Parent node (−1 for a root). */
  readonly parent: Int32Array;
}

/**
 * Nested-dissection ordering of the (symmetrised) graph of `a`: split every connected part by a
 * middle level of a breadth-first search from a pseudo-peripheral vertex (the smallest level in the
 * middle third), recurse on both sides, number the separator last. Parts of at most `leaf` vertices
 * are left as they are. O(N log N).
 */
export function nestedDissection(a: SparseMatrix, leaf = 8, last?: ArrayLike<number>): DissectionTree {
  const n = a.n;
  // symmetric adjacency without the diagonal
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++)
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const j = a.col[p];
      if (j !== i) {
        deg[i]++;
        deg[j]++;
      }
    }
  const adjPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) adjPtr[i + 1] = adjPtr[i] + deg[i];
  const fill = adjPtr.slice(0, n);
  const adj = new Int32Array(adjPtr[n]);
  for (let i = 0; i < n; i++)
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const j = a.col[p];
      if (j !== i) {
        adj[fill[i]++] = j;
        adj[fill[j]++] = i;
      }
    }
  // (duplicates in adj are harmless for BFS)
  const perm = new Int32Array(n);
  let next = 0;
  const starts: number[] = [];
  const parents: number[] = [];
  const extra: number[][] = [];
  const mark = new Int32Array(n).fill(-1); // which active set a vertex belongs to (set id)
  const level = new Int32Array(n);
  let setId = 0;
  const queue = new Int32Array(n);

  /** BFS over the vertices with mark === id from `root`; returns the vertices in BFS order and their levels. */
  function bfs(root: number, id: number, order: Int32Array): number {
    let head = 0,
      tail = 0;
    order[tail++] = root;
    level[root] = 0;
    mark[root] = -2 - id; // visited in this BFS
    while (head < tail) {
      const v = order[head++];
      for (let p = adjPtr[v]; p < adjPtr[v + 1]; p++) {
        const u = adj[p];
        if (mark[u] === id) {
          mark[u] = -2 - id;
          level[u] = level[v] + 1;
          order[tail++] = u;
        }
      }
    }
    for (let k = 0; k < tail; k++) mark[order[k]] = id; // restore
    return tail;
  }

  // explicit stack of tasks to avoid deep recursion: each task orders a vertex set and reports its forest roots to a parent node
  interface Task {
    verts: Int32Array;
    parentNode: number;
    phase: 0 | 1;
    node?: number;
    sep?: Int32Array;
  }
  // `last`: vertices numbered after everything else, as one root node (their Schur complement is the
  // root front: G restricted to them needs no forward/backward sweep over the tree)
  const isLast = new Uint8Array(n);
  if (last) for (let k = 0; k < last.length; k++) isLast[last[k]] = 1;
  const lastList = Array.from(new Set(Array.from(last ?? [])));
  const initial: number[] = [];
  for (let i = 0; i < n; i++) if (!isLast[i]) initial.push(i);
  const stack: Task[] = [{ verts: Int32Array.from(initial), parentNode: -1, phase: 0 }];
  const order = new Int32Array(n);
  // Postorder is produced by pushing the separator's finishing task below its children.
  while (stack.length) {
    const t = stack.pop() as Task;
    if (t.phase === 1) {
      // all children are numbered: number the separator
      const node = t.node as number;
      starts[node] = next;
      for (const v of extra[node]) perm[next++] = v;
      for (const v of t.sep as Int32Array) perm[next++] = v;
      continue;
    }
    const verts = t.verts;
    if (verts.length === 0) continue;
    const id = setId++;
    for (const v of verts) mark[v] = id;
    // connected components
    const comps: Int32Array[] = [];
    for (const v of verts) {
      if (mark[v] !== id) continue;
      const cnt = bfs(v, id, order);
      const comp = order.slice(0, cnt);
      for (const u of comp) mark[u] = -1; // taken
      comps.push(comp);
    }
    for (const comp of comps) {
      if (comp.length <= leaf && t.parentNode >= 0) {
        // amalgamate a small part into its parent's pivots: numbered just before the parent's
        // separator, it can pivot against the separator rows (a lone vertex with a zero diagonal,
        // e.g. a bipartite lattice at E = 0, would otherwise be a zero pivot) and saves a node
        extra[t.parentNode].push(...comp);
        continue;
      }
      const node = parents.length;
      parents.push(t.parentNode);
      starts.push(-1);
      extra.push([]);
      if (comp.length <= leaf) {
        stack.push({ verts: new Int32Array(0), parentNode: node, phase: 1, node, sep: comp });
        continue;
      }
      const cid = setId++;
      for (const v of comp) mark[v] = cid;
      // pseudo-peripheral root: repeat BFS from the farthest vertex while the depth grows
      let root = comp[0],
        depth = -1;
      for (let it = 0; it < 4; it++) {
        const cnt = bfs(root, cid, order);
        const far = order[cnt - 1];
        if (level[far] <= depth) break;
        depth = level[far];
        root = far;
      }
      // candidate roots: the pseudo-peripheral one and a few others of its level structure; for each,
      // the level whose trimmed part (its vertices with a neighbour in the next level: the others
      // may join the lower side) is smallest while each side keeps a third of the vertices
      const firstCnt = bfs(root, cid, order);
      const candidates = [root, order[firstCnt - 1], order[Math.floor(firstCnt / 2)]];
      let bestRoot = -1,
        sepLevel = -1,
        bestSize = Infinity;
      for (const cand of candidates) {
        const cnt = bfs(cand, cid, order);
        const nl = level[order[cnt - 1]] + 1;
        if (nl < 3) continue;
        const size = new Int32Array(nl),
          up = new Int32Array(nl);
        for (let k = 0; k < cnt; k++) {
          const v = order[k],
            l = level[v];
          size[l]++;
          for (let q = adjPtr[v]; q < adjPtr[v + 1]; q++) {
            const u = adj[q];
            if (mark[u] === cid && level[u] === l + 1) {
              up[l]++;
              break;
            }
          }
        }
        let below = 0;
        for (let l = 0; l < nl; l++) {
          const above = cnt - below - size[l];
          if (l > 0 && l < nl - 1 && below + size[l] - up[l] >= cnt / 3 && above >= cnt / 3 && up[l] < bestSize) {
            bestSize = up[l];
            sepLevel = l;
            bestRoot = cand;
          }
          below += size[l];
        }
      }
      if (bestRoot < 0) {
        // no balanced level: the median level of the pseudo-peripheral structure, untrimmed
        const cnt = bfs(root, cid, order);
        const nl = level[order[cnt - 1]] + 1;
        if (nl >= 3) {
          const size = new Int32Array(nl);
          for (let k = 0; k < cnt; k++) size[level[order[k]]]++;
          let accN = 0;
          for (let l = 0; l < nl; l++) {
            accN += size[l];
            if (accN >= cnt / 2) {
              sepLevel = Math.min(Math.max(l, 1), nl - 2);
              break;
            }
          }
        }
        bestRoot = root;
      }
      const cnt = bfs(bestRoot, cid, order);
      const sep: number[] = [],
        lo: number[] = [],
        hi: number[] = [];
      if (sepLevel >= 0)
        for (let k = 0; k < cnt; k++) {
          const v = order[k],
            l = level[v];
          if (l === sepLevel) {
            let needed = false;
            for (let q = adjPtr[v]; q < adjPtr[v + 1]; q++) {
              const u = adj[q];
              if (mark[u] === cid && level[u] === l + 1) {
                needed = true;
                break;
              }
            }
            (needed ? sep : lo).push(v);
          } else (l < sepLevel ? lo : hi).push(v);
        }
      for (const v of comp) mark[v] = -1;
      if (sepLevel < 0) {
        stack.push({ verts: new Int32Array(0), parentNode: node, phase: 1, node, sep: comp });
        continue;
      }
      stack.push({ verts: new Int32Array(0), parentNode: node, phase: 1, node, sep: Int32Array.from(sep) });
      stack.push({ verts: Int32Array.from(hi), parentNode: node, phase: 0 });
      stack.push({ verts: Int32Array.from(lo), parentNode: node, phase: 0 });
    }
  }
  if (lastList.length > 0) {
    const root = starts.length;
    for (let k = 0; k < root; k++) if (parents[k] < 0) parents[k] = root;
    starts.push(next);
    parents.push(-1);
    extra.push([]);
    for (const v of lastList) perm[next++] = v;
  }
  // Renumber nodes by the position of their pivots (postorder: children before parents).
  const nodes = starts.length;
  const byStart = Array.from({ length: nodes }, (_, k) => k).sort((p, q) => starts[p] - starts[q]);
  const newId = new Int32Array(nodes);
  byStart.forEach((k, i) => {
    newId[k] = i;
  });
  const start = new Int32Array(nodes + 1),
    parent = new Int32Array(nodes);
  byStart.forEach((k, i) => {
    start[i] = starts[k];
    parent[i] = parents[k] < 0 ? -1 : newId[parents[k]];
  });
  start[nodes] = n;
  const inverse = new Int32Array(n);
  for (let i = 0; i < n; i++) inverse[perm[i]] = i;
  return { perm, inverse, start, parent };
}

// ---------------------------------------------------------------------------------------------
// Multifrontal LU
// ---------------------------------------------------------------------------------------------

/** The symbolic factorisation: fronts and index maps, built once per pattern. */
interface Symbolic {
  readonly n: number;
  readonly nodes: number;
  readonly tree: DissectionTree;
  /** Front of node k: new positions front[fPtr[k] … fPtr[k+1]−1]; the first p_k are its pivots. */
  readonly fPtr: Int32Array;
  readonly front: Int32Array;
  readonly pivots: Int32Array;
  /** For each node, where its contribution-block rows land in the parent's front (local indices). */
  readonly relPtr: Int32Array;
  readonly rel: Int32Array;
  /** Offsets of each node's dense front (f²) in the value arrays. */
  readonly valPtr: Float64Array;
  readonly children: Int32Array[];
  /** Fill: Σ_k p_k (2 f_k − p_k), the entries of L + U. */
  readonly factorEntries: number;
  /** Work: Σ_k Σ_{j<p_k} (f_k − j − 1)², complex multiply–adds per factorisation. */
  readonly work: number;
}

function symbolic(a: SparseMatrix, tree: DissectionTree): Symbolic {
  const n = a.n,
    nodes = tree.start.length - 1;
  const { inverse, perm, start, parent } = tree;
  const children: number[][] = Array.from({ length: nodes }, () => []);
  for (let k = 0; k < nodes; k++) if (parent[k] >= 0) children[parent[k]].push(k);
  const fPtr = new Int32Array(nodes + 1);
  const fronts: Int32Array[] = [];
  const mark = new Int32Array(n).fill(-1);
  let total = 0;
  for (let k = 0; k < nodes; k++) {
    const s = start[k],
      e = start[k + 1];
    const list: number[] = [];
    for (let q = s; q < e; q++) {
      list.push(q);
      mark[q] = k;
    }
    const bnd: number[] = [];
    const add = (q: number) => {
      if (q >= e && mark[q] !== k) {
        mark[q] = k;
        bnd.push(q);
      }
    };
    for (let q = s; q < e; q++) {
      const v = perm[q];
      for (let p = a.rowPtr[v]; p < a.rowPtr[v + 1]; p++) add(inverse[a.col[p]]);
    }
    // the transpose pattern (A need not be structurally symmetric)
    for (const c of children[k]) {
      const f = fronts[c];
      const pc = start[c + 1] - start[c];
      for (let i = pc; i < f.length; i++) add(f[i]);
    }
    bnd.sort((x, y) => x - y);
    const f = Int32Array.from([...list, ...bnd]);
    fronts.push(f);
    total += f.length;
    fPtr[k + 1] = total;
  }
  // structural symmetry: add (j, i) for every (i, j) by also scanning columns — done by symmetrising the pattern first (see prepare)
  const front = new Int32Array(total);
  fronts.forEach((f, k) => front.set(f, fPtr[k]));
  const pivots = new Int32Array(nodes);
  for (let k = 0; k < nodes; k++) pivots[k] = start[k + 1] - start[k];
  const relPtr = new Int32Array(nodes + 1);
  const relList: number[] = [];
  const local = new Int32Array(n);
  for (let k = 0; k < nodes; k++) {
    const pk = parent[k];
    if (pk >= 0) {
      const pf = fronts[pk];
      for (let i = 0; i < pf.length; i++) local[pf[i]] = i;
      const f = fronts[k];
      for (let i = pivots[k]; i < f.length; i++) relList.push(local[f[i]]);
    } else if (fronts[k].length !== pivots[k]) {
      throw new Error('sparse symbolic: a root front has a boundary');
    }
    relPtr[k + 1] = relList.length;
  }
  const valPtr = new Float64Array(nodes + 1);
  let factorEntries = 0,
    work = 0;
  for (let k = 0; k < nodes; k++) {
    const f = fronts[k].length,
      p = pivots[k];
    valPtr[k + 1] = valPtr[k] + f * f;
    factorEntries += p * (2 * f - p);
    for (let j = 0; j < p; j++) work += (f - j - 1) * (f - j - 1);
  }
  return {
    n,
    nodes,
    tree,
    fPtr,
    front,
    pivots,
    relPtr,
    rel: Int32Array.from(relList),
    valPtr,
    children: children.map((c) => Int32Array.from(c)),
    factorEntries,
    work,
  };
}

/** Options of {@link sparseSolver}. */
export interface SparseSolverOptions {
  /** Largest part left undissected by the nested dissection (default 8: fewer, larger fronts were faster on a 100 × 100 flake). */
  readonly leaf?: number;
  /** Force a method (default: the cheaper by the symbolic work estimate). */
  readonly method?: 'banded' | 'multifrontal';
  /**
   * Vertices the multifrontal ordering numbers last, as the root front (the coupled sites: G at them
   * is then the inverse of the root's Schur complement, {@link SparseSolver.solveRows}). Ignored by the banded LU.
   */
  readonly last?: ArrayLike<number>;
  /**
   * Multifrontal only: try the complex-symmetric LDLᵀ fronts when A = Aᵀ (default true; false
   * forces the LU fronts, for comparisons in tests and benchmarks).
   */
  readonly symmetricFronts?: boolean;
  /**
   * Multifrontal only: factor the fronts that are real at a real shift (zi = 0: real entries of K,
   * real children) by the real kernels (default true, same bits as the complex kernels at a quarter
   * of the work; false forces complex arithmetic everywhere, for tests and benchmarks).
   */
  readonly realFronts?: boolean;
}

/** A sparse matrix K prepared for repeated solves of (z I − K) X = B at many z. */
export interface SparseSolver {
  readonly n: number;
  /** Banded LU after reverse Cuthill–McKee (chains, narrow ribbons) or multifrontal LU after nested dissection. */
  readonly method: 'banded' | 'multifrontal';
  /** Entries of L + U per factorisation, and complex multiply–adds per factorisation. */
  readonly stats: { readonly factorEntries: number; readonly work: number; readonly nodes: number; readonly maxFront: number; readonly storedMiB: number };
  /**
   * Factor A = z I − K (z = zr + i zi, eV). With `pivoting: false` the diagonal pivots are taken in
   * order (for inertia counts of a Hermitian K at real z); returns the number of pivots with
   * negative real part, or −1 if a pivot was exactly zero.
   */
  factor(zr: number, zi: number, pivoting?: boolean): number;
  /**
   * Solve A X = B for the last factorisation: B and X are N × r, column-major, real and imaginary
   * parts (X may alias nothing else). Applies iterative refinement and returns the final normwise
   * backward error η (see the module comment).
   */
  solve(bRe: Float64Array, bIm: Float64Array, r: number, xRe: Float64Array, xIm: Float64Array): number;
  /**
   * X = A⁻¹B at the rows `rows` only (original numbering): B as in `solve` (N × r), out m × r
   * column-major (m = rows.length). The substitutions run — for a multifrontal solver built with
   * `last` ⊇ rows and B supported on `last`, the root front's alone — and when
   * {@link SparseSolver.backwardErrorBound} is within 16·64u the bound is returned. Otherwise: for
   * those root-only solves each column's measured η (its substitutions completed, its residual,
   * refinement of the columns above 16·64u, SparseAccuracyError above SPARSE_MAX_BACKWARD_ERROR);
   * else a probe solve of a fixed combination of the columns, and `solve` (iterative refinement,
   * measured η, SparseAccuracyError) when the probe misses 64u. Returns the η used.
   */
  solveRows(bRe: Float64Array, bIm: Float64Array, r: number, rows: Int32Array, outRe: Float64Array, outIm: Float64Array): number;
  /**
   * Banded LU only: G = A⁻¹ at the sites (m × m, out[c·m + k] = G[sites[k]][sites[c]]) from the unit
   * columns swept only as far as needed (`symmetric`: A = Aᵀ, half the sweeps); returns η, or −1 when
   * not applicable (then use solveRows).
   */
  greenSites?(sites: Int32Array, symmetric: boolean, outRe: Float64Array, outIm: Float64Array): number;
  /**
   * Tridiagonal (banded, b = 1) only: G = A⁻¹ at the sites for A = z I − K directly, without `factor`
   * (and without changing the last factorisation): the twisted factorisations of A, elimination
   * without interchanges from both ends (one sweep each, {@link twistedGreenKernel}), under their
   * computed backward-error bound 4γ₁₂‖|L||U|‖_∞/‖A‖_∞. Layout as `greenSites`. Returns the bound,
   * or −1 (a pivot too small for the bound to reach TWISTED_MAX_BOUND, or a non-finite entry: use
   * `factor` and `greenSites`, the partial-pivoting LU).
   */
  twistedGreen?(zr: number, zi: number, sites: Int32Array, outRe: Float64Array, outIm: Float64Array): number;
  /**
   * `twistedGreen` at two real energies in one pass (their recurrences overlap: ~2× the throughput
   * of two calls): `bounds[0]`, `bounds[1]` as its return values, each energy's G bit for bit that of
   * its own `twistedGreen` call.
   */
  twistedGreen2?(
    z1: number,
    z2: number,
    sites: Int32Array,
    outRe1: Float64Array,
    outIm1: Float64Array,
    outRe2: Float64Array,
    outIm2: Float64Array,
    bounds: Float64Array,
  ): void;
  /** Smallest |pivot| / max |entry of its column in the front| of the last factorisation. */
  readonly lastPivotRatio: number;
  /** Multifrontal only: factorisations done by the symmetric LDLᵀ fronts, and by the LU (A ≠ Aᵀ, no pivoting asked, or an LDLᵀ pivot below LDL_PIVOT_THRESHOLD). */
  readonly factorisations?: {
    readonly ldl: number;
    readonly lu: number;
    readonly realFronts: number;
    readonly complexFronts: number;
    /** 2 × 2 Bunch–Kaufman pivots of the LDLᵀ fronts, over all factorisations. */
    readonly twoByTwoPivots: number;
  };
  /**
   * A bound on the normwise backward error of every solve with the last factorisation,
   * 4 γ_{3m} ‖|L||U|‖_∞ / ‖A‖_∞ (Higham, Accuracy and Stability, Thm 9.4: the computed x solves
   * (A + ΔA) x = b with |ΔA| ≤ γ_{3m} |L||U|, m the longest inner product; 4 covers complex
   * arithmetic and |re| + |im| for |·|); the row sums are accumulated during the factorisation,
   * following the row interchanges. Infinity after a failed factorisation.
   */
  readonly backwardErrorBound: number;
}

/** Symmetrise a pattern: the union of the entries of K and Kᵀ (values of added entries 0). */
function symmetrisePattern(a: SparseMatrix): SparseMatrix {
  const I: number[] = [],
    J: number[] = [],
    R: number[] = [],
    Im: number[] = [];
  for (let i = 0; i < a.n; i++) {
    I.push(i);
    J.push(i);
    R.push(0);
    Im.push(0); // every diagonal present (z I)
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const j = a.col[p];
      I.push(i, j);
      J.push(j, i);
      R.push(a.re[p], 0);
      Im.push(a.im[p], 0);
    }
  }
  return sparseFromTriplets(a.n, I, J, R, Im);
}

/**
 * Prepare K (N × N sparse, eV) for solves of (z I − K) X = B: nested-dissection ordering and the
 * symbolic multifrontal structure, once. Each `factor` is then O(work), each `solve` O(r · fill).
 */
export function sparseSolver(k: SparseMatrix, options: SparseSolverOptions = {}): SparseSolver {
  const a = symmetrisePattern(k);
  const band = reverseCuthillMcKee(a);
  if (options.method === 'banded') return bandedSolver(a, band); // (no ordering or symbolic analysis to compare with)
  const last = options.last ? Array.from(new Set(Array.from(options.last))) : [];
  const tree = nestedDissection(a, options.leaf ?? 8, last);
  const sym = symbolic(a, tree);
  // banded LU costs ≈ N·b·2b multiply–adds (b the half-bandwidth after RCM) with a tiny constant;
  // the multifrontal one `work` plus a per-node overhead (measured ≈ 40 multiply–adds per node)
  const bandWork = a.n * band.bandwidth * Math.max(1, 2 * band.bandwidth);
  const method = options.method ?? (bandWork <= sym.work + 40 * sym.nodes ? 'banded' : 'multifrontal');
  if (method === 'banded') return bandedSolver(a, band);
  return multifrontalSolver(a, tree, sym, last.length, options.symmetricFronts ?? true, options.realFronts ?? true);
}

const UNIT_ROUNDOFF = 2 ** -53;

/**
 * Smallest |pivot| / max |entry of its column| the symmetric LDLᵀ fronts accept (diagonal pivots
 * in order); below it the energy is factored by the LU with row interchanges instead.
 */
export const LDL_PIVOT_THRESHOLD = 2 ** -20;

/**
 * Partial LU of the first p columns of the dense f × f front W (row-major, stride f), pivoting by
 * rows among the p fully summed rows, in blocks of 4 pivots: the panel (the block's columns, and
 * the block's rows of U) is factored column by column, then the contribution block is updated by
 * one fused rank-4 step (each trailing entry loaded and stored once per 4 pivots instead of once per
 * pivot). pivRow[k] receives the local row swapped into position k, uSum[k] = Σ_j |U_kj| (re + im
 * parts) for the backward-error bound. Returns the number of pivots with negative real part, or −1
 * for an exactly zero pivot; st[0] = min(st[0], smallest |pivot| / max |entry of its column|).
 */
function frontKernel(
  WR: Float64Array,
  WI: Float64Array,
  f: number,
  p: number,
  pivoting: boolean,
  pivRow: Int32Array,
  uSum: Float64Array,
  st: Float64Array,
): number {
  let negative = 0,
    ratio = st[0];
  for (let k0 = 0; k0 < p; k0 += 4) {
    const k1 = k0 + 4 < p ? k0 + 4 : p;
    for (let kk = k0; kk < k1; kk++) {
      let best = -1,
        br = kk,
        colmax = 0;
      for (let i = kk, t = kk * f + kk; i < f; i++, t += f) {
        const m = WR[t] * WR[t] + WI[t] * WI[t];
        if (m > colmax) colmax = m;
        if (i < p && m > best) {
          best = m;
          br = i;
        }
      }
      if (!pivoting) {
        br = kk;
        const t = kk * f + kk;
        best = WR[t] * WR[t] + WI[t] * WI[t];
      }
      pivRow[kk] = br;
      const rk = kk * f;
      if (br !== kk) {
        const rb = br * f;
        for (let j = 0; j < f; j++) {
          let t = WR[rk + j];
          WR[rk + j] = WR[rb + j];
          WR[rb + j] = t;
          t = WI[rk + j];
          WI[rk + j] = WI[rb + j];
          WI[rb + j] = t;
        }
      }
      // row kk of U beyond the panel: the updates of this block's earlier pivots
      for (let k2 = k0; k2 < kk; k2++) {
        const lr = WR[rk + k2],
          li = WI[rk + k2];
        if (lr === 0 && li === 0) continue;
        const r2 = k2 * f;
        for (let j = k1; j < f; j++) {
          const ur = WR[r2 + j],
            ui = WI[r2 + j];
          WR[rk + j] -= lr * ur - li * ui;
          WI[rk + j] -= lr * ui + li * ur;
        }
      }
      if (colmax > 0) {
        const r = Math.sqrt(best / colmax);
        if (r < ratio) ratio = r;
      }
      const dr = WR[rk + kk],
        di = WI[rk + kk];
      if (dr < 0) negative++;
      const den = dr * dr + di * di;
      if (den === 0) {
        st[0] = ratio;
        return -1;
      }
      let us = 0;
      for (let j = kk; j < f; j++) us += Math.abs(WR[rk + j]) + Math.abs(WI[rk + j]);
      uSum[kk] = us;
      const ir = dr / den,
        ii = -di / den;
      // multipliers of column kk, and the update of the panel's later columns
      for (let i = kk + 1; i < f; i++) {
        const t = i * f + kk;
        const ar = WR[t],
          ai = WI[t];
        if (ar === 0 && ai === 0) continue;
        const lr = ar * ir - ai * ii,
          li = ar * ii + ai * ir;
        WR[t] = lr;
        WI[t] = li;
        for (let j = kk + 1; j < k1; j++) {
          const ur = WR[rk + j],
            ui = WI[rk + j];
          WR[t + j - kk] -= lr * ur - li * ui;
          WI[t + j - kk] -= lr * ui + li * ur;
        }
      }
    }
    // trailing update of rows and columns ≥ k1 by the block's pivots
    if (k1 >= f) continue;
    trailingUpdate(WR, WI, f, k0, k1, false);
  }
  st[0] = ratio;
  return negative;
}

/**
 * The trailing update of a front W (f × f) by its block of pivots k0 … k1 − 1, fused rank-4 when
 * the block is full: W[i][j] −= Σ_k L[i][k] U[k][j] for rows i ≥ k1 and columns j ≥ k1, or only
 * j ≤ i (`lower`: symFrontKernel, whose contribution block is valid in its lower triangle).
 * The one home of the update both front kernels use (docs/physics.md §14).
 */
function trailingUpdate(WR: Float64Array, WI: Float64Array, f: number, k0: number, k1: number, lower: boolean, start = k1): void {
  if (k1 - k0 === 4) {
    const r0 = k0 * f,
      r1 = r0 + f,
      r2 = r1 + f,
      r3 = r2 + f;
    for (let i = start; i < f; i++) {
      const ri = i * f;
      const a0r = WR[ri + k0],
        a0i = WI[ri + k0],
        a1r = WR[ri + k0 + 1],
        a1i = WI[ri + k0 + 1],
        a2r = WR[ri + k0 + 2],
        a2i = WI[ri + k0 + 2],
        a3r = WR[ri + k0 + 3],
        a3i = WI[ri + k0 + 3];
      if (a0r === 0 && a0i === 0 && a1r === 0 && a1i === 0 && a2r === 0 && a2i === 0 && a3r === 0 && a3i === 0) continue;
      for (let j = start, jEnd = lower ? i + 1 : f; j < jEnd; j++) {
        const u0r = WR[r0 + j],
          u0i = WI[r0 + j],
          u1r = WR[r1 + j],
          u1i = WI[r1 + j],
          u2r = WR[r2 + j],
          u2i = WI[r2 + j],
          u3r = WR[r3 + j],
          u3i = WI[r3 + j];
        WR[ri + j] -= a0r * u0r - a0i * u0i + (a1r * u1r - a1i * u1i) + (a2r * u2r - a2i * u2i) + (a3r * u3r - a3i * u3i);
        WI[ri + j] -= a0r * u0i + a0i * u0r + (a1r * u1i + a1i * u1r) + (a2r * u2i + a2i * u2r) + (a3r * u3i + a3i * u3r);
      }
    }
  } else {
    for (let k = k0; k < k1; k++) {
      const rk = k * f;
      for (let i = start; i < f; i++) {
        const ri = i * f;
        const lr = WR[ri + k],
          li = WI[ri + k];
        if (lr === 0 && li === 0) continue;
        for (let j = start, jEnd = lower ? i + 1 : f; j < jEnd; j++) {
          const ur = WR[rk + j],
            ui = WI[rk + j];
          WR[ri + j] -= lr * ur - li * ui;
          WI[ri + j] -= lr * ui + li * ur;
        }
      }
    }
  }
}

/** {@link symSwapReal} for a complex front. */
function symSwap(WR: Float64Array, WI: Float64Array, f: number, s: number, r: number): void {
  symSwapReal(WR, f, s, r);
  symSwapReal(WI, f, s, r);
}

/**
 * Complex-symmetric (A = Aᵀ) partial LDLᵀ of the first p columns of the front W (docs/physics.md
 * §14) with Bunch–Kaufman pivoting among the fully summed rows: 1 × 1 pivots (kk, or r by a
 * symmetric interchange) and 2 × 2 pivots (kk, r), in blocks of 4 (5 when a 2 × 2 pivot would
 * straddle the block's end). Only the lower triangle is updated (half the multiply–adds of
 * frontKernel), and the factors are left in frontKernel's layout: L strictly below the diagonal,
 * row k of U = D Lᵀ (the unscaled column k) for a 1 × 1 pivot, and a 2 × 2 block in LU form with
 * its two rows interchanged (pivot b, then u22 = b − (a/b)·c); pivRow receives the row
 * interchanges (as frontKernel's), colSwap the symmetric ones (colSwap[k] = the column taken into
 * position k, undone after the back substitution). Columns are brought up to date with the
 * block's earlier pivots in tK (column kk) and tR (column r) before the choice. The contribution
 * block is valid in its lower triangle only. A pivot smaller than `tau` × the largest entry of its
 * column stops the factorisation: returns −2 (the caller falls back to the LU with row
 * interchanges); −1 for an exactly zero column; else the number of pivots of U with negative real
 * part. uSum and st[0] as in frontKernel; st[1] counts the 2 × 2 pivots.
 */
function symFrontKernel(
  WR: Float64Array,
  WI: Float64Array,
  f: number,
  p: number,
  tau: number,
  uSum: Float64Array,
  st: Float64Array,
  pivRow: Int32Array,
  colSwap: Int32Array,
  tKR: Float64Array,
  tKI: Float64Array,
  tRR: Float64Array,
  tRI: Float64Array,
): number {
  let negative = 0,
    ratio = st[0];
  const tau2 = tau * tau;
  let k0 = 0;
  while (k0 < p) {
    let k1 = Math.min(k0 + 4, p);
    let kk = k0;
    while (kk < k1) {
      const rk = kk * f;
      // (as symFrontKernelReal: row by row, the updates in pivot order)
      const nb = kk - k0,
        u0r = nb > 0 ? WR[k0 * f + kk] : 0,
        u0i = nb > 0 ? WI[k0 * f + kk] : 0,
        u1r = nb > 1 ? WR[(k0 + 1) * f + kk] : 0,
        u1i = nb > 1 ? WI[(k0 + 1) * f + kk] : 0,
        u2r = nb > 2 ? WR[(k0 + 2) * f + kk] : 0,
        u2i = nb > 2 ? WI[(k0 + 2) * f + kk] : 0,
        h0 = u0r !== 0 || u0i !== 0,
        h1 = u1r !== 0 || u1i !== 0,
        h2 = u2r !== 0 || u2i !== 0;
      for (let i = kk, t = rk + k0; i < f; i++, t += f) {
        let vr = WR[t + nb],
          vi = WI[t + nb];
        if (h0) {
          const lr = WR[t],
            li = WI[t];
          vr -= lr * u0r - li * u0i;
          vi -= lr * u0i + li * u0r;
        }
        if (h1) {
          const lr = WR[t + 1],
            li = WI[t + 1];
          vr -= lr * u1r - li * u1i;
          vi -= lr * u1i + li * u1r;
        }
        if (h2) {
          const lr = WR[t + 2],
            li = WI[t + 2];
          vr -= lr * u2r - li * u2i;
          vi -= lr * u2i + li * u2r;
        }
        tKR[i] = vr;
        tKI[i] = vi;
      }
      let lam = 0,
        r = kk;
      for (let i = kk + 1; i < p; i++) {
        const m = tKR[i] * tKR[i] + tKI[i] * tKI[i];
        if (m > lam) {
          lam = m;
          r = i;
        }
      }
      const a2 = tKR[kk] * tKR[kk] + tKI[kk] * tKI[kk];
      let mode = 0;
      if (lam > 0 && a2 < BK_ALPHA2 * lam) {
        const rr = r * f,
          w0r = nb > 0 ? WR[k0 * f + r] : 0,
          w0i = nb > 0 ? WI[k0 * f + r] : 0,
          w1r = nb > 1 ? WR[(k0 + 1) * f + r] : 0,
          w1i = nb > 1 ? WI[(k0 + 1) * f + r] : 0,
          w2r = nb > 2 ? WR[(k0 + 2) * f + r] : 0,
          w2i = nb > 2 ? WI[(k0 + 2) * f + r] : 0,
          g0 = w0r !== 0 || w0i !== 0,
          g1 = w1r !== 0 || w1i !== 0,
          g2 = w2r !== 0 || w2i !== 0;
        for (let i = kk, t = rk + k0; i < f; i++, t += f) {
          let vr = i < r ? WR[rr + i] : WR[t + r - k0],
            vi = i < r ? WI[rr + i] : WI[t + r - k0];
          if (g0) {
            const lr = WR[t],
              li = WI[t];
            vr -= lr * w0r - li * w0i;
            vi -= lr * w0i + li * w0r;
          }
          if (g1) {
            const lr = WR[t + 1],
              li = WI[t + 1];
            vr -= lr * w1r - li * w1i;
            vi -= lr * w1i + li * w1r;
          }
          if (g2) {
            const lr = WR[t + 2],
              li = WI[t + 2];
            vr -= lr * w2r - li * w2i;
            vi -= lr * w2i + li * w2r;
          }
          tRR[i] = vr;
          tRI[i] = vi;
        }
        let sig = 0;
        for (let i = kk; i < p; i++) {
          if (i === r) continue;
          const m = tRR[i] * tRR[i] + tRI[i] * tRI[i];
          if (m > sig) sig = m;
        }
        if (a2 * sig >= BK_ALPHA2 * lam * lam) mode = 0;
        else if (tRR[r] * tRR[r] + tRI[r] * tRI[r] >= BK_ALPHA2 * sig) mode = 1;
        else mode = 2;
      }
      if (mode < 2) {
        let colR = tKR,
          colI = tKI;
        pivRow[kk] = kk;
        colSwap[kk] = kk;
        if (mode === 1) {
          symSwap(WR, WI, f, kk, r);
          let t = tRR[kk];
          tRR[kk] = tRR[r];
          tRR[r] = t;
          t = tRI[kk];
          tRI[kk] = tRI[r];
          tRI[r] = t;
          colR = tRR;
          colI = tRI;
          pivRow[kk] = r;
          colSwap[kk] = r;
        }
        const dr = colR[kk],
          di = colI[kk];
        const den = dr * dr + di * di;
        let colmax = den;
        for (let i = kk + 1; i < f; i++) {
          const m = colR[i] * colR[i] + colI[i] * colI[i];
          if (m > colmax) colmax = m;
        }
        if (den === 0) {
          st[0] = ratio;
          return colmax === 0 ? -1 : -2;
        }
        if (den < tau2 * colmax) {
          st[0] = ratio;
          return -2;
        }
        const rq = Math.sqrt(den / colmax);
        if (rq < ratio) ratio = rq;
        if (dr < 0) negative++;
        let us = Math.abs(dr) + Math.abs(di);
        const ir = dr / den,
          ii = -di / den;
        WR[rk + kk] = dr;
        WI[rk + kk] = di;
        for (let i = kk + 1, t = rk + f + kk; i < f; i++, t += f) {
          const ar = colR[i],
            ai = colI[i];
          WR[rk + i] = ar;
          WI[rk + i] = ai;
          us += Math.abs(ar) + Math.abs(ai);
          WR[t] = ar * ir - ai * ii;
          WI[t] = ar * ii + ai * ir;
        }
        uSum[kk] = us;
        kk++;
        continue;
      }
      const s = kk + 1,
        rs = s * f;
      if (r !== s) {
        symSwap(WR, WI, f, s, r);
        let t = tKR[s];
        tKR[s] = tKR[r];
        tKR[r] = t;
        t = tKI[s];
        tKI[s] = tKI[r];
        tKI[r] = t;
        t = tRR[s];
        tRR[s] = tRR[r];
        tRR[r] = t;
        t = tRI[s];
        tRI[s] = tRI[r];
        tRI[r] = t;
      }
      for (let c = 0; c < kk; c++) {
        let t = WR[rk + c];
        WR[rk + c] = WR[rs + c];
        WR[rs + c] = t;
        t = WI[rk + c];
        WI[rk + c] = WI[rs + c];
        WI[rs + c] = t;
      }
      pivRow[kk] = r;
      pivRow[s] = r;
      colSwap[kk] = kk;
      colSwap[s] = r;
      if (s === k1) k1++;
      const ar = tKR[kk],
        ai = tKI[kk],
        br = tKR[s],
        bi = tKI[s],
        cr = tRR[s],
        ci = tRI[s];
      let colmax = 0;
      for (let i = kk; i < f; i++) {
        const m = tKR[i] * tKR[i] + tKI[i] * tKI[i];
        if (m > colmax) colmax = m;
      }
      const den1 = br * br + bi * bi;
      if (den1 < tau2 * colmax) {
        st[0] = ratio;
        return -2;
      }
      let rq = Math.sqrt(den1 / colmax);
      if (rq < ratio) ratio = rq;
      if (br < 0) negative++;
      const ibr = br / den1,
        ibi = -bi / den1,
        lr = ar * ibr - ai * ibi,
        li = ar * ibi + ai * ibr,
        u22r = br - (lr * cr - li * ci),
        u22i = bi - (lr * ci + li * cr);
      let us1 = Math.abs(br) + Math.abs(bi) + (Math.abs(cr) + Math.abs(ci)),
        us2 = Math.abs(u22r) + Math.abs(u22i);
      const den2 = u22r * u22r + u22i * u22i;
      let colmax2 = den2;
      for (let i = s + 1, t = (s + 1) * f; i < f; i++, t += f) {
        const ckr = tKR[i],
          cki = tKI[i],
          csr = tRR[i],
          csi = tRI[i];
        const v2r = ckr - (lr * csr - li * csi),
          v2i = cki - (lr * csi + li * csr);
        WR[rk + i] = csr;
        WI[rk + i] = csi;
        us1 += Math.abs(csr) + Math.abs(csi);
        WR[rs + i] = v2r;
        WI[rs + i] = v2i;
        us2 += Math.abs(v2r) + Math.abs(v2i);
        const lkr = ckr * ibr - cki * ibi,
          lki = ckr * ibi + cki * ibr;
        WR[t + kk] = lkr;
        WI[t + kk] = lki;
        const vr = csr - (lkr * cr - lki * ci),
          vi = csi - (lkr * ci + lki * cr);
        tRR[i] = vr;
        tRI[i] = vi;
        const m = vr * vr + vi * vi;
        if (m > colmax2) colmax2 = m;
      }
      if (den2 === 0 || den2 < tau2 * colmax2) {
        st[0] = ratio;
        return -2;
      }
      rq = Math.sqrt(den2 / colmax2);
      if (rq < ratio) ratio = rq;
      if (u22r < 0) negative++;
      const iur = u22r / den2,
        iui = -u22i / den2;
      WR[rk + kk] = br;
      WI[rk + kk] = bi;
      WR[rk + s] = cr;
      WI[rk + s] = ci;
      WR[rs + kk] = lr;
      WI[rs + kk] = li;
      WR[rs + s] = u22r;
      WI[rs + s] = u22i;
      for (let i = s + 1, t = (s + 1) * f + s; i < f; i++, t += f) {
        const vr = tRR[i],
          vi = tRI[i];
        WR[t] = vr * iur - vi * iui;
        WI[t] = vr * iui + vi * iur;
      }
      st[1]++;
      uSum[kk] = us1;
      uSum[s] = us2;
      kk += 2;
    }
    if (k1 >= f) {
      k0 = k1;
      continue;
    }
    if (k1 - k0 === 5) {
      trailingUpdate(WR, WI, f, k0, k0 + 4, true, k1);
      trailingUpdate(WR, WI, f, k0 + 4, k1, true, k1);
    } else trailingUpdate(WR, WI, f, k0, k1, true);
    k0 = k1;
  }
  st[0] = ratio;
  return negative;
}

/** γ_k = k u / (1 − k u) (Higham §3.1). */
function gammaK(k: number): number {
  const x = k * UNIT_ROUNDOFF;
  return x < 1 ? x / (1 - x) : Infinity;
}

// ---------------------------------------------------------------------------------------------
// Real fronts. At a real shift z (zi = 0) every front whose assembled entries of K and whose
// children's contribution blocks are real stays real through the elimination (docs/physics.md §14:
// with the coupled sites numbered last, that is every front but the root for a real H). These
// kernels are frontKernel, symFrontKernel and trailingUpdate with the imaginary parts dropped, in
// the same order of operations (1/d as d/(d·d), pivot tests on squares, the rank-4 sums in the same
// association), so a real front is factored to the same bits as the complex kernels would give it,
// at a quarter of the multiply–adds (test/numeric/sparseRealFronts.test.ts checks the bits).
// ---------------------------------------------------------------------------------------------

/** {@link frontKernel} for a real front (WR only; the imaginary parts are zero and not touched). */
function frontKernelReal(WR: Float64Array, f: number, p: number, pivoting: boolean, pivRow: Int32Array, uSum: Float64Array, st: Float64Array): number {
  let negative = 0,
    ratio = st[0];
  for (let k0 = 0; k0 < p; k0 += 4) {
    const k1 = k0 + 4 < p ? k0 + 4 : p;
    for (let kk = k0; kk < k1; kk++) {
      let best = -1,
        br = kk,
        colmax = 0;
      for (let i = kk, t = kk * f + kk; i < f; i++, t += f) {
        const m = WR[t] * WR[t];
        if (m > colmax) colmax = m;
        if (i < p && m > best) {
          best = m;
          br = i;
        }
      }
      if (!pivoting) {
        br = kk;
        const t = kk * f + kk;
        best = WR[t] * WR[t];
      }
      pivRow[kk] = br;
      const rk = kk * f;
      if (br !== kk) {
        const rb = br * f;
        for (let j = 0; j < f; j++) {
          const t = WR[rk + j];
          WR[rk + j] = WR[rb + j];
          WR[rb + j] = t;
        }
      }
      for (let k2 = k0; k2 < kk; k2++) {
        const l = WR[rk + k2];
        if (l === 0) continue;
        const r2 = k2 * f;
        for (let j = k1; j < f; j++) WR[rk + j] -= l * WR[r2 + j];
      }
      if (colmax > 0) {
        const r = Math.sqrt(best / colmax);
        if (r < ratio) ratio = r;
      }
      const d = WR[rk + kk];
      if (d < 0) negative++;
      const den = d * d;
      if (den === 0) {
        st[0] = ratio;
        return -1;
      }
      let us = 0;
      for (let j = kk; j < f; j++) us += Math.abs(WR[rk + j]);
      uSum[kk] = us;
      const ir = d / den;
      for (let i = kk + 1; i < f; i++) {
        const t = i * f + kk;
        const a = WR[t];
        if (a === 0) continue;
        const l = a * ir;
        WR[t] = l;
        for (let j = kk + 1; j < k1; j++) WR[t + j - kk] -= l * WR[rk + j];
      }
    }
    if (k1 >= f) continue;
    trailingUpdateReal(WR, f, k0, k1, false);
  }
  st[0] = ratio;
  return negative;
}

/** {@link trailingUpdate} for a real front. */
function trailingUpdateReal(W: Float64Array, f: number, k0: number, k1: number, lower: boolean, start = k1): void {
  if (k1 - k0 === 4) {
    const r0 = k0 * f,
      r1 = r0 + f,
      r2 = r1 + f,
      r3 = r2 + f;
    // two rows at a time: each U entry loaded once for both (the same sums, the same bits)
    let i = start;
    for (; i + 1 < f; i += 2) {
      const ri = i * f,
        rj = ri + f;
      const a0 = W[ri + k0],
        a1 = W[ri + k0 + 1],
        a2 = W[ri + k0 + 2],
        a3 = W[ri + k0 + 3],
        b0 = W[rj + k0],
        b1 = W[rj + k0 + 1],
        b2 = W[rj + k0 + 2],
        b3 = W[rj + k0 + 3];
      const za = a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0,
        zb = b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0;
      const jEnd = lower ? i + 1 : f;
      if (za || zb) {
        if (!za) for (let j = start; j < jEnd; j++) W[ri + j] -= a0 * W[r0 + j] + a1 * W[r1 + j] + a2 * W[r2 + j] + a3 * W[r3 + j];
        if (!zb) for (let j = start, e = lower ? i + 2 : f; j < e; j++) W[rj + j] -= b0 * W[r0 + j] + b1 * W[r1 + j] + b2 * W[r2 + j] + b3 * W[r3 + j];
        continue;
      }
      for (let j = start; j < jEnd; j++) {
        const u0 = W[r0 + j],
          u1 = W[r1 + j],
          u2 = W[r2 + j],
          u3 = W[r3 + j];
        W[ri + j] -= a0 * u0 + a1 * u1 + a2 * u2 + a3 * u3;
        W[rj + j] -= b0 * u0 + b1 * u1 + b2 * u2 + b3 * u3;
      }
      if (lower) {
        const j = i + 1;
        W[rj + j] -= b0 * W[r0 + j] + b1 * W[r1 + j] + b2 * W[r2 + j] + b3 * W[r3 + j];
      }
    }
    for (; i < f; i++) {
      const ri = i * f;
      const a0 = W[ri + k0],
        a1 = W[ri + k0 + 1],
        a2 = W[ri + k0 + 2],
        a3 = W[ri + k0 + 3];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      for (let j = start, jEnd = lower ? i + 1 : f; j < jEnd; j++) W[ri + j] -= a0 * W[r0 + j] + a1 * W[r1 + j] + a2 * W[r2 + j] + a3 * W[r3 + j];
    }
  } else {
    for (let k = k0; k < k1; k++) {
      const rk = k * f;
      for (let i = start; i < f; i++) {
        const ri = i * f;
        const l = W[ri + k];
        if (l === 0) continue;
        for (let j = start, jEnd = lower ? i + 1 : f; j < jEnd; j++) W[ri + j] -= l * W[rk + j];
      }
    }
  }
}

/** (1 + √17)/8 squared: the Bunch–Kaufman constant α² (growth ≤ 2.57 per pivot step with the full column). */
const BK_ALPHA2 = ((1 + Math.sqrt(17)) / 8) ** 2;

/** Symmetric interchange of positions s < r of a front held in its lower triangle (L rows and U rows of the eliminated pivots < s included). */
function symSwapReal(W: Float64Array, f: number, s: number, r: number): void {
  let t: number;
  const rs = s * f,
    rr = r * f;
  for (let c = 0; c < s; c++) {
    t = W[rs + c];
    W[rs + c] = W[rr + c];
    W[rr + c] = t;
    t = W[c * f + s];
    W[c * f + s] = W[c * f + r];
    W[c * f + r] = t;
  }
  t = W[rs + s];
  W[rs + s] = W[rr + r];
  W[rr + r] = t;
  for (let i = s + 1; i < r; i++) {
    t = W[i * f + s];
    W[i * f + s] = W[rr + i];
    W[rr + i] = t;
  }
  for (let i = r + 1; i < f; i++) {
    t = W[i * f + s];
    W[i * f + s] = W[i * f + r];
    W[i * f + r] = t;
  }
}

/**
 * {@link symFrontKernel} for a real front: the same pivot choices and operations with the
 * imaginary parts dropped.
 */
function symFrontKernelReal(
  W: Float64Array,
  f: number,
  p: number,
  tau: number,
  uSum: Float64Array,
  st: Float64Array,
  pivRow: Int32Array,
  colSwap: Int32Array,
  tK: Float64Array,
  tR: Float64Array,
): number {
  let negative = 0,
    ratio = st[0];
  const tau2 = tau * tau;
  let k0 = 0;
  while (k0 < p) {
    let k1 = Math.min(k0 + 4, p);
    let kk = k0;
    while (kk < k1) {
      const rk = kk * f;
      // column kk (rows kk … f − 1) with the updates of this block's earlier pivots (at most 3), into
      // tK: row by row, the updates in pivot order, zero U entries skipped
      const nb = kk - k0,
        u0 = nb > 0 ? W[k0 * f + kk] : 0,
        u1 = nb > 1 ? W[(k0 + 1) * f + kk] : 0,
        u2 = nb > 2 ? W[(k0 + 2) * f + kk] : 0,
        h0 = u0 !== 0,
        h1 = u1 !== 0,
        h2 = u2 !== 0;
      if (!h0 && !h1 && !h2) for (let i = kk, t = rk + kk; i < f; i++, t += f) tK[i] = W[t];
      else if (h0 && !h1 && !h2) for (let i = kk, t = rk + k0; i < f; i++, t += f) tK[i] = W[t + nb] - W[t] * u0;
      else if (h0 && h1 && !h2) for (let i = kk, t = rk + k0; i < f; i++, t += f) tK[i] = W[t + nb] - W[t] * u0 - W[t + 1] * u1;
      else if (h0 && h1 && h2) for (let i = kk, t = rk + k0; i < f; i++, t += f) tK[i] = W[t + nb] - W[t] * u0 - W[t + 1] * u1 - W[t + 2] * u2;
      else
        for (let i = kk, t = rk + k0; i < f; i++, t += f) {
          let v = W[t + nb];
          if (h0) v -= W[t] * u0;
          if (h1) v -= W[t + 1] * u1;
          if (h2) v -= W[t + 2] * u2;
          tK[i] = v;
        }
      // Bunch–Kaufman among the fully summed rows (docs/physics.md §14)
      let lam = 0,
        r = kk;
      for (let i = kk + 1; i < p; i++) {
        const m = tK[i] * tK[i];
        if (m > lam) {
          lam = m;
          r = i;
        }
      }
      const a2 = tK[kk] * tK[kk];
      let mode = 0; // 0: 1 × 1 at kk, 1: 1 × 1 at r, 2: 2 × 2 at (kk, r)
      if (lam > 0 && a2 < BK_ALPHA2 * lam) {
        // column r with the same updates, into tR (its rows kk … r − 1 are row r of the lower triangle)
        const rr = r * f,
          w0 = nb > 0 ? W[k0 * f + r] : 0,
          w1 = nb > 1 ? W[(k0 + 1) * f + r] : 0,
          w2 = nb > 2 ? W[(k0 + 2) * f + r] : 0,
          g0 = w0 !== 0,
          g1 = w1 !== 0,
          g2 = w2 !== 0;
        for (let i = kk, t = rk + k0; i < f; i++, t += f) {
          let v = i < r ? W[rr + i] : W[t + r - k0];
          if (g0) v -= W[t] * w0;
          if (g1) v -= W[t + 1] * w1;
          if (g2) v -= W[t + 2] * w2;
          tR[i] = v;
        }
        let sig = 0;
        for (let i = kk; i < p; i++) {
          if (i === r) continue;
          const m = tR[i] * tR[i];
          if (m > sig) sig = m;
        }
        if (a2 * sig >= BK_ALPHA2 * lam * lam) mode = 0;
        else if (tR[r] * tR[r] >= BK_ALPHA2 * sig) mode = 1;
        else mode = 2;
      }
      if (mode < 2) {
        let col = tK;
        pivRow[kk] = kk;
        colSwap[kk] = kk;
        if (mode === 1) {
          symSwapReal(W, f, kk, r);
          const t = tR[kk];
          tR[kk] = tR[r];
          tR[r] = t;
          col = tR;
          pivRow[kk] = r;
          colSwap[kk] = r;
        }
        const d = col[kk];
        const den = d * d;
        let colmax = den;
        for (let i = kk + 1; i < f; i++) {
          const m = col[i] * col[i];
          if (m > colmax) colmax = m;
        }
        if (den === 0) {
          st[0] = ratio;
          return colmax === 0 ? -1 : -2;
        }
        if (den < tau2 * colmax) {
          st[0] = ratio;
          return -2;
        }
        const rq = Math.sqrt(den / colmax);
        if (rq < ratio) ratio = rq;
        if (d < 0) negative++;
        // row kk of U = the unscaled column; then the multipliers
        let us = Math.abs(d);
        const ir = d / den;
        W[rk + kk] = d;
        for (let i = kk + 1, t = rk + f + kk; i < f; i++, t += f) {
          const a = col[i];
          W[rk + i] = a;
          us += Math.abs(a);
          W[t] = a * ir;
        }
        uSum[kk] = us;
        kk++;
        continue;
      }
      // 2 × 2 pivot: r to kk + 1, then the block [a b; b c] in LU form with rows kk, kk + 1
      // interchanged (pivot b, then u22 = b − (a/b)·c): rows of U and L as frontKernel leaves them
      const s = kk + 1,
        rs = s * f;
      if (r !== s) {
        symSwapReal(W, f, s, r);
        let t = tK[s];
        tK[s] = tK[r];
        tK[r] = t;
        t = tR[s];
        tR[s] = tR[r];
        tR[r] = t;
      }
      for (let c = 0; c < kk; c++) {
        const t = W[rk + c];
        W[rk + c] = W[rs + c];
        W[rs + c] = t;
      }
      pivRow[kk] = r;
      pivRow[s] = r;
      colSwap[kk] = kk;
      colSwap[s] = r;
      if (s === k1) k1++; // the block takes both columns
      const a = tK[kk],
        b = tK[s],
        c = tR[s];
      let colmax = 0;
      for (let i = kk; i < f; i++) {
        const m = tK[i] * tK[i];
        if (m > colmax) colmax = m;
      }
      const den1 = b * b;
      if (den1 < tau2 * colmax) {
        st[0] = ratio;
        return -2;
      }
      let rq = Math.sqrt(den1 / colmax);
      if (rq < ratio) ratio = rq;
      if (b < 0) negative++;
      const ib = b / den1,
        l = a * ib,
        u22 = b - l * c;
      let us1 = Math.abs(b) + Math.abs(c),
        us2 = Math.abs(u22),
        colmax2 = u22 * u22;
      for (let i = s + 1, t = (s + 1) * f; i < f; i++, t += f) {
        const ck = tK[i],
          cs = tR[i];
        // U rows kk and kk + 1 at column i: row kk + 1 of the block's rows (= column kk + 1) and row kk − l × that
        const v2 = ck - l * cs;
        W[rk + i] = cs;
        us1 += Math.abs(cs);
        W[rs + i] = v2;
        us2 += Math.abs(v2);
        // L of column kk, and column kk + 1 after the first pivot
        const lk = ck * ib;
        W[t + kk] = lk;
        const v = cs - lk * c;
        tR[i] = v;
        const m = v * v;
        if (m > colmax2) colmax2 = m;
      }
      const den2 = u22 * u22;
      if (den2 === 0 || den2 < tau2 * colmax2) {
        st[0] = ratio;
        return -2;
      }
      rq = Math.sqrt(den2 / colmax2);
      if (rq < ratio) ratio = rq;
      if (u22 < 0) negative++;
      const iu = u22 / den2;
      W[rk + kk] = b;
      W[rk + s] = c;
      W[rs + kk] = l;
      W[rs + s] = u22;
      for (let i = s + 1, t = (s + 1) * f + s; i < f; i++, t += f) W[t] = tR[i] * iu;
      st[1]++;
      uSum[kk] = us1;
      uSum[s] = us2;
      kk += 2;
    }
    if (k1 >= f) {
      k0 = k1;
      continue;
    }
    if (k1 - k0 === 5) {
      trailingUpdateReal(W, f, k0, k0 + 4, true, k1);
      trailingUpdateReal(W, f, k0 + 4, k1, true, k1);
    } else trailingUpdateReal(W, f, k0, k1, true);
    k0 = k1;
  }
  st[0] = ratio;
  return negative;
}

function multifrontalSolver(
  a: SparseMatrix,
  tree: DissectionTree,
  sym: Symbolic,
  lastCount: number,
  symmetricFronts: boolean,
  realFronts: boolean,
): SparseSolver {
  const n = a.n;
  const { nodes, fPtr, front, pivots, relPtr, rel, children } = sym;
  const { perm, inverse } = tree;
  const rows = permutedRows(a, perm, inverse);
  const { rowsNew, colNew, valR, valI } = rows;
  let maxFront = 0;
  for (let q = 0; q < nodes; q++) maxFront = Math.max(maxFront, fPtr[q + 1] - fPtr[q]);
  // factor storage: the p × f pivot rows (L11 strictly below the diagonal, U11, U12) and the
  // (f − p) × p block L21 of every node; contribution blocks live on a stack only while needed
  const uOff = new Int32Array(nodes + 1),
    lOff = new Int32Array(nodes + 1);
  let stackTop = 0,
    stackMax = 0;
  for (let nd = 0; nd < nodes; nd++) {
    const f = fPtr[nd + 1] - fPtr[nd],
      p = pivots[nd];
    uOff[nd + 1] = uOff[nd] + p * f;
    lOff[nd + 1] = lOff[nd] + (f - p) * p;
    for (const ch of children[nd]) {
      const c = fPtr[ch + 1] - fPtr[ch] - pivots[ch];
      stackTop -= c * c;
    }
    stackTop += (f - p) * (f - p);
    if (stackTop > stackMax) stackMax = stackTop;
  }
  const UR = new Float64Array(uOff[nodes]),
    UI = new Float64Array(uOff[nodes]),
    LR = new Float64Array(lOff[nodes]),
    LI = new Float64Array(lOff[nodes]);
  const SR = new Float64Array(stackMax),
    SI = new Float64Array(stackMax);
  const WR = new Float64Array(maxFront * maxFront),
    WI = new Float64Array(maxFront * maxFront);
  const pivRow = new Int32Array(n); // local row swapped into pivot position k of its node (indexed by new position)
  const pivLocal = new Int32Array(maxFront);
  // LDLᵀ fronts: the symmetric interchanges (column taken into pivot position k, per node; identity after an LU)
  const colSwap = new Int32Array(n),
    colLocal = new Int32Array(maxFront);
  const tKR = new Float64Array(maxFront),
    tKI = new Float64Array(maxFront),
    tRR = new Float64Array(maxFront),
    tRI = new Float64Array(maxFront);
  const uSum = new Float64Array(maxFront);
  const acc = new Float64Array(n); // row sums of |L||U| (for the backward-error bound)
  // assembly map, once: entry o of K goes to local position asmPos of its node's front (−K there)
  const local = new Int32Array(n);
  const asmPtr = new Int32Array(nodes + 1);
  const asmPosL: number[] = [],
    asmSrcL: number[] = [];
  // longest row of L (inner-product length of the error bound): Σ over the fronts holding a row of
  // the pivots before it
  const rowLen = new Int32Array(n);
  for (let nd = 0; nd < nodes; nd++) {
    const f0 = fPtr[nd],
      f = fPtr[nd + 1] - f0,
      p = pivots[nd],
      s0 = front[f0];
    for (let i = 0; i < f; i++) {
      local[front[f0 + i]] = i;
      rowLen[front[f0 + i]] += i < p ? i : p;
    }
    for (let i = 0; i < f; i++) {
      const q = front[f0 + i];
      for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
        const c = colNew[o];
        if (i < p ? c < s0 : c < s0 || c >= s0 + p) continue;
        asmPosL.push(i * f + local[c]);
        asmSrcL.push(o);
      }
    }
    asmPtr[nd + 1] = asmPosL.length;
  }
  const asmPos = Int32Array.from(asmPosL),
    asmSrc = Int32Array.from(asmSrcL);
  // fronts whose assembled entries of K are all real (at a real z they are factored by the real
  // kernels when their children's blocks are real too); realNode: the last factorisation's choice
  const asmReal = new Uint8Array(nodes),
    realNode = new Uint8Array(nodes),
    imagZero = new Uint8Array(nodes); // the node's UI and LI hold zeros (set by a real front)
  for (let nd = 0; nd < nodes; nd++) {
    let real = realFronts ? 1 : 0;
    for (let t = asmPtr[nd]; t < asmPtr[nd + 1] && real; t++) if (valI[asmSrc[t]] !== 0) real = 0;
    asmReal[nd] = real;
  }
  let realCount = 0,
    complexCount = 0;
  let maxRowLen = 0;
  for (let q = 0; q < n; q++) if (rowLen[q] > maxRowLen) maxRowLen = rowLen[q];
  // (LDLᵀ: U = D Lᵀ is the computed lower triangle, not the upper one GE would compute; the two
  // differ by two roundings per term of |L||U|, hence γ_{3(m+1)+2})
  const gammaBound = 4 * gammaK(3 * (maxRowLen + 1)),
    gammaBoundLdl = 4 * gammaK(3 * (maxRowLen + 1) + 2);
  const kDiagR = new Float64Array(n),
    kDiagI = new Float64Array(n),
    offRow = new Float64Array(n);
  for (let q = 0; q < n; q++)
    for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
      if (colNew[o] === q) {
        kDiagR[q] += valR[o];
        kDiagI[q] += valI[o];
      } else offRow[q] += Math.abs(valR[o]) + Math.abs(valI[o]);
    }
  // rows of K with real entries only (their rows of A are real at a real z: columnResidual)
  const rowRealK = new Uint8Array(n);
  for (let q = 0; q < n; q++) {
    let real = 1;
    for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) if (valI[o] !== 0) real = 0;
    rowRealK[q] = real;
  }
  const xlR = new Float64Array(maxFront),
    xlI = new Float64Array(maxFront);
  let xmR = new Float64Array(maxFront),
    xmI = new Float64Array(maxFront);
  // st: [zr, zi, ‖A‖_∞, pivot ratio, failed (0/1), backward-error bound]
  const st = new Float64Array(6);
  st[4] = 1;
  st[5] = Infinity;
  const kst = new Float64Array(2); // [smallest pivot ratio, 2 × 2 pivots]

  // A = zI − K is complex symmetric exactly when K is (every z): then the fronts are tried by the
  // symmetric LDLᵀ kernel first (docs/physics.md §14)
  let symmetricK = symmetricFronts;
  for (let q = 0; q < n && symmetricK; q++)
    for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
      const c = colNew[o];
      if (c <= q) continue;
      let t = rowsNew[c];
      while (t < rowsNew[c + 1] && colNew[t] !== q) t++;
      if (t === rowsNew[c + 1] || valR[t] !== valR[o] || valI[t] !== valI[o]) {
        symmetricK = false;
        break;
      }
    }
  let realNeg = 0;
  /**
   * One real front of factorWith (docs/physics.md §14): assembly, extend-add of the (real) children,
   * the real kernel, copy-out with zero imaginary parts. Returns the new stack top, or −1 / −2 as
   * the kernels (realNeg receives the count of negative pivots).
   */
  function realFront(
    nd: number,
    f0: number,
    f: number,
    p: number,
    ff: number,
    ch: Int32Array,
    top: number,
    ldl: boolean,
    pivoting: boolean,
    zr: number,
  ): number {
    // (the closure's arrays as locals: loads of context slots in the loops were measured slower)
    const WRL = WR,
      SRL = SR,
      URL = UR,
      UIL = UI,
      LRL = LR,
      LIL = LI,
      asmPtrL = asmPtr,
      asmPosL = asmPos,
      asmSrcL = asmSrc,
      valRL = valR,
      fPtrL = fPtr,
      pivotsL = pivots,
      relPtrL = relPtr,
      relL = rel,
      uSumL = uSum,
      kstL = kst,
      pivLocalL = pivLocal,
      colLocalL = colLocal,
      tKRL = tKR,
      tRRL = tRR,
      frontL = front,
      pivRowL = pivRow,
      colSwapL = colSwap,
      accL = acc,
      uOffL = uOff,
      lOffL = lOff,
      imagZeroL = imagZero;
    // (LDLᵀ: only the lower triangle is read before it is written — the kernel writes the pivot rows'
    // upper parts, U = D Lᵀ, before reading them — so only it is cleared; assembled entries above the
    // diagonal are overwritten unread)
    if (ldl) for (let i = 0, ri = 0; i < f; i++, ri += f) for (let t = ri, e = ri + i + 1; t < e; t++) WRL[t] = 0;
    else WRL.fill(0, 0, ff);
    for (let t = asmPtrL[nd]; t < asmPtrL[nd + 1]; t++) WRL[asmPosL[t]] -= valRL[asmSrcL[t]];
    for (let i = 0; i < p; i++) WRL[i * f + i] += zr;
    let below = top;
    for (let c = 0; c < ch.length; c++) {
      const cb = fPtrL[ch[c] + 1] - fPtrL[ch[c]] - pivotsL[ch[c]];
      below -= cb * cb;
    }
    let src = below;
    for (let c = 0; c < ch.length; c++) {
      const k = ch[c],
        cb = fPtrL[k + 1] - fPtrL[k] - pivotsL[k],
        r0 = relPtrL[k];
      for (let i = 0; i < cb; i++) {
        const ri = relL[r0 + i] * f,
          jEnd = ldl ? i + 1 : cb,
          s0 = src + i * cb;
        for (let j = 0; j < jEnd; j++) WRL[ri + relL[r0 + j]] += SRL[s0 + j];
      }
      src += cb * cb;
    }
    top = below;
    let neg: number;
    if (ldl) {
      neg = symFrontKernelReal(WRL, f, p, LDL_PIVOT_THRESHOLD, uSumL, kstL, pivLocalL, colLocalL, tKRL, tRRL);
      if (neg === -2) return -2;
    } else neg = frontKernelReal(WRL, f, p, pivoting, pivLocalL, uSumL, kstL);
    if (neg < 0) return -1;
    realNeg = neg;
    const s0 = frontL[f0];
    for (let kk = 0; kk < p; kk++) {
      const br = pivLocalL[kk];
      pivRowL[s0 + kk] = br;
      colSwapL[s0 + kk] = ldl ? colLocalL[kk] : kk;
      if (br !== kk && kstL[1] === 0) {
        const qa = frontL[f0 + kk],
          qb = frontL[f0 + br];
        const t = accL[qa];
        accL[qa] = accL[qb];
        accL[qb] = t;
      }
    }
    const ub = uOffL[nd];
    URL.set(WRL.subarray(0, p * f), ub);
    const lb = lOffL[nd];
    if (imagZeroL[nd] === 0) {
      // (zero imaginary parts, written once until a complex factorisation of this node)
      UIL.fill(0, ub, ub + p * f);
      LIL.fill(0, lb, lb + (f - p) * p);
      imagZeroL[nd] = 1;
    }
    for (let i = p; i < f; i++) {
      const ri = i * f,
        li = lb + (i - p) * p;
      for (let k = 0; k < p; k++) LRL[li + k] = WRL[ri + k];
      const t0 = top + (i - p) * (f - p) - p,
        jEnd = ldl ? i + 1 : f;
      for (let j = p; j < jEnd; j++) SRL[t0 + j] = WRL[ri + j];
    }
    top += (f - p) * (f - p);
    // (|L||U| row sums: not after a 2 × 2 pivot, which leaves no a-priori bound)
    if (kstL[1] === 0)
      for (let i = 0; i < f; i++) {
        const ri = i * f,
          kEnd = i < p ? i : p;
        let s = i < p ? uSumL[i] : 0;
        for (let k = 0; k < kEnd; k++) s += Math.abs(WRL[ri + k]) * uSumL[k];
        accL[frontL[f0 + i]] += s;
      }
    return top;
  }
  let twoByTwo = 0;
  let ldlCount = 0,
    luCount = 0,
    lastLdl = false;

  function factor(zr: number, zi: number, pivoting = true): number {
    if (pivoting && symmetricK) {
      const neg = factorWith(zr, zi, true, true);
      if (neg !== -2) {
        ldlCount++;
        lastLdl = neg >= 0;
        return neg;
      }
    }
    luCount++;
    lastLdl = false;
    return factorWith(zr, zi, pivoting, false);
  }

  function factorWith(zr: number, zi: number, pivoting: boolean, ldl: boolean): number {
    st[0] = zr;
    st[1] = zi;
    st[4] = 0;
    let normA = 0;
    for (let q = 0; q < n; q++) {
      const s = Math.abs(zr - kDiagR[q]) + Math.abs(zi - kDiagI[q]) + offRow[q];
      if (s > normA) normA = s;
    }
    st[2] = normA;
    acc.fill(0);
    kst[0] = Infinity;
    kst[1] = 0;
    let negative = 0,
      top = 0;
    for (let nd = 0; nd < nodes; nd++) {
      const f0 = fPtr[nd],
        f = fPtr[nd + 1] - f0,
        p = pivots[nd],
        ff = f * f;
      const ch = children[nd];
      let real = zi === 0 && asmReal[nd] === 1;
      for (let c = 0; c < ch.length && real; c++) if (realNode[ch[c]] === 0) real = false;
      realNode[nd] = real ? 1 : 0;
      if (real) {
        realCount++;
        top = realFront(nd, f0, f, p, ff, ch, top, ldl, pivoting, zr);
        if (top < 0) {
          if (top === -2) return -2;
          st[4] = 1;
          st[3] = kst[0] === Infinity ? 1 : kst[0];
          st[5] = Infinity;
          return -1;
        }
        negative += realNeg;
        continue;
      }
      complexCount++;
      WR.fill(0, 0, ff);
      WI.fill(0, 0, ff);
      for (let t = asmPtr[nd]; t < asmPtr[nd + 1]; t++) {
        const o = asmSrc[t],
          pos = asmPos[t];
        WR[pos] -= valR[o];
        WI[pos] -= valI[o];
      }
      for (let i = 0; i < p; i++) {
        WR[i * f + i] += zr;
        WI[i * f + i] += zi;
      }
      // extend-add the children's contribution blocks (the top of the stack, in child order)
      let below = top;
      for (let c = 0; c < ch.length; c++) {
        const cb = fPtr[ch[c] + 1] - fPtr[ch[c]] - pivots[ch[c]];
        below -= cb * cb;
      }
      let src = below;
      for (let c = 0; c < ch.length; c++) {
        const k = ch[c],
          cb = fPtr[k + 1] - fPtr[k] - pivots[k],
          r0 = relPtr[k];
        const childReal = realNode[k] === 1; // its block's imaginary parts are zero (not stored)
        // (LDLᵀ: only the lower triangles are stored and read; rel is increasing, so lower → lower)
        for (let i = 0; i < cb; i++) {
          const ri = rel[r0 + i] * f,
            jEnd = ldl ? i + 1 : cb,
            s0 = src + i * cb;
          if (childReal) for (let j = 0; j < jEnd; j++) WR[ri + rel[r0 + j]] += SR[s0 + j];
          else
            for (let j = 0; j < jEnd; j++) {
              const t = ri + rel[r0 + j];
              WR[t] += SR[s0 + j];
              WI[t] += SI[s0 + j];
            }
        }
        src += cb * cb;
      }
      top = below;
      // swaps move the descendants' |L||U| row sums with their rows
      let neg: number;
      if (ldl) {
        neg = symFrontKernel(WR, WI, f, p, LDL_PIVOT_THRESHOLD, uSum, kst, pivLocal, colLocal, tKR, tKI, tRR, tRI);
        if (neg === -2) return -2;
      } else neg = frontKernel(WR, WI, f, p, pivoting, pivLocal, uSum, kst);
      if (neg < 0) {
        st[4] = 1;
        st[3] = kst[0] === Infinity ? 1 : kst[0];
        st[5] = Infinity;
        return -1;
      }
      negative += neg;
      const s0 = front[f0];
      for (let kk = 0; kk < p; kk++) {
        const br = pivLocal[kk];
        pivRow[s0 + kk] = br;
        colSwap[s0 + kk] = ldl ? colLocal[kk] : kk;
        if (br !== kk && kst[1] === 0) {
          const qa = front[f0 + kk],
            qb = front[f0 + br];
          const t = acc[qa];
          acc[qa] = acc[qb];
          acc[qb] = t;
        }
      }
      // copy out U (pivot rows), L21, and push the contribution block
      const ub = uOff[nd];
      UR.set(WR.subarray(0, p * f), ub);
      UI.set(WI.subarray(0, p * f), ub);
      imagZero[nd] = 0;
      const lb = lOff[nd];
      for (let i = p; i < f; i++) {
        const ri = i * f,
          li = lb + (i - p) * p;
        for (let k = 0; k < p; k++) {
          LR[li + k] = WR[ri + k];
          LI[li + k] = WI[ri + k];
        }
        // the contribution block, row i − p at top + (i − p)·cb (LDLᵀ: its lower triangle only)
        const t0 = top + (i - p) * (f - p) - p,
          jEnd = ldl ? i + 1 : f;
        for (let j = p; j < jEnd; j++) {
          SR[t0 + j] = WR[ri + j];
          SI[t0 + j] = WI[ri + j];
        }
      }
      top += (f - p) * (f - p);
      // |L||U| row sums: Σ_k |L_ik| Σ_j |U_kj| (unit diagonal of L included; not after a 2 × 2
      // pivot, which leaves no a-priori bound)
      if (kst[1] === 0)
        for (let i = 0; i < f; i++) {
          const ri = i * f,
            kEnd = i < p ? i : p;
          let s = i < p ? uSum[i] : 0;
          for (let k = 0; k < kEnd; k++) s += (Math.abs(WR[ri + k]) + Math.abs(WI[ri + k])) * uSum[k];
          acc[front[f0 + i]] += s;
        }
    }
    let accMax = 0;
    for (let q = 0; q < n; q++) if (acc[q] > accMax) accMax = acc[q];
    st[3] = kst[0] === Infinity ? 1 : kst[0];
    st[5] = normA > 0 ? ((ldl ? gammaBoundLdl : gammaBound) * accMax) / normA : Infinity;
    // (a 2 × 2 pivot's U rows are not those elimination would compute from the upper triangle by
    // more than the two roundings above: no a-priori bound is claimed, the measured check decides)
    if (kst[1] > 0) st[5] = Infinity;
    twoByTwo += kst[1];
    if (!(st[5] >= 0)) st[5] = Infinity;
    return negative;
  }

  /** One solve A x = b (new numbering, in place in wR/wI, length n). */
  function solveOne(wR: Float64Array, wI: Float64Array): void {
    for (let nd = 0; nd < nodes; nd++) {
      const f0 = fPtr[nd],
        f = fPtr[nd + 1] - f0,
        p = pivots[nd],
        s0 = front[f0],
        ub = uOff[nd],
        lb = lOff[nd];
      for (let i = 0; i < f; i++) {
        const q = front[f0 + i];
        xlR[i] = wR[q];
        xlI[i] = wI[q];
      }
      for (let kk = 0; kk < p; kk++) {
        const r = pivRow[s0 + kk];
        if (r !== kk) {
          let t = xlR[kk];
          xlR[kk] = xlR[r];
          xlR[r] = t;
          t = xlI[kk];
          xlI[kk] = xlI[r];
          xlI[r] = t;
        }
      }
      for (let i = 1; i < p; i++) {
        const row = ub + i * f;
        let sr = 0,
          si = 0;
        for (let k = 0; k < i; k++) {
          const lr = UR[row + k],
            li = UI[row + k],
            yr = xlR[k],
            yi = xlI[k];
          sr += lr * yr - li * yi;
          si += lr * yi + li * yr;
        }
        xlR[i] -= sr;
        xlI[i] -= si;
      }
      for (let i = p; i < f; i++) {
        const row = lb + (i - p) * p;
        let sr = 0,
          si = 0;
        for (let k = 0; k < p; k++) {
          const lr = LR[row + k],
            li = LI[row + k],
            yr = xlR[k],
            yi = xlI[k];
          sr += lr * yr - li * yi;
          si += lr * yi + li * yr;
        }
        xlR[i] -= sr;
        xlI[i] -= si;
      }
      for (let i = 0; i < f; i++) {
        const q = front[f0 + i];
        wR[q] = xlR[i];
        wI[q] = xlI[i];
      }
    }
    for (let nd = nodes - 1; nd >= 0; nd--) backNode(nd, wR, wI);
  }

  /** Backward substitution of one node's pivots (new numbering, in place). */
  function backNode(nd: number, wR: Float64Array, wI: Float64Array): void {
    const f0 = fPtr[nd],
      f = fPtr[nd + 1] - f0,
      p = pivots[nd],
      ub = uOff[nd];
    for (let i = 0; i < f; i++) {
      const q = front[f0 + i];
      xlR[i] = wR[q];
      xlI[i] = wI[q];
    }
    for (let kk = p - 1; kk >= 0; kk--) {
      const row = ub + kk * f;
      let sr = xlR[kk],
        si = xlI[kk];
      for (let j = kk + 1; j < f; j++) {
        const ur = UR[row + j],
          ui = UI[row + j];
        sr -= ur * xlR[j] - ui * xlI[j];
        si -= ur * xlI[j] + ui * xlR[j];
      }
      const dr = UR[row + kk],
        di = UI[row + kk],
        den = dr * dr + di * di;
      xlR[kk] = (sr * dr + si * di) / den;
      xlI[kk] = (si * dr - sr * di) / den;
    }
    // undo the symmetric interchanges of an LDLᵀ front (the columns' order), last first
    const s0 = front[f0];
    for (let kk = p - 1; kk >= 0; kk--) {
      const c = colSwap[s0 + kk];
      if (c !== kk) {
        let t = xlR[kk];
        xlR[kk] = xlR[c];
        xlR[c] = t;
        t = xlI[kk];
        xlI[kk] = xlI[c];
        xlI[c] = t;
      }
    }
    for (let i = 0; i < p; i++) {
      const q = front[f0 + i];
      wR[q] = xlR[i];
      wI[q] = xlI[i];
    }
  }

  /** Copy the first `len` entries of a front (its variables front[f0 …]) of `cnt` columns into the work block xm. */
  function gatherFront(f0: number, len: number, XR: Float64Array, XI: Float64Array, off: Int32Array, cnt: number): void {
    // (the closure's arrays as locals: loads of context slots in the loops were measured slower)
    const frontL = front;
    const MR = xmR,
      MI = xmI; // the work block as locals (xmR/xmI are reassigned when r grows)
    for (let c = 0; c < cnt; c++) {
      const o = off[c],
        x0 = c * maxFront;
      for (let i = 0; i < len; i++) {
        const q = frontL[f0 + i];
        MR[x0 + i] = XR[o + q];
        MI[x0 + i] = XI[o + q];
      }
    }
  }

  /** The inverse of {@link gatherFront}: write the first `len` entries of the work block back. */
  function scatterFront(f0: number, len: number, XR: Float64Array, XI: Float64Array, off: Int32Array, cnt: number): void {
    // (the closure's arrays as locals: loads of context slots in the loops were measured slower)
    const frontL = front;
    const MR = xmR,
      MI = xmI; // the work block as locals (xmR/xmI are reassigned when r grows)
    for (let c = 0; c < cnt; c++) {
      const o = off[c],
        x0 = c * maxFront;
      for (let i = 0; i < len; i++) {
        const q = frontL[f0 + i];
        XR[o + q] = MR[x0 + i];
        XI[o + q] = MI[x0 + i];
      }
    }
  }

  /**
   * Forward substitution of one node for `cnt` columns at once (column c at offset off[c] of
   * XR/XI, new numbering, in place): each row of L is read once for all columns.
   */
  function forwardNodeMulti(nd: number, XR: Float64Array, XI: Float64Array, off: Int32Array, cnt: number): void {
    // (the closure's arrays as locals: loads of context slots in the loops were measured slower)
    const URL = UR,
      UIL = UI,
      LRL = LR,
      LIL = LI,
      fPtrL = fPtr,
      pivotsL = pivots,
      frontL = front,
      pivRowL = pivRow,
      uOffL = uOff,
      lOffL = lOff,
      realNodeL = realNode;
    const MR = xmR,
      MI = xmI; // the work block as locals (xmR/xmI are reassigned when r grows)
    const f0 = fPtrL[nd],
      f = fPtrL[nd + 1] - f0,
      p = pivotsL[nd],
      s0 = frontL[f0],
      ub = uOffL[nd],
      lb = lOffL[nd];
    gatherFront(f0, f, XR, XI, off, cnt);
    for (let c = 0; c < cnt; c++) {
      const x0 = c * maxFront;
      for (let kk = 0; kk < p; kk++) {
        const r = pivRowL[s0 + kk];
        if (r !== kk) {
          let t = MR[x0 + kk];
          MR[x0 + kk] = MR[x0 + r];
          MR[x0 + r] = t;
          t = MI[x0 + kk];
          MI[x0 + kk] = MI[x0 + r];
          MI[x0 + r] = t;
        }
      }
    }
    const real = realNodeL[nd] === 1; // real factors: half the multiply–adds, the same bits
    for (let i = 1; i < f; i++) {
      const row = i < p ? ub + i * f : lb + (i - p) * p,
        kEnd = i < p ? i : p,
        LRr = i < p ? URL : LRL,
        LIr = i < p ? UIL : LIL;
      if (real) {
        // columns in pairs: each entry of L loaded once for two (every sum in its own order)
        let c = 0;
        for (; c + 1 < cnt; c += 2) {
          const x0 = c * maxFront,
            x1 = x0 + maxFront;
          let ar = 0,
            ai = 0,
            br = 0,
            bi = 0;
          for (let k = 0; k < kEnd; k++) {
            const l = LRr[row + k];
            ar += l * MR[x0 + k];
            ai += l * MI[x0 + k];
            br += l * MR[x1 + k];
            bi += l * MI[x1 + k];
          }
          MR[x0 + i] -= ar;
          MI[x0 + i] -= ai;
          MR[x1 + i] -= br;
          MI[x1 + i] -= bi;
        }
        if (c < cnt) {
          const x0 = c * maxFront;
          let sr = 0,
            si = 0;
          for (let k = 0; k < kEnd; k++) {
            const l = LRr[row + k];
            sr += l * MR[x0 + k];
            si += l * MI[x0 + k];
          }
          MR[x0 + i] -= sr;
          MI[x0 + i] -= si;
        }
        continue;
      }
      for (let c = 0; c < cnt; c++) {
        const x0 = c * maxFront;
        let sr = 0,
          si = 0;
        for (let k = 0; k < kEnd; k++) {
          const lr = LRr[row + k],
            li = LIr[row + k],
            yr = MR[x0 + k],
            yi = MI[x0 + k];
          sr += lr * yr - li * yi;
          si += lr * yi + li * yr;
        }
        MR[x0 + i] -= sr;
        MI[x0 + i] -= si;
      }
    }
    scatterFront(f0, f, XR, XI, off, cnt);
  }

  /** Backward substitution of one node's pivots for `cnt` columns at once (as forwardNodeMulti). */
  function backNodeMulti(nd: number, XR: Float64Array, XI: Float64Array, off: Int32Array, cnt: number): void {
    // (the closure's arrays as locals: loads of context slots in the loops were measured slower)
    const URL = UR,
      UIL = UI,
      fPtrL = fPtr,
      pivotsL = pivots,
      frontL = front,
      colSwapL = colSwap,
      uOffL = uOff,
      realNodeL = realNode;
    const MR = xmR,
      MI = xmI; // the work block as locals (xmR/xmI are reassigned when r grows)
    const f0 = fPtrL[nd],
      f = fPtrL[nd + 1] - f0,
      p = pivotsL[nd],
      ub = uOffL[nd];
    gatherFront(f0, f, XR, XI, off, cnt);
    const real = realNodeL[nd] === 1; // real factors: half the multiply–adds, the same bits
    for (let kk = p - 1; kk >= 0; kk--) {
      const row = ub + kk * f;
      const dr = URL[row + kk],
        di = UIL[row + kk],
        den = dr * dr + di * di;
      if (real) {
        // columns in pairs, as in forwardNodeMulti
        let c = 0;
        for (; c + 1 < cnt; c += 2) {
          const x0 = c * maxFront,
            x1 = x0 + maxFront;
          let ar = MR[x0 + kk],
            ai = MI[x0 + kk],
            br = MR[x1 + kk],
            bi = MI[x1 + kk];
          for (let j = kk + 1; j < f; j++) {
            const u = URL[row + j];
            ar -= u * MR[x0 + j];
            ai -= u * MI[x0 + j];
            br -= u * MR[x1 + j];
            bi -= u * MI[x1 + j];
          }
          MR[x0 + kk] = (ar * dr) / den;
          MI[x0 + kk] = (ai * dr) / den;
          MR[x1 + kk] = (br * dr) / den;
          MI[x1 + kk] = (bi * dr) / den;
        }
        if (c < cnt) {
          const x0 = c * maxFront;
          let sr = MR[x0 + kk],
            si = MI[x0 + kk];
          for (let j = kk + 1; j < f; j++) {
            const u = URL[row + j];
            sr -= u * MR[x0 + j];
            si -= u * MI[x0 + j];
          }
          MR[x0 + kk] = (sr * dr) / den;
          MI[x0 + kk] = (si * dr) / den;
        }
        continue;
      }
      for (let c = 0; c < cnt; c++) {
        const x0 = c * maxFront;
        let sr = MR[x0 + kk],
          si = MI[x0 + kk];
        for (let j = kk + 1; j < f; j++) {
          const ur = URL[row + j],
            ui = UIL[row + j],
            yr = MR[x0 + j],
            yi = MI[x0 + j];
          sr -= ur * yr - ui * yi;
          si -= ur * yi + ui * yr;
        }
        MR[x0 + kk] = (sr * dr + si * di) / den;
        MI[x0 + kk] = (si * dr - sr * di) / den;
      }
    }
    const s0 = frontL[f0];
    for (let kk = p - 1; kk >= 0; kk--) {
      const c = colSwapL[s0 + kk];
      if (c === kk) continue;
      for (let cc = 0; cc < cnt; cc++) {
        const x0 = cc * maxFront;
        let t = MR[x0 + kk];
        MR[x0 + kk] = MR[x0 + c];
        MR[x0 + c] = t;
        t = MI[x0 + kk];
        MI[x0 + kk] = MI[x0 + c];
        MI[x0 + c] = t;
      }
    }
    scatterFront(f0, p, XR, XI, off, cnt); // only the pivots' entries are new
  }

  const state = (): [number, number, number, number, boolean] => [st[0], st[1], st[2], st[3], st[4] !== 0];
  const refined = refinedSolve(n, perm, inverse, rowsNew, colNew, valR, valI, solveOne, state);
  /** The refined solve; after an LDLᵀ that misses 10⁻¹⁰, once more after the LU with row interchanges. */
  function solve(bRe: Float64Array, bIm: Float64Array, r: number, xRe: Float64Array, xIm: Float64Array): number {
    try {
      return refined(bRe, bIm, r, xRe, xIm);
    } catch (e) {
      if (!(e instanceof SparseAccuracyError) || !lastLdl) throw e;
    }
    luCount++;
    lastLdl = false;
    factorWith(st[0], st[1], true, false);
    return refined(bRe, bIm, r, xRe, xIm);
  }
  // root-only solves: the `last` vertices are the root's pivots (positions n − lastCount … n − 1)
  const rootStart = n - lastCount;
  // the root-only columns in full (new numbering, n × r, zero below the root after the forward
  // sweep), kept for the measured check of {@link verifyColumns}
  let colR = new Float64Array(0),
    colI = new Float64Array(0),
    resR = new Float64Array(0),
    resI = new Float64Array(0),
    colCount = 0;
  let colOff = new Int32Array(0),
    resOff = new Int32Array(0),
    etas = new Float64Array(0);
  /**
   * Residual of column c of X (new numbering, colR/colI) against B (original numbering):
   * r = b − A x into resR/resI at c·n; returns its normwise backward error
   * ‖r‖_∞ / (‖A‖_∞ ‖x‖_∞ + ‖b‖_∞).
   */
  function columnResidual(bRe: Float64Array, bIm: Float64Array, c: number): number {
    // the columns and residuals as locals (colR … are reassigned when r grows; context loads in the loop were measured 3× slower)
    const CR = colR,
      CI = colI,
      RR = resR,
      RI = resI;
    // (the closure's arrays as locals too)
    const rp = rowsNew,
      cn = colNew,
      vR = valR,
      vI = valI,
      pm = perm,
      rk = rowRealK,
      nn = n;
    const zr = st[0],
      zi = st[1],
      normA = st[2],
      o0 = c * nn;
    let xn = 0,
      rn = 0,
      bn = 0;
    for (let q = 0; q < nn; q++) {
      const xa = Math.abs(CR[o0 + q]) + Math.abs(CI[o0 + q]);
      if (!(xa <= xn)) xn = xa;
      const v = pm[q];
      let sr = bRe[o0 + v],
        si = bIm[o0 + v];
      const ba = Math.abs(sr) + Math.abs(si);
      if (ba > bn) bn = ba;
      if (zi === 0 && rk[q] === 1)
        // a real row of A (real z, real K: every row but the coupled ones for a real H): real × complex,
        // half the multiply–adds and the same values (ei = 0 only adds signed zeros)
        for (let o = rp[q]; o < rp[q + 1]; o++) {
          const cc = cn[o];
          const er = (cc === q ? zr : 0) - vR[o];
          sr -= er * CR[o0 + cc];
          si -= er * CI[o0 + cc];
        }
      else
        for (let o = rp[q]; o < rp[q + 1]; o++) {
          const cc = cn[o];
          const er = (cc === q ? zr : 0) - vR[o],
            ei = (cc === q ? zi : 0) - vI[o];
          const yr = CR[o0 + cc],
            yi = CI[o0 + cc];
          sr -= er * yr - ei * yi;
          si -= er * yi + ei * yr;
        }
      RR[o0 + q] = sr;
      RI[o0 + q] = si;
      const e = Math.abs(sr) + Math.abs(si);
      if (!(e <= rn)) rn = e;
    }
    const eta = normA * xn + bn > 0 ? rn / (normA * xn + bn) : 0;
    return Number.isFinite(eta) ? eta : Infinity;
  }
  /**
   * The measured check of root-only columns (docs/physics.md §14): the substitutions of every
   * column are completed below the root (their forward sweep there is zero, B lives on the root:
   * x below the root = M x_root, completeBelowRoot), each column's residual gives its own normwise backward error η_c, and the
   * columns above ACCEPTED_BACKWARD_ERROR (16·64u, the bound's acceptance) are refined together
   * (x += A⁻¹ r, one multi-column solve per step, up to four steps) until each is within it.
   * Returns max η_c; SparseAccuracyError above
   * SPARSE_MAX_BACKWARD_ERROR.
   */
  function verifyColumns(bRe: Float64Array, bIm: Float64Array, r: number, sel: Int32Array, outRe: Float64Array, outIm: Float64Array): number {
    const m = sel.length;
    if (colOff.length < r) {
      colOff = new Int32Array(r);
      resOff = new Int32Array(r);
      etas = new Float64Array(r);
      resR = new Float64Array(n * r);
      resI = new Float64Array(n * r);
      xmR = new Float64Array(maxFront * r);
      xmI = new Float64Array(maxFront * r);
    }
    for (let c = 0; c < r; c++) colOff[c] = c * n;
    completeBelowRoot(r);
    for (let c = 0; c < r; c++) etas[c] = columnResidual(bRe, bIm, c);
    for (let it = 0; it < 4; it++) {
      let cnt = 0;
      for (let c = 0; c < r; c++) if (etas[c] > ACCEPTED_BACKWARD_ERROR && etas[c] < Infinity) resOff[cnt++] = c * n;
      if (cnt === 0) break;
      // the corrections A⁻¹ r in place of the residuals, then x += them
      for (let nd = 0; nd < nodes; nd++) forwardNodeMulti(nd, resR, resI, resOff, cnt);
      for (let nd = nodes - 1; nd >= 0; nd--) backNodeMulti(nd, resR, resI, resOff, cnt);
      for (let k = 0; k < cnt; k++) {
        const o = resOff[k];
        for (let q = 0; q < n; q++) {
          colR[o + q] += resR[o + q];
          colI[o + q] += resI[o + q];
        }
        etas[o / n] = columnResidual(bRe, bIm, o / n);
      }
    }
    let worst = 0;
    for (let c = 0; c < r; c++) {
      if (!(etas[c] <= worst)) worst = etas[c];
      for (let k = 0; k < m; k++) {
        const q = inverse[sel[k]];
        outRe[c * m + k] = colR[c * n + q];
        outIm[c * m + k] = colI[c * n + q];
      }
    }
    if (!(worst <= SPARSE_MAX_BACKWARD_ERROR))
      throw new SparseAccuracyError(
        `sparse solve at E = ${st[0]} eV lost accuracy: backward error ${worst.toExponential(2)} after refinement (smallest pivot ratio ${st[3].toExponential(2)})`,
        worst,
      );
    return worst;
  }
  // the root's response below it (n × lastCount, new numbering; completeBelowRoot)
  let zmR = new Float64Array(0),
    zmI = new Float64Array(0),
    zOff = new Int32Array(0),
    zw = new Float64Array(0);
  /**
   * The back-substitutions below the root of the root-only columns (docs/physics.md §14): their
   * forward sweep there is zero, so below the root x = M x_root with M = −U_bb⁻¹ U_br (n × m, m the
   * root's size), the back-substitution of the root's unit columns. When m ≤ r that is fewer
   * columns to substitute, and M is real when every front below the root is (real z, real H):
   * m real columns instead of r complex ones. The same operations in the real and complex routes
   * (M's imaginary parts are then zeros), so their results agree bit for bit.
   */
  function completeBelowRoot(r: number): void {
    const mm = lastCount;
    if (mm === 0 || mm > r) {
      for (let nd = nodes - 2; nd >= 0; nd--) backNodeMulti(nd, colR, colI, colOff, r);
      return;
    }
    if (zOff.length < mm) {
      zmR = new Float64Array(n * mm);
      zmI = new Float64Array(n * mm);
      zOff = new Int32Array(mm);
      zw = new Float64Array(maxFront * mm);
      for (let k = 0; k < mm; k++) zOff[k] = k * n;
    }
    let real = st[1] === 0;
    for (let nd = 0; nd < nodes - 1 && real; nd++) if (realNode[nd] === 0) real = false;
    zmR.fill(0);
    for (let k = 0; k < mm; k++) zmR[k * n + rootStart + k] = 1;
    if (real) for (let nd = nodes - 2; nd >= 0; nd--) backNodeReal(nd, zmR, mm);
    else {
      zmI.fill(0);
      for (let nd = nodes - 2; nd >= 0; nd--) backNodeMulti(nd, zmR, zmI, zOff, mm);
    }
    const CR = colR,
      CI = colI,
      MR = zmR,
      MI = zmI;
    for (let c = 0; c < r; c++) {
      const o = c * n;
      CR.fill(0, o, o + rootStart);
      CI.fill(0, o, o + rootStart);
      for (let k = 0; k < mm; k++) {
        const xr = CR[o + rootStart + k],
          xi = CI[o + rootStart + k],
          mk = k * n;
        if (real)
          for (let q = 0; q < rootStart; q++) {
            const v = MR[mk + q];
            CR[o + q] += v * xr;
            CI[o + q] += v * xi;
          }
        else
          for (let q = 0; q < rootStart; q++) {
            const vr = MR[mk + q],
              vi = MI[mk + q];
            CR[o + q] += vr * xr - vi * xi;
            CI[o + q] += vr * xi + vi * xr;
          }
      }
    }
  }
  /** {@link backNodeMulti} for `cnt` real columns (column k of X at k·n) through a real front, the same operations. */
  function backNodeReal(nd: number, X: Float64Array, cnt: number): void {
    const f0 = fPtr[nd],
      f = fPtr[nd + 1] - f0,
      p = pivots[nd],
      ub = uOff[nd],
      M = zw,
      U = UR,
      fr = front,
      cs = colSwap,
      mf = maxFront,
      nn = n;
    for (let c = 0; c < cnt; c++) {
      const o = c * nn,
        x0 = c * mf;
      for (let i = 0; i < f; i++) M[x0 + i] = X[o + fr[f0 + i]];
    }
    for (let kk = p - 1; kk >= 0; kk--) {
      const row = ub + kk * f;
      const d = U[row + kk],
        den = d * d;
      let c = 0;
      for (; c + 2 < cnt; c += 3) {
        const x0 = c * mf,
          x1 = x0 + mf,
          x2 = x1 + mf;
        let a = M[x0 + kk],
          b = M[x1 + kk],
          e = M[x2 + kk];
        for (let j = kk + 1; j < f; j++) {
          const u = U[row + j];
          a -= u * M[x0 + j];
          b -= u * M[x1 + j];
          e -= u * M[x2 + j];
        }
        M[x0 + kk] = (a * d) / den;
        M[x1 + kk] = (b * d) / den;
        M[x2 + kk] = (e * d) / den;
      }
      for (; c < cnt; c++) {
        const x0 = c * mf;
        let a = M[x0 + kk];
        for (let j = kk + 1; j < f; j++) a -= U[row + j] * M[x0 + j];
        M[x0 + kk] = (a * d) / den;
      }
    }
    const s0 = fr[f0];
    for (let kk = p - 1; kk >= 0; kk--) {
      const c = cs[s0 + kk];
      if (c === kk) continue;
      for (let cc = 0; cc < cnt; cc++) {
        const x0 = cc * mf,
          t = M[x0 + kk];
        M[x0 + kk] = M[x0 + c];
        M[x0 + c] = t;
      }
    }
    for (let c = 0; c < cnt; c++) {
      const o = c * nn,
        x0 = c * mf;
      for (let i = 0; i < p; i++) X[o + fr[f0 + i]] = M[x0 + i];
    }
  }
  /** The root-only solves (B on the `last` vertices, rows among them); false when not applicable. */
  function rootSolve(bRe: Float64Array, bIm: Float64Array, r: number, rowsSel: Int32Array, outRe: Float64Array, outIm: Float64Array): boolean {
    const m = rowsSel.length;
    let rootOnly = lastCount > 0;
    for (let k = 0; k < m && rootOnly; k++) if (inverse[rowsSel[k]] < rootStart) rootOnly = false;
    for (let c = 0; c < r && rootOnly; c++) {
      for (let v = 0; v < n; v++)
        if (inverse[v] < rootStart && (bRe[c * n + v] !== 0 || bIm[c * n + v] !== 0)) {
          rootOnly = false;
          break;
        }
    }
    if (!rootOnly) return false;
    const nd = nodes - 1;
    if (colR.length < n * r) {
      colR = new Float64Array(n * r);
      colI = new Float64Array(n * r);
    }
    colCount = r;
    for (let c = 0; c < r; c++) {
      const xR = colR.subarray(c * n, (c + 1) * n),
        xI = colI.subarray(c * n, (c + 1) * n);
      xR.fill(0, 0, rootStart);
      xI.fill(0, 0, rootStart);
      for (let q = rootStart; q < n; q++) {
        xR[q] = bRe[c * n + perm[q]];
        xI[q] = bIm[c * n + perm[q]];
      }
      rootForward(xR, xI);
      backNode(nd, xR, xI);
      for (let k = 0; k < m; k++) {
        const q = inverse[rowsSel[k]];
        outRe[c * m + k] = xR[q];
        outIm[c * m + k] = xI[q];
      }
    }
    return true;
  }
  const solveRows = selectedRowsSolve(n, perm, inverse, rows, solve, st, rootSolve, solveOne, undefined, undefined, (bRe, bIm, r, sel, outRe, outIm) => {
    if (colCount !== r) return -1;
    try {
      return verifyColumns(bRe, bIm, r, sel, outRe, outIm);
    } catch (e) {
      if (!(e instanceof SparseAccuracyError) || !lastLdl) throw e;
    }
    // the LDLᵀ (diagonal pivots in order) missed: the same energy by the LU with row interchanges
    luCount++;
    lastLdl = false;
    if (factorWith(st[0], st[1], true, false) < 0)
      throw new SparseAccuracyError(`sparse solve at E = ${st[0]} eV: the factorisation met an exactly zero pivot`, Infinity);
    rootSolve(bRe, bIm, r, sel, outRe, outIm);
    return verifyColumns(bRe, bIm, r, sel, outRe, outIm);
  });

  /** Forward substitution of the root node alone (its front is its pivots: f = p). */
  function rootForward(wR: Float64Array, wI: Float64Array): void {
    const nd = nodes - 1,
      f0 = fPtr[nd],
      p = pivots[nd],
      s0 = front[f0],
      ub = uOff[nd];
    for (let i = 0; i < p; i++) {
      xlR[i] = wR[s0 + i];
      xlI[i] = wI[s0 + i];
    }
    for (let kk = 0; kk < p; kk++) {
      const r = pivRow[s0 + kk];
      if (r !== kk) {
        let t = xlR[kk];
        xlR[kk] = xlR[r];
        xlR[r] = t;
        t = xlI[kk];
        xlI[kk] = xlI[r];
        xlI[r] = t;
      }
    }
    for (let i = 1; i < p; i++) {
      const row = ub + i * p;
      let sr = 0,
        si = 0;
      for (let k = 0; k < i; k++) {
        const lr = UR[row + k],
          li = UI[row + k],
          yr = xlR[k],
          yi = xlI[k];
        sr += lr * yr - li * yi;
        si += lr * yi + li * yr;
      }
      xlR[i] -= sr;
      xlI[i] -= si;
    }
    for (let i = 0; i < p; i++) {
      wR[s0 + i] = xlR[i];
      wI[s0 + i] = xlI[i];
    }
  }

  return {
    n,
    method: 'multifrontal',
    stats: {
      factorEntries: sym.factorEntries,
      work: sym.work,
      nodes,
      maxFront,
      storedMiB: ((uOff[nodes] + lOff[nodes] + stackMax + maxFront * maxFront) * 16) / 2 ** 20,
    },
    factor,
    solve,
    solveRows,
    get lastPivotRatio() {
      return st[3];
    },
    get factorisations() {
      return { ldl: ldlCount, lu: luCount, realFronts: realCount, complexFronts: complexCount, twoByTwoPivots: twoByTwo };
    },
    get backwardErrorBound() {
      return st[5];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Banded LU after reverse Cuthill–McKee (chains, rings, narrow ribbons)
// ---------------------------------------------------------------------------------------------

/** Reverse Cuthill–McKee ordering of a (structurally symmetric) pattern and its half-bandwidth. */
export function reverseCuthillMcKee(a: SparseMatrix): { perm: Int32Array; inverse: Int32Array; bandwidth: number } {
  const n = a.n;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = a.rowPtr[i + 1] - a.rowPtr[i];
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  let tail = 0;
  for (let s0 = 0; s0 < n; s0++) {
    if (visited[s0]) continue;
    // pseudo-peripheral start: the last vertex of a BFS from s0 (twice)
    let root = s0;
    for (let it = 0; it < 2; it++) {
      const mark = new Map<number, number>();
      const q = [root];
      mark.set(root, 0);
      for (let h = 0; h < q.length; h++) {
        const v = q[h];
        for (let p = a.rowPtr[v]; p < a.rowPtr[v + 1]; p++) {
          const u = a.col[p];
          if (!visited[u] && !mark.has(u)) {
            mark.set(u, 0);
            q.push(u);
          }
        }
      }
      root = q[q.length - 1];
    }
    const head0 = tail;
    order[tail++] = root;
    visited[root] = 1;
    for (let h = head0; h < tail; h++) {
      const v = order[h];
      const nb: number[] = [];
      for (let p = a.rowPtr[v]; p < a.rowPtr[v + 1]; p++) {
        const u = a.col[p];
        if (!visited[u]) {
          visited[u] = 1;
          nb.push(u);
        }
      }
      nb.sort((x, y) => deg[x] - deg[y]);
      for (const u of nb) order[tail++] = u;
    }
  }
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = order[n - 1 - i];
  const inverse = new Int32Array(n);
  for (let i = 0; i < n; i++) inverse[perm[i]] = i;
  let bandwidth = 0;
  for (let i = 0; i < n; i++) for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) bandwidth = Math.max(bandwidth, Math.abs(inverse[i] - inverse[a.col[p]]));
  return { perm, inverse, bandwidth };
}

/** K in the new numbering, row by row (assembly and residuals). */
interface PermutedRows {
  readonly rowsNew: Int32Array;
  readonly colNew: Int32Array;
  readonly valR: Float64Array;
  readonly valI: Float64Array;
  /** Position of the diagonal entry of each row in colNew (every diagonal is stored: symmetrisePattern). */
  readonly diag: Int32Array;
}

function permutedRows(a: SparseMatrix, perm: Int32Array, inverse: Int32Array): PermutedRows {
  const n = a.n;
  const rowsNew = new Int32Array(n + 1);
  for (let q = 0; q < n; q++) {
    const v = perm[q];
    rowsNew[q + 1] = rowsNew[q] + (a.rowPtr[v + 1] - a.rowPtr[v]);
  }
  const colNew = new Int32Array(rowsNew[n]),
    valR = new Float64Array(rowsNew[n]),
    valI = new Float64Array(rowsNew[n]),
    diag = new Int32Array(n).fill(-1);
  for (let q = 0; q < n; q++) {
    const v = perm[q];
    let o = rowsNew[q];
    for (let p = a.rowPtr[v]; p < a.rowPtr[v + 1]; p++, o++) {
      const c = inverse[a.col[p]];
      colNew[o] = c;
      valR[o] = a.re[p];
      valI[o] = a.im[p];
      if (c === q) diag[q] = o;
    }
  }
  return { rowsNew, colNew, valR, valI, diag };
}

/** ‖zI − K‖_∞ (rows in the new numbering). */
function normShifted(rows: PermutedRows, n: number, zr: number, zi: number): number {
  const { rowsNew, colNew, valR, valI } = rows;
  let normA = 0;
  for (let q = 0; q < n; q++) {
    let s = 0;
    for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
      const d = colNew[o] === q;
      const er = (d ? zr : 0) - valR[o],
        ei = (d ? zi : 0) - valI[o];
      s += Math.abs(er) + Math.abs(ei);
    }
    if (s > normA) normA = s;
  }
  return normA;
}

/**
 * {@link bandFactorKernel} for b = 1 (chains, rings cut open), the same arithmetic unrolled, read
 * straight from the assembled −K in band storage (BR, BI; (k, k) at 4k + 2, (k+1, k) at 4k + 3,
 * (k, k+1) at 4k + 5) with z added to each diagonal entry as it is read, so nothing is copied per
 * energy. Only what the substitutions read is stored: L(k+1, k) at 4k + 3, U(k, k+1) at 4k + 5 and
 * U(k, k+2) at 4k + 8 (fill from an interchange) of AR, AI, and 1/U(k, k) in inv. Also ‖zI − K‖_∞
 * (row sums |z − K_kk| + offRow[k]) into st[1], in the same loop (the pivot recurrence is
 * latency-bound: the norm's independent work costs nothing); st[0] as bandFactorKernel.
 */
function tridiagonalFactorKernel(
  BR: Float64Array,
  BI: Float64Array,
  zr: number,
  zi: number,
  kDiagR: Float64Array,
  kDiagI: Float64Array,
  offRow: Float64Array,
  AR: Float64Array,
  AI: Float64Array,
  ipiv: Int32Array,
  n: number,
  pivoting: boolean,
  st: Float64Array,
  invR: Float64Array,
  invI: Float64Array,
): number {
  let negative = 0,
    ratio2 = Infinity,
    normA = 0;
  // the active entries of step k in locals: (dR, dI) = (k, k), (uR, uI) = (k, k+1), (fR, fI) = (k, k+2)
  // (0 before an interchange: row k of columns ≥ k + 2 is outside the band); row k + 1 of columns
  // k … k+2 is read from −K (not yet modified)
  let dR = BR[2] + zr,
    dI = BI[2] + zi,
    uR = n > 1 ? BR[5] : 0,
    uI = n > 1 ? BI[5] : 0,
    fR = 0,
    fI = 0;
  for (let k = 0; k < n; k++) {
    const d = 4 * k + 2;
    const last = k === n - 1;
    const rowSum = Math.abs(zr - kDiagR[k]) + Math.abs(zi - kDiagI[k]) + offRow[k];
    if (rowSum > normA) normA = rowSum;
    let sR = 0,
      sI = 0,
      aR = 0,
      aI = 0,
      bR = 0,
      bI = 0;
    if (!last) {
      sR = BR[d + 1];
      sI = BI[d + 1];
      aR = BR[d + 4] + zr;
      aI = BI[d + 4] + zi;
      if (k + 2 < n) {
        bR = BR[d + 7];
        bI = BI[d + 7];
      }
    }
    const v0 = dR * dR + dI * dI;
    const v1 = last ? -1 : sR * sR + sI * sI;
    const colmax = v0 > v1 ? v0 : v1;
    const swap = pivoting && v1 > v0;
    const best = swap ? v1 : v0;
    ipiv[k] = swap ? k + 1 : k;
    if (swap) {
      let t = dR;
      dR = sR;
      sR = t;
      t = dI;
      dI = sI;
      sI = t;
      t = uR;
      uR = aR;
      aR = t;
      t = uI;
      uI = aI;
      aI = t;
      t = fR;
      fR = bR;
      bR = t;
      t = fI;
      fI = bI;
      bI = t;
    }
    if (colmax > 0) {
      const r2 = best / colmax;
      if (r2 < ratio2) ratio2 = r2;
    }
    if (dR < 0) negative++;
    const den = dR * dR + dI * dI;
    if (den === 0) {
      for (let q = k + 1; q < n; q++) {
        const s = Math.abs(zr - kDiagR[q]) + Math.abs(zi - kDiagI[q]) + offRow[q];
        if (s > normA) normA = s;
      }
      st[0] = ratio2 === Infinity ? 1 : Math.sqrt(ratio2);
      st[1] = normA;
      return -1;
    }
    const ir = dR / den,
      ii = -dI / den;
    invR[k] = ir;
    invI[k] = ii;
    if (last) break;
    const lr = sR * ir - sI * ii,
      li = sR * ii + sI * ir;
    AR[d + 1] = lr;
    AI[d + 1] = li;
    AR[d + 3] = uR;
    AI[d + 3] = uI;
    if (uR !== 0 || uI !== 0) {
      aR -= lr * uR - li * uI;
      aI -= lr * uI + li * uR;
    }
    if (k + 2 < n) {
      AR[d + 6] = fR;
      AI[d + 6] = fI;
      if (fR !== 0 || fI !== 0) {
        bR -= lr * fR - li * fI;
        bI -= lr * fI + li * fR;
      }
    }
    // step k + 1: its (k+1, k+1), (k+1, k+2) are this step's updated row k + 1; (k+1, k+3) is 0
    dR = aR;
    dI = aI;
    uR = bR;
    uI = bI;
    fR = 0;
    fI = 0;
  }
  st[0] = ratio2 === Infinity ? 1 : Math.sqrt(ratio2);
  st[1] = normA;
  return negative;
}

/**
 * In-place banded LU with partial pivoting (gbtf2) of the n × n band in column-major band storage,
 * (i, j) at j·LD + i − j + 2b. Returns the number of pivots with negative real part, or −1 for an
 * exactly zero pivot; st[0] receives the smallest |pivot| / max |column entry|.
 */
function bandFactorKernel(
  AR: Float64Array,
  AI: Float64Array,
  ipiv: Int32Array,
  n: number,
  b: number,
  pivoting: boolean,
  st: Float64Array,
  invR: Float64Array,
  invI: Float64Array,
): number {
  const ku2 = 2 * b,
    LD = ku2 + b + 1;
  let negative = 0,
    ratio = Infinity;
  for (let k = 0; k < n; k++) {
    const m = k + b < n ? b : n - 1 - k;
    const ck = k * LD + ku2 - k; // (i, k) at ck + i
    let p = k,
      best = -1,
      colmax = 0;
    for (let i = k; i <= k + m; i++) {
      const v = AR[ck + i] * AR[ck + i] + AI[ck + i] * AI[ck + i];
      if (v > colmax) colmax = v;
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!pivoting) {
      p = k;
      best = AR[ck + k] * AR[ck + k] + AI[ck + k] * AI[ck + k];
    }
    ipiv[k] = p;
    const jEnd = k + ku2 < n ? k + ku2 : n - 1;
    if (p !== k) {
      for (let j = k; j <= jEnd; j++) {
        const cj = j * LD + ku2 - j;
        let t = AR[cj + k];
        AR[cj + k] = AR[cj + p];
        AR[cj + p] = t;
        t = AI[cj + k];
        AI[cj + k] = AI[cj + p];
        AI[cj + p] = t;
      }
    }
    if (colmax > 0) {
      const r = Math.sqrt(best / colmax);
      if (r < ratio) ratio = r;
    }
    const dr = AR[ck + k],
      di = AI[ck + k];
    if (dr < 0) negative++;
    const den = dr * dr + di * di;
    if (den === 0) {
      st[0] = ratio === Infinity ? 1 : ratio;
      return -1;
    }
    const ir = dr / den,
      ii = -di / den;
    invR[k] = ir;
    invI[k] = ii;
    for (let i = k + 1; i <= k + m; i++) {
      const xr = AR[ck + i],
        xi = AI[ck + i];
      AR[ck + i] = xr * ir - xi * ii;
      AI[ck + i] = xr * ii + xi * ir;
    }
    for (let j = k + 1; j <= jEnd; j++) {
      const cj = j * LD + ku2 - j;
      const ur = AR[cj + k],
        ui = AI[cj + k];
      if (ur === 0 && ui === 0) continue;
      for (let i = k + 1; i <= k + m; i++) {
        const lr = AR[ck + i],
          li = AI[ck + i];
        AR[cj + i] -= lr * ur - li * ui;
        AI[cj + i] -= lr * ui + li * ur;
      }
    }
  }
  st[0] = ratio === Infinity ? 1 : ratio;
  return negative;
}

/**
 * Forward and backward substitution with the banded LU of {@link bandFactorKernel}, in place, for
 * `cols` right-hand sides at once (column c at offset c·n of wR/wI): the recurrences are serial in
 * k, so interleaving the columns keeps the multipliers busy (measured ~2× per column for three).
 * `first` is the smallest row with a non-zero right-hand side (rows before it stay zero).
 */
function bandSolveKernel(
  AR: Float64Array,
  AI: Float64Array,
  invR: Float64Array,
  invI: Float64Array,
  ipiv: Int32Array,
  n: number,
  b: number,
  wR: Float64Array,
  wI: Float64Array,
  cols: number,
  first: number,
  stop = 0,
): void {
  if (b === 1 && cols === 1) {
    tridiagonalSolveKernel(AR, AI, invR, invI, ipiv, n, wR, wI, first, stop);
    return;
  }
  const ku2 = 2 * b,
    LD = ku2 + b + 1;
  for (let k = first; k < n; k++) {
    const p = ipiv[k];
    const m = k + b < n ? b : n - 1 - k,
      ck = k * LD + ku2 - k;
    for (let c = 0, o = 0; c < cols; c++, o += n) {
      if (p !== k) {
        let t = wR[o + k];
        wR[o + k] = wR[o + p];
        wR[o + p] = t;
        t = wI[o + k];
        wI[o + k] = wI[o + p];
        wI[o + p] = t;
      }
      const yr = wR[o + k],
        yi = wI[o + k];
      if (yr === 0 && yi === 0) continue;
      for (let i = k + 1; i <= k + m; i++) {
        const lr = AR[ck + i],
          li = AI[ck + i];
        wR[o + i] -= lr * yr - li * yi;
        wI[o + i] -= lr * yi + li * yr;
      }
    }
  }
  for (let k = n - 1; k >= stop; k--) {
    const jEnd = k + ku2 < n ? k + ku2 : n - 1;
    const dr = invR[k],
      di = invI[k];
    for (let c = 0, o = 0; c < cols; c++, o += n) {
      let sr = wR[o + k],
        si = wI[o + k];
      for (let j = k + 1; j <= jEnd; j++) {
        const t = j * LD + ku2 - j + k;
        const ur = AR[t],
          ui = AI[t];
        sr -= ur * wR[o + j] - ui * wI[o + j];
        si -= ur * wI[o + j] + ui * wR[o + j];
      }
      wR[o + k] = sr * dr - si * di;
      wI[o + k] = sr * di + si * dr;
    }
  }
}

/**
 * {@link bandSolveKernel} for b = 1 and one column, the same arithmetic in the same order (bit for
 * bit) unrolled, with the running entries w[k + 1] (forward) and w[k + 1], w[k + 2] (backward) kept
 * in locals; storage as in {@link tridiagonalFactorKernel}: L(k+1, k) at 4k + 3, U(k, k+1) at
 * 4k + 5, U(k, k+2) at 4k + 8.
 */
function tridiagonalSolveKernel(
  AR: Float64Array,
  AI: Float64Array,
  invR: Float64Array,
  invI: Float64Array,
  ipiv: Int32Array,
  n: number,
  wR: Float64Array,
  wI: Float64Array,
  first: number,
  stop: number,
): void {
  if (first < n) {
    // (cr, ci) = the current w[k]; the row interchange at k only ever swaps k and k + 1
    let cr = wR[first],
      ci = wI[first];
    for (let k = first; k < n - 1; k++) {
      let nr = wR[k + 1],
        ni = wI[k + 1];
      if (ipiv[k] !== k) {
        const tr = cr,
          ti = ci;
        cr = nr;
        ci = ni;
        nr = tr;
        ni = ti;
      }
      wR[k] = cr;
      wI[k] = ci;
      if (cr !== 0 || ci !== 0) {
        const lr = AR[4 * k + 3],
          li = AI[4 * k + 3];
        nr -= lr * cr - li * ci;
        ni -= lr * ci + li * cr;
      }
      cr = nr;
      ci = ni;
    }
    wR[n - 1] = cr;
    wI[n - 1] = ci;
  }
  // backward: (ar, ai) = w[k + 1], (br, bi) = w[k + 2] (0 beyond the end)
  let ar = 0,
    ai = 0,
    br = 0,
    bi = 0;
  for (let k = n - 1; k >= stop; k--) {
    let sr = wR[k],
      si = wI[k];
    if (k + 1 < n) {
      const ur = AR[4 * k + 5],
        ui = AI[4 * k + 5];
      sr -= ur * ar - ui * ai;
      si -= ur * ai + ui * ar;
      if (k + 2 < n) {
        const vr = AR[4 * k + 8],
          vi = AI[4 * k + 8];
        sr -= vr * br - vi * bi;
        si -= vr * bi + vi * br;
      }
    }
    const dr = invR[k],
      di = invI[k];
    const xr = sr * dr - si * di,
      xi = sr * di + si * dr;
    wR[k] = xr;
    wI[k] = xi;
    br = ar;
    bi = ai;
    ar = xr;
    ai = xi;
  }
}

/**
 * Banded LU with partial pivoting (LAPACK gbtrf without blocking) of A = zI − K in RCM order:
 * column-major band storage, element (i, j) at j·LD + (i − j + 2b), rows j − 2b … j + b.
 * The hot loops are module-level functions over typed arrays (no captured mutable numbers, which
 * V8 boxes on every write: measured 80 ns per row of a chain before, ~10 ns after).
 */
function bandedSolver(a: SparseMatrix, band: { perm: Int32Array; inverse: Int32Array; bandwidth: number }): SparseSolver {
  const n = a.n,
    b = band.bandwidth,
    ku2 = 2 * b,
    LD = ku2 + b + 1;
  const { perm, inverse } = band;
  const AR = new Float64Array(n * LD),
    AI = new Float64Array(n * LD);
  const ipiv = new Int32Array(n);
  const rows = permutedRows(a, perm, inverse);
  const { rowsNew, colNew, valR, valI } = rows;
  // st: [zr, zi, ‖A‖_∞, pivot ratio, failed (0/1), backward-error bound]
  const st = new Float64Array(6);
  st[4] = 1;
  st[5] = Infinity;
  const ratio = new Float64Array(2);
  const invR = new Float64Array(n),
    invI = new Float64Array(n);
  // −K in band storage, assembled once: each factor copies it and adds z on the diagonal
  const baseR = new Float64Array(n * LD),
    baseI = new Float64Array(n * LD);
  const kDiagR = new Float64Array(n),
    kDiagI = new Float64Array(n),
    offRow = new Float64Array(n); // Σ_{j≠q} |K_qj| (re + im parts), for ‖zI − K‖_∞
  for (let q = 0; q < n; q++) {
    for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
      const c = colNew[o];
      const t = c * LD + q - c + ku2;
      baseR[t] -= valR[o];
      baseI[t] -= valI[o];
      if (c === q) {
        kDiagR[q] += valR[o];
        kDiagI[q] += valI[o];
      } else offRow[q] += Math.abs(valR[o]) + Math.abs(valI[o]);
    }
  }

  function factor(zr: number, zi: number, pivoting = true): number {
    st[0] = zr;
    st[1] = zi;
    let negative: number;
    if (b === 1) {
      negative = tridiagonalFactorKernel(baseR, baseI, zr, zi, kDiagR, kDiagI, offRow, AR, AI, ipiv, n, pivoting, ratio, invR, invI);
      st[2] = ratio[1];
    } else {
      AR.set(baseR);
      AI.set(baseI);
      let normA = 0;
      for (let q = 0; q < n; q++) {
        const t = q * LD + ku2;
        AR[t] += zr;
        AI[t] += zi;
        const s = Math.abs(zr - kDiagR[q]) + Math.abs(zi - kDiagI[q]) + offRow[q];
        if (s > normA) normA = s;
      }
      st[2] = normA;
      negative = bandFactorKernel(AR, AI, ipiv, n, b, pivoting, ratio, invR, invI);
    }
    st[3] = ratio[0];
    st[4] = negative < 0 ? 1 : 0;
    // Banded GEPP has growth ≤ 2^(2b−1) (Wilkinson), so for b ≤ 2 the backward error is bounded a
    // priori by ~(3b + 1)·8u ≤ 64u; wider bands are checked by a probe solve (selectedRowsSolve)
    st[5] = negative >= 0 && b <= 2 ? TARGET_BACKWARD_ERROR : Infinity;
    return negative;
  }

  const solveOne = (wR: Float64Array, wI: Float64Array): void => bandSolveKernel(AR, AI, invR, invI, ipiv, n, b, wR, wI, 1, 0);
  const solveMany = (wR: Float64Array, wI: Float64Array, cols: number, first: number): void =>
    bandSolveKernel(AR, AI, invR, invI, ipiv, n, b, wR, wI, cols, first);
  // (b ≤ 2: the a-priori bound above; the residual, the dominant cost on a chain, is not computed)
  const gR = new Float64Array(n),
    gI = new Float64Array(n);
  /**
   * G = A⁻¹ restricted to `sites` (m × m, out[c·m + k] = G[sites[k]][sites[c]]) from the unit
   * columns, each swept only where it is needed: forward from b steps before its site, backward down
   * to the lowest position it must deliver — with `symmetric` (A = Aᵀ) only the rows at or after its
   * own position, the rest by G = Gᵀ. Only under the a-priori bound (b ≤ 2); returns its η, or −1
   * (not applicable: use solveRows).
   */
  function greenSites(sites: Int32Array, symmetric: boolean, outRe: Float64Array, outIm: Float64Array): number {
    if (st[4] !== 0) throw new SparseAccuracyError(`sparse solve at E = ${st[0]} eV: the factorisation met an exactly zero pivot`, Infinity);
    if (!(st[5] <= TARGET_BACKWARD_ERROR)) return -1;
    const m = sites.length;
    let lowest = n;
    for (let k = 0; k < m; k++) lowest = Math.min(lowest, inverse[sites[k]]);
    for (let c = 0; c < m; c++) {
      const P = inverse[sites[c]];
      gR.fill(0);
      gI.fill(0);
      gR[P] = 1;
      bandSolveKernel(AR, AI, invR, invI, ipiv, n, b, gR, gI, 1, Math.max(0, P - b), symmetric ? P : lowest);
      for (let k = 0; k < m; k++) {
        const q = inverse[sites[k]];
        if (symmetric && q < P) continue;
        outRe[c * m + k] = gR[q];
        outIm[c * m + k] = gI[q];
        if (symmetric) {
          outRe[k * m + c] = gR[q];
          outIm[k * m + c] = gI[q];
        }
      }
    }
    for (let k = 0; k < m * m; k++) if (!Number.isFinite(outRe[k]) || !Number.isFinite(outIm[k])) return -1;
    return st[5];
  }
  // twisted factorisations (b = 1): l_k u_k = A(k+1, k)·A(k, k+1) is independent of z
  const luR = b === 1 ? new Float64Array(n) : null,
    luI = b === 1 ? new Float64Array(n) : null;
  if (luR && luI)
    for (let k = 0; k + 1 < n; k++) {
      const lr = baseR[4 * k + 3],
        li = baseI[4 * k + 3],
        ur = baseR[4 * k + 5],
        ui = baseI[4 * k + 5];
      luR[k] = lr * ur - li * ui;
      luI[k] = lr * ui + li * ur;
    }
  // A = Aᵀ (l_k = u_k: real H, local or real Γ): G = Gᵀ, the bottom sweep needs no products
  let twistSymmetric = b === 1;
  for (let k = 0; twistSymmetric && k + 1 < n; k++) twistSymmetric = baseR[4 * k + 3] === baseR[4 * k + 5] && baseI[4 * k + 3] === baseI[4 * k + 5];
  let twistSites: Int32Array | null = null;
  let twistPos = new Int32Array(0),
    twistOrd = new Int32Array(0),
    twistWork = new Float64Array(0);
  let twistWork2 = new Float64Array(0);
  /** The twists' positions in the band order, sorted, the index into `sites` of each, and the work arrays. */
  function twistAt(sites: Int32Array): void {
    if (sites === twistSites) return;
    const m = sites.length;
    const ord = Array.from({ length: m }, (_, c) => c).sort((x, y) => inverse[sites[x]] - inverse[sites[y]]);
    twistOrd = Int32Array.from(ord);
    twistPos = Int32Array.from(ord, (c) => inverse[sites[c]]);
    twistWork = new Float64Array(12 * m);
    twistWork2 = new Float64Array(12 * m);
    twistSites = sites;
  }
  function twistedGreen(zr: number, zi: number, sites: Int32Array, outRe: Float64Array, outIm: Float64Array): number {
    const m = sites.length;
    if (!luR || !luI || m === 0) return -1;
    twistAt(sites);
    return twistedGreenKernel(baseR, baseI, offRow, luR, luI, twistSymmetric, zr, zi, n, twistPos, twistOrd, m, twistWork, outRe, outIm);
  }
  function twistedGreen2(
    z1: number,
    z2: number,
    sites: Int32Array,
    outRe1: Float64Array,
    outIm1: Float64Array,
    outRe2: Float64Array,
    outIm2: Float64Array,
    bounds: Float64Array,
  ): void {
    const m = sites.length;
    if (!luR || !luI || m === 0) {
      bounds[0] = bounds[1] = -1;
      return;
    }
    twistAt(sites);
    twistedGreenKernel2(
      baseR,
      baseI,
      offRow,
      luR,
      luI,
      twistSymmetric,
      z1,
      z2,
      n,
      twistPos,
      twistOrd,
      m,
      twistWork,
      twistWork2,
      outRe1,
      outIm1,
      outRe2,
      outIm2,
      bounds,
    );
  }
  const core = refinedSolve(n, perm, inverse, rowsNew, colNew, valR, valI, solveOne, () => [st[0], st[1], st[2], st[3], st[4] !== 0], b <= 2);
  return {
    n,
    method: 'banded',
    stats: { factorEntries: n * (ku2 + b + 1), work: n * b * Math.max(1, ku2), nodes: n, maxFront: b, storedMiB: (n * LD * 16) / 2 ** 20 },
    factor,
    solve: core,
    solveRows: selectedRowsSolve(n, perm, inverse, rows, core, st, null, solveOne, solveMany, b),
    greenSites,
    ...(b === 1 ? { twistedGreen, twistedGreen2 } : {}),
    get lastPivotRatio() {
      return st[3];
    },
    get backwardErrorBound() {
      return st[5];
    },
  };
}

/**
 * Largest computed backward-error bound {@link twistedGreenKernel} accepts: 16 · 64u (≈ 1.1e-13), the
 * computed bound selectedRowsSolve accepts without refinement. The bound is 4γ₁₂ ≈ 48u times the
 * growth ‖|L||U|‖/‖A‖, measured ≤ 16 over the band on chains with leads at both ends (2 outside
 * it), so this admits growth up to ≈ 21 and sends the energies with a smaller pivot (e.g. a long
 * uncoupled segment, whose pivots are real) to the partial-pivoting LU.
 */
export const TWISTED_MAX_BOUND = 16 * 64 * 2 ** -53;

/**
 * G = A⁻¹ at m sites of a tridiagonal A = z I − K (band storage of −K as bandedSolver's base:
 * (k, k) at 4k + 2, l_k = A(k+1, k) at 4k + 3, u_k = A(k, k+1) at 4k + 5; lu = l_k u_k) by the twisted
 * factorisations (Fernando; Parlett–Dhillon): the pivots of elimination from the top,
 * p_0 = a_0, p_{k+1} = a_{k+1} − l_k u_k/p_k, and from the bottom, q_{n−1} = a_{n−1},
 * q_{k−1} = a_{k−1} − l_{k−1} u_{k−1}/q_k, without interchanges; then (docs/physics.md §14)
 *
 *   G_jj = 1/γ_j, γ_j = p_j + q_j − a_j,
 *   G_ij = G_jj Π_{k=i}^{j−1} (−u_k/p_k),   G_ji = G_ii Π_{k=i+1}^{j} (−l_{k−1}/q_k)   (i < j),
 *
 * the unit column e_j solved with the factorisation twisted at j (eliminated from both ends towards
 * row j). The top sweep runs to the last site, the bottom sweep to the first, each one complex
 * reciprocal per row; nothing is stored per row. With `symmetric` (A = Aᵀ) G = Gᵀ: the bottom
 * sweep forms no products. Without interchanges there is no a-priori bound:
 * the sweeps accumulate ‖|L||U|‖_∞ (row k: |l_{k−1}| + |u_k| + |w_k| + |p_k| above the twist, with
 * w_k = l_{k−1}u_{k−1}/p_{k−1} = L(k, k−1)U(k−1, k); the same with q below; |l| + |u| + |w⁺| + |w⁻|
 * + |γ| at the twist; |re| + |im| throughout), and the result is accepted only when
 * 4γ₁₂‖|L||U|‖_∞/‖A‖_∞ (Higham, Accuracy and Stability, Thms 9.3–9.4, the inner products of length
 * ≤ 3 counted with the complex reciprocal and products: 12 roundings per entry) is at most
 * TWISTED_MAX_BOUND and every entry is finite; returns that bound, else −1. `pos` are the sites'
 * positions (sorted ascending, distinct), `ord[s]` the index in the output of the s-th; out[c·m + k] =
 * G[site k][site c]. `work`: 12·m scratch.
 */
function twistedGreenKernel(
  BR: Float64Array,
  BI: Float64Array,
  offRow: Float64Array,
  luR: Float64Array,
  luI: Float64Array,
  symmetric: boolean,
  zr: number,
  zi: number,
  n: number,
  pos: Int32Array,
  ord: Int32Array,
  m: number,
  work: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
): number {
  // work: p (2m), q (2m), |w⁺|, |w⁻| (m each), segment products of the top (2m) and bottom (2m) sweeps
  const P = 0,
    Q = 2 * m,
    WP = 4 * m,
    WQ = 5 * m,
    SU = 6 * m,
    SL = 8 * m;
  const first = pos[0],
    last = pos[m - 1];
  let normA = 0;
  for (let k = 0; k < n; k++) {
    const an = Math.abs(zr + BR[4 * k + 2]) + Math.abs(zi + BI[4 * k + 2]) + offRow[k];
    if (an > normA) normA = an;
  }
  // 4γ₁₂·rows/‖A‖ ≤ TWISTED_MAX_BOUND ⇔ rows ≤ limit: a sweep stops as soon as a row exceeds it
  const g12 = (12 * 2 ** -53) / (1 - 12 * 2 ** -53);
  const limit = (TWISTED_MAX_BOUND * normA) / (4 * g12);
  // rows above and below the twists: |l| + |u| + |w_k| + |p_k| ≤ ‖A‖_∞ + 2|w_k| (p_k = a_k − w_k)
  let wMax = 0;
  const wLimit = 0.5 * (limit - normA);
  // the two sweeps in one loop (independent recurrences, each latency-bound by its reciprocal):
  // step i is row i of the top sweep (i ≤ last) and row n − 1 − i of the bottom one (≥ first).
  // w = l u conj(p)/|p|² (the numerator beside the reciprocal: a shorter dependency chain)
  let pR = BR[2] + zr,
    pI = BI[2] + zi,
    wp = 0,
    puR = 1,
    puI = 0,
    tp = 0;
  let qR = BR[4 * (n - 1) + 2] + zr,
    qI = BI[4 * (n - 1) + 2] + zi,
    wq = 0,
    plR = 1,
    plI = 0,
    tq = m - 1;
  const steps = Math.max(last + 1, n - first);
  for (let i = 0; i < steps; i++) {
    const k = i;
    if (k <= last) {
      if (wp > wMax) {
        if (!(wp <= wLimit)) return -1;
        wMax = wp;
      }
      if (k === pos[tp]) {
        work[P + 2 * tp] = pR;
        work[P + 2 * tp + 1] = pI;
        work[WP + tp] = wp;
        tp++;
      }
      if (k < last) {
        const r = 1 / (pR * pR + pI * pI);
        let wR: number, wI: number;
        if (k >= first) {
          // −u_k/p_k = −u_k conj(p_k)/|p_k|² into the running product of the segment [pos[tp−1], pos[tp])
          const ur = BR[4 * k + 5],
            ui = BI[4 * k + 5];
          const mR = -(ur * pR + ui * pI) * r,
            mI = -(ui * pR - ur * pI) * r;
          const x = puR * mR - puI * mI;
          puI = puR * mI + puI * mR;
          puR = x;
          if (k + 1 === pos[tp]) {
            work[SU + 2 * (tp - 1)] = puR;
            work[SU + 2 * (tp - 1) + 1] = puI;
            puR = 1;
            puI = 0;
          }
          if (symmetric) {
            // l_k = u_k: w = u_k²/p_k = −u_k·(−u_k/p_k)
            wR = -(ur * mR - ui * mI);
            wI = -(ur * mI + ui * mR);
          } else {
            const lr = luR[k],
              li = luI[k];
            wR = (lr * pR + li * pI) * r;
            wI = (li * pR - lr * pI) * r;
          }
        } else {
          const lr = luR[k],
            li = luI[k];
          wR = (lr * pR + li * pI) * r;
          wI = (li * pR - lr * pI) * r;
        }
        wp = Math.abs(wR) + Math.abs(wI);
        pR = BR[4 * k + 6] + zr - wR;
        pI = BI[4 * k + 6] + zi - wI;
      }
    }
    const j = n - 1 - i;
    if (j >= first) {
      if (wq > wMax) {
        if (!(wq <= wLimit)) return -1;
        wMax = wq;
      }
      if (j === pos[tq]) {
        work[Q + 2 * tq] = qR;
        work[Q + 2 * tq + 1] = qI;
        work[WQ + tq] = wq;
        tq--;
      }
      if (j > first) {
        const r = 1 / (qR * qR + qI * qI);
        if (!symmetric && j <= last) {
          // −l_{j−1}/q_j into the running product of the segment (pos[tq], pos[tq+1]]
          const lr = BR[4 * j - 1],
            li = BI[4 * j - 1];
          const mR = -(lr * qR + li * qI) * r,
            mI = -(li * qR - lr * qI) * r;
          const x = plR * mR - plI * mI;
          plI = plR * mI + plI * mR;
          plR = x;
          if (j - 1 === pos[tq]) {
            work[SL + 2 * tq] = plR;
            work[SL + 2 * tq + 1] = plI;
            plR = 1;
            plI = 0;
          }
        }
        const lr = luR[j - 1],
          li = luI[j - 1];
        const wR = (lr * qR + li * qI) * r,
          wI = (li * qR - lr * qI) * r;
        wq = Math.abs(wR) + Math.abs(wI);
        qR = BR[4 * j - 2] + zr - wR;
        qI = BI[4 * j - 2] + zi - wI;
      }
    }
  }
  return twistedTail(BR, BI, offRow, symmetric, zr, zi, pos, ord, m, work, outRe, outIm, normA, wMax);
}

/**
 * {@link twistedGreenKernel} at two energies in one pass over the rows: the four recurrences (top and
 * bottom sweep of each energy) are independent, so they overlap in the processor instead of waiting
 * on each other's reciprocals. Each energy sees the very operations of twistedGreenKernel in the same
 * order, so its G and bound are bit for bit those of a call of its own (tested). `bounds[e]` is the
 * bound of energy e, or −1 where twistedGreenKernel would have returned −1.
 */
function twistedGreenKernel2(
  BR: Float64Array,
  BI: Float64Array,
  offRow: Float64Array,
  luR: Float64Array,
  luI: Float64Array,
  symmetric: boolean,
  zr: number,
  zr2: number,
  n: number,
  pos: Int32Array,
  ord: Int32Array,
  m: number,
  work: Float64Array,
  work2: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
  outRe2: Float64Array,
  outIm2: Float64Array,
  bounds: Float64Array,
): void {
  const zi = 0,
    zi2 = 0;
  const P = 0,
    Q = 2 * m,
    WP = 4 * m,
    WQ = 5 * m,
    SU = 6 * m,
    SL = 8 * m;
  const first = pos[0],
    last = pos[m - 1];
  let normA = 0,
    normA2 = 0;
  for (let k = 0; k < n; k++) {
    const an = Math.abs(zr + BR[4 * k + 2]) + Math.abs(zi + BI[4 * k + 2]) + offRow[k];
    if (an > normA) normA = an;
    const an2 = Math.abs(zr2 + BR[4 * k + 2]) + Math.abs(zi2 + BI[4 * k + 2]) + offRow[k];
    if (an2 > normA2) normA2 = an2;
  }
  const g12 = (12 * 2 ** -53) / (1 - 12 * 2 ** -53);
  const limit = (TWISTED_MAX_BOUND * normA) / (4 * g12),
    limit2 = (TWISTED_MAX_BOUND * normA2) / (4 * g12);
  let wMax = 0,
    wMax2 = 0,
    fail = false,
    fail2 = false;
  const wLimit = 0.5 * (limit - normA),
    wLimit2 = 0.5 * (limit2 - normA2);
  let pR = BR[2] + zr,
    pI = BI[2] + zi,
    wp = 0,
    puR = 1,
    puI = 0,
    pR2 = BR[2] + zr2,
    pI2 = BI[2] + zi2,
    wp2 = 0,
    puR2 = 1,
    puI2 = 0,
    tp = 0;
  let qR = BR[4 * (n - 1) + 2] + zr,
    qI = BI[4 * (n - 1) + 2] + zi,
    wq = 0,
    plR = 1,
    plI = 0,
    qR2 = BR[4 * (n - 1) + 2] + zr2,
    qI2 = BI[4 * (n - 1) + 2] + zi2,
    wq2 = 0,
    plR2 = 1,
    plI2 = 0,
    tq = m - 1;
  const steps = Math.max(last + 1, n - first);
  for (let i = 0; i < steps; i++) {
    const k = i;
    if (k <= last) {
      if (wp > wMax) {
        if (!(wp <= wLimit)) fail = true;
        wMax = wp;
      }
      if (wp2 > wMax2) {
        if (!(wp2 <= wLimit2)) fail2 = true;
        wMax2 = wp2;
      }
      if (k === pos[tp]) {
        work[P + 2 * tp] = pR;
        work[P + 2 * tp + 1] = pI;
        work[WP + tp] = wp;
        work2[P + 2 * tp] = pR2;
        work2[P + 2 * tp + 1] = pI2;
        work2[WP + tp] = wp2;
        tp++;
      }
      if (k < last) {
        const r = 1 / (pR * pR + pI * pI),
          r2 = 1 / (pR2 * pR2 + pI2 * pI2);
        let wR: number, wI: number, wR2: number, wI2: number;
        if (k >= first) {
          const ur = BR[4 * k + 5],
            ui = BI[4 * k + 5];
          const mR = -(ur * pR + ui * pI) * r,
            mI = -(ui * pR - ur * pI) * r;
          const mR2 = -(ur * pR2 + ui * pI2) * r2,
            mI2 = -(ui * pR2 - ur * pI2) * r2;
          const x = puR * mR - puI * mI;
          puI = puR * mI + puI * mR;
          puR = x;
          const x2 = puR2 * mR2 - puI2 * mI2;
          puI2 = puR2 * mI2 + puI2 * mR2;
          puR2 = x2;
          if (k + 1 === pos[tp]) {
            work[SU + 2 * (tp - 1)] = puR;
            work[SU + 2 * (tp - 1) + 1] = puI;
            puR = 1;
            puI = 0;
            work2[SU + 2 * (tp - 1)] = puR2;
            work2[SU + 2 * (tp - 1) + 1] = puI2;
            puR2 = 1;
            puI2 = 0;
          }
          if (symmetric) {
            wR = -(ur * mR - ui * mI);
            wI = -(ur * mI + ui * mR);
            wR2 = -(ur * mR2 - ui * mI2);
            wI2 = -(ur * mI2 + ui * mR2);
          } else {
            const lr = luR[k],
              li = luI[k];
            wR = (lr * pR + li * pI) * r;
            wI = (li * pR - lr * pI) * r;
            wR2 = (lr * pR2 + li * pI2) * r2;
            wI2 = (li * pR2 - lr * pI2) * r2;
          }
        } else {
          const lr = luR[k],
            li = luI[k];
          wR = (lr * pR + li * pI) * r;
          wI = (li * pR - lr * pI) * r;
          wR2 = (lr * pR2 + li * pI2) * r2;
          wI2 = (li * pR2 - lr * pI2) * r2;
        }
        wp = Math.abs(wR) + Math.abs(wI);
        pR = BR[4 * k + 6] + zr - wR;
        pI = BI[4 * k + 6] + zi - wI;
        wp2 = Math.abs(wR2) + Math.abs(wI2);
        pR2 = BR[4 * k + 6] + zr2 - wR2;
        pI2 = BI[4 * k + 6] + zi2 - wI2;
      }
    }
    const j = n - 1 - i;
    if (j >= first) {
      if (wq > wMax) {
        if (!(wq <= wLimit)) fail = true;
        wMax = wq;
      }
      if (wq2 > wMax2) {
        if (!(wq2 <= wLimit2)) fail2 = true;
        wMax2 = wq2;
      }
      if (j === pos[tq]) {
        work[Q + 2 * tq] = qR;
        work[Q + 2 * tq + 1] = qI;
        work[WQ + tq] = wq;
        work2[Q + 2 * tq] = qR2;
        work2[Q + 2 * tq + 1] = qI2;
        work2[WQ + tq] = wq2;
        tq--;
      }
      if (j > first) {
        const r = 1 / (qR * qR + qI * qI),
          r2 = 1 / (qR2 * qR2 + qI2 * qI2);
        if (!symmetric && j <= last) {
          const lr = BR[4 * j - 1],
            li = BI[4 * j - 1];
          const mR = -(lr * qR + li * qI) * r,
            mI = -(li * qR - lr * qI) * r;
          const mR2 = -(lr * qR2 + li * qI2) * r2,
            mI2 = -(li * qR2 - lr * qI2) * r2;
          const x = plR * mR - plI * mI;
          plI = plR * mI + plI * mR;
          plR = x;
          const x2 = plR2 * mR2 - plI2 * mI2;
          plI2 = plR2 * mI2 + plI2 * mR2;
          plR2 = x2;
          if (j - 1 === pos[tq]) {
            work[SL + 2 * tq] = plR;
            work[SL + 2 * tq + 1] = plI;
            plR = 1;
            plI = 0;
            work2[SL + 2 * tq] = plR2;
            work2[SL + 2 * tq + 1] = plI2;
            plR2 = 1;
            plI2 = 0;
          }
        }
        const lr = luR[j - 1],
          li = luI[j - 1];
        const wR = (lr * qR + li * qI) * r,
          wI = (li * qR - lr * qI) * r;
        const wR2 = (lr * qR2 + li * qI2) * r2,
          wI2 = (li * qR2 - lr * qI2) * r2;
        wq = Math.abs(wR) + Math.abs(wI);
        qR = BR[4 * j - 2] + zr - wR;
        qI = BI[4 * j - 2] + zi - wI;
        wq2 = Math.abs(wR2) + Math.abs(wI2);
        qR2 = BR[4 * j - 2] + zr2 - wR2;
        qI2 = BI[4 * j - 2] + zi2 - wI2;
      }
    }
  }
  bounds[0] = fail ? -1 : twistedTail(BR, BI, offRow, symmetric, zr, zi, pos, ord, m, work, outRe, outIm, normA, wMax);
  bounds[1] = fail2 ? -1 : twistedTail(BR, BI, offRow, symmetric, zr2, zi2, pos, ord, m, work2, outRe2, outIm2, normA2, wMax2);
}

/**
 * The end of {@link twistedGreenKernel} once its sweeps are done (p, q, |w| and the segment products
 * in `work`): G at the twists and between them, the computed backward-error bound, or −1.
 */
function twistedTail(
  BR: Float64Array,
  BI: Float64Array,
  offRow: Float64Array,
  symmetric: boolean,
  zr: number,
  zi: number,
  pos: Int32Array,
  ord: Int32Array,
  m: number,
  work: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
  normA: number,
  wMax: number,
): number {
  const P = 0,
    Q = 2 * m,
    WP = 4 * m,
    WQ = 5 * m,
    SU = 6 * m,
    SL = 8 * m;
  const g12 = (12 * 2 ** -53) / (1 - 12 * 2 ** -53);
  let rows = 0;
  // the twists: G_jj = 1/γ_j (kept in the p slots), then the off-diagonal products
  for (let s = 0; s < m; s++) {
    const k = pos[s];
    const gR = work[P + 2 * s] + work[Q + 2 * s] - (BR[4 * k + 2] + zr),
      gI = work[P + 2 * s + 1] + work[Q + 2 * s + 1] - (BI[4 * k + 2] + zi);
    const rs = offRow[k] + work[WP + s] + work[WQ + s] + Math.abs(gR) + Math.abs(gI);
    if (rs > rows) rows = rs;
    const r = 1 / (gR * gR + gI * gI);
    const c = ord[s];
    work[P + 2 * s] = gR * r;
    work[P + 2 * s + 1] = -gI * r;
    outRe[c * m + c] = gR * r;
    outIm[c * m + c] = -gI * r;
  }
  for (let a = 0; a < m; a++) {
    const ca = ord[a];
    let uR = 1,
      uI = 0,
      lR = 1,
      lI = 0;
    for (let b = a + 1; b < m; b++) {
      const cb = ord[b];
      let x = uR * work[SU + 2 * (b - 1)] - uI * work[SU + 2 * (b - 1) + 1];
      uI = uR * work[SU + 2 * (b - 1) + 1] + uI * work[SU + 2 * (b - 1)];
      uR = x;
      if (!symmetric) {
        x = lR * work[SL + 2 * (b - 1)] - lI * work[SL + 2 * (b - 1) + 1];
        lI = lR * work[SL + 2 * (b - 1) + 1] + lI * work[SL + 2 * (b - 1)];
        lR = x;
      }
      // G[pos a][pos b] = G_bb · Π top (row a, column b); G[pos b][pos a] = G_aa · Π bottom
      const gbR = work[P + 2 * b],
        gbI = work[P + 2 * b + 1],
        gaR = work[P + 2 * a],
        gaI = work[P + 2 * a + 1];
      outRe[cb * m + ca] = gbR * uR - gbI * uI;
      outIm[cb * m + ca] = gbR * uI + gbI * uR;
      outRe[ca * m + cb] = symmetric ? outRe[cb * m + ca] : gaR * lR - gaI * lI;
      outIm[ca * m + cb] = symmetric ? outIm[cb * m + ca] : gaR * lI + gaI * lR;
    }
  }
  if (normA + 2 * wMax > rows) rows = normA + 2 * wMax;
  const bound = (4 * g12 * rows) / normA;
  if (!(bound <= TWISTED_MAX_BOUND)) return -1;
  for (let k = 0; k < m * m; k++) if (!Number.isFinite(outRe[k]) || !Number.isFinite(outIm[k])) return -1;
  return bound;
}

/** Backward error a refined solve aims at (and a probe must meet to skip refinement): 64u. */
const TARGET_BACKWARD_ERROR = 64 * 2 ** -53;
/**
 * Backward error a solve is accepted with, unrefined, when it is known column by column: by the
 * rigorous |L||U| bound of the factorisation, or measured for each column (root-only solves,
 * verifyColumns): 16 · 64u ≈ 1.1e-13 (docs/physics.md §14).
 */
const ACCEPTED_BACKWARD_ERROR = 16 * TARGET_BACKWARD_ERROR;

/**
 * X = A⁻¹B at selected rows, shared by both factorisations. The columns come from the substitutions
 * alone (`special` may shortcut them, e.g. the root-only solve of the multifrontal LU); then the
 * factorisation is checked: by its computed bound (st[5], rigorous but pessimistic) if that is within
 * 64u·16; else, after `special`, by `measured` (the multifrontal LU: every column's own residual,
 * refinement of the columns above 16·64u, its SparseAccuracyError); else by one probe — the full solve
 * of the random combination b̃ = Σ_c α_c B_c (fixed α), whose residual gives its normwise backward
 * error η̃ — which must reach 64u, the level the refined solve aims at. Otherwise (or for a
 * non-finite result) the refined solve of every column runs, with its measured η and its
 * SparseAccuracyError. Returns the bound, the measured η, η̃ or the refined η.
 */
function selectedRowsSolve(
  n: number,
  perm: Int32Array,
  inverse: Int32Array,
  rows: PermutedRows,
  refined: (bRe: Float64Array, bIm: Float64Array, r: number, xRe: Float64Array, xIm: Float64Array) => number,
  st: Float64Array,
  special: ((bRe: Float64Array, bIm: Float64Array, r: number, rows: Int32Array, outRe: Float64Array, outIm: Float64Array) => boolean) | null,
  solveOne: (wR: Float64Array, wI: Float64Array) => void,
  solveMany?: (wR: Float64Array, wI: Float64Array, cols: number, first: number) => void,
  maxShift = n,
  measured?: (bRe: Float64Array, bIm: Float64Array, r: number, rows: Int32Array, outRe: Float64Array, outIm: Float64Array) => number,
) {
  let wR = new Float64Array(n),
    wI = new Float64Array(n);
  const pR = new Float64Array(n),
    pI = new Float64Array(n);
  let xR = new Float64Array(0),
    xI = new Float64Array(0);
  const { rowsNew, colNew, valR, valI } = rows;
  return function solveRows(bRe: Float64Array, bIm: Float64Array, r: number, sel: Int32Array, outRe: Float64Array, outIm: Float64Array): number {
    if (st[4] !== 0) throw new SparseAccuracyError(`sparse solve at E = ${st[0]} eV: the factorisation met an exactly zero pivot`, Infinity);
    const m = sel.length;
    let viaSpecial = false;
    if (solveMany) {
      if (wR.length < n * r) {
        wR = new Float64Array(n * r);
        wI = new Float64Array(n * r);
      }
      let first = n;
      for (let c = 0; c < r; c++)
        for (let v = 0; v < n; v++) {
          const br = bRe[c * n + v],
            bi = bIm[c * n + v];
          const q = inverse[v];
          wR[c * n + q] = br;
          wI[c * n + q] = bi;
          if ((br !== 0 || bi !== 0) && q < first) first = q;
        }
      // (a row interchange at step k reaches k + b: start b steps before the first non-zero)
      solveMany(wR, wI, r, first < n ? Math.max(0, first - maxShift) : 0);
      for (let c = 0; c < r; c++)
        for (let k = 0; k < m; k++) {
          const q = inverse[sel[k]];
          outRe[c * m + k] = wR[c * n + q];
          outIm[c * m + k] = wI[c * n + q];
        }
    } else if (special?.(bRe, bIm, r, sel, outRe, outIm)) {
      viaSpecial = true;
    } else {
      for (let c = 0; c < r; c++) {
        for (let v = 0; v < n; v++) {
          wR[inverse[v]] = bRe[c * n + v];
          wI[inverse[v]] = bIm[c * n + v];
        }
        solveOne(wR, wI);
        for (let k = 0; k < m; k++) {
          const q = inverse[sel[k]];
          outRe[c * m + k] = wR[q];
          outIm[c * m + k] = wI[q];
        }
      }
    }
    let finite = true;
    for (let k = 0; k < m * r; k++) if (!Number.isFinite(outRe[k]) || !Number.isFinite(outIm[k])) finite = false;
    if (finite) {
      const bound = st[5];
      if (bound <= ACCEPTED_BACKWARD_ERROR) return bound;
      if (viaSpecial && measured) {
        const eta = measured(bRe, bIm, r, sel, outRe, outIm);
        if (eta >= 0) return eta;
      }
      // probe: b̃ = Σ_c α_c B_c, α_c = e^{i·2.4c}(1 + c/7) (new numbering)
      pR.fill(0);
      pI.fill(0);
      for (let c = 0; c < r; c++) {
        const ar = Math.cos(2.4 * c) * (1 + c / 7),
          ai = Math.sin(2.4 * c) * (1 + c / 7);
        for (let v = 0; v < n; v++) {
          const br = bRe[c * n + v],
            bi = bIm[c * n + v];
          if (br === 0 && bi === 0) continue;
          const q = inverse[v];
          pR[q] += ar * br - ai * bi;
          pI[q] += ar * bi + ai * br;
        }
      }
      let bn = 0;
      for (let q = 0; q < n; q++) {
        const a = Math.abs(pR[q]) + Math.abs(pI[q]);
        if (a > bn) bn = a;
      }
      wR.set(pR);
      wI.set(pI);
      solveOne(wR, wI);
      const zr = st[0],
        zi = st[1],
        normA = st[2];
      let xn = 0,
        rn = 0;
      for (let q = 0; q < n; q++) {
        const a = Math.abs(wR[q]) + Math.abs(wI[q]);
        if (!(a <= xn)) xn = a;
        let sr = pR[q],
          si = pI[q];
        for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
          const cc = colNew[o];
          const er = (cc === q ? zr : 0) - valR[o],
            ei = (cc === q ? zi : 0) - valI[o];
          const yr = wR[cc],
            yi = wI[cc];
          sr -= er * yr - ei * yi;
          si -= er * yi + ei * yr;
        }
        const e = Math.abs(sr) + Math.abs(si);
        if (!(e <= rn)) rn = e;
      }
      const eta = normA * xn + bn > 0 ? rn / (normA * xn + bn) : 0;
      if (eta <= TARGET_BACKWARD_ERROR) return eta;
    }
    if (xR.length < n * r) {
      xR = new Float64Array(n * r);
      xI = new Float64Array(n * r);
    }
    const eta = refined(bRe, bIm, r, xR, xI);
    for (let c = 0; c < r; c++)
      for (let k = 0; k < m; k++) {
        outRe[c * m + k] = xR[c * n + sel[k]];
        outIm[c * m + k] = xI[c * n + sel[k]];
      }
    return eta;
  };
}

/** Solve with iterative refinement and the backward-error check, shared by both factorisations. */
function refinedSolve(
  n: number,
  perm: Int32Array,
  inverse: Int32Array,
  rowsNew: Int32Array,
  colNew: Int32Array,
  valR: Float64Array,
  valI: Float64Array,
  solveOne: (wR: Float64Array, wI: Float64Array) => void,
  state: () => [number, number, number, number, boolean],
  aPriori = false,
) {
  const wR = new Float64Array(n),
    wI = new Float64Array(n),
    rR = new Float64Array(n),
    rI = new Float64Array(n);
  return function solve(bRe: Float64Array, bIm: Float64Array, r: number, xRe: Float64Array, xIm: Float64Array): number {
    const [zr, zi, normA, pivotRatio, failed] = state();
    if (failed) throw new SparseAccuracyError(`sparse solve at E = ${zr} eV: the factorisation met an exactly zero pivot`, Infinity);
    let worst = 0;
    for (let c = 0; c < r; c++) {
      let bn = 0;
      for (let v = 0; v < n; v++) {
        wR[inverse[v]] = bRe[c * n + v];
        wI[inverse[v]] = bIm[c * n + v];
        bn = Math.max(bn, Math.abs(bRe[c * n + v]) + Math.abs(bIm[c * n + v]));
      }
      solveOne(wR, wI);
      for (let q = 0; q < n; q++) {
        xRe[c * n + perm[q]] = wR[q];
        xIm[c * n + perm[q]] = wI[q];
      }
      let eta = Infinity;
      if (aPriori) {
        let xn = 0;
        for (let v = 0; v < n; v++) {
          const m = Math.abs(xRe[c * n + v]) + Math.abs(xIm[c * n + v]);
          if (!(m <= xn)) xn = m;
        }
        eta = Number.isFinite(xn) ? 64 * 2 ** -53 : Infinity;
        worst = Math.max(worst, eta);
        continue;
      }
      for (let it = 0; it < 4; it++) {
        let xn = 0;
        for (let v = 0; v < n; v++) {
          const m = Math.abs(xRe[c * n + v]) + Math.abs(xIm[c * n + v]);
          if (!(m <= xn)) xn = m;
        }
        if (!Number.isFinite(xn)) {
          eta = Infinity;
          break;
        }
        // r = b − A x (new numbering)
        let rn = 0;
        for (let q = 0; q < n; q++) {
          const v = perm[q];
          let sr = bRe[c * n + v],
            si = bIm[c * n + v];
          for (let o = rowsNew[q]; o < rowsNew[q + 1]; o++) {
            const cc = colNew[o],
              col = perm[cc];
            const er = (cc === q ? zr : 0) - valR[o],
              ei = (cc === q ? zi : 0) - valI[o];
            const xr = xRe[c * n + col],
              xi = xIm[c * n + col];
            sr -= er * xr - ei * xi;
            si -= er * xi + ei * xr;
          }
          rR[q] = sr;
          rI[q] = si;
          const m = Math.abs(sr) + Math.abs(si);
          if (!(m <= rn)) rn = m;
        }
        eta = normA * xn + bn > 0 ? rn / (normA * xn + bn) : 0;
        if (!Number.isFinite(eta)) {
          eta = Infinity;
          break;
        }
        if (eta <= 64 * 2 ** -53) break;
        wR.set(rR);
        wI.set(rI);
        solveOne(wR, wI);
        for (let q = 0; q < n; q++) {
          xRe[c * n + perm[q]] += wR[q];
          xIm[c * n + perm[q]] += wI[q];
        }
      }
      worst = Math.max(worst, eta);
    }
    if (!(worst <= SPARSE_MAX_BACKWARD_ERROR))
      throw new SparseAccuracyError(
        `sparse solve at E = ${zr} eV lost accuracy: backward error ${worst.toExponential(2)} after refinement (smallest pivot ratio ${pivotRatio.toExponential(2)})`,
        worst,
      );
    return worst;
  };
}
