/**
 * Exact Schur-complement elimination (docs/physics.md §4; paper Eqs. 10–11, 15–16) over any field,
 * and a division-free form over any ring:
 *
 *   y_U = 0  ⇒  x_U = −M_UU⁻¹ M_UF x_F,   y_F = (M_FF − M_FU M_UU⁻¹ M_UF) x_F = M̃ x_F.
 *
 * Two independent algorithms:
 *  - {@link schurComplement}: Gauss–Jordan on M_UU (a field, exact for Q and Q(x)),
 *  - {@link borderedSchur}: Sylvester's determinant identity
 *      M̃_ij = det[[M_UU, M_Uj], [M_iU, M_ij]] / det M_UU,
 *    with determinants by division-free Laplace expansion over column subsets (polynomials stay
 *    polynomials, every entry shares the one denominator det M_UU).
 */
import type { Field, Ring } from './field.js';

/** Result of an exact elimination. */
export interface ExactSchur<T> {
  /** Remaining variables (ascending indices into the original variables). */
  readonly free: number[];
  /** Eliminated variables, in the order given. */
  readonly unknown: number[];
  /** M̃ (|F| × |F|). */
  readonly effective: T[][];
  /** S with x_U = S x_F (|U| × |F|). */
  readonly response: T[][];
}

/** Raised when M_UU is singular over the field. */
export class SingularExactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SingularExactError';
  }
}

/**
 * Schur complement by Gauss–Jordan elimination over a field (pivot: the first entry the field can
 * tell is non-zero; over an expression builder, the diagonal).
 * @throws SingularExactError when no non-zero pivot exists
 * @example
 * ```ts
 * import { RationalField, rational, schurComplement } from 'probecheck/symbolic';
 *
 * const q = (n: number) => rational.rat(n);
 * const M = [[q(2), q(-1), q(0)], [q(-1), q(2), q(-1)], [q(0), q(-1), q(2)]];
 * const s = schurComplement(RationalField, M, [1]); // eliminate variable 1 exactly
 * console.log(s.effective.map((row) => row.map(rational.toString))); // [ [ '3/2', '-1/2' ], [ '-1/2', '3/2' ] ]
 * ```
 */
export function schurComplement<T>(F: Field<T>, M: readonly (readonly T[])[], unknown: readonly number[]): ExactSchur<T> {
  if (F.divisionFree) return schurComplementCramer(F, M, unknown);
  const m = M.length;
  const isU = new Set(unknown);
  const free = [...Array(m).keys()].filter((i) => !isU.has(i));
  const nu = unknown.length,
    nf = free.length;
  // Augmented [M_UU | M_UF], reduce to [I | M_UU⁻¹ M_UF].
  const A: T[][] = unknown.map((u) => [...unknown.map((v) => M[u][v]), ...free.map((f) => M[u][f])]);
  for (let c = 0; c < nu; c++) {
    let p = c;
    const decidable = !F.isZero(F.one) && F.name !== 'expression';
    if (decidable) {
      while (p < nu && F.isZero(A[p][c])) p++;
      if (p === nu) throw new SingularExactError('M_UU is singular');
    }
    if (p !== c) [A[p], A[c]] = [A[c], A[p]];
    const piv = A[c][c];
    A[c] = A[c].map((v) => F.div(v, piv));
    for (let r = 0; r < nu; r++) {
      if (r === c || F.isZero(A[r][c])) continue;
      const f = A[r][c];
      A[r] = A[r].map((v, k) => F.sub(v, F.mul(f, A[c][k])));
    }
  }
  const X = A.map((row) => row.slice(nu)); // M_UU⁻¹ M_UF
  const response = X.map((row) => row.map((v) => F.neg(v)));
  const effective = free.map((i) =>
    free.map((j, b) => {
      let s = M[i][j];
      for (let k = 0; k < nu; k++) s = F.add(s, F.mul(M[i][unknown[k]], response[k][b]));
      return s;
    }),
  );
  return { free, unknown: [...unknown], effective, response };
}

/**
 * Schur complement by Cramer's rule: S_kb = −det(M_UU with column k replaced by M_{U,f_b}) / det M_UU,
 * every response sharing the one denominator det M_UU (division-free up to that last quotient).
 * @throws SingularExactError when det M_UU is (decidably) zero
 */
