import { sparseFromDense } from '../src/numeric/sparse.js';
import { sparseTransmissionEngine, sparseChannels } from '../src/numeric/sparseTransmission.js';
import { transmissionEngine, transmissionDirect, grapheneFlake, localCoupling } from '../src/index.js';
const H = grapheneFlake(12, 12); const N = 144;
const cs = [localCoupling(N, [0], 0.5), localCoupling(N, [143], 0.5), localCoupling(N, [70], 0.1)];
const dense = transmissionEngine(H, cs);
const sp = sparseTransmissionEngine(sparseFromDense(H), cs.map(sparseChannels));
const a = new Float64Array(9), b = new Float64Array(9);
for (const E of [0, 1e-3, -2e-3]) {
  dense.evaluate(E, a); sp.evaluate(E, b);
  const d = transmissionDirect(H, cs, E);
  console.log(E, Array.from(a).map((x, i) => (x - b[i]).toExponential(2) + "/" + x.toExponential(3)).join(" "));
}
