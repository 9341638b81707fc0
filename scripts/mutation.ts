/**
 * `npm run mutation` — a small mutation tester (not part of CI; docs/mutation.md).
 *
 * Mutates one place of the source at a time — sign flips, comparison changes, constant changes,
 * swapped indices, dropped accumulations, dropped Math.abs — over src/numeric, src/symbolic,
 * proofs and src/compare, and runs the targeted vitest files of that directory against each
 * mutant in a scratch copy of the repository (the worktree is never touched). A mutant is
 * killed when the tests fail (or time out), survives when they pass, and is `invalid` when it does
 * not even load (a syntax error: excluded from the score).
 *
 *   npx tsx scripts/mutation.ts [--n 40] [--seed 1] [--root DIR] [--unchanged-since REV] [--timeout 180] [--out FILE.json]
 *                               [--only DIR_OR_FILE[,…]] [--exclude DIR_OR_FILE[,…]]
 *
 * --n samples that many mutants uniformly from all candidates (the machine is shared: a run of 40
 * takes ~10 min on one core); --root mutates another checkout (e.g. an older commit, to compare
 * scores). Bounded: one vitest process at a time, each killed after --timeout seconds.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync, symlinkSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

interface Mutant {
  file: string;
  line: number;
  operator: string;
  before: string;
  after: string;
  offset: number;
  length: number;
  /** the whole source line and the mutated line (printed for survivors) */
  source: string;
  mutated: string;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  // the usage is this file's header comment (docs/mutation.md has the examples)
  const header = /\/\*\*([\s\S]*?)\*\//.exec(readFileSync(new URL(import.meta.url), 'utf8'))?.[1] ?? '';
  console.log(header.replace(/^ \* ?/gm, '').trim());
  process.exit(0);
}
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const root = resolve(opt('root', process.cwd()));
const N = Number(opt('n', '40'));
const seed = Number(opt('seed', '1'));
const timeoutS = Number(opt('timeout', '180'));
const outFile = opt('out', '');
/**
 * --only / --exclude: comma-separated repository-relative paths (a directory or a file); a candidate
 * file is kept when it lies under one of --only (if given) and under none of --exclude. Applied
 * before sampling, so a run with the same seed and the same filters samples the same mutants.
 */
const listOpt = (name: string) =>
  opt(name, '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
const only = listOpt('only');
const exclude = listOpt('exclude');
const under = (rel: string, p: string) => rel === p || rel.startsWith(`${p}/`);
const selected = (rel: string) => (only.length === 0 || only.some((p) => under(rel, p))) && !exclude.some((p) => under(rel, p));
/**
 * --unchanged-since REV: only files identical at REV and HEAD of the current checkout (git), so that
 * two runs (--root at REV, and HEAD) mutate exactly the same code with the same seed: the score
 * difference is then the tests' alone.
 */
const unchangedSince = opt('unchanged-since', '');
const changed = new Set(
  unchangedSince ? spawnSync('git', ['diff', '--name-only', unchangedSince, 'HEAD'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean) : [],
);

/** Which tests guard which directory. */
const TARGETS: Array<[string, string]> = [
  ['src/numeric', 'test/numeric'],
  ['src/symbolic', 'test/symbolic test/proofs'],
  ['proofs', 'test/proofs'],
  ['src/compare', 'test/compare'],
];

/** Operators: a regex over one line of code and its replacement(s). */
const OPERATORS: Array<{ name: string; re: RegExp; to: (m: RegExpExecArray) => string }> = [
  { name: 'sign flip (+ → −)', re: / \+ (?!=)/g, to: () => ' - ' },
  { name: 'sign flip (− → +)', re: / - (?!=)/g, to: () => ' + ' },
  { name: 'unary minus dropped', re: /(?<=[(=,:] )-(?=[A-Za-z(])/g, to: () => '' },
  { name: 'comparison (<= → <)', re: /<=/g, to: () => '<' },
  { name: 'comparison (< → <=)', re: / < (?!=)/g, to: () => ' <= ' },
  { name: 'comparison (>= → >)', re: />=/g, to: () => '>' },
  { name: 'comparison (> → >=)', re: / > (?!=)/g, to: () => ' >= ' },
  { name: 'constant changed (×2)', re: /(?<![\w.])(\d+\.\d+|[2-9]\d*)(?![\w.])/g, to: (m) => String(Number(m[1]) * 2) },
  { name: 'constant changed (exponent)', re: /(?<![\w.])(\d+(?:\.\d+)?)e(-?\d+)(?![\w.])/g, to: (m) => `${m[1]}e${Number(m[2]) + 1}` },
  { name: 'swapped indices', re: /\[(\w+) \* (\w+) \+ (\w+)\]/g, to: (m) => `[${m[3]} * ${m[2]} + ${m[1]}]` },
  { name: 'dropped term (+= → =)', re: / \+= /g, to: () => ' = ' },
  { name: 'dropped term (-= → =)', re: / -= /g, to: () => ' = ' },
  { name: 'Math.abs dropped', re: /Math\.abs\(/g, to: () => '(' },
  { name: 'factor 2 dropped', re: /(?<![\w.])2 \* /g, to: () => '' },
];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts') && !p.endsWith('index.ts')) out.push(p);
  }
  return out;
}

/** Candidate mutants of one file: code lines only (no comments, imports, strings-only lines). */
function candidates(file: string): Mutant[] {
  const text = readFileSync(file, 'utf8');
  const out: Mutant[] = [];
  let offset = 0,
    inComment = false;
  text.split('\n').forEach((line, k) => {
    const trimmed = line.trim();
    const start = offset;
    offset += line.length + 1;
    if (inComment) {
      if (trimmed.includes('*/')) inComment = false;
      return;
    }
    if (trimmed.startsWith('/*')) {
      if (!trimmed.includes('*/')) inComment = true;
      return;
    }
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('import ') || trimmed.startsWith('export {') || trimmed === '') return;
    // the code part: drop a trailing // comment and string/template literals (crudely)
    const code = line.replace(/\/\/.*$/, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, (s) => ' '.repeat(s.length));
    for (const op of OPERATORS) {
      op.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = op.re.exec(code))) {
        const before = line.slice(m.index, m.index + m[0].length);
        const after = op.to(m);
        if (after === before) continue;
        const mutated = line.slice(0, m.index) + after + line.slice(m.index + m[0].length);
        out.push({ file, line: k + 1, operator: op.name, before, after, offset: start + m.index, length: m[0].length, source: line, mutated });
      }
    }
  });
  return out;
}

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Scratch copy of the repository (sources and tests), node_modules linked.
const scratch = mkdtempSync(join(tmpdir(), 'probecheck-mutation-'));
for (const d of ['src', 'test', 'proofs', 'schema', 'docs', 'bench', 'scripts', 'reports'])
  if (existsSync(join(root, d))) cpSync(join(root, d), join(scratch, d), { recursive: true });
