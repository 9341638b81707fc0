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
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta}s`,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}
