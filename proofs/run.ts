/**
 * `npm run proofs`: run every proof, print one line per claim, write reports/proofs.json
 * atomically, exit 1 if any verdict is 'failed' ('refuted' and 'conditional' are results).
 */
import { writeFileAtomic } from '../src/io/atomic.js';
import { runAllProofs } from './index.js';
import type { ProofResult } from './types.js';

const mark = (ok: boolean | null): string => (ok === true ? '✓' : ok === false ? '✗' : '?');

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

function line(r: ProofResult): string {
  const err = Number.isFinite(r.numeric.maxError) ? r.numeric.maxError.toExponential(1) : String(r.numeric.maxError);
  return `${pad(r.id, 36)} ${pad(r.verdict, 11)} sym ${mark(r.symbolic.ok)}  rat ${mark(r.rational.ok)}  num ${mark(r.numeric.ok)} ${pad(err, 8)} (tol ${r.numeric.tolerance.toExponential(0)})  ${r.seconds.toFixed(2)} s`;
}

const t0 = performance.now();
const results = await runAllProofs();
const total = (performance.now() - t0) / 1000;
console.log(`${pad('claim', 36)} ${pad('verdict', 11)} routes                 numeric max error        time`);
for (const r of results) console.log(line(r));
console.log(`total ${total.toFixed(2)} s`);
// No dates or timings in the committed file: `npm run proofs` leaves git clean (the times are
// printed above). Every value in it is deterministic (seeded routes, fixed systems).
const out = { results: results.map(({ seconds: _s, ...r }) => r) };
writeFileAtomic('reports/proofs.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote reports/proofs.json');
process.exitCode = results.some((r) => r.verdict === 'failed') ? 1 : 0;
