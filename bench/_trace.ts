import { scanPathA } from './scenarios.js';
import { hostProbe, processCpuMs } from './stats.js';
const n = Number(process.argv[2] ?? 60);
const rows: string[] = [];
for (let i = 0; i < n; i++) {
  const c0 = processCpuMs(), t0 = performance.now();
  scanPathA();
  const t = performance.now() - t0, c = processCpuMs() - c0;
  const p = hostProbe();
  rows.push(`${i}:${t.toFixed(1)}/${(c / t).toFixed(2)}/${p.toFixed(1)}`);
}
console.log(rows.join(' '));
