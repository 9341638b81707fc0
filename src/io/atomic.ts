/**
 * Writing results so that a reader never sees half of them (issue 12, docs/config.md "Output
 * targets"):
 *
 * - {@link writeFileAtomic}: a file goes to a hidden temporary sibling, then is renamed over the
 *   target (rename is atomic within a directory).
 * - {@link writeFilesAtomic}: several files all or nothing (`map`'s CSV and SVG): every temporary
 *   is written first; a failed rename restores the files already replaced.
 * - {@link writeDirectoryAtomic}: a report directory is built as a whole in a hidden sibling
 *   directory, with a manifest of its files ({@link MANIFEST_NAME}), then swapped into place (the
 *   old directory, if any, is renamed aside and removed). An existing directory is replaced only
 *   if it holds no file that probecheck did not write (empty, or a previous report whose files are
 *   all listed in its manifest), and never when it is the current directory or an ancestor of it.
 * - Temporary paths are registered while they exist; on SIGINT/SIGTERM (and SIGHUP) they are
 *   removed before the process exits with 128 + the signal number. The handlers are installed the
 *   first time a temporary path is created and stay installed (removing them could drop a signal
 *   that arrived during a synchronous write).
 * - {@link checkOutputFile}/{@link checkOutputDirectory}: a bad output target is refused before
 *   any computing (an empty path, a path under a regular file or a broken symbolic link, an
 *   existing directory where a file is wanted, a directory that cannot be written, e.g. under
 *   /proc, a directory holding files probecheck did not write).
 * - Parent directories are created by {@link makeDirectories}, one component at a time (Node's
 *   `mkdirSync(…, {recursive: true})` retries forever under /proc, where mkdir answers ENOENT).
 * - Every failure is an {@link OutputTargetError} naming the option (exit 2, one line).
 *
 * SIGKILL cannot be caught: a killed process may leave a `.NAME.PID.tmp` sibling, never a
 * half-written target.
 */
import {
  mkdirSync,
  renameSync,
  writeFileSync,
  rmSync,
  statSync,
  lstatSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  realpathSync,
  linkSync,
  copyFileSync,
  type Stats,
} from 'node:fs';
import { dirname, basename, join, resolve, sep } from 'node:path';

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

const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** lstat without throwing: undefined when nothing is there. */
function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/**
 * The file system entry at `p`, following symbolic links: 'none' (nothing there), a Stats, or an
 * error for an entry that exists but cannot be followed (a broken or looping symbolic link).
 */
function entryAt(p: string, option: string, target: string): Stats | 'none' {
  const l = lstatOrUndefined(p);
  if (!l) return 'none';
  if (!l.isSymbolicLink()) return l;
  try {
    return statSync(p);
  } catch (e) {
    throw new OutputTargetError(`${option}: cannot write to ${target}: ${p} is a broken symbolic link (${code(e)})`);
  }
}

/**
 * Create `dir` and its missing parents, one component at a time (at most one mkdir per component:
 * bounded, unlike Node's recursive mkdir, which loops forever under /proc).
 * @throws OutputTargetError naming `option`
 */
export function makeDirectories(dir: string, option = '--out', target = dir): void {
  const full = resolve(dir);
  const parts = full.split(sep).filter(Boolean);
  let p: string = sep;
  for (const part of parts) {
    p = join(p, part);
    const st = entryAt(p, option, target);
    if (st !== 'none') {
      if (!st.isDirectory()) throw new OutputTargetError(`${option}: cannot write to ${target}: ${p} is not a directory`);
      continue;
    }
    try {
      mkdirSync(p);
    } catch (e) {
      // created meanwhile by another process: fine if it is a directory
      const again = lstatOrUndefined(p);
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && again?.isDirectory()) continue;
      throw new OutputTargetError(`${option}: cannot create directory ${p} for ${target} (${code(e)})`);
    }
  }
}

/** One file of {@link writeFilesAtomic}: its path and the option that named it (for messages). */
export interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
  /** the option that named the file, e.g. "--out" (default "--out") */
  readonly option?: string;
}

/** Write `data` to `path` atomically (creating parent directories). @throws OutputTargetError */
export function writeFileAtomic(path: string, data: string | Uint8Array, option = '--out'): void {
  writeFilesAtomic([{ path, content: data, option }]);
}

