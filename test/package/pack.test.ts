/**
 * The published package as a user gets it: `npm pack` of a fresh build, extracted into the
 * node_modules of a consumer project in a temp dir (its dependencies linked from this repo's
 * node_modules: no registry access), type-checked with strict + noUncheckedIndexedAccess +
 * skipLibCheck: false against the published declarations, and run under plain `node` (ESM).
 * The consumer compiles and runs the README's library example and every `@example` of the
 * published declarations, imports the four entry points and runs the installed bin.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsdocExamples, type TsdocExample } from './tsdocExamples.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
};
const tscBin = join(dirname(fileURLToPath(import.meta.resolve('typescript/package.json'))), 'bin', 'tsc');

function run(cmd: string, args: string[], cwd: string, timeout = 60_000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_loglevel: 'error' } });
  if (r.error) throw r.error;
  return r;
}

/** Declared `dependencies` and `@types/node` linked into the consumer's node_modules (no devDependencies). */
function linkDependencies(nodeModules: string): void {
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    const target = join(root, 'node_modules', dep);
    const link = join(nodeModules, dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

/** All .d.ts files under a directory. */
function declarations(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

describe('npm pack → consumer project', () => {
  let work = '';
  let consumer = '';
  let installed = '';
  let tarball = '';
  let files: string[] = [];
  let examples: TsdocExample[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'probecheck-pack-'));
    // A fresh build into dist/ (the same script `prepare` runs), then the tarball without scripts.
    const build = run(process.execPath, [join(root, 'scripts/build.mjs')], root);
    expect(build.status, build.stderr).toBe(0);
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    expect(pack.status, pack.stderr).toBe(0);
    const info = (JSON.parse(pack.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>)[0]!;
    tarball = join(work, info.filename);
    files = info.files.map((f) => f.path);
    process.stdout.write(
      `npm pack: ${info.filename} ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked, ${files.length} files\n`,
    );

    consumer = join(work, 'consumer');
    installed = join(consumer, 'node_modules', 'probecheck');
    mkdirSync(installed, { recursive: true });
    const tar = run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], work);
    expect(tar.status, tar.stderr).toBe(0);
    linkDependencies(join(consumer, 'node_modules'));
    examples = declarations(join(installed, 'dist')).flatMap((f) => tsdocExamples(f));
  }, 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds dist, schema, docs, README and LICENSE — not sources, tests or reports', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'schema/config.schema.json',
      'docs/physics.md',
      'docs/config.md',
      'bin/probecheck.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/index.js.map',
      'dist/src/symbolic/index.d.ts',
      'dist/src/compare/index.d.ts',
      'dist/src/verify/index.d.ts',
      'dist/src/cli/main.js',
    ]) {
      expect(files, f).toContain(f);
    }
    // the two data files: the mpmath reference the proofs' independent anchor reads (proofs/anchor.ts)
    // and the NumPy cross-check the paper report prints (src/cli/commands/paper.ts)
    const allowed =
      /^(package\.json|README\.md|LICENSE|bin\/probecheck\.js|schema\/[^/]+\.json|docs\/[^/]+\.md|dist\/(src|proofs)\/.+\.(js|d\.ts|js\.map)|dist\/test\/fixtures\/(reference\/reference|crosscheck\/crosscheck)\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.some((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toBe(false);
    expect(files.some((f) => /^(test|reports|bench|examples)\//.test(f))).toBe(false);
  });

  it("the installed proofs find their independent anchor's reference data (paper from dist proves every claim)", () => {
    const r = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { anchorCheck } from ${JSON.stringify(join(installed, 'dist', 'proofs', 'anchor.js'))}; const a = anchorCheck(); console.log(JSON.stringify({ ok: a.ok }));`,
      ],
      consumer,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true });
  });

  it("the installed paper command finds the NumPy cross-check (the built CLI's report equals npm start's)", () => {
    const r = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { existsSync } from 'node:fs'; import { crosscheckFixturePath } from ${JSON.stringify(join(installed, 'dist', 'src', 'cli', 'commands', 'paper.js'))}; const p = crosscheckFixturePath(); console.log(JSON.stringify({ inside: p.startsWith(${JSON.stringify(installed)}), exists: existsSync(p) }));`,
      ],
      consumer,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ inside: true, exists: true });
  });

  it('every export target exists in the tarball', () => {
    for (const [sub, target] of Object.entries(pkg.exports)) {
      const paths = typeof target === 'string' ? [target] : Object.values(target as Record<string, string>);
      for (const p of paths) expect(files, `${sub} → ${p}`).toContain(p.replace(/^\.\//, ''));
    }
    for (const bin of Object.values(pkg.bin)) expect(files).toContain(bin.replace(/^\.\//, ''));
  });

  it('has an @example on every entry point a user starts from', () => {
    const documented = new Set(examples.map((e) => /export (?:declare )?(?:function|class) (\w+)/.exec(e.documents)?.[1]).filter(Boolean));
    for (const name of [
      'parseConfig',
      'parseConfigText',
      'solveSystem',
      'prepareSystem',
      'scan',
      'scanCircuits',
      'transmissionEngine',
      'poleExpansion',
      'onsagerClosedForm',
      'onsagerQuadrature',
      'solveCircuit',
      'runCompare',
      'symbolicEffective',
      'schurComplement',
      'symbolicOnsagerMatrix',
      'solveExactCircuit',
    ]) {
      expect(documented, name).toContain(name);
    }
    // the three entry modules carry a package-level example
    for (const entry of ['dist/src/index.d.ts', 'dist/src/symbolic/index.d.ts']) {
      expect(
        examples.some((e) => e.file === join(installed, entry)),
        entry,
      ).toBe(true);
    }
  });

  it('type-checks against the published declarations (strict, noUncheckedIndexedAccess, skipLibCheck: false) and runs under plain node', () => {
    const src = join(consumer, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: false,
            skipLibCheck: false,
            types: ['node'],
            lib: ['ES2023'],
            outDir: 'out',
            rootDir: 'src',
          },
          include: ['src'],
        },
        null,
        2,
      ),
    );
    // 1. the four entry points, the JSON schema and a type-level use of the public types
    writeFileSync(
      join(src, 'entries.ts'),
      `
import { createRequire } from 'node:module';
import { VERSION, parseConfig, solveSystem, type CircuitResult, type ParsedConfig } from 'probecheck';
import { rational, RationalField, schurComplement } from 'probecheck/symbolic';
import { runCompare, type CompareReport } from 'probecheck/compare';
import { parseClaimFile, verifyClaims, type VerifyReport } from 'probecheck/verify';
const schema = createRequire(import.meta.url)('probecheck/schema/config.schema.json') as { type: string };
const cfg: ParsedConfig = parseConfig({
  hamiltonian: { model: 'benzene', hopping: -2.64 }, reference: { mu: 0, T: 300 },
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 325 },
    { name: 'R', coupling: { sites: [3], gamma: 0.5 }, mu: -0.0005, T: 275 },
    { name: 'P', probe: 'VP', coupling: { sites: [1], gamma: 0.1 } },
  ],
});
const c: CircuitResult = solveSystem(cfg.system, cfg.reference, cfg.circuit).circuit;
const q = rational.rat;
const s = schurComplement(RationalField, [[q(2), q(1)], [q(1), q(1)]], [1]);
const r: CompareReport = runCompare(cfg, [{ name: 'none.json', text: JSON.stringify({ entropyProduction: c.entropyProduction }) }]);
const heatP = c.heatCurrent[2];
if (heatP === undefined || !(Math.abs(heatP) > 0) || !(c.entropyProduction > 0)) throw new Error('VP heat current / Ṡ');
if (rational.toString(s.effective[0]?.[0] ?? rational.ZERO) !== '1') throw new Error('Schur complement');
const v: VerifyReport = verifyClaims(parseClaimFile({ terminals: ['L', 'R', 'P'], probes: { P: 'VTP' }, claims: [{ name: 'second law', formula: 'Sdot >= 0' }] }), { systems: 2 });
if (v.exitCode !== 0) throw new Error('verify');
if (!r.summary.pass || schema.type !== 'object' || VERSION !== ${JSON.stringify(pkg.version)}) throw new Error('compare / schema / version');
console.log('entries ok');
`,
    );
    // 2. the README's library example, as written
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const readmeCode = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(readmeCode, 'README has a ```ts example').toBeDefined();
    writeFileSync(join(src, 'readme.ts'), `${readmeCode}\nexport {};\n`);
    // 3. every @example of the published declarations
    expect(examples.length).toBeGreaterThanOrEqual(16);
    const names: string[] = ['entries', 'readme'];
    examples.forEach((e, k) => {
      const name = `example${String(k).padStart(2, '0')}`;
      names.push(name);
      writeFileSync(join(src, `${name}.ts`), `// ${relative(installed, e.file)}:${e.line} — ${e.documents}\n${e.code}export {};\n`);
    });
    const tsc = run(process.execPath, [tscBin, '-p', join(consumer, 'tsconfig.json')], consumer);
    expect(tsc.stdout + tsc.stderr, 'tsc errors in the consumer').toBe('');
    expect(tsc.status).toBe(0);
    // Run them all in one plain-node process (no tsx, no loader), stopping at the first failure.
    writeFileSync(
      join(consumer, 'run.mjs'),
      `
for (const name of ${JSON.stringify(names)}) {
  try { await import('./out/' + name + '.js'); }
  catch (e) { process.stderr.write('FAILED ' + name + ': ' + (e && e.stack || e) + '\\n'); process.exit(1); }
}
`,
    );
    const node = run(process.execPath, ['run.mjs'], consumer, 120_000);
    expect(node.stderr).toBe('');
    expect(node.status).toBe(0);
    expect(node.stdout).toContain('entries ok');
  });

  it('require() from CommonJS loads the same entry points (Node ≥ 20.19 loads ESM through require)', () => {
    const code =
      "const p = require('probecheck'), s = require('probecheck/symbolic'), c = require('probecheck/compare');" +
      "if (typeof p.solveSystem !== 'function' || typeof s.schurComplement !== 'function' || typeof c.runCompare !== 'function') process.exit(1);";
    const r = run(process.execPath, ['-e', code], consumer);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the installed bin runs the compiled CLI: --version (fast path) prints what the full program prints; schema runs', async () => {
    const bin = join(installed, 'bin', 'probecheck.js');
    const v = run(process.execPath, [bin, '--version'], consumer);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`${pkg.version}\n`);
    const full = await runCli(['--version']); // the commander program, in-process
    expect(full.stdout).toBe(v.stdout);
    const schema = run(process.execPath, [bin, 'schema'], consumer);
    expect(schema.status, schema.stderr).toBe(0);
    expect(schema.stderr).toBe('');
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(readFileSync(join(installed, 'schema', 'config.schema.json'), 'utf8')));
    const bad = run(process.execPath, [bin, 'solve', join(consumer, 'missing.json')], consumer);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('dist/ contains no import of a .ts file and nothing that needs tsx', () => {
    const js = readdirSync(join(installed, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    for (const f of js) {
      const text = readFileSync(join(installed, 'dist', f), 'utf8');
      expect(/from\s+['"][^'"]+\.ts['"]|import\(\s*['"][^'"]+\.ts['"]\s*\)|['"]tsx(\/[^'"]*)?['"]/.test(text), f).toBe(false);
    }
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });
});
