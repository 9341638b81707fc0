import { hostProbe } from './stats.js';
const r: string[] = [];
for (let i = 0; i < 200; i++) { const t0 = performance.now(); for (let k = 0; k < 3; k++) hostProbe(); r.push((performance.now() - t0).toFixed(0)); }
console.log(r.join(' '));