export function schurComplementCramer<T>(F: Field<T>, M: readonly (readonly T[])[], unknown: readonly number[]): ExactSchur<T> {
  const m = M.length;
  const isU = new Set(unknown);
  const free = [...Array(m).keys()].filter((i) => !isU.has(i));
  const D = unknown.map((u) => unknown.map((v) => M[u][v]));
  const det = determinant(F, D);
  if (F.isZero(det) && F.name !== 'degree') throw new SingularExactError('M_UU is singular');
  const response = unknown.map((_, k) =>
    free.map((f) => {
      const Dk = D.map((row, r) => row.map((v, c) => (c === k ? M[unknown[r]][f] : v)));
      return F.div(F.neg(determinant(F, Dk)), det);
    }),
  );
  const effective = free.map((i) =>
    free.map((j, b) => {
      let s = F.zero;
      for (let k = 0; k < unknown.length; k++) s = F.add(s, F.mul(M[i][unknown[k]], response[k][b]));
      return F.add(M[i][j], s);
    }),
  );
  return { free, unknown: [...unknown], effective, response };
}

/**
 * Determinant by division-free Laplace expansion over column subsets (O(2^k k) ring products;
 * for the k ≤ 6 matrices of the proofs). Exact over any ring.
 */
export function determinant<T>(F: Ring<T>, A: readonly (readonly T[])[]): T {
  const k = A.length;
  if (k === 0) return F.one;
  // det of rows 0..r−1 restricted to column set S (|S| = r), built up by expanding along row r−1.
  let level = new Map<number, T>([[0, F.one]]);
  for (let r = 0; r < k; r++) {
    const next = new Map<number, T>();
    for (const [S, d] of level) {
      if (F.isZero(d)) continue;
      // Expand: new column c not in S; sign from the number of columns of S greater than c.
      for (let c = 0; c < k; c++) {
        if (S & (1 << c)) continue;
        const a = A[r][c];
        if (F.isZero(a)) continue;
        let above = 0;
        for (let q = c + 1; q < k; q++) if (S & (1 << q)) above++;
        const term = F.mul(d, a);
        const T2 = S | (1 << c);
        const cur = next.get(T2) ?? F.zero;
        next.set(T2, above % 2 === 0 ? F.add(cur, term) : F.sub(cur, term));
      }
    }
    level = next;
  }
  return level.get((1 << k) - 1) ?? F.zero;
}

/** Division-free Schur complement: M̃_ij = num[i][j] / den (Sylvester's identity). */
export interface BorderedSchur<T> {
  readonly free: number[];
  readonly unknown: number[];
  /** det M_UU. */
  readonly den: T;
  /** det [[M_UU, M_Uj], [M_iU, M_ij]] for i, j free. */
  readonly num: T[][];
}

/** Schur complement over a ring via bordered determinants (see module doc). */
export function borderedSchur<T>(F: Ring<T>, M: readonly (readonly T[])[], unknown: readonly number[]): BorderedSchur<T> {
  const m = M.length;
  const isU = new Set(unknown);
  const free = [...Array(m).keys()].filter((i) => !isU.has(i));
  const D = unknown.map((u) => unknown.map((v) => M[u][v]));
  const den = determinant(F, D);
  const num = free.map((i) =>
    free.map((j) => determinant(F, [...unknown.map((u) => [...unknown.map((v) => M[u][v]), M[u][j]]), [...unknown.map((v) => M[i][v]), M[i][j]]])),
  );
  return { free, unknown: [...unknown], den, num };
}

/** The bordered numerator for a linear combination of free columns: det[[M_UU, Σ c_j M_Uj], [M_iU, Σ c_j M_ij]]. */
export function borderedNumerator<T>(F: Ring<T>, M: readonly (readonly T[])[], unknown: readonly number[], row: number, column: readonly T[]): T {
  return determinant(F, [...unknown.map((u, r) => [...unknown.map((v) => M[u][v]), column[u]]), [...unknown.map((v) => M[row][v]), column[row]]]);
}

/** Matrix–vector product over a ring. */
export function matVec<T>(F: Ring<T>, A: readonly (readonly T[])[], x: readonly T[]): T[] {
  return A.map((row) => row.reduce((s, a, j) => F.add(s, F.mul(a, x[j])), F.zero));
}
