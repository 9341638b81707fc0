/**
 * The benchmark's warm-up rule (bench/stats.ts warmUntilSteady) on scripted run times: it must not
 * stop while the times still fall, nor while the compiler threads are busy, and must stop at `max`.
 */
import { describe, expect, it } from 'vitest';
import { warmUntilSteady, type WarmClock } from '../../bench/stats.js';

/** A clock whose every call to `fn` takes walls[i] ms of wall time and cpus[i] ms of CPU. */
function scripted(walls: readonly number[], cpus: readonly number[] = walls): { clock: WarmClock; fn: () => void } {
  let wall = 0,
    cpu = 0,
    i = 0;
  return {
    clock: { wall: () => wall, cpu: () => cpu },
    fn: () => {
      wall += walls[i];
      cpu += cpus[i];
      i++;
    },
  };
}

describe('warmUntilSteady', () => {
  it('waits until no run has beaten the fastest by 3 % for `patience` runs', () => {
    // falls 2 % per run to run 20, then flat: consecutive runs are within 1.25× throughout
    const walls = Array.from({ length: 60 }, (_, i) => 22 * 0.98 ** Math.min(i, 20));
    const { clock, fn } = scripted(walls);
    const ts = warmUntilSteady(fn, { clock, patience: 8 });
    // a 2 % step never counts as a new minimum, but three steps do (0.98³ < 0.97):
    // new minima at runs 0, 2, 4, …, 20 (every second run once the run-0 reference is passed by 3 %)
    const last = ts.length - 1;
    expect(last).toBeGreaterThanOrEqual(20 + 8 - 2);
    expect(last).toBeLessThanOrEqual(20 + 8);
  });

  it('stops after two close, quiet runs once the minimum is old enough', () => {
    const { clock, fn } = scripted([30, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
    expect(warmUntilSteady(fn, { clock, patience: 8 })).toHaveLength(10);
  });

  it('does not stop while the process uses more CPU than wall time (compiler threads busy)', () => {
    const walls = Array.from({ length: 30 }, () => 20);
    const cpus = walls.map((w, i) => (i < 15 ? 1.6 * w : w));
    const { clock, fn } = scripted(walls, cpus);
    expect(warmUntilSteady(fn, { clock, patience: 2 })).toHaveLength(17);
  });

  it('stops at `max` when the times never settle', () => {
    const walls = Array.from({ length: 50 }, (_, i) => (i % 2 ? 10 : 40));
    const { clock, fn } = scripted(walls);
    expect(warmUntilSteady(fn, { clock, max: 25 })).toHaveLength(25);
  });
});