/**
 * Write several files all or nothing: every file to a temporary sibling first (a failure there —
 * a full disk — removes them all and leaves every target as it was), then each is renamed over its
 * target; should a rename fail, the targets already replaced get their old content back (a hard
 * link, or a copy, kept until the end). A reader of any one target sees its old or its new content.
 * @throws OutputTargetError naming the file's option
 */
export function writeFilesAtomic(files: readonly OutputFile[]): void {
  const temps: Array<{ readonly file: OutputFile; readonly tmp: string }> = [];
  const backups: Array<{ readonly path: string; readonly backup?: string }> = [];
  try {
    for (const file of files) {
      const option = file.option ?? '--out';
      makeDirectories(dirname(resolve(file.path)), option, file.path);
      const tmp = registerTemporary(tempSibling(file.path, 'tmp'));
      temps.push({ file, tmp });
      try {
        writeFileSync(tmp, file.content, { flag: 'wx' });
      } catch (e) {
        throw new OutputTargetError(`${option}: cannot write ${file.path} (${code(e)})`);
      }
    }
    for (const { file, tmp } of temps) {
      const option = file.option ?? '--out';
      let backup: string | undefined;
      if (files.length > 1 && lstatOrUndefined(file.path)?.isFile()) {
        backup = registerTemporary(tempSibling(file.path, 'old'));
        try {
          linkSync(file.path, backup);
        } catch {
          try {
            copyFileSync(file.path, backup);
          } catch (e) {
            rmSync(backup, { force: true });
            releaseTemporary(backup);
            throw new OutputTargetError(`${option}: cannot write ${file.path} (${code(e)})`);
          }
        }
      }
      try {
        renameSync(tmp, file.path);
      } catch (e) {
        if (backup) rmSync(backup, { force: true });
        throw new OutputTargetError(`${option}: cannot write ${file.path} (${code(e)})`);
      }
      releaseTemporary(tmp);
      backups.push({ path: file.path, backup });
    }
  } catch (e) {
    // undo in reverse order: the old content back, or no file where there was none
    for (const { path, backup } of backups.reverse()) {
      try {
        if (backup) renameSync(backup, path);
        else rmSync(path, { force: true });
      } catch {
        /* best effort */
      }
    }
    throw e;
  } finally {
    for (const { tmp } of temps) {
      rmSync(tmp, { force: true });
      releaseTemporary(tmp);
    }
    for (const { backup } of backups) {
      if (!backup) continue;
      rmSync(backup, { force: true });
      releaseTemporary(backup);
    }
  }
}

/** One file of a directory written by {@link writeDirectoryAtomic} (path relative to it). */
export interface DirectoryFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** The manifest every report directory carries: the files probecheck wrote there (JSON). */
export const MANIFEST_NAME = '.probecheck-manifest.json';
/** A manifest larger than this is not one of ours (bounded read). */
const MANIFEST_BYTES_LIMIT = 16 * 1024 * 1024;

function manifestText(files: readonly DirectoryFile[]): string {
  return `${JSON.stringify({ writer: 'probecheck', files: files.map((f) => f.path).sort() }, null, 1)}\n`;
}

/** The files listed in `dir`'s manifest, or undefined when it has none (or not a valid one). */
function readManifest(dir: string): Set<string> | undefined {
  const p = join(dir, MANIFEST_NAME);
  const st = lstatOrUndefined(p);
  if (!st?.isFile() || st.size > MANIFEST_BYTES_LIMIT) return undefined;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as { writer?: unknown; files?: unknown };
    if (m.writer !== 'probecheck' || !Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string')) return undefined;
    return new Set(m.files as string[]);
  } catch {
    return undefined;
  }
}

/**
 * The first file in `dir` (recursively, symbolic links not followed) that probecheck did not
 * write — not listed in the directory's manifest — or undefined when there is none (an empty
 * directory, or a previous report holding only files of its manifest). Directories themselves
 * carry no data and are not counted. Stops at the first such file.
 */
