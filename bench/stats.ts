/** Small timing and formatting helpers for the benchmark (no dependencies). */

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Run `fn` `warmup` times untimed, then `reps` times timed; wall times in ms. */
export function timeReps(fn: () => void, warmup: number, reps: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * `reps` samples, each the fastest of `k` consecutive runs (the convention of Python's timeit: on a
 * shared machine a slower run measures the other processes, not the code), plus every raw time and,
 * after each sample, the fastest of two {@link hostProbe} runs (the host's speed at that moment).
 */
export function timeBestOf(fn: () => void, reps: number, k: number): { readonly best: number[]; readonly raw: number[]; readonly probe: number[] } {
  const best: number[] = [],
    raw: number[] = [],
    probe: number[] = [];
  for (let i = 0; i < reps; i++) {
    let b = Infinity;
    for (let j = 0; j < k; j++) {
      const t0 = performance.now();
      fn();
      const t = performance.now() - t0;
      raw.push(t);
      b = Math.min(b, t);
    }
    best.push(b);
    probe.push(Math.min(hostProbe(), hostProbe()));
  }
  return { best, raw, probe };
}

/** CPU time of the whole process (every thread: main, compiler, GC helpers) in ms. */
export function processCpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Wall and CPU clocks of {@link warmUntilSteady} (replaceable in tests), both in ms. */
export interface WarmClock {
  readonly wall: () => number;
  readonly cpu: () => number;
}
const processClock: WarmClock = { wall: () => performance.now(), cpu: processCpuMs };

/**
 * Options of {@link warmUntilSteady}; every field has the default given.
 */
export interface WarmOptions {
  /** At least this many runs (default 3). */
  readonly min?: number;
  /** At most this many runs (default 80). */
  readonly max?: number;
  /** Two consecutive runs within this factor of each other (default 1.25). */
  readonly factor?: number;
  /** Process CPU at most this × wall time in both of them (default 1.15). */
  readonly quiet?: number;
  /** No new minimum, by more than `gain`, over this many runs (default 8). */
  readonly patience?: number;
  /** The fraction a run must beat the minimum by to count as a new one (default 0.03). */
  readonly gain?: number;
  readonly clock?: WarmClock;
}

/**
 * Warm a function up until its time settles (V8 tiers a large kernel up over many calls). After at
 * least `min` runs it stops at the first run where all three hold:
 * - the run and the one before are within `factor` of each other;
 * - in both, the process used at most `quiet` × the wall time in CPU: V8's compiler and GC helper
 *   threads have gone quiet (while they still tier the code up they add 50–100 % CPU on the other
 *   core, measured on the paper scan, BENCHMARKS.md 2026-12-02 "sixth pass");
 * - for `patience` runs no run has been a new minimum: faster by more than `gain` than the last
 *   new minimum (not than the fastest run, which a slow steady fall would keep just ahead of). Quiet compiler threads are not yet warm code: on a quiet host the paper scan still
 *   fell from 22 to 17.5 ms over scans 13–33 with CPU = wall (run 3 of the sixth pass).
 * It stops after `max` runs whatever the times do. Returns the wall times of the warm-up runs.
 */
export function warmUntilSteady(fn: () => void, options: WarmOptions = {}): number[] {
  const { min = 3, max = 80, factor = 1.25, quiet = 1.15, patience = 8, gain = 0.03, clock = processClock } = options;
  const ts: number[] = [],
    busy: boolean[] = [];
  // the time of the last run that beat the one before it by more than `gain` (a reference that
  // only moves on such a run, so a slow drift of a little under `gain` per run still counts)
  let ref = Infinity,
    refAt = -1;
  for (let i = 0; i < max; i++) {
    const c0 = clock.cpu(),
      t0 = clock.wall();
    fn();
    const t = clock.wall() - t0;
    ts.push(t);
    busy.push(clock.cpu() - c0 > quiet * t);
    if (t < (1 - gain) * ref) {
      ref = t;
      refAt = i;
    }
    const settled = i >= 1 && Math.max(ts[i], ts[i - 1]) <= factor * Math.min(ts[i], ts[i - 1]);
    if (i + 1 >= min && settled && !busy[i] && !busy[i - 1] && i - refAt >= patience) break;
  }
  return ts;
}

/**
 * A fixed pure-JavaScript kernel whose time tracks the host's speed, not the code under test:
 * 3 products of two 120 × 120 Float64Array matrices (5.2 Mflop, 350 kB working set, ~7.5 ms on
 * this VM idle). Timed next to each sample, it tells a slower host phase (this kernel slower by
 * the same factor) from a slower code path (this kernel unchanged). Returns its wall time in ms.
 */
export function hostProbe(): number {
  const n = 120;
  probeA ??= Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  probeB ??= Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  probeC ??= new Float64Array(n * n);
  const a = probeA,
    b = probeB,
    c = probeC;
  const t0 = performance.now();
  for (let r = 0; r < 3; r++) {
    c.fill(0);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const x = a[i * n + k];
        for (let j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j];
      }
  }
  return performance.now() - t0;
}
let probeA: Float64Array | undefined, probeB: Float64Array | undefined, probeC: Float64Array | undefined;

/** Format a number with `digits` significant digits, plain for moderate magnitudes. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return x.toPrecision(digits).replace(/\.?0+$/, (m) => (m.includes('.') ? '' : m));
}

/**
 * Render rows as a fixed-width text table (first row = header). `align` has one letter per
 * column, 'l' or 'r' (default: first column left, the others right).
 */
export function table(rows: readonly (readonly string[])[], align?: string): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const left = (c: number) => (align ? align[c] === 'l' : c === 0);
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (left(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n');
}
