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
 * shared machine a slower run measures the other processes, not the code), plus every raw time.
 */
export function timeBestOf(fn: () => void, reps: number, k: number): { readonly best: number[]; readonly raw: number[] } {
  const best: number[] = [],
    raw: number[] = [];
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
  }
  return { best, raw };
}

/**
 * Warm a function up until its time settles (V8 tiers a large kernel up over several calls):
 * at least `min` runs, then until two consecutive runs are within `factor` of each other (a run
 * that is merely the fastest so far may still be falling), at most `max`.
 * Returns the times of the warm-up runs.
 */
export function warmUntilSteady(fn: () => void, min: number, max: number, factor = 1.25): number[] {
  const ts: number[] = [];
  for (let i = 0; i < max; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
    if (i + 1 >= min && i >= 1 && Math.max(ts[i], ts[i - 1]) <= factor * Math.min(ts[i], ts[i - 1])) break;
  }
  return ts;
}

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
