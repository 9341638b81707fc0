/**
 * Output targets and write errors (docs/config.md "Output targets"): every output option of every
 * command refuses a bad target before computing — exit 2, one stderr line naming the option,
 * nothing written, in bounded time (a hang under /proc was the recursive mkdir) — and a failed
 * write to stdout is exit 2 with one line, a reader closing the pipe early ends the output quietly.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, readdirSync, readFileSync, existsSync, openSync, closeSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from './helpers/cli.js';
import { MANIFEST_NAME } from '../src/io/atomic.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// tsx's loader by path: some children run in a temporary directory, where 'tsx' does not resolve
const nodeArgs = ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href];

const benzene = {
  hamiltonian: { model: 'benzene' },
  reference: { mu: 0, T: 300 },
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 301 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.0005, T: 299 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
  ],
};

/** Run `node --import tsx ARGS`, stdout to `stdout`, with a deadline; resolve the exit and stderr. */
function spawnCli(
  args: string[],
  stdout: 'pipe' | number,
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
  deadline = 60000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: root, stdio: ['ignore', stdout, 'pipe'] });
    let out = '',
      err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), deadline);
    onSpawn?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
}

let dir: string; // everything the commands read; the bad targets point into it (nothing may change there)
let cfg: string, ring: string, claims: string, shard1: string, shard2: string, theirs: string;
beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'probecheck-output-')));
  cfg = join(dir, 'benzene.json');
  writeFileSync(cfg, JSON.stringify(benzene));
  ring = join(dir, 'ring.json');
  writeFileSync(
    ring,
    JSON.stringify({
      ...benzene,
      hamiltonian: { model: 'ring', sites: 5, hopping: -1 },
      terminals: benzene.terminals.map((t, i) => ({ ...t, coupling: { sites: [i], gamma: t.coupling.gamma } })),
    }),
  );
  claims = join(root, 'examples/claims/four-terminal.json');
  shard1 = join(dir, 'part1.csv');
  shard2 = join(dir, 'part2.csv');
  for (const [k, f] of [
    [1, shard1],
    [2, shard2],
  ] as const) {
    const r = await runCli(['scan', cfg, '--mu0', '0:1:4', '--shard', `${k}/2`, '--out', f, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }
  theirs = join(dir, 'theirs.csv');
  const r = await runCli(['scan', cfg, '--mu0', '0:1:3', '--out', theirs, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(join(dir, 'regular'), 'x');
  mkdirSync(join(dir, 'adir'));
  mkdirSync(join(dir, 'dir.csv'));
  mkdirSync(join(dir, 'dir.svg'));
  mkdirSync(join(dir, 'dir.html'));
  symlinkSync(join(dir, 'nowhere', 'gone'), join(dir, 'broken'));
  mkdirSync(join(dir, 'users'));
  writeFileSync(join(dir, 'users', 'thesis.tex'), 'precious');
}, 120000);

/** One case's result from test/helpers/runCases.ts. */
interface CaseResult {
  readonly i: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly changed: string;
}

/** An output option: the command line with `T` for the target, and what it names (a file or a directory). */
interface Target {
  readonly name: string;
  readonly option: string;
  readonly kind: 'file' | 'dir';
  readonly ext: string;
  readonly args: (t: string) => string[];
}
const targets = (): Target[] => [
  { name: 'scan --out', option: '--out', kind: 'file', ext: '.csv', args: (t) => ['scan', cfg, '--mu0', '0:1:3', '--quiet', '--out', t] },
  {
    name: 'transmission --out',
    option: '--out',
    kind: 'file',
    ext: '.csv',
    args: (t) => ['transmission', cfg, '--emin', '0', '--emax', '1', '--n', '3', '--quiet', '--out', t],
  },
  { name: 'compare --out', option: '--out', kind: 'file', ext: '.txt', args: (t) => ['compare', cfg, theirs, '--out', t] },
  { name: 'verify --html', option: '--html', kind: 'file', ext: '.html', args: (t) => ['verify', claims, '--systems', '0', '--html', t] },
  { name: 'merge --out', option: '--out', kind: 'file', ext: '.csv', args: (t) => ['merge', shard2, shard1, '--out', t] },
  { name: 'map --out F.csv', option: '--out', kind: 'file', ext: '.csv', args: (t) => ['map', ring, '--probe', 'P', '--quiet', '--threads', '1', '--out', t] },
  {
    name: 'map --svg',
    option: '--svg',
    kind: 'file',
    ext: '.svg',
    args: (t) => ['map', ring, '--probe', 'P', '--quiet', '--threads', '1', '--out', join(dir, 'fresh-map.csv'), '--svg', t],
  },
  { name: 'map --out DIR', option: '--out', kind: 'dir', ext: '', args: (t) => ['map', ring, '--probe', 'P', '--quiet', '--threads', '1', '--out', t] },
  { name: 'explore --out', option: '--out', kind: 'dir', ext: '', args: (t) => ['explore', cfg, '--quiet', '--out', t] },
  { name: 'report --out', option: '--out', kind: 'dir', ext: '', args: (t) => ['report', cfg, '--quiet', '--mu0', '-1:1:5', '--out', t] },
  { name: 'paper --out', option: '--out', kind: 'dir', ext: '', args: (t) => ['paper', '--quiet', '--threads', '1', '--out', t] },
];

/** The bad targets of each kind (named; `ext` the option's file extension). */
function badTargets(t: Target): Array<[string, string]> {
  const cases: Array<[string, string]> = [
    ['under a regular file', join(dir, 'regular', `x${t.ext}`)],
    ['a broken-symlink parent', join(dir, 'broken', `x${t.ext}`)],
    ['/proc/x/y', `/proc/probecheck-x/y${t.ext}`],
    ['an empty string', ''],
  ];
  if (t.kind === 'file') cases.push(['a directory where a file is wanted', t.ext === '.txt' ? join(dir, 'adir') : join(dir, `dir${t.ext}`)]);
  else cases.push(['a regular file where a directory is wanted', join(dir, 'regular')], ['a broken symbolic link', join(dir, 'broken')]);
  if (t.name === 'report --out' || t.name === 'paper --out')
    cases.push(['a directory of the user’s files', join(dir, 'users')], ['the current directory', '.'], ['an ancestor of the current directory', '..']);
  return cases;
}

describe('every output option refuses every bad target before computing', () => {
  it('exit 2, one stderr line naming the option, nothing written, in bounded time (commands × options × kinds)', async () => {
    const table = targets().flatMap((t) => badTargets(t).map(([kind, target]) => ({ label: `${t.name} → ${kind} (${JSON.stringify(target)})`, t, target })));
    // one child process runs every case in-process (no start-up per case); a case that does not
    // finish in 20 s is a hang: the child is killed and the case named
    const casesFile = join(dir, '..', `${dir.split('/').pop()}-cases.json`);
    const cwd = join(dir, 'adir'); // "." and ".." are the cases' current directory and its parent
    writeFileSync(casesFile, JSON.stringify({ root: dir, cases: table.map((c) => c.t.args(c.target)) }));
    const results = await new Promise<CaseResult[]>((resolve, reject) => {
      const child = spawn(process.execPath, [...nodeArgs, join(root, 'test/helpers/runCases.ts'), casesFile], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: CaseResult[] = [];
      let buf = '',
        err = '',
        current = -1,
        timer: NodeJS.Timeout | undefined;
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.stdout.on('data', (d) => {
        buf += d;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = JSON.parse(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if ('start' in line) {
            current = line.start;
            clearTimeout(timer);
            timer = setTimeout(() => child.kill('SIGKILL'), 20000);
          } else out.push(line);
        }
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (out.length === table.length) resolve(out);
        else reject(new Error(`case ${current} (${table[current]?.label}) did not finish (hang, or the runner died: exit ${code}) ${err.slice(0, 500)}`));
      });
    });
    const failures: string[] = [];
    for (const [i, c] of table.entries()) {
      const r = results[i];
      const lines = (r.stderr as string)
        .trim()
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('probecheck: warning'));
      const problems = [
        r.code !== 2 && `exit ${r.code}`,
        lines.length !== 1 && `${lines.length} stderr lines`,
        !(lines[0] ?? '').startsWith(`probecheck: ${c.t.option}: `) && 'the line does not start with the option',
        /internal error|\bat .*\.ts:\d+/.test(r.stderr) && 'a stack trace or internal error',
        r.stdout !== '' && 'output on stdout',
        r.changed !== '' && 'something was written',
        r.ms > 5000 && `took ${Math.round(r.ms)} ms (computed before checking?)`,
      ].filter(Boolean);
      if (problems.length) failures.push(`${c.label}: ${problems.join(', ')} — ${JSON.stringify(r.stderr)}`);
    }
    expect(failures).toEqual([]);
    expect(readFileSync(join(dir, 'users', 'thesis.tex'), 'utf8')).toBe('precious');
    expect(readdirSync(cwd)).toEqual([]);
  }, 300000);
});

describe('map --out: a .csv file or a directory', () => {
  it('a name with another extension is refused unless it is an existing directory; F.csv writes the CSV only', async () => {
    const work = mkdtempSync(join(tmpdir(), 'probecheck-map-out-'));
    const r = await runCli(['map', ring, '--probe', 'P', '--quiet', '--threads', '1', '--out', join(work, 'x.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^probecheck: --out: ".*x\.txt" is neither a file name ending in \.csv nor an existing directory/);
    expect(readdirSync(work)).toEqual([]);
    mkdirSync(join(work, 'results.v2'));
    const ok = await runCli(['map', ring, '--probe', 'P', '--quiet', '--threads', '1', '--out', join(work, 'results.v2')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(join(work, 'results.v2')).sort()).toEqual(['map.csv', 'map.svg']);
    const csv = await runCli(['map', ring, '--probe', 'P', '--quiet', '--threads', '1', '--out', join(work, 'm.csv')]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['m.csv', 'results.v2']);
  });
});

describe('report --out DIR: replaced only when probecheck wrote everything in it', () => {
  it('a second report replaces the first; a file the user added makes it refuse, before computing', async () => {
    const work = realpathSync(mkdtempSync(join(tmpdir(), 'probecheck-report-out-')));
    const out = join(work, 'rep');
    const args = ['report', cfg, '--quiet', '--mu0', '-1:1:5', '--threads', '1', '--out', out];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_NAME), 'utf8'));
    expect(manifest.files).toContain('index.html');
    expect(readdirSync(out).length).toBeGreaterThan(2);
    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    const t0 = performance.now();
    const refused = await runCli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`probecheck: --out: ${out} holds files probecheck did not write (e.g. my-notes.txt); give a new or empty directory`);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  }, 120000);
});

describe('stdout write errors', () => {
  it('a full disk (/dev/full): exit 2, one line naming stdout, for solve, schema and transmission', async () => {
    for (const args of [['solve', cfg], ['schema'], ['transmission', cfg, '--emin', '0', '--emax', '1', '--n', '3', '--quiet']]) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = await spawnCli([join(root, 'src/cli/main.ts'), ...args], full);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual(['probecheck: stdout: cannot write the output (ENOSPC)']);
      } finally {
        closeSync(full);
      }
    }
  }, 180000);

  it("commander's own output (--help, --version; the bin's --version fast path) to a full disk: exit 2, one line", async () => {
    const runs: string[][] = [
      [join(root, 'src/cli/main.ts'), '--help'],
      [join(root, 'src/cli/main.ts'), 'solve', '--help'],
      [join(root, 'src/cli/main.ts'), '--version'],
      [join(root, 'bin/probecheck.js'), '--version'],
    ];
    for (const args of runs) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = await spawnCli(args, full);
        expect(r.code, `${args.slice(1).join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual(['probecheck: stdout: cannot write the output (ENOSPC)']);
      } finally {
        closeSync(full);
      }
    }
  }, 180000);

  it('a reader that closed the pipe early (EPIPE): quiet exit, no stack trace, also through `| head -1`', async () => {
    const args = [join(root, 'src/cli/main.ts'), 'transmission', cfg, '--emin', '-1', '--emax', '1', '--n', '2000', '--quiet'];
    // the read end closed before the child writes
    const closed = await spawnCli(args, 'pipe', (child) => child.stdout!.destroy());
    expect(closed.signal).toBeNull();
    expect(closed.code).toBe(0);
    expect(closed.stderr).toBe('');
    const head = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const quoted = [process.execPath, ...nodeArgs, ...args].map((a) => `'${a}'`).join(' ');
      const sh = spawn('sh', ['-c', `${quoted} | head -1`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '',
        err = '';
      sh.stdout.on('data', (d) => {
        out += d;
      });
      sh.stderr.on('data', (d) => {
        err += d;
      });
      sh.on('close', (code) => resolve({ code, stdout: out, stderr: err }));
    });
    expect(head.stdout.split('\n')[0]).toMatch(/^E,T_L_R,/);
    expect(head.stderr).toBe('');
  }, 180000);
});
