import { fermiWindowKernels } from '../src/numeric/polygamma.js';
import { poleExpansion } from '../src/numeric/poles.js';
import { junction, CONFIGS, MU0 } from './scenarios.js';
const sys = junction(CONFIGS[0], 0.1, 'VP', 'electronic');
const p = poleExpansion(sys.hamiltonian, sys.terminals.map((t) => t.coupling));
console.log('poles', p.poles, Array.from(p.lambdaRe).map((x) => x.toFixed(2)), Array.from(p.lambdaIm).map((x) => x.toFixed(3)));
const phi = new Float64Array(6), tmp = new Float64Array(2);
let s = 0;
for (let rep = 0; rep < 5; rep++) {
  const t0 = performance.now();
  for (let r = 0; r < 18; r++) for (const mu of MU0) for (let k = 0; k < p.poles; k++) { fermiWindowKernels(p.lambdaRe[k] - mu, p.lambdaIm[k], 0.02585, phi, tmp); s += phi[0]; }
  const dt = performance.now() - t0;
  console.log((dt * 1e6 / (18 * 601 * p.poles)).toFixed(0), 'ns/call', dt.toFixed(1), 'ms');
}
