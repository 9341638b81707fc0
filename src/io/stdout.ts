/**
 * Standard output that reports its failures (docs/config.md "Output targets"): a write to stdout
 * that fails (a full disk, ENOSPC; an I/O error, EIO) is an {@link OutputTargetError} naming
 * stdout (exit 2, one line), never a silent exit 0 with the result lost; a reader that closed the
 * pipe early (EPIPE, `probecheck … | head -1`) ends the output quietly: the rest is dropped, no
 * message, the command's exit code unchanged.
 */
import { OutputTargetError } from './atomic.js';

let closed = false;
let guarded = false;

/**
 * Keep a failed write on stdout or stderr from becoming an uncaught 'error' event (a stack trace):
 * the stdout failure reaches {@link writeStdout}'s caller; a failure on stderr (progress,
 * warnings) is dropped, it has nowhere to be reported.
 */
export function guardStandardStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
}

/** True once a reader closed stdout (EPIPE): later output is dropped. */
export function stdoutClosed(): boolean {
  return closed;
}

/**
 * Write `text` to stdout and wait until it is handed to the operating system.
 * @throws OutputTargetError when the write fails (other than EPIPE)
 */
export function writeStdout(text: string): Promise<void> {
  guardStandardStreams();
  if (closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err?: Error | null) => {
      if (!err) return resolve();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed = true;
        return resolve();
      }
      reject(new OutputTargetError(`stdout: cannot write the output (${code ?? err.message})`));
    });
  });
}
