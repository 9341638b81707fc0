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

/**
 * Warm a function up until its time settles (V8 tiers a large kernel up over several calls):
 * at least `min` runs, then until two consecutive runs are within `factor` of each other (a run
 * that is merely the fastest so far may still be falling) and, in both, the process used at most
 * `quiet` × the wall time in CPU (V8's compiler and GC helper threads have gone quiet: while they
 * still tier the code up they add 50–100 % CPU on the other core, measured on the paper scan,
 * BENCHMARKS.md 2026-12-02 "sixth pass"), at most `max` runs.
 * Returns the wall times of the warm-up runs.
 */
export function warmUntilSteady(fn: () => void, min: number, max: number, factor = 1.25, quiet = 1.15): number[] {
  const ts: number[] = [],
    busy: boolean[] = [];
  for (let i = 0; i < max; i++) {
    const c0 = processCpuMs(),
      t0 = performance.now();
    fn();
    const t = performance.now() - t0;
    ts.push(t);
    busy.push(processCpuMs() - c0 > quiet * t);
    if (i + 1 >= min && i >= 1 && !busy[i] && !busy[i - 1] && Math.max(ts[i], ts[i - 1]) <= factor * Math.min(ts[i], ts[i - 1])) break;
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
