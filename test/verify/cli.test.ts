/** `probecheck verify`: exit codes, one-line errors naming the claim, text/json/html, --system. */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

const base = { terminals: ['L', 'R', 'P'], probes: { P: 'VTP' } };
const file = (claims: unknown[], extra: Record<string, unknown> = {}) => ({ ...base, ...extra, claims });

describe('malformed claim files: exit 2, one line naming the claim and what is wrong', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    [
      'unknown symbol L3_LR',
      file([
        { name: 'ok', formula: 'JN_L == 0' },
        { name: 'bad one', formula: 'L0_LR + L3_LR == 0' },
      ]),
      /^probecheck: claims\[1\] "bad one"\.formula: unknown symbol L3_LR at position 9 \(Onsager functions are L0, L1, L2\)$/,
    ],
    [
      'unknown terminal in a symbol',
      file([{ name: 'c', formula: 'mu_X == 0' }]),
      /claims\[0\] "c"\.formula: unknown symbol mu_X at position 1 \(terminals: L, R, P\)$/,
    ],
    [
      'parse error with position',
      file([{ name: 'c', formula: 'JN_L + * 2 == 0' }]),
      /claims\[0\] "c"\.formula: expected a number, a symbol or "\(" but found "\*" at position 8$/,
    ],
    ['no relation', file([{ name: 'c', formula: 'JN_L + 2' }]), /claims\[0\] "c"\.formula: a claim needs one relation/],
    [
      'probe not in terminals',
      { ...base, probes: { Q: 'VP' }, claims: [{ name: 'c', formula: 'JN_L == 0' }] },
      /^probecheck: probes\.Q: probe "Q" is not one of the terminals \(L, R, P\)$/,
    ],
    ['probe model unknown', { ...base, probes: { P: 'XP' }, claims: [{ name: 'c', formula: 'JN_L == 0' }] }, /probes\.P: probe model must be "VP" or "VTP"/],
    [
      'assumption that is not a substitution',
      file([{ name: 'c', formula: 'JN_L == 0' }], { assume: ['L0_LP + L0_RP = 1'] }),
      /claims\[0\] "c"\.assume\[0\]: "L0_LP \+ L0_RP = 1" is not a substitution SYMBOL = expr$/,
    ],
    [
      'assumption of a solved symbol',
      file([{ name: 'c', formula: 'JN_L == 0' }], { assume: ['mu_P = mu0'] }),
      /assume\[0\]: "mu_P = mu0" is not a substitution: mu_P is solved for by the circuit/,
    ],
    ['assumption with an inequality', file([{ name: 'c', formula: 'JN_L == 0' }], { assume: ['T_L >= T0'] }), /is not a substitution SYMBOL = expr/],
    [
      'circular assumptions',
      file([{ name: 'c', formula: 'JN_L == 0' }], { assume: ['T_L = T_R', 'T_R = 2*T_L'] }),
      /the substitutions are circular: T_L → T_R → T_L/,
    ],
    ['a symbol substituted twice', file([{ name: 'c', formula: 'JN_L == 0' }], { assume: ['T_L = T0', 'T_L = 2*T0'] }), /T_L is substituted twice/],
    [
      'solved symbol inside a substitution',
      file([{ name: 'c', formula: 'JN_L == 0' }], { assume: ['T_L = T0 + JQ_R'] }),
      /JQ_R \(position 12\) is solved for by the circuit/,
    ],
    ['unknown function', file([{ name: 'c', formula: 'foo(JN_L) == 0' }]), /unknown function foo at position 1/],
    ['wrapper arity', file([{ name: 'c', formula: 'VP(JN_L, JN_R) == 0' }]), /VP\(…\) at position 1 takes one argument/],
    ['unknown field of a claim', file([{ name: 'c', formula: 'JN_L == 0', fromula: 'x' }]), /claims\[0\] "c": unknown field "fromula"/],
    ['unknown top-level field', { ...base, claimz: [], claims: [{ name: 'c', formula: 'JN_L == 0' }] }, /^probecheck: claimz: unknown field "claimz"$/],
    ['a claim without a name', file([{ formula: 'JN_L == 0' }]), /claims\[0\]\.name: each claim needs a non-empty "name"/],
    [
      'fewer than two leads',
      { terminals: ['L', 'P', 'Q'], probes: { P: 'VP', Q: 'VTP' }, claims: [{ name: 'c', formula: 'JN_L == 0' }] },
      /at least two leads/,
    ],
    [
      'model claim with a missing pair',
      file([{ name: 'm', formula: 'L0_LR == 0', transmission: { LR: 'E^2', LP: 'g' }, sommerfeld: 2 }]),
      /claims\[0\] "m"\.transmission: the pair RP is missing \(write "0" for no transmission\)/,
    ],
    [
      'transmission using a circuit symbol',
      file([{ name: 'm', formula: 'L0_LR == 0', transmission: { LR: 'E^2*T0', LP: 'g', RP: 'g' }, sommerfeld: 2 }]),
      /transmission\.LR: T0 \(position 5\) cannot appear in a transmission/,
    ],
    ['kT outside a model claim', file([{ name: 'c', formula: 'kT == 0' }]), /kT \(position 1\) is only defined in model claims/],
    [
      'bad sommerfeld order',
      file([{ name: 'm', formula: 'L0_LR == 0', transmission: { LR: '1', LP: '1', RP: '1' }, sommerfeld: -1 }]),
      /sommerfeld must be an integer order 0…8/,
    ],
    ['non-JSON', '{"terminals": [', /^probecheck: \(claims file\): not valid JSON/],
    ['duplicate terminal', { terminals: ['L', 'L', 'P'], claims: [{ name: 'c', formula: 'JN_L == 0' }] }, /terminals\[1\]: duplicate terminal name "L"/],
    [
      'circular definitions',
      { ...base, define: { A: 'B + 1', B: 'A*2' }, claims: [{ name: 'c', formula: 'A == 0' }] },
      /define\.A: the definitions are circular/,
    ],
  ];
  it.each(cases)('%s', async (_, content, msg) => {
    const p = write('bad.json', content);
    const r = await runCli(['verify', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(msg);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('a missing file and a bad --system are one line too', async () => {
    const r = await runCli(['verify', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const ok = write('ok.json', file([{ name: 'c', formula: 'JN_L + JN_R + JN_P == 0' }]));
    const sys = write('sys.json', {
      hamiltonian: { model: 'benzene' },
      reference: { T: 300 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: -0.1 }, mu: 0, T: 300 },
        { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0, T: 300 },
      ],
    });
    const r2 = await runCli(['verify', ok, '--system', sys]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^probecheck: --system .*sys\.json: terminals\[0\]\.coupling\.gamma: γ must be ≥ 0 \(got -0\.1\)\n$/);
    const other = write('other.json', {
      hamiltonian: { model: 'benzene' },
      reference: { T: 300 },
      terminals: [
        { name: 'A', coupling: { sites: [0], gamma: 0.5 }, mu: 0, T: 300 },
        { name: 'B', coupling: { sites: [2], gamma: 0.5 }, mu: 0, T: 300 },
      ],
    });
    const r3 = await runCli(['verify', ok, '--system', other]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--system: its terminals \(A, B\) do not match the claim file's \(L, R, P\)/);
  });
});

describe('output', () => {
  const claims = file([
    { name: 'conservation', formula: 'JN_L + JN_R + JN_P == 0' },
    { name: 'sign flip', formula: 'VP(mu_P) == -(L0_LP*mu_L + L0_RP*mu_R + L1_LP*(T_L - T_P)/T0 + L1_RP*(T_R - T_P)/T0)/(L0_LP + L0_RP)' },
  ]);

  it('text: one line per claim and a summary; exit 1 with a refuted claim', async () => {
    const r = await runCli(['verify', write('c.json', claims)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✓ proved +conservation +\[symbolic proved, rational proved, numeric holds\] +\d+\.\d\d s$/m);
    expect(r.stdout).toMatch(/^✗ refuted +sign flip +\[symbolic FAILS, rational FAILS, numeric FAILS\]/m);
    expect(r.stdout).toMatch(/^ {4}exact admissible point: .*mu_L=/m);
    expect(r.stdout).toMatch(/^2 claims: 1 proved, 0 supported, 1 refuted, 0 undecided \(seed 1, /m);
  });

  it('exit 0 when every claim is proved or supported', async () => {
    const r = await runCli(['verify', write('c0.json', file([{ name: 'conservation', formula: 'JN_L + JN_R + JN_P == 0' }]))]);
    expect(r.code).toBe(0);
  });

  it('json: the contract fields, a counterexample with a CONFIG.json', async () => {
    const r = await runCli(['verify', write('c.json', claims), '--format', 'json', '--seed', '5']);
    const j = JSON.parse(r.stdout);
    expect(j.seed).toBe(5);
    expect(j.claims).toHaveLength(2);
    for (const c of j.claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'formula', 'verdict', 'routes', 'counterexample']));
      expect(Object.keys(c.routes)).toEqual(['symbolic', 'rational', 'numeric']);
    }
    expect(j.claims[0].counterexample).toBeNull();
    expect(j.claims[1].verdict).toBe('refuted');
    expect(j.claims[1].counterexample.exact.lhs).toMatch(/^-?\d+(\/\d+)?$/);
    expect(j.claims[1].counterexample.physical.config.terminals).toHaveLength(3);
  });

  it('--html writes one self-contained page atomically (no temp file left)', async () => {
    const out = join(dir, 'html', 'report.html');
    const r = await runCli(['verify', write('c.json', claims), '--html', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<span class="verdict v-refuted">refuted<\/span>/);
    expect(html).toMatch(/class="katex"/);
    expect(html).not.toMatch(/katex-error/);
    expect(html).not.toMatch(/url\(fonts\//); // fonts inlined
    expect(readdirSync(join(dir, 'html'))).toEqual(['report.html']);
  });

  it('--help states the definitions of the symbols', async () => {
    const r = await runCli(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/JN_a = sum_b \[L0_ab \(mu_b - mu_a\) \+ L1_ab \(T_b - T_a\)\/T0\]/);
    expect(r.stdout).toMatch(/Sdot = -sum_a \(JN_a mu_a \+ JQ_a T_a\/T0\)\/T0/);
  });
});

describe('counterexamples, --system, numeric-only and undecided claims through the CLI', () => {
  it('the CONFIG.json of a physical counterexample reproduces with `probecheck solve`', async () => {
    const p = write('ce.json', file([{ name: 'wrong VTP temperature', formula: 'T_P == (T_L + T_R)/2 + 0*JQ_R + 0*Sdot' }]));
    const r = await runCli(['verify', p, '--format', 'json']);
    expect(r.code).toBe(1);
    const ce = JSON.parse(r.stdout).claims[0].counterexample.physical;
    const cfg = write('ce-config.json', ce.config);
    const s = await runCli(['solve', cfg]);
    expect(s.code).toBe(0);
    const sol = JSON.parse(s.stdout);
    expect(sol.probes.P.T).toBe(ce.values.T_P);
    expect(sol.probes.P.T).toBe(ce.lhs);
    const h = 4.135667696e-15,
      e = 1.602176634e-19;
    expect((sol.currents.R.heat / e) * h).toBe(ce.values.JQ_R);
    expect((sol.entropyProduction / e) * h).toBe(ce.values.Sdot);
  });

  it("--system adds the user's system to the numeric route; one violating an assumption is skipped, and said so", async () => {
    const sys = {
      hamiltonian: { model: 'benzene' },
      reference: { mu: 0.3, T: 300 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.305, T: 320 },
        { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.295, T: 280 },
        { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
      ],
    };
    const cfg = write('sys-ok.json', sys);
    const ok = await runCli(['verify', write('c1.json', file([{ name: 'c', formula: 'JN_L + JN_R + JN_P == 0' }])), '--system', cfg, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).claims[0].routes.numeric.detail).toMatch(/plus the --system config/);
    const mirror = await runCli([
      'verify',
      write('c2.json', file([{ name: 'c', formula: 'JN_L + JN_R + JN_P == 0' }], { assume: ['L0_RP = L0_LP'] })),
      '--system',
      cfg,
      '--format',
      'json',
    ]);
    expect(JSON.parse(mirror.stdout).claims[0].routes.numeric.detail).toMatch(/--system skipped: L0_RP = L0_LP fails/);
  });

  it('a claim with elementary functions is decided numerically only (supported / refuted)', async () => {
    const r = await runCli([
      'verify',
      write(
        'f.json',
        file([
          { name: 'abs', formula: 'sqrt(Sdot^2) == abs(Sdot)' },
          { name: 'exp', formula: 'exp(Sdot/(1 + Sdot)) >= 2' },
        ]),
      ),
      '--format',
      'json',
    ]);
    const [a, b] = JSON.parse(r.stdout).claims;
    expect(a.verdict).toBe('supported');
    expect(a.routes.symbolic.detail).toMatch(/not applicable: the claim uses the function sqrt/);
    expect(b.verdict).toBe('refuted');
    expect(b.counterexample.physical).toBeDefined();
    expect(r.code).toBe(1);
  });

  it('undecided has a reason, and exits 1', async () => {
    const r = await runCli([
      'verify',
      write('u.json', file([{ name: 'model inequality', transmission: { LR: 'a', LP: 'b', RP: 'c' }, sommerfeld: 2, formula: 'L0_LR >= 0' }])),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const c = JSON.parse(r.stdout).claims[0];
    expect(c.verdict).toBe('undecided');
    expect(c.reason).toMatch(/inequality between Sommerfeld series is not decided/);
  });
});
