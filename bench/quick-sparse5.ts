import { sparseFromDense } from '../src/numeric/sparse.js';
import { sparseTransmissionEngine, sparseChannels } from '../src/numeric/sparseTransmission.js';
import { transmissionEngine, grapheneFlake, localCoupling } from '../src/index.js';
const H = grapheneFlake(12, 12); const N = 144;
const cs = [localCoupling(N, [0], 0.5), localCoupling(N, [143], 0.5), localCoupling(N, [70], 0.1)];
const dense = transmissionEngine(H, cs);
const sp = sparseTransmissionEngine(sparseFromDense(H), cs.map(sparseChannels));
const a = new Float64Array(9), b = new Float64Array(9);
for (const E of [-1e-6, -1.5227e-7, -9.8e-8, 0, 1e-9, 1e-3]) {
  dense.evaluate(E, a);
  try { sp.evaluate(E, b); } catch (e) { console.log(E, 'ERR', (e as Error).message); continue; }
  console.log(E, Array.from(a.slice(0, 3)).map((x) => x.toExponential(6)), Array.from(b.slice(0, 3)).map((x) => x.toExponential(6)), 'fallbacks', sp.fallbacks, sp.solver.lastPivotRatio);
}