export function foreignFile(dir: string): string | undefined {
  const listed = readManifest(dir);
  const stack: string[] = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    for (const name of readdirSync(join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isDirectory()) stack.push(r);
      else if (!(st.isFile() && listed && (r === MANIFEST_NAME || listed.has(r)))) return r;
    }
  }
  return undefined;
}

/** Refuse to replace the current directory or one of its ancestors (`real` is a real path). */
function refuseCwdAncestor(real: string, dir: string, option: string): void {
  let cwd: string;
  try {
    cwd = realpathSync(process.cwd());
  } catch {
    return; // the cwd is gone: it cannot be under the target
  }
  if (cwd === real || cwd.startsWith(real.endsWith(sep) ? real : real + sep))
    throw new OutputTargetError(`${option}: ${dir} is the current directory or contains it; give a new or empty directory elsewhere`);
}

/** The checks of an existing output directory (real path `real`): not the cwd, no foreign file. */
function checkReplaceable(real: string, dir: string, option: string): void {
  refuseCwdAncestor(real, dir, option);
  let foreign: string | undefined;
  try {
    foreign = foreignFile(real);
  } catch (e) {
    throw new OutputTargetError(`${option}: cannot read ${dir} (${code(e)})`);
  }
  if (foreign !== undefined)
    throw new OutputTargetError(`${option}: ${dir} holds files probecheck did not write (e.g. ${foreign}); give a new or empty directory`);
}

/**
 * Write a directory as a whole: every file into a hidden sibling directory, with the manifest
 * {@link MANIFEST_NAME} listing them, then swap it into place. A reader sees either the old
 * directory or the complete new one; files of the old report that the new one does not contain are
 * gone (no stale figures). An existing directory is replaced only if {@link checkOutputDirectory}
 * accepts it — checked again just before the swap (files may have appeared while computing).
 * A symbolic link to a directory stays: the directory it points to is replaced. Yields to the event
 * loop between files, so that a signal during a long write is handled (the sibling is removed and
 * the old directory stays).
 * @param onFile called after each file (progress)
 * @throws OutputTargetError naming `option`
 */
