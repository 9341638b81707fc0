/** The `probecheck compare` command: formats, files, exit codes, one-line bad input; the published schema. */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fixture, fixtureText } from './helpers.js';
import { schemaText, SCHEMA_PATH } from '../../scripts/gen-schema.js';
import { configJsonSchema, parseConfig } from '../../src/config.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-compare-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cfgPath = () => fixture('benzene-vtp/config.json');
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('output formats', () => {
  it('text: a table, diagnostics and the summary line; exit 1 on failure', async () => {
    const r = await runCli(['compare', cfgPath(), fixture('benzene-vtp/transmission.csv'), fixture('benzene-vtp/bug-vp-for-vtp.sweep.csv')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^probecheck compare: \d+ quantities, \d+ passed, 10 failed \(particle_L, .*, … \(2 more\)\) — FAIL$/);
    expect(r.stdout).toMatch(/^verdict +quantity +unit +n +max\|Δ\| +max rel +max\|Δ\|\/scale +worst row/m);
    expect(r.stdout).toMatch(/bug-vp-for-vtp\.sweep\.csv: point\/sweep table, 21 rows, swept mu0, mu_L, mu_R\n/);
    expect(r.stdout).toMatch(/^FAIL +heat_P +W +21 /m);
    expect(r.stdout).toMatch(/\[error\] probe-model: your probe P behaves like a VP/);
  });

  it('junit: one testcase per quantity, failures carry the deviation and the diagnostics; written atomically with --out', async () => {
    const out = join(dir, 'reports', 'compare.xml');
    const r = await runCli([
      'compare',
      cfgPath(),
      fixture('benzene-vtp/transmission.csv'),
      fixture('benzene-vtp/bug-onsager-sign.sweep.csv'),
      '--format',
      'junit',
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/— FAIL \(report: .*compare\.xml\)/);
    const xml = readFileSync(out, 'utf8');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['compare.xml']); // no temporary file left
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="probecheck compare"')).toBe(true);
    const cases = xml.match(/<testcase /g)!.length;
    const failures = xml.match(/<failure /g)!.length;
    expect(xml).toMatch(new RegExp(`<testsuites name="probecheck compare" tests="${cases}" failures="${failures}" errors="0">`));
    expect(failures).toBe(9);
    expect(xml.match(/<testsuite /g)!.length).toBe(2); // one per file
    expect(xml).toMatch(
      /<testcase classname="probecheck\.compare\.heat" name="heat_L" time="0">\n {6}<failure type="deviation" message="max \|Δ\| = [^"]+ W at line \d+ \(mu0 = /,
    );
    expect(xml).toMatch(/onsager-sign: your currents are probecheck&apos;s Onsager relations with one sign flipped/);
    expect(xml).toMatch(/<testcase classname="probecheck\.compare\.transmission" name="T_L_R" time="0"\/>/);
    // well-formed: every opened element closed, no raw & or < in text
    expect(xml.replace(/<[^>]+>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
    const opened = (xml.match(/<(testsuites|testsuite|testcase|failure|properties|system-out)[ >]/g) ?? []).length;
    const closed = (xml.match(/<\/(testsuites|testsuite|testcase|failure|properties|system-out)>|<testcase [^>]*\/>/g) ?? []).length;
    expect(closed).toBe(opened);
  });

  it('json: the report object; exit 0 when all pass', async () => {
    const r = await runCli([
      'compare',
      fixture('complex-thermal/config.json'),
      fixture('complex-thermal/tl-sweep.json'),
      '--format',
      'json',
      '--rtol',
      '1e-8',
      '--atol',
      '1e-9',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.tolerance).toEqual({ rtol: 1e-8, atol: 1e-9 });
    expect(j.summaryLine).toMatch(/— PASS$/);
    expect(Object.keys(j.quantities[0])).toEqual(expect.arrayContaining(['key', 'maxAbs', 'maxAbsAt', 'maxRel', 'maxRelAt', 'maxScaled', 'worst', 'pass']));
  });
});

describe('bad input: exit 2 and one line naming the column', () => {
  const sweep = () => fixtureText('benzene-vtp/sweep.csv');
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'missing column (transmission without E)',
      () => [write('noE.csv', 'T_L_R,T_R_L\n0.1,0.1\n')],
      /noE\.csv: column T_L_R: a transmission needs an energy column E/,
    ],
    ['missing key in a row', () => [write('rows.json', '[{"mu0": 0, "heat_R": 1e-12}, {"mu0": 0.1}]')], /rows\.json: \[1\]: missing heat_R/],
    [
      'NaN',
      () => [write('nan.csv', sweep().replace(/\n(-1\.8,[^,]*,[^,]*,)[^,]*,/, '\n$1NaN,'))],
      /nan\.csv: column particle_L, line 3: NaN is not a finite number/,
    ],
    [
      'non-monotone energy grid',
      () => [write('grid.csv', 'E,T_LR\n0,0.1\n1,0.1\n0.5,0.1\n')],
      /grid\.csv: column E: the energy grid is not strictly monotone at line 4/,
    ],
    [
      'mismatched terminal names',
      () => [write('names.csv', 'mu0,heat_D\n0,1\n')],
      /names\.csv: column heat_D: CONFIG has no terminal "D" \(terminals: L, R, P\)/,
    ],
    ['unit mismatch', () => [fixture('benzene-vtp/bug-heat-ev.sweep.csv')], /the values are in eV\/s, not W/],
    ['unreadable file', () => [join(dir, 'missing.csv')], /missing\.csv: cannot read file \(ENOENT\)/],
    ['bad --format', () => [fixture('benzene-vtp/sweep.csv'), '--format', 'xml'], /--format must be "text", "json" or "junit", got "xml"/],
    ['bad --rtol', () => [fixture('benzene-vtp/sweep.csv'), '--rtol', 'abc'], /--rtol must be a finite number, got "abc"/],
    ['negative --atol', () => [fixture('benzene-vtp/sweep.csv'), '--atol', '-1'], /--rtol and --atol must be ≥ 0/],
    ['bad --units', () => [fixture('benzene-vtp/sweep.csv'), '--units', 'heat=parsec'], /--units: "parsec" is not an accepted heat unit/],
  ];
  for (const [what, args, msg] of cases) {
    it(what, async () => {
      const r = await runCli(['compare', cfgPath(), ...args()]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^probecheck: /);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/undefined|NaN(?! is not)|at .*\.ts:\d+/);
    });
  }

  it('a bad config is reported with its field path', async () => {
    const p = write('bad-config.json', JSON.stringify({ ...JSON.parse(fixtureText('benzene-vtp/config.json')), reference: { T: -1 } }));
    const r = await runCli(['compare', p, fixture('benzene-vtp/sweep.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('probecheck: reference.T: T0 must be > 0 K (got -1)\n');
  });

  it('no output file is written on bad input', async () => {
    const out = join(dir, 'never.xml');
    const r = await runCli(['compare', cfgPath(), join(dir, 'missing.csv'), '--format', 'junit', '--out', out]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the published JSON Schema (schema/config.schema.json)', () => {
  it('is the file scripts/gen-schema.ts generates from the validator (regenerate: npx tsx scripts/gen-schema.ts)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
    expect(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(configJsonSchema());
  });

  it('is what `probecheck schema` prints', async () => {
    const r = await runCli(['schema']);
    expect(r.stdout).toBe(schemaText());
  });

  it("describes every fixture config's top-level and terminal fields (structural agreement with the validator)", () => {
    const schema = configJsonSchema() as { properties: Record<string, { items?: { properties: Record<string, unknown> } }>; required: string[] };
    for (const dir of ['benzene-vtp', 'benzene-vp', 'complex-thermal']) {
      const raw = JSON.parse(fixtureText(`${dir}/config.json`));
      expect(() => parseConfig(raw)).not.toThrow();
      for (const k of Object.keys(raw)) expect(Object.keys(schema.properties)).toContain(k);
      for (const k of schema.required) expect(raw).toHaveProperty(k);
      for (const t of raw.terminals) for (const k of Object.keys(t)) expect(Object.keys(schema.properties.terminals.items!.properties)).toContain(k);
    }
  });
});

describe('--map and --spin-degeneracy on the command line', () => {
  const peers = (rel: string) => fixture(`peers/${rel}`);
  const ok = 'V_bias=V,current=I,mu_probe=mu_P';
  it.each([
    [['--map', 'V_bias'], /^probecheck: --map expects OLD=NEW\[,OLD=NEW…\], got "V_bias"$/],
    [['--map', `${ok},V_bias=bias`], /"V_bias" is mapped twice/],
    [['--map', `${ok},nothing=I`], /--map nothing=I: renames nothing/],
    [['--map', ok, '--spin-degeneracy', '3'], /--spin-degeneracy must be 1 or 2 \(got 3\)/],
  ])('%j: exit 2, one line', async (args, msg) => {
    const r = await runCli(['compare', peers('bisect-vp/config.json'), peers('bisect-vp/iv.csv'), ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(msg as RegExp);
  });
});
