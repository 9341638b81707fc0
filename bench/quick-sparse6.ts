import { sparseFromDense, sparseSolver, sparseGrapheneFlake } from '../src/numeric/sparse.js';
const K = sparseGrapheneFlake(12, 12);
for (const m of ['banded', 'multifrontal'] as const) {
  const s = sparseSolver(K, { method: m });
  for (const sg of [-1.2847341426726861e-8, -0.3, 0.5, 1e-12]) console.log(m, sg, s.factor(sg, 0, false));
}