export async function writeDirectoryAtomic(dir: string, files: readonly DirectoryFile[], onFile?: (path: string) => void, option = '--out'): Promise<void> {
  checkOutputDirectory(dir, option);
  const existing = lstatOrUndefined(dir) !== undefined;
  const target = existing ? realpathSync(dir) : resolve(dir);
  if (!existing) makeDirectories(dirname(target), option, dir);
  const tmp = registerTemporary(tempSibling(target, 'tmp'));
  try {
    try {
      mkdirSync(tmp);
    } catch (e) {
      throw new OutputTargetError(`${option}: cannot write to ${dir} (${code(e)})`);
    }
    const all = [...files, { path: MANIFEST_NAME, content: manifestText(files) }];
    for (const [i, f] of all.entries()) {
      const p = join(tmp, f.path);
      if (!resolve(p).startsWith(tmp + sep) || (i < files.length && f.path === MANIFEST_NAME))
        throw new Error(`writeDirectoryAtomic: ${f.path} escapes the directory or is the manifest`);
      try {
        makeDirectories(dirname(p), option, dir);
        writeFileSync(p, f.content);
      } catch (e) {
        if (e instanceof OutputTargetError) throw e;
        throw new OutputTargetError(`${option}: cannot write ${join(dir, f.path)} (${code(e)})`);
      }
      if (i < files.length) onFile?.(f.path);
      await new Promise<void>((r) => setImmediate(r));
    }
    if (lstatOrUndefined(target)) {
      checkReplaceable(target, dir, option); // again: nothing foreign appeared while we computed
      const old = registerTemporary(tempSibling(target, 'old'));
      try {
        renameSync(target, old);
      } catch (e) {
        releaseTemporary(old);
        throw new OutputTargetError(`${option}: cannot replace ${dir} (${code(e)})`);
      }
      try {
        renameSync(tmp, target);
      } catch (e) {
        renameSync(old, target); // the old report back
        releaseTemporary(old);
        throw new OutputTargetError(`${option}: cannot replace ${dir} (${code(e)})`);
      }
      releaseTemporary(tmp);
      rmSync(old, { recursive: true, force: true });
      releaseTemporary(old);
    } else {
      try {
        renameSync(tmp, target);
      } catch (e) {
        throw new OutputTargetError(`${option}: cannot write to ${dir} (${code(e)})`);
      }
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    releaseTemporary(tmp);
  }
}

/** The nearest existing ancestor of `path` (itself if it exists); a broken symbolic link on the way is refused. */
function existingAncestor(path: string, option: string, target: string): { readonly path: string; readonly stat: Stats } {
  let p = resolve(path);
  for (;;) {
    const st = entryAt(p, option, target);
    if (st !== 'none') return { path: p, stat: st };
    const up = dirname(p);
    if (up === p) throw new OutputTargetError(`${option}: cannot write to ${target} (no existing ancestor)`);
    p = up;
  }
}

/** Check that a directory can receive new entries, by creating and removing a probe file there. */
function checkWritableDirectory(dir: string, option: string, target: string): void {
  const probe = join(dir, `.probecheck-write-test.${process.pid}.${counter++}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw new OutputTargetError(`${option}: cannot write to ${target} (${dir}: ${code(e)})`);
  }
  rmSync(probe, { force: true });
}

/** The nearest existing ancestor of `path`'s parent is a directory that accepts new entries. */
function checkParent(path: string, option: string, target: string): void {
  const anc = existingAncestor(dirname(resolve(path)), option, target);
  if (!anc.stat.isDirectory()) throw new OutputTargetError(`${option}: cannot write to ${target}: ${anc.path} is not a directory`);
  checkWritableDirectory(anc.path, option, target);
}

/**
 * Refuse an output file that cannot be written, before computing: an empty path, a path ending in
 * "/", a path under a regular file or a broken symbolic link, an existing directory, a special
 * file, an unwritable directory.
 * @param option the option's name for the message (e.g. "--out")
 * @throws OutputTargetError
 */
export function checkOutputFile(path: string, option = '--out'): void {
  if (path === '') throw new OutputTargetError(`${option}: empty path (give a file name)`);
  if (path.endsWith('/')) throw new OutputTargetError(`${option}: ${path} names a directory (give a file name)`);
  const l = lstatOrUndefined(path);
  if (l) {
    // a symbolic link is replaced by the new file (rename): the file it points to stays
    const st = l.isSymbolicLink() ? safeStat(path) : l;
    if (st?.isDirectory()) throw new OutputTargetError(`${option}: ${path} is a directory (give a file name)`);
    if (st && !st.isFile()) throw new OutputTargetError(`${option}: ${path} is not a regular file`);
  }
  checkParent(path, option, path);
}

function safeStat(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Refuse an output directory that cannot be written, before computing: an empty path, an existing
 * non-directory, a path under a regular file or a broken symbolic link, an unwritable parent, the
 * current directory or an ancestor of it, and an existing directory holding a file probecheck did
 * not write (see {@link foreignFile}).
 * @throws OutputTargetError
 */
export function checkOutputDirectory(dir: string, option = '--out'): void {
  if (dir === '') throw new OutputTargetError(`${option}: empty path (give a directory)`);
  const st = entryAt(resolve(dir), option, dir);
  if (st !== 'none') {
    if (!st.isDirectory()) throw new OutputTargetError(`${option}: ${dir} exists and is not a directory`);
    const real = realpathSync(dir);
    checkReplaceable(real, dir, option);
    // the directory is replaced as a whole: its parent must accept new entries
    checkParent(real, option, dir);
    return;
  }
  checkParent(dir, option, dir);
}

/**
 * Refuse a file `name` to be written into the directory `dir` (created if missing; the directory
 * itself is not replaced, other files in it stay): `dir` must be a non-empty path naming a
 * directory or nothing yet, and `dir/name` a writable file target ({@link checkOutputFile}).
 * @throws OutputTargetError
 */
export function checkOutputFileIn(dir: string, name: string, option = '--out'): void {
  if (dir === '') throw new OutputTargetError(`${option}: empty path (give a directory)`);
  const st = entryAt(resolve(dir), option, dir);
  if (st !== 'none' && !st.isDirectory()) throw new OutputTargetError(`${option}: ${dir} exists and is not a directory`);
  checkOutputFile(join(dir, name), option);
}
