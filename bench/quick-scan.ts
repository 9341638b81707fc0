import { scanPathA, scanPathB } from './scenarios.js';
import { median, timeReps } from './stats.js';
scanPathA(); scanPathB();
const a = timeReps(() => { scanPathA(); }, 1, 7);
const b = timeReps(() => { scanPathB(); }, 1, 5);
console.log('A', median(a).toFixed(1), a.map((x) => x.toFixed(0)).join(' '), 'B', median(b).toFixed(1));
