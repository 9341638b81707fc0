import { scanPathA, scanColumnsPaper } from './scenarios.js';
import { median, timeReps } from './stats.js';
scanPathA(); scanColumnsPaper();
for (let r = 0; r < 2; r++) {
  const a = timeReps(() => { scanPathA(); }, 1, 7);
  const c = timeReps(() => { scanColumnsPaper(); }, 1, 7);
  console.log('A', median(a).toFixed(1), 'columns', median(c).toFixed(1));
}
