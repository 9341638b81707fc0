/**
 * Reading input files at the edge (configs, claim files, compare outputs, shards): bounded. A
 * regular file larger than the limit is refused from its size before it is read; anything else
 * (a FIFO, `/dev/stdin`, a character device such as `/dev/zero` that never ends) is read in
 * chunks and refused as soon as it passes the limit, so no input allocates without bound.
 */
import { constants as bufferConstants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** An input file that cannot be read, or is too large; `path` as given, `detail` why. */
export class InputFileError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'InputFileError';
  }
}

const CHUNK = 1 << 20;
/** A blocking wait (ms) without a busy loop, for a non-blocking descriptor that has no data yet. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The UTF-8 text of the file at `path`, at most `limitBytes` bytes (and never more than the
 * longest string V8 can hold). Directories, unreadable paths and larger inputs are refused.
 * @throws InputFileError
 * @example readTextFile('config.json', INPUT_BYTES_LIMIT) // the text, or InputFileError('config.json: file too large (…)')
 */
export function readTextFile(path: string, limitBytes: number): string {
  const limit = Math.min(limitBytes, bufferConstants.MAX_STRING_LENGTH);
  const tooLarge = (size: string) => new InputFileError(path, `file too large (${size}; limit ${limit} bytes)`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputFileError(path, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputFileError(path, 'is a directory, not a file');
    if (st.isFile() && st.size > limit) throw tooLarge(`${st.size} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          pause(10);
          continue;
        }
        throw new InputFileError(path, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > limit) throw tooLarge(`more than ${limit} bytes`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
