import { sparseSolver, sparseGrapheneFlake, sparseChain, sparseToDense, type SparseMatrix } from '../src/numeric/sparse.js';
import { luFactor, luSolve, cmatrix } from '../src/numeric/linalg.js';
function check(K: SparseMatrix, z: [number, number]) {
  const n = K.n;
  const s = sparseSolver(K);
  s.factor(z[0], z[1]);
  const bR = new Float64Array(n * 2), bI = new Float64Array(n * 2);
  bR[0] = 1; bI[n + n - 1] = 0.5; bR[n + 3] = 0.2;
  const xR = new Float64Array(n * 2), xI = new Float64Array(n * 2);
  const eta = s.solve(bR, bI, 2, xR, xI);
  // dense
  const D = sparseToDense(K);
  const A = cmatrix(n, n);
  for (let i = 0; i < n * n; i++) { A.re[i] = -D.re[i]; A.im[i] = -D.im[i]; }
  for (let i = 0; i < n; i++) { A.re[i * n + i] += z[0]; A.im[i * n + i] += z[1]; }
  const piv = luFactor(A)!;
  const B = cmatrix(n, 2);
  for (let c = 0; c < 2; c++) for (let i = 0; i < n; i++) { B.re[i * 2 + c] = bR[c * n + i]; B.im[i * 2 + c] = bI[c * n + i]; }
  luSolve(A, piv, B);
  let d = 0, m = 0;
  for (let c = 0; c < 2; c++) for (let i = 0; i < n; i++) { d = Math.max(d, Math.hypot(B.re[i * 2 + c] - xR[c * n + i], B.im[i * 2 + c] - xI[c * n + i])); m = Math.max(m, Math.hypot(xR[c * n + i], xI[c * n + i])); }
  console.log(n, 'eta', eta.toExponential(2), 'rel diff', (d / m).toExponential(2), s.stats);
}
check(sparseChain(50, -2.7), [0.3, 0.01]);
check(sparseGrapheneFlake(10, 12, -2.7), [0.3, 0.0]);
check(sparseGrapheneFlake(20, 20, -2.7), [1.1, 0.001]);
for (const [r, c] of [[100, 100], [316, 316]]) {
  const K = sparseGrapheneFlake(r, c);
  const t0 = performance.now();
  const s = sparseSolver(K);
  const t1 = performance.now();
  const reps = r > 200 ? 2 : 10;
  for (let k = 0; k < reps; k++) s.factor(0.3 + k * 0.01, 0);
  const t2 = performance.now();
  console.log(r * c, 'setup', (t1 - t0).toFixed(0), 'ms; factor', ((t2 - t1) / reps).toFixed(1), 'ms', s.stats);
}
