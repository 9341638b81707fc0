/**
 * src/io/atomic.ts, the one home of output files (docs/config.md "Output targets"): a report
 * directory is replaced only when it holds nothing probecheck did not write (its manifest), never
 * the current directory or an ancestor of it; several files are written all or nothing; parent
 * directories are created in bounded time (also under /proc, where Node's recursive mkdir spins).
 */
import { describe, it, expect, afterEach } from 'vitest';
import { test as fcTest } from '@fast-check/vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, existsSync, symlinkSync, lstatSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  writeDirectoryAtomic,
  writeFilesAtomic,
  writeFileAtomic,
  checkOutputDirectory,
  OutputTargetError,
  MANIFEST_NAME,
  pendingTemporaries,
} from '../../src/io/atomic.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fresh = (tag: string) => mkdtempSync(join(tmpdir(), `probecheck-atomic-${tag}-`));

/** Every file under `dir` (relative path → content), directories left out. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (lstatSync(join(dir, r)).isDirectory()) walk(r);
      else out[r] = readFileSync(join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

const siblings = (dir: string) => readdirSync(dirname(dir)).filter((f) => /\.(tmp|old)$/.test(f));

const cwd0 = process.cwd();
afterEach(() => process.chdir(cwd0));

describe('writeDirectoryAtomic: which existing directory may be replaced', () => {
  // file names of a report (ours) and of a user's files in the same directory (foreign)
  const name = fc.constantFrom('index.html', 'a.csv', 'b.svg', 'sub/c.csv', 'sub/deep/d.svg', 'notes.txt', 'sub/e.txt', '.hidden');
  fcTest.prop(
    [fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), fc.uniqueArray(name, { maxLength: 3 }), fc.uniqueArray(name, { minLength: 1, maxLength: 5 })],
    {
      numRuns: 40,
    },
  )('replaced iff every file in it is listed in its manifest; otherwise nothing changes', async (previous, foreignNames, next) => {
    const parent = fresh('prop');
    const dir = join(parent, 'report');
    await writeDirectoryAtomic(
      dir,
      previous.map((p) => ({ path: p, content: `old ${p}\n` })),
    );
    expect(existsSync(join(dir, MANIFEST_NAME))).toBe(true);
    // the user adds files the report did not write (an existing name is an edit: still ours)
    const foreign = foreignNames.filter((f) => !previous.includes(f) && !previous.some((p) => p.startsWith(`${f}/`) || f.startsWith(`${p}/`)));
    for (const f of foreign) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), `user ${f}\n`);
    }
    const before = files(dir);
    const write = writeDirectoryAtomic(
      dir,
      next.map((p) => ({ path: p, content: `new ${p}\n` })),
    );
    if (foreign.length === 0) {
      await write;
      const after = files(dir);
      expect(Object.keys(after).sort()).toEqual([...next, MANIFEST_NAME].sort());
      for (const p of next) expect(after[p]).toBe(`new ${p}\n`);
      expect(JSON.parse(after[MANIFEST_NAME]).files).toEqual([...next].sort());
    } else {
      await expect(write).rejects.toThrow(OutputTargetError);
      await expect(write).rejects.toThrow(/--out: .* holds files probecheck did not write \(e\.g\. .+\); give a new or empty directory/);
      expect(files(dir)).toEqual(before); // nothing deleted, nothing overwritten
    }
    expect(siblings(dir)).toEqual([]);
    expect(pendingTemporaries()).toEqual([]);
  });

  it('an empty directory is replaced; a directory without a manifest is not', async () => {
    const parent = fresh('empty');
    const dir = join(parent, 'out');
    mkdirSync(join(dir, 'empty-sub'), { recursive: true });
    await writeDirectoryAtomic(dir, [{ path: 'index.html', content: 'x' }]);
    expect(Object.keys(files(dir)).sort()).toEqual([MANIFEST_NAME, 'index.html']);
    const other = join(parent, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'index.html'), 'mine'); // same name as a report file, but not ours
    await expect(writeDirectoryAtomic(other, [{ path: 'index.html', content: 'x' }])).rejects.toThrow(
      /holds files probecheck did not write \(e\.g\. index\.html\)/,
    );
    expect(readFileSync(join(other, 'index.html'), 'utf8')).toBe('mine');
  });

  it('a forged or broken manifest does not make a directory ours; a symbolic link inside is foreign', async () => {
    const parent = fresh('forged');
    const dir = join(parent, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'data.csv'), 'precious');
    for (const text of ['{', '{"files": ["data.csv"]}', '{"writer": "probecheck", "files": "data.csv"}']) {
      writeFileSync(join(dir, MANIFEST_NAME), text);
      expect(() => checkOutputDirectory(dir)).toThrow(/holds files probecheck did not write/);
    }
    const ours = join(parent, 'ours');
    await writeDirectoryAtomic(ours, [{ path: 'a.csv', content: 'a' }]);
    symlinkSync(join(dir, 'data.csv'), join(ours, 'a-link'));
    expect(() => checkOutputDirectory(ours)).toThrow(/e\.g\. a-link/);
    expect(readFileSync(join(dir, 'data.csv'), 'utf8')).toBe('precious');
  });

  it('never the current directory or an ancestor of it (even empty), named "." or by its path', async () => {
    const parent = fresh('cwd');
    const here = join(parent, 'here');
    mkdirSync(join(here, 'deeper'), { recursive: true });
    process.chdir(join(here, 'deeper'));
    for (const target of ['.', '..', join(here, 'deeper'), here, parent]) {
      expect(() => checkOutputDirectory(target)).toThrow(/is the current directory or contains it/);
      await expect(writeDirectoryAtomic(target, [{ path: 'index.html', content: 'x' }])).rejects.toThrow(/is the current directory or contains it/);
    }
    process.chdir(cwd0);
    expect(existsSync(join(here, 'deeper'))).toBe(true);
    expect(readdirSync(join(here, 'deeper'))).toEqual([]);
  });

  it('a symbolic link to a report directory stays a link; the directory it names is replaced', async () => {
    const parent = fresh('link');
    const real = join(parent, 'real');
    await writeDirectoryAtomic(real, [{ path: 'old.csv', content: 'old' }]);
    const link = join(parent, 'link');
    symlinkSync(real, link);
    await writeDirectoryAtomic(link, [{ path: 'new.csv', content: 'new' }]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(realpathSync(link)).toBe(realpathSync(real));
    expect(Object.keys(files(real)).sort()).toEqual([MANIFEST_NAME, 'new.csv']);
  });

  it('files that appear in the directory while computing are noticed at the swap (nothing replaced)', async () => {
    const parent = fresh('race');
    const dir = join(parent, 'out');
    await writeDirectoryAtomic(dir, [{ path: 'a.csv', content: 'a' }]);
    const write = writeDirectoryAtomic(
      dir,
      [{ path: 'a.csv', content: 'b' }, ...Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, content: '' }))],
      (p) => {
        if (p === 'f0') writeFileSync(join(dir, 'late.txt'), 'user');
      },
    );
    await expect(write).rejects.toThrow(/e\.g\. late\.txt/);
    expect(files(dir)['a.csv']).toBe('a');
    expect(files(dir)['late.txt']).toBe('user');
    expect(siblings(dir)).toEqual([]);
  });
});

describe('writeFilesAtomic: several files all or nothing', () => {
  it('a file that cannot be written leaves every target as it was (old content, or absent)', () => {
    const dir = fresh('multi');
    const a = join(dir, 'a.csv'),
      b = join(dir, 'new.csv'),
      bad = join(dir, 'taken.svg');
    writeFileSync(a, 'old a');
    mkdirSync(bad); // a directory where the last file should go: its rename fails
    expect(() =>
      writeFilesAtomic([
        { path: a, content: 'new a' },
        { path: b, content: 'new b' },
        { path: bad, content: 'svg', option: '--svg' },
      ]),
    ).toThrow(/^--svg: cannot write .*taken\.svg/);
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(existsSync(b)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'taken.svg']);
    expect(pendingTemporaries()).toEqual([]);
  });

  it('all written when all can be', () => {
    const dir = fresh('multi-ok');
    writeFilesAtomic([
      { path: join(dir, 'x/a.csv'), content: 'a' },
      { path: join(dir, 'b.svg'), content: 'b' },
    ]);
    expect(files(dir)).toEqual({ 'x/a.csv': 'a', 'b.svg': 'b' });
  });

  it('a parent that is a regular file or a broken symbolic link: OutputTargetError naming the option', () => {
    const dir = fresh('parents');
    writeFileSync(join(dir, 'file'), 'x');
    symlinkSync(join(dir, 'nowhere', 'x'), join(dir, 'broken'));
    expect(() => writeFileAtomic(join(dir, 'file', 'a.csv'), 'a', '--out')).toThrow(/^--out: cannot write to .*file is not a directory/);
    expect(() => writeFileAtomic(join(dir, 'broken', 'a.csv'), 'a', '--html')).toThrow(/^--html: .*broken is a broken symbolic link/);
    expect(readdirSync(dir).sort()).toEqual(['broken', 'file']);
  });
});

describe('parent directories are created in bounded time', () => {
  it('writeFileAtomic and writeDirectoryAtomic under /proc fail at once with the option named (Node’s recursive mkdir loops forever there)', () => {
    // in a child process with a deadline: a regression hangs that process, not the test runner
    const script = `
      import { writeFileAtomic, writeDirectoryAtomic } from './src/io/atomic.ts';
      for (const f of [() => writeFileAtomic('/proc/probecheck-x/y.csv', 'a', '--out'), () => writeDirectoryAtomic('/proc/probecheck-x/y', [], undefined, '--out')]) {
        try { await f(); console.log('written'); } catch (e) { console.log(e.name + ': ' + e.message); }
      }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      timeout: 30000,
      killSignal: 'SIGKILL',
      encoding: 'utf8',
    });
    expect(r.signal, 'timed out: the mkdir loops').toBeNull();
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^OutputTargetError: --out: cannot (create directory|write to) .*\/proc/);
  }, 60000);
});
