/**
 * Writing results so that a reader never sees half of them (issue 12, docs/config.md "Ranges and
 * limits"):
 *
 * - {@link writeFileAtomic}: a file goes to a hidden temporary sibling, then is renamed over the
 *   target (rename is atomic within a directory).
 * - {@link writeDirectoryAtomic}: a report directory is built as a whole in a hidden sibling
 *   directory, then swapped into place (the old directory, if any, is renamed aside and removed).
 * - Temporary paths are registered while they exist; on SIGINT/SIGTERM (and SIGHUP) they are
 *   removed before the process exits with 128 + the signal number. The handlers are installed the
 *   first time a temporary path is created and stay installed (removing them could drop a signal
 *   that arrived during a synchronous write).
 * - {@link checkOutputFile}/{@link checkOutputDirectory}: a bad `--out` target is refused before
 *   any computing (path under a regular file, an existing directory where a file is wanted,
 *   a directory that cannot be written, e.g. under /proc).
 *
 * SIGKILL cannot be caught: a killed process may leave a `.NAME.PID.tmp` sibling, never a
 * half-written target.
 */
import { mkdirSync, renameSync, writeFileSync, rmSync, statSync, openSync, closeSync, existsSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';

/** An output target that cannot be written (bad `--out`): the CLI reports it as bad input (exit 2). */
export class OutputTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputTargetError';
  }
}

const pending = new Set<string>();
let handlersInstalled = false;
const SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];

/** Remove every registered temporary path now (synchronously). */
export function removePendingTemporaries(): void {
  for (const p of pending) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
  pending.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [sig, num] of SIGNALS) {
    process.on(sig, () => {
      removePendingTemporaries();
      process.exit(128 + num);
    });
  }
}

/** Register a temporary path for removal on SIGINT/SIGTERM/SIGHUP; returns it. */
export function registerTemporary(path: string): string {
  installHandlers();
  pending.add(path);
  return path;
}

/** The path is final (renamed or removed): stop tracking it. */
export function releaseTemporary(path: string): void {
  pending.delete(path);
}

/** Temporaries currently registered (for tests). */
export function pendingTemporaries(): readonly string[] {
  return [...pending];
}

let counter = 0;
function tempSibling(path: string, kind: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${counter++}.${kind}`);
}

/** Write `data` to `path` atomically (creating parent directories). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = registerTemporary(tempSibling(path, 'tmp'));
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    releaseTemporary(tmp);
  }
}

/** One file of a directory written by {@link writeDirectoryAtomic} (path relative to it). */
export interface DirectoryFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/**
 * Write a directory as a whole: every file into a hidden sibling directory, then swap it into
 * place. A reader sees either the old directory or the complete new one; files of the old
 * directory that the new one does not contain are gone (no stale figures). Yields to the event
 * loop between files, so that a signal during a long write is handled (the sibling is removed and
 * the old directory stays).
 * @param onFile called after each file (progress)
 */
export async function writeDirectoryAtomic(dir: string, files: readonly DirectoryFile[], onFile?: (path: string) => void): Promise<void> {
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = registerTemporary(tempSibling(target, 'tmp'));
  try {
    mkdirSync(tmp);
    for (const f of files) {
      const p = join(tmp, f.path);
      if (!resolve(p).startsWith(tmp + '/')) throw new Error(`writeDirectoryAtomic: ${f.path} escapes the directory`);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content);
      onFile?.(f.path);
      await new Promise<void>((r) => setImmediate(r));
    }
    if (existsSync(target)) {
      const old = registerTemporary(tempSibling(target, 'old'));
      renameSync(target, old);
      renameSync(tmp, target);
      releaseTemporary(tmp);
      rmSync(old, { recursive: true, force: true });
      releaseTemporary(old);
    } else {
      renameSync(tmp, target);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    releaseTemporary(tmp);
  }
}

/** The nearest existing ancestor of `path` (itself if it exists). */
function existingAncestor(path: string): string {
  let p = resolve(path);
  for (;;) {
    if (existsSync(p)) return p;
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
}

/** Check that a directory can receive new entries, by creating and removing a probe file there. */
function checkWritableDirectory(dir: string, option: string, target: string): void {
  const probe = join(dir, `.probecheck-write-test.${process.pid}.${counter++}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw new OutputTargetError(`${option}: cannot write to ${target} (${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  rmSync(probe, { force: true });
}

function checkParent(path: string, option: string): void {
  const anc = existingAncestor(dirname(resolve(path)));
  let st;
  try {
    st = statSync(anc);
  } catch (e) {
    throw new OutputTargetError(`${option}: cannot write to ${path} (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!st.isDirectory()) throw new OutputTargetError(`${option}: cannot write to ${path}: ${anc} is not a directory`);
  checkWritableDirectory(anc, option, path);
}

/**
 * Refuse an output file that cannot be written, before computing: a path under a regular file, an
 * existing directory, a special file, an unwritable directory.
 * @param option the option's name for the message (e.g. "--out")
 * @throws OutputTargetError
 */
export function checkOutputFile(path: string, option = '--out'): void {
  if (path === '') throw new OutputTargetError(`${option}: empty path`);
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) throw new OutputTargetError(`${option}: ${path} is a directory (give a file name)`);
    if (!st.isFile()) throw new OutputTargetError(`${option}: ${path} is not a regular file`);
  }
  checkParent(path, option);
}

/**
 * Refuse an output directory that cannot be written, before computing: an existing non-directory,
 * a path under a regular file, an unwritable parent.
 * @throws OutputTargetError
 */
export function checkOutputDirectory(dir: string, option = '--out'): void {
  if (dir === '') throw new OutputTargetError(`${option}: empty path`);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new OutputTargetError(`${option}: ${dir} exists and is not a directory`);
  // the directory is replaced as a whole: its parent must accept new entries
  checkParent(join(dir, 'x'), option);
  checkParent(dir, option);
}
