/** A progress bar on stderr (works without a TTY: scheduled plain-text updates). */
import cliProgress from 'cli-progress';

/** Minimal progress interface so that library code can report without depending on a terminal. */
export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

/** Start a progress bar with `total` steps and a label; `quiet` gives a no-op. */
export function progressBar(total: number, label: string, quiet = false): Progress {
  if (quiet) return { tick() {}, stop() {} };
  // The ETA is the library's linear estimate, shown once a step has finished (before that it
  // printed "ETA 0s" while a sparse system's first μ0 point could take seconds) and in h/m/s
  const known = `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
    unknown = `${label} [{bar}] {percentage}% | {value}/{total} | ETA after the first step`;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: (options, params, payload) => cliProgress.Format.Formatter({ ...options, format: params.value > 0 ? known : unknown }, params, payload),
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}
