import { sparseChain } from '../src/numeric/sparse.js';
import { sparseTransmissionEngine, localChannels } from '../src/numeric/sparseTransmission.js';
const N = 2000;
const e = sparseTransmissionEngine(sparseChain(N, -2.7), [localChannels([0], 0.5), localChannels([N - 1], 0.5), localChannels([N >> 1], 0.1)]);
const out = new Float64Array(9);
const t0 = performance.now();
for (let k = 0; k < 3000; k++) e.evaluate(-5 + k * 0.003, out);
console.log(((performance.now() - t0) / 3000 * 1e3).toFixed(0), 'µs');
