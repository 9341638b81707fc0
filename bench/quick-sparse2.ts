import { sparseSolver, sparseGrapheneFlake } from '../src/numeric/sparse.js';
const K = sparseGrapheneFlake(100, 100);
const s = sparseSolver(K);
const reps = 20;
s.factor(0.3, 0);
const t1 = performance.now();
for (let k = 0; k < reps; k++) s.factor(0.3 + k * 0.01, 0);
const t2 = performance.now();
console.log('factor', ((t2 - t1) / reps).toFixed(1), 'ms', s.stats.work / ((t2 - t1) / reps) / 1e3, 'Mcmac/s');