for (const f of ['package.json', 'tsconfig.json', 'vitest.config.ts', 'README.md']) if (existsSync(join(root, f))) cpSync(join(root, f), join(scratch, f));
symlinkSync(resolve(root, 'node_modules'), join(scratch, 'node_modules'));
const cleanup = () => rmSync(scratch, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
process.on('SIGTERM', () => {
  cleanup();
  process.exit(143);
});

const all: Mutant[] = [];
for (const [dir] of TARGETS)
  for (const f of filesUnder(join(scratch, dir))) {
    const rel = relative(scratch, f);
    if (!changed.has(rel) && selected(rel)) all.push(...candidates(f));
  }
const rand = mulberry32(seed);
const sample: Mutant[] = [];
const pool = all.slice();
while (sample.length < Math.min(N, pool.length)) sample.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
process.stderr.write(
  `mutation: ${all.length} candidate mutants in ${only.length ? only.join(', ') : TARGETS.map(([d]) => d).join(', ')}${exclude.length ? ` excluding ${exclude.join(', ')}` : ''} of ${root}; running ${sample.length} (seed ${seed})\n`,
);

// The unmutated tests must pass, or every mutant would count as killed.
for (const [, tests] of TARGETS) {
  if (!sample.some((m) => relative(scratch, m.file).startsWith(TARGETS.find(([, t]) => t === tests)![0] + '/'))) continue;
  const r = spawnSync(join(scratch, 'node_modules/.bin/vitest'), ['run', ...tests.split(' '), '--reporter=dot'], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: timeoutS * 1000,
  });
  if (r.status !== 0) {
    process.stderr.write(`mutation: the unmutated ${tests} fails; fix it first\n${(r.stdout ?? '').slice(-2000)}\n`);
    cleanup();
    process.exit(2);
  }
}

interface Outcome extends Mutant {
  status: 'killed' | 'survived' | 'invalid' | 'timeout';
  seconds: number;
}
const results: Outcome[] = [];
for (const [i, m] of sample.entries()) {
  const orig = readFileSync(m.file, 'utf8');
  const mutated = orig.slice(0, m.offset) + m.after + orig.slice(m.offset + m.length);
  const rel = relative(scratch, m.file);
  const tests = TARGETS.find(([d]) => rel.startsWith(d + '/'))![1];
  writeFileSync(m.file, mutated);
  const t0 = performance.now();
  const r = spawnSync(join(scratch, 'node_modules/.bin/vitest'), ['run', ...tests.split(' '), '--bail=1', '--reporter=dot'], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    env: { ...process.env, CI: '1' },
  });
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(m.file, orig);
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  let status: Outcome['status'];
  if (r.error || r.signal) status = 'timeout';
  else if (r.status === 0) status = 'survived';
  else if (/SyntaxError|Transform failed|Unexpected token|ERROR: Expected/.test(output) && !/Tests\s+\d+ failed/.test(output)) status = 'invalid';
  else status = 'killed';
  results.push({ ...m, file: rel, status, seconds });
  process.stderr.write(
    `[${i + 1}/${sample.length}] ${status.padEnd(8)} ${rel}:${m.line} ${m.operator}: "${m.before}" → "${m.after}" (${seconds.toFixed(0)} s)\n`,
  );
}
cleanup();

const count = (s: Outcome['status']) => results.filter((r) => r.status === s).length;
const killed = count('killed') + count('timeout'),
  survived = count('survived');
const score = killed / Math.max(1, killed + survived);
console.log(
  `mutation score ${(100 * score).toFixed(1)} % (${killed} killed incl. ${count('timeout')} timeouts, ${survived} survived, ${count('invalid')} invalid excluded) of ${results.length} sampled from ${all.length}`,
);
for (const r of results.filter((x) => x.status === 'survived')) {
  console.log(`  survived: ${r.file}:${r.line} ${r.operator}: "${r.before}" → "${r.after}"`);
  // the line as it was and as mutated, so that a survivor can be judged without opening the file
  console.log(`    - ${r.source.trim()}\n    + ${r.mutated.trim()}`);
}
if (outFile) writeFileSync(outFile, JSON.stringify({ root, seed, candidates: all.length, score, results }, null, 2) + '\n');
