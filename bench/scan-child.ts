/**
 * Memory probe and run-to-run timing of the full scan, run by bench/run.ts as a fresh child process:
 *
 *   node --expose-gc --import tsx bench/scan-child.ts <idle|A|B> [keep|discard]
 *   node --import tsx bench/scan-child.ts time [reps]
 *
 * "idle" loads the library and builds nothing (the baseline resident set of node + tsx + the
 * library); "A"/"B" run the full scan once (bench/scenarios.ts paths) keeping every solved circuit
 * alive, as a caller that writes or plots the results would ("keep", the default), or dropping
 * each one after reading it ("discard": streaming use). Prints one JSON line: peak resident
 * set (process.resourceUsage().maxRSS, KiB → MiB, the kernel's high-water mark for the whole
 * process) and the V8 heap in use after a full GC before and after the scan (what the results
 * retain).
 */
import { scanPathA, scanPathB } from './scenarios.js';
import { median, timeBestOf, warmUntilSteady } from './stats.js';
import type { CircuitResult } from '../src/index.js';

const mode = process.argv[2] ?? 'idle';
/**
 * "time": one independent run of section 2's path-A protocol in a fresh process (the same warm-up,
 * then `reps` samples, each the best of 3 scans, each followed by the host probe), as a re-run of
 * `npm run bench` would measure it. Prints one JSON line and exits.
 */
if (mode === 'time') {
  const reps = Number(process.argv[3] ?? 7);
  const warm = warmUntilSteady(() => scanPathA());
  const s = timeBestOf(() => scanPathA(), reps, 3);
  process.stdout.write(JSON.stringify({ mode, warmupRuns: warm.length, medianMs: median(s.best), samplesMs: s.best, probeMs: s.probe }) + '\n');
  process.exit(0);
}
/** "discard": consume each result and drop it (streaming use) instead of keeping all of them. */
const keep = process.argv[3] !== 'discard';
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const kept: CircuitResult[] = [];
const t0 = performance.now();
let count = 0;
let sink = 0;
const visit = (_c: unknown, _k: unknown, _r: unknown, _g: unknown, _i: unknown, r: CircuitResult) => {
  if (keep) kept.push(r);
  else sink += r.heatCurrent[0];
};
if (mode === 'A') count = scanPathA(visit);
else if (mode === 'B') count = scanPathB(visit);
else if (mode !== 'idle') throw new Error(`unknown mode ${mode}`);
const wallMs = performance.now() - t0;
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const mem = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    mode,
    keep,
    count,
    sinkFinite: Number.isFinite(sink),
    retained: kept.length,
    wallMs,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    heapUsedBeforeMiB: heapBefore / 2 ** 20,
    heapUsedAfterMiB: heapAfter / 2 ** 20,
    arrayBuffersMiB: mem.arrayBuffers / 2 ** 20,
    gcExposed: gc !== undefined,
  }) + '\n',
);
