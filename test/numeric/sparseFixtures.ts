/**
 * Dense references shared by the sparse-solver tests (docs/physics.md §14 cross-checks): z − K as a
 * dense matrix, and a dense solve with one step of refinement. Test helpers only.
 */
import { sparseToDense, type SparseMatrix } from '../../src/numeric/sparse.js';
import { luFactor, luSolve, cmatrix, type CMatrix } from '../../src/numeric/linalg.js';

/** A = z − K densely (z = zr + i·zi). */
export function shifted(k: SparseMatrix, zr: number, zi = 0): CMatrix {
  const d = sparseToDense(k);
  const n = k.n;
  for (let i = 0; i < n * n; i++) {
    d.re[i] = -d.re[i];
    d.im[i] = -d.im[i];
  }
  for (let i = 0; i < n; i++) {
    d.re[i * n + i] += zr;
    if (zi !== 0) d.im[i * n + i] += zi;
  }
  return d;
}

/** Dense A x = B (B n × r column-major), one step of refinement; x column-major. */
export function denseSolve(a: CMatrix, bR: Float64Array, bI: Float64Array, r: number): { xR: Float64Array; xI: Float64Array } {
  const n = a.rows;
  const M = { rows: n, cols: n, re: Float64Array.from(a.re), im: Float64Array.from(a.im) };
  const piv = luFactor(M);
  if (!piv) throw new Error('singular');
  const X = cmatrix(n, r);
  for (let c = 0; c < r; c++)
    for (let i = 0; i < n; i++) {
      X.re[i * r + c] = bR[c * n + i];
      X.im[i * r + c] = bI[c * n + i];
    }
  luSolve(M, piv, X);
  const R = cmatrix(n, r);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < r; c++) {
      let sr = bR[c * n + i],
        si = bI[c * n + i];
      for (let j = 0; j < n; j++) {
        const ar = a.re[i * n + j],
          ai = a.im[i * n + j],
          xr = X.re[j * r + c],
          xi = X.im[j * r + c];
        sr -= ar * xr - ai * xi;
        si -= ar * xi + ai * xr;
      }
      R.re[i * r + c] = sr;
      R.im[i * r + c] = si;
    }
  luSolve(M, piv, R);
  const xR = new Float64Array(n * r),
    xI = new Float64Array(n * r);
  for (let c = 0; c < r; c++)
    for (let i = 0; i < n; i++) {
      xR[c * n + i] = X.re[i * r + c] + R.re[i * r + c];
      xI[c * n + i] = X.im[i * r + c] + R.im[i * r + c];
    }
  return { xR, xI };
}

/** A⁻¹ densely (row-major), through {@link denseSolve} of the unit columns. */
export function denseInverse(a: CMatrix): CMatrix {
  const n = a.rows;
  const eR = new Float64Array(n * n),
    eI = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eR[i * n + i] = 1;
  const { xR, xI } = denseSolve(a, eR, eI, n);
  const X = cmatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < n; c++) {
      X.re[i * n + c] = xR[c * n + i];
      X.im[i * n + c] = xI[c * n + i];
    }
  return X;
}
