import { sparseSolver, sparseGrapheneFlake, sparseChain } from '../src/numeric/sparse.js';
for (const [name, K] of [['flake 100x100', sparseGrapheneFlake(100, 100)], ['chain 2000', sparseChain(2000, -2.7)]] as const) {
  for (const leaf of [1, 2, 4, 8]) {
    const s = sparseSolver(K, { leaf });
    const reps = name.startsWith('chain') ? 200 : 10;
    s.factor(0.3, 0);
    const t1 = performance.now();
    for (let k = 0; k < reps; k++) s.factor(0.3 + k * 0.001, 0);
    const t2 = performance.now();
    console.log(name, 'leaf', leaf, 'factor', ((t2 - t1) / reps).toFixed(3), 'ms', 'work', s.stats.work, 'nodes', s.stats.nodes, 'maxFront', s.stats.maxFront);
  }
}
