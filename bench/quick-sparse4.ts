import { sparseFromDense } from '../src/numeric/sparse.js';
import { sparseTransmissionEngine, sparseChannels, sparseResonances, sparseOnsager } from '../src/numeric/sparseTransmission.js';
import { transmissionEngine, grapheneFlake, chain, localCoupling, poleExpansion, onsagerClosedForm, K_B_EV } from '../src/index.js';
for (const [name, H, sites] of [['flake 12x12', grapheneFlake(12, 12), [0, 143, 70]], ['chain 120', chain(120, -2.7), [0, 119, 60]]] as const) {
  const N = H.rows;
  const cs = [localCoupling(N, [sites[0]], 0.5), localCoupling(N, [sites[1]], 0.5), localCoupling(N, [sites[2]], 0.1)];
  const dense = transmissionEngine(H, cs);
  const sp = sparseTransmissionEngine(sparseFromDense(H), cs.map(sparseChannels));
  const a = new Float64Array(9), b = new Float64Array(9);
  let worst = 0;
  for (let k = 0; k < 50; k++) {
    const E = -8 + 16 * k / 49 + 0.0123;
    dense.evaluate(E, a); sp.evaluate(E, b);
    const m = Math.max(...a);
    for (let i = 0; i < 9; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / m);
  }
  console.log(name, sp.solver.method, "fallbacks", sp.fallbacks, 'worst rel', worst.toExponential(2), 'eta', sp.maxBackwardError.toExponential(2));
  const kT = K_B_EV * 300, mu = 0.37;
  const t0 = performance.now();
  const res = sparseResonances(sparseFromDense(H), cs.map(sparseChannels), mu - 41 * kT, mu + 41 * kT);
  const t1 = performance.now();
  const q = sparseOnsager(sp, res, mu, kT); console.log('  fallbacks', sp.fallbacks);
  const t2 = performance.now();
  const cf = onsagerClosedForm(poleExpansion(H, cs), mu, kT);
  let dev = 0;
  for (let i = 0; i < 9; i++) { if (i % 4 === 0) continue; const s0 = Math.abs(cf.L0[i]); dev = Math.max(dev, Math.abs(cf.L0[i] - q.L0[i]) / s0, Math.abs(cf.L1[i] - q.L1[i]) / (s0 * kT), Math.abs(cf.L2[i] - q.L2[i]) / (s0 * kT * kT)); }
  console.log('  resonances', res.length, (t1 - t0).toFixed(0), 'ms; quadrature', q.evaluations, 'evals', (t2 - t1).toFixed(0), 'ms, converged', q.converged, 'dev vs closed form', dev.toExponential(2));
  // widths vs dense
  const dres = dense.resonances.filter(([e]) => e > mu - 41 * kT && e < mu + 41 * kT);
  console.log('  dense resonances', dres.length, dres.slice(0, 3).map((x) => x.map((v) => v.toExponential(4))), res.slice(0, 3).map((x) => x.map((v) => v.toExponential(4))));
}
