import { scanPathA } from './scenarios.js';
const n = Number(process.argv[2] ?? 40);
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  scanPathA();
  console.log(`=== SCAN ${i} ${(performance.now() - t0).toFixed(1)}`);
}
