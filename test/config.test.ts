/**
 * Bad input gets a clear, one-line error naming the field (ConfigError; exit code 2 from the CLI),
 * never a NaN or a stack trace. One test per case of the developers' guide, plus the coherent
 * limit of a zero-coupling probe (finite numbers, not a refusal).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, parseConfigText, ConfigError, configJsonSchema, configWarnings } from '../src/config.js';
import { solveSystem } from '../src/numeric/system.js';
import fc from 'fast-check';
import { hamiltonianFromEdges } from '../src/numeric/hamiltonian.js';
import { localCoupling } from '../src/numeric/coupling.js';
import { transmissionDirect } from '../src/numeric/transmission.js';
import { runCli } from './helpers/cli.js';

const base = () => ({
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 } as Record<string, unknown>,
  reference: { mu: 0, T: 300 } as Record<string, unknown>,
  circuit: 'electronic',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 325 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.0005, T: 275 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
  ] as Array<Record<string, unknown>>,
});

function expectConfigError(cfg: unknown, path: string, message: RegExp): void {
  let err: unknown;
  try {
    parseConfig(cfg);
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a ConfigError').toBeInstanceOf(ConfigError);
  const ce = err as ConfigError;
  expect(ce.path).toBe(path);
  expect(ce.message).toMatch(message);
  expect(ce.message).not.toMatch(/\n/);
}

describe('config validation: bad input', () => {
  it('non-Hermitian H', () => {
    const c = base();
    c.hamiltonian = {
      matrix: [
        [0, 1],
        [1.5, 0],
      ],
    };
    c.terminals = [
      { name: 'L', coupling: { sites: [0], gamma: 1 }, mu: 0, T: 300 },
      { name: 'R', coupling: { sites: [1], gamma: 1 }, mu: 0, T: 300 },
    ];
    expectConfigError(c, 'hamiltonian.matrix', /not Hermitian: entry \[0\]\[1\]/);
    c.hamiltonian = {
      matrix: {
        re: [
          [0, 1],
          [1, 0],
        ],
        im: [
          [0, 0.2],
          [0.2, 0],
        ],
      },
    }; // im must be antisymmetric
    expectConfigError(c, 'hamiltonian.matrix', /not Hermitian/);
    c.hamiltonian = {
      matrix: {
        re: [
          [0, 1],
          [1, 0],
        ],
        im: [
          [0.1, 0.2],
          [-0.2, 0],
        ],
      },
    }; // complex diagonal
    expectConfigError(c, 'hamiltonian.matrix', /not Hermitian: entry \[0\]\[0\]/);
  });

  it('non-square or empty matrices', () => {
    const c = base();
    c.hamiltonian = { matrix: [[0, 1], [1]] };
    expectConfigError(c, 'hamiltonian.matrix[1]', /square/);
    c.hamiltonian = { matrix: [] };
    expectConfigError(c, 'hamiltonian.matrix', /empty/);
  });

  it('negative and non-PSD couplings', () => {
    const c = base();
    c.terminals[0].coupling = { sites: [0], gamma: -0.1 };
    expectConfigError(c, 'terminals[0].coupling.gamma', /≥ 0/);
    const d = base();
    d.terminals[1].coupling = { sites: [2, 3], gamma: [0.5, -1e-3] };
    expectConfigError(d, 'terminals[1].coupling.gamma[1]', /≥ 0/);
    const e = base();
    const m = Array.from({ length: 6 }, () => Array(6).fill(0));
    m[0][0] = 0.5;
    m[1][1] = 0.5;
    m[0][1] = m[1][0] = 0.8; // eigenvalues 1.3, −0.3
    e.terminals[0].coupling = { matrix: m };
    expectConfigError(e, 'terminals[0].coupling.matrix', /not positive semidefinite \(smallest eigenvalue -3\.000e-1/);
  });

  it('T ≤ 0 and non-finite numbers', () => {
    const c = base();
    c.reference.T = 0;
    expectConfigError(c, 'reference.T', /> 0/);
    const d = base();
    d.terminals[1].T = -5;
    expectConfigError(d, 'terminals[1].T', /> 0/);
    const e = base();
    e.terminals[0].mu = Infinity; // what JSON.parse gives for 1e400
    expectConfigError(e, 'terminals[0].mu', /finite number/);
    expect(() => parseConfigText(JSON.stringify(base()).replace('"gamma":0.5', '"gamma":1e400'))).toThrow(/terminals\[0\]\.coupling\.gamma: /);
    const f = base();
    f.hamiltonian = { model: 'benzene', hopping: NaN };
    expectConfigError(f, 'hamiltonian.hopping', /finite number/);
  });

  it('unknown sites, repeated sites, mismatched γ lists', () => {
    const c = base();
    c.terminals[2].coupling = { sites: [6], gamma: 0.1 };
    expectConfigError(c, 'terminals[2].coupling.sites[0]', /site 6 does not exist \(H has sites 0…5\)/);
    c.terminals[2].coupling = { sites: [1, 1], gamma: 0.1 };
    expectConfigError(c, 'terminals[2].coupling.sites[1]', /listed twice/);
    c.terminals[2].coupling = { sites: [1, 2], gamma: [0.1] };
    expectConfigError(c, 'terminals[2].coupling.gamma', /one γ per site/);
    c.terminals[2].coupling = { sites: [-1], gamma: 0.1 };
    expectConfigError(c, 'terminals[2].coupling.sites[0]', /≥ 0/);
  });

  it('a probe with zero coupling is the coherent limit (finite results); a lead with zero coupling is refused', () => {
    const c = base();
    c.terminals[2].coupling = { sites: [3], gamma: 0 };
    const p = parseConfig(c);
    const sol = solveSystem(p.system, p.reference, p.circuit);
    for (const arr of [sol.circuit.mu, sol.circuit.temperature, sol.circuit.heatCurrent, sol.circuit.chargeCurrent])
      for (const v of arr) expect(Number.isFinite(v)).toBe(true);
    expect(sol.circuit.heatCurrent[2]).toBe(0);
    const d = base();
    d.terminals[0].coupling = { sites: [0], gamma: 0 };
    expectConfigError(d, 'terminals[0].coupling.gamma', /not connected/);
    const e = base();
    e.terminals[2].coupling = { matrix: Array.from({ length: 6 }, () => Array(6).fill(0)) };
    expectConfigError(e, 'terminals[2].coupling.matrix', /Γ is zero/);
  });

  it('bias that contradicts the roles, names and circuit', () => {
    const c = base();
    delete c.terminals[0].mu;
    expectConfigError(c, 'terminals[0].mu', /needs a chemical potential/);
    const d = base();
    d.terminals[2].T = 300;
    expectConfigError(d, 'terminals[2].T', /solved for/);
    const e = base();
    e.terminals[2].mu = 0.1;
    expectConfigError(e, 'terminals[2].mu', /solved for/);
    const f = base();
    f.terminals[1].name = 'L';
    expectConfigError(f, 'terminals[1].name', /duplicate/);
    const g = base();
    g.circuit = 'thermal';
    expectConfigError(g, 'terminals[1].mu', /only the first lead's mu/);
    const h = base();
    h.terminals[1].probe = 'VP';
    delete h.terminals[1].mu;
    expectConfigError(h, 'terminals', /at least two leads/);
    const i = base();
    (i.terminals[0] as Record<string, unknown>).gamma = 1;
    expectConfigError(i, 'terminals[0]', /unknown field "gamma"/);
    const j = base();
    j.terminals[2].probe = 'VX';
    expectConfigError(j, 'terminals[2].probe', /"VP", "VTP" or "ER"/);
    const k = base();
    k.hamiltonian = { model: 'benzene', matrix: [[0]] };
    expectConfigError(k, 'hamiltonian', /exactly one of/);
  });

  it('missing required fields say "required"', () => {
    const c = base();
    delete c.reference.T;
    expectConfigError(c, 'reference.T', /required/);
    const d = base() as Record<string, unknown>;
    delete d.hamiltonian;
    expectConfigError(d, 'hamiltonian', /required/);
  });

  it('invalid JSON is a ConfigError too', () => {
    expect(() => parseConfigText('{"hamiltonian": ')).toThrow(ConfigError);
  });

  it('exports a JSON Schema generated from the validator', () => {
    const s = configJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(s.properties)).toEqual(['hamiltonian', 'reference', 'circuit', 'terminals', 'spin', 'response']);
    expect(s.required).toContain('terminals');
  });
});

describe("config validation: the validator's generic messages read like the others", () => {
  it('a wrong JSON type names what was expected and what was given; a wrong array length the bound and the length', () => {
    const cases: Array<[string, (c: ReturnType<typeof base>) => void, string, RegExp]> = [
      ['a terminal that is a number', (c) => ((c.terminals as unknown[])[0] = 3), 'terminals[0]', /^terminals\[0\]: expected an object, got a number \(3\)$/],
      ['a terminal that is a string', (c) => ((c.terminals as unknown[])[1] = 'L'), 'terminals[1]', /expected an object, got a string \("L"\)$/],
      ['a terminal that is null', (c) => ((c.terminals as unknown[])[2] = null), 'terminals[2]', /expected an object, got null$/],
      ['the reference as an array', (c) => ((c as Record<string, unknown>).reference = [0, 300]), 'reference', /expected an object, got an array$/],
      [
        'an edge with 5 entries',
        (c) => (c.hamiltonian = { sites: 3, edges: [[0, 1, -1, 0, 5]] }),
        'hamiltonian.edges[0]',
        /expected at most 3 entries, got 5$/,
      ],
      ['an edge with 1 entry', (c) => (c.hamiltonian = { sites: 3, edges: [[0]] }), 'hamiltonian.edges[0]', /expected at least 3 entries, got 1$/],
      ['an edge that is a string', (c) => (c.hamiltonian = { sites: 3, edges: ['0-1'] }), 'hamiltonian.edges[0]', /expected an array, got a string \("0-1"\)$/],
    ];
    for (const [what, edit, path, message] of cases) {
      const c = base();
      edit(c);
      let err: unknown;
      try {
        parseConfig(c);
      } catch (e) {
        err = e;
      }
      expect(err, what).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).path, what).toBe(path);
      expect((err as ConfigError).message, what).toMatch(message);
      expect((err as ConfigError).message, what).not.toMatch(/Invalid input|received|Too (big|small)|<=|>=/);
    }
  });
  it("the schema's own messages are kept (not replaced by the generic wording)", () => {
    const c = base();
    (c as Record<string, unknown>).terminals = {};
    expectConfigError(c, 'terminals', /terminals must be an array/);
    const d = base();
    d.terminals[0].mu = '0.1';
    expectConfigError(d, 'terminals[0].mu', /expected a finite number/);
  });
});

describe('config text: a byte-order mark is accepted, a binary or UTF-16 file is one printable line', () => {
  it('BOM, UTF-16, binary', () => {
    const json = JSON.stringify(base());
    expect(parseConfigText(`\ufeff${json}`).system.terminals.length).toBe(3);
    for (const text of [
      Buffer.from(json, 'utf16le').toString('latin1'),
      Buffer.from(`\ufeff${json}`, 'utf16le').toString('utf8'),
      String.fromCharCode(...Array.from({ length: 64 }, (_, i) => i)),
    ]) {
      let msg = '';
      try {
        parseConfigText(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        msg = (e as Error).message;
      }
      expect(msg).toMatch(/^\(config\): not valid JSON: .*UTF-16 or binary/);
      expect(msg).not.toMatch(/[\p{Cc}]/u); // no raw control characters reach the terminal
    }
  });
});

describe('terminal names that output columns cannot carry are refused', () => {
  it('a comma, a double quote, "=" or a control character; unicode letters and spaces are fine', () => {
    for (const [name, what] of [
      ['R,x', '","'],
      ['R"', '"""'],
      ['R=1', '"="'],
      ['\u0000R', 'U+0000'],
      ['R\n', 'U+000A'],
      ['R\u007f', 'U+007F'],
    ] as const) {
      const c = base();
      c.terminals[1].name = name;
      expectConfigError(c, 'terminals[1].name', new RegExp(`contains (the control character )?${what.replace(/[+"]/g, (m) => `\\${m}`)}`));
    }
    const ok = base();
    ok.terminals[0].name = 'Ľead ∂ 🙂';
    ok.terminals[1].name = 'right lead';
    expect(parseConfig(ok).system.terminals.map((t) => t.name)).toEqual(['Ľead ∂ 🙂', 'right lead', 'P']);
  });
});

describe('a probe that no lead reaches is refused (issue 12 §2)', () => {
  // Two components: {0, 1, 2} carries the leads, {3, 4} does not (docs/config.md "Ranges and limits").
  const split = (probes: Array<Record<string, unknown>>) => ({
    hamiltonian: {
      sites: 5,
      edges: [
        [0, 1, -1],
        [1, 2, -0.8],
        [3, 4, -1.2],
      ],
    },
    reference: { mu: 0.1, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.1005, T: 310 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.0995, T: 290 },
      ...probes,
    ],
  });
  const msg =
    /^terminals\[2\]\.coupling\.sites: probe "P" is coupled to site 3, which no path of non-zero hoppings of H \(or other probes\) connects to any lead/;

  it('VTP, VP, ER and coherent-limit (γ = 0) probes on the isolated part, any coupling form', () => {
    for (const probe of ['VTP', 'VP', 'ER'])
      for (const gamma of [0.1, 0]) expectConfigError(split([{ name: 'P', probe, coupling: { sites: [3], gamma } }]), 'terminals[2].coupling.sites', msg);
    const onBoth = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j && i >= 3 ? 0.1 : 0)));
    expectConfigError(split([{ name: 'P', probe: 'VTP', coupling: { matrix: onBoth } }]), 'terminals[2].coupling.matrix', /sites 3, 4, which no path/);
    // an isolated pair of probes: neither reaches a lead (the first one is named)
    expectConfigError(
      split([
        { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
        { name: 'Q', probe: 'VTP', coupling: { sites: [4], gamma: 0.1 } },
      ]),
      'terminals[2].coupling.sites',
      msg,
    );
    // H given as a block-diagonal matrix
    const H = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => (Math.abs(i - j) === 1 && i + j !== 3 ? -1 : 0)));
    expectConfigError(
      {
        hamiltonian: { matrix: H },
        reference: { mu: 0, T: 300 },
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.001, T: 300 },
          { name: 'R', coupling: { sites: [1], gamma: 0.5 }, mu: -0.001, T: 300 },
          { name: 'P', probe: 'VP', coupling: { sites: [2], gamma: 0.1 } },
        ],
      },
      'terminals[2].coupling.sites',
      /probe "P" is coupled to site 2, which no path/,
    );
  });

  it('accepted when one of its sites, its Γ matrix or another probe reaches a lead; a probe reached only through another equilibrates with it', () => {
    // one reachable site suffices
    parseConfig(split([{ name: 'P', probe: 'VTP', coupling: { sites: [3, 1], gamma: 0.1 } }]));
    // a Γ that couples sites 1 and 3 bridges the components (off-diagonal Γ entries)
    const bridge = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => ((i === 1 || i === 3) && (j === 1 || j === 3) ? 0.1 : 0)));
    parseConfig(split([{ name: 'P', probe: 'VTP', coupling: { matrix: bridge } }]));
    // P sits only on the isolated part, Q on both: P exchanges only with Q, so in the solution P is in
    // equilibrium with Q (μ_P = μ_Q, T_P = T_Q) — the circuit is regular and physical.
    const p = parseConfig(
      split([
        { name: 'P', probe: 'VTP', coupling: { sites: [4], gamma: 0.2 } },
        { name: 'Q', probe: 'VTP', coupling: { sites: [1, 3], gamma: 0.1 } },
      ]),
    );
    const sol = solveSystem(p.system, p.reference, p.circuit);
    const kT = 8.617333262e-5 * 300;
    // the bias is 1e-3 eV ≈ 0.04 k_BT, so μ_Q − μ0 ~ 1e-4 eV; equality to 1e-9 of k_BT (a few
    // thousand rounding steps of the 2×2 elimination of the probe pair) is far below any real offset
    expect(Math.abs(sol.circuit.mu[2] - sol.circuit.mu[3])).toBeLessThan(1e-9 * kT);
    expect(Math.abs(sol.circuit.temperature[2] - sol.circuit.temperature[3])).toBeLessThan(1e-9 * 300);
    expect(Math.abs(sol.circuit.mu[3] - 0.1)).toBeGreaterThan(1e-6); // Q is really biased (not trivially μ0)
  });

  it('the refusal agrees with the transmissions: refused iff every T_P,lead vanishes (random graphs)', () => {
    const seen = { refused: 0, accepted: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0.3, max: 1.5, noNaN: true })), { maxLength: 7 }),
        fc.integer({ min: 2, max: 5 }),
        (raw, site) => {
          const edges = raw.filter(([i, j]) => i !== j).map(([i, j, t]) => [Math.min(i, j), Math.max(i, j), -t] as [number, number, number]);
          const uniq = [...new Map(edges.map((e) => [`${e[0]},${e[1]}`, e])).values()];
          const cfg = {
            hamiltonian: { sites: 6, edges: uniq },
            reference: { mu: 0, T: 300 },
            terminals: [
              { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.001, T: 300 },
              { name: 'R', coupling: { sites: [1], gamma: 0.5 }, mu: -0.001, T: 300 },
              { name: 'P', probe: 'VP', coupling: { sites: [site], gamma: 0.3 } },
            ],
          };
          // independent route: the NEGF transmissions of the same H at two generic energies
          const H = hamiltonianFromEdges(6, uniq, 0);
          const cs = [localCoupling(6, [0], 0.5), localCoupling(6, [1], 0.5), localCoupling(6, [site], 0.3)];
          let tMax = 0;
          for (const E of [0.1234, -0.3817]) {
            const T = transmissionDirect(H, cs, E);
            tMax = Math.max(tMax, T[2 * 3 + 0], T[2 * 3 + 1]);
          }
          let refused = false;
          try {
            parseConfig(cfg);
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
            refused = true;
          }
          // connected paths here have ≤ 6 sites and |t| ≥ 0.3 eV: T ≳ 1e-6; disconnected: T = 0 up
          // to rounding (≤ 1e-25). 1e-15 separates the two by many orders of magnitude.
          expect(refused).toBe(tMax < 1e-15);
          seen[refused ? 'refused' : 'accepted']++;
        },
      ),
      { numRuns: 150 },
    );
    // both outcomes are exercised (not a property that holds vacuously)
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.accepted).toBeGreaterThan(10);
  });
});

describe('CLI: bad input exits 2 with one line naming the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-cfg-'));
  const write = (name: string, obj: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof obj === 'string' ? obj : JSON.stringify(obj));
    return p;
  };

  it('solve on bad configs', async () => {
    const bad = base();
    bad.terminals[0].coupling = { sites: [0], gamma: -1 };
    for (const [file, field] of [
      [write('neg.json', bad), 'terminals[0].coupling.gamma'],
      [write('syntax.json', '{'), '(config)'],
      [join(dir, 'missing.json'), 'missing.json'],
    ] as const) {
      const r = await runCli(['solve', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(field);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
  });

  it('bad arguments exit 2', async () => {
    const good = write('good.json', base());
    expect((await runCli(['solve', good, '--method', 'magic'])).code).toBe(2);
    expect((await runCli(['transmission', good, '--emin', 'x', '--emax', '1'])).code).toBe(2);
    expect((await runCli(['scan', good, '--mu0', '1:2', '--out', join(dir, 'o.csv')])).code).toBe(2);
    expect((await runCli(['scan', good, '--mu0', '0:1:3', '--gamma', 'Q=0.1', '--out', join(dir, 'o.csv')])).code).toBe(2);
    expect((await runCli(['nonsense'])).code).toBe(2);
  });
});

describe('the published JSON Schema accepts what the validator accepts (checked by Python jsonschema)', () => {
  const py = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' });
  const haveJsonschema = py.status === 0;
  it.runIf(haveJsonschema)('valid configs pass; configs with two Hamiltonian forms or a coupling with both forms fail', () => {
    const schemaPath = fileURLToPath(new URL('../schema/config.schema.json', import.meta.url));
    const good = [
      base(),
      {
        ...base(),
        hamiltonian: {
          matrix: {
            re: [
              [0, 1],
              [1, 0],
            ],
            im: [
              [0, 0.1],
              [-0.1, 0],
            ],
          },
        },
        terminals: [
          {
            name: 'L',
            coupling: {
              matrix: [
                [0.5, 0],
                [0, 0],
              ],
            },
            mu: 0,
            T: 300,
          },
          { name: 'R', coupling: { sites: [1], gamma: [0.2] }, mu: 0, T: 300 },
        ],
      },
      {
        ...base(),
        hamiltonian: {
          sites: 3,
          edges: [
            [0, 1, -1],
            [1, 2, { re: 0, im: 1 }],
          ],
          onsite: [0, 0.1, 0],
        },
        terminals: [
          { name: 'L', coupling: { sites: [0], gamma: 1 }, mu: 0, T: 300 },
          { name: 'R', coupling: { sites: [2], gamma: 1 }, mu: 0, T: 300 },
        ],
      },
    ];
    for (const g of good) expect(() => parseConfig(g)).not.toThrow();
    const bad = [
      { ...base(), hamiltonian: { model: 'benzene', matrix: [[0]] } },
      { ...base(), terminals: [{ name: 'L', coupling: { sites: [0], gamma: 1, matrix: [[1]] }, mu: 0, T: 300 }] },
      { ...base(), hamiltonian: { model: 'ring' } },
    ];
    const script = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cases = json.load(sys.stdin)
v = jsonschema.Draft202012Validator(schema)
print(json.dumps([v.is_valid(c) for c in cases]))`;
    const r = spawnSync('python3', ['-c', script, schemaPath], { input: JSON.stringify([...good, ...bad]), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([...good.map(() => true), ...bad.map(() => false)]);
  });
});

describe('new fields (issue 9): ER probe, chain and tabulated leads, spin, response', () => {
  const chain = (c: Record<string, unknown>) => {
    const b = base();
    b.terminals[0].coupling = { chain: { site: 0, hopping: 3, contact: 1, onsite: 0, ...c } };
    return b;
  };
  const table = (t: Record<string, unknown>) => {
    const b = base();
    b.terminals[1].coupling = { selfEnergy: { site: 2, energies: [-2, 0, 2], re: [0, 0, 0], im: [-0.2, -0.25, -0.2], ...t } };
    return b;
  };

  it('accepts them and builds the system', () => {
    const ok = { ...chain({}), spin: 2, response: 'nonlinear' };
    ok.terminals[2].probe = 'ER';
    const p = parseConfig(ok);
    expect(p.system.spin).toBe(2);
    expect(p.response).toBe('nonlinear');
    expect(p.system.terminals[0].lead?.kind).toBe('chain');
    expect(p.system.terminals[2].role).toBe('ER');
    expect(parseConfig(table({})).system.terminals[1].lead?.kind).toBe('table');
    expect(parseConfig(base()).system.spin).toBe(1);
  });

  it('chain: hopping 0, |t_c| = 0, unknown site, unknown field', () => {
    expectConfigError(chain({ hopping: 0 }), 'terminals[0].coupling.chain.hopping', /t_lead must be ≠ 0/);
    expectConfigError(chain({ contact: 0 }), 'terminals[0].coupling.chain.contact', /\|t_c\| = 0/);
    expectConfigError(chain({ site: 9 }), 'terminals[0].coupling.chain.site', /does not exist/);
    expectConfigError(chain({ gamma: 1 }), 'terminals[0].coupling.chain', /unknown field "gamma"/);
    const two = base();
    two.terminals[0].coupling = { sites: [0], gamma: 1, chain: { site: 0, hopping: 1, contact: 1 } };
    expectConfigError(two, 'terminals[0].coupling', /exactly one of/);
  });

  it('tabulated Σ: Im Σ > 0, unsorted or repeated energies, length mismatch, too short, all-zero Im Σ', () => {
    expectConfigError(table({ im: [-0.2, 0.1, -0.2] }), 'terminals[1].coupling.selfEnergy.im[1]', /Im Σ must be ≤ 0/);
    expectConfigError(table({ energies: [-2, 2, 0] }), 'terminals[1].coupling.selfEnergy.energies[2]', /strictly increasing/);
    expectConfigError(table({ energies: [-2, 0, 0] }), 'terminals[1].coupling.selfEnergy.energies[2]', /strictly increasing/);
    expectConfigError(table({ re: [0, 0] }), 'terminals[1].coupling.selfEnergy.re', /expected 3 values/);
    expectConfigError(table({ energies: [0], re: [0], im: [-1] }), 'terminals[1].coupling.selfEnergy.energies', /at least two/);
    expectConfigError(table({ im: [0, 0, 0] }), 'terminals[1].coupling.selfEnergy.im', /zero everywhere/);
  });

  it('spin not 1 or 2; response unknown; an ER probe with T or mu', () => {
    expectConfigError({ ...base(), spin: 3 }, 'spin', /spin must be 1 or 2/);
    expectConfigError({ ...base(), spin: 1.5 }, 'spin', /spin must be 1 or 2/);
    expectConfigError({ ...base(), response: 'quadratic' }, 'response', /"linear" or "nonlinear"/);
    const er = base();
    er.terminals[2] = { name: 'P', probe: 'ER', coupling: { sites: [3], gamma: 0.1 }, T: 300 };
    expectConfigError(er, 'terminals[2].T', /ER probe has no single temperature/);
    const er2 = base();
    er2.terminals[2] = { name: 'P', probe: 'ER', coupling: { sites: [3], gamma: 0.1 }, mu: 0 };
    expectConfigError(er2, 'terminals[2].mu', /solved for/);
  });

  it('CLI: a table that misses the Fermi window, and a nonlinear bias beyond the model, exit 2 naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-i9-'));
    const far = table({ energies: [2, 3, 4] });
    const p1 = join(dir, 'far.json');
    writeFileSync(p1, JSON.stringify(far));
    const huge = { ...base(), response: 'nonlinear' };
    huge.terminals[0].mu = 60;
    huge.terminals[1].mu = -60;
    const p2 = join(dir, 'huge.json');
    writeFileSync(p2, JSON.stringify(huge));
    for (const [file, field] of [
      [p1, 'terminals[1].coupling.selfEnergy.energies'],
      [p2, 'terminals[0].mu: bias so large'],
    ] as const) {
      const r = await runCli(['solve', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(field);
    }
  });
});

describe('warnings for a held variable outside linear response', () => {
  it("a VP's held temperature far from T0 is flagged like a lead's; a VTP's solved one cannot be", () => {
    const cfg = base();
    cfg.terminals[2] = { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: 0.1 }, T: 500 };
    const w = configWarnings(parseConfig(cfg));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^terminals\[2\]\.T: T − T0 = 200 K is 0\.667·T0: outside linear response/);
    // within 0.5 T0 (the lead threshold), and the VP at its default T0: no warning
    cfg.terminals[2] = { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: 0.1 }, T: 400 };
    expect(configWarnings(parseConfig(cfg))).toEqual([]);
    cfg.terminals[2] = { name: 'P', probe: 'VP', coupling: { sites: [3], gamma: 0.1 } };
    expect(configWarnings(parseConfig(cfg))).toEqual([]);
  });
});

describe('the published JSON Schema accepts the issue-9 fields (Python jsonschema)', () => {
  const haveJsonschema = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' }).status === 0;
  it.runIf(haveJsonschema)('chain and selfEnergy couplings, "ER", spin and response pass; spin 3, a bad response and a chain without contact fail', () => {
    const schemaPath = fileURLToPath(new URL('../schema/config.schema.json', import.meta.url));
    const good = base();
    good.terminals[0].coupling = { chain: { site: 0, hopping: 3, contact: 1 } };
    good.terminals[1].coupling = { selfEnergy: { site: 2, energies: [-2, 2], re: [0, 0], im: [-0.2, -0.2] } };
    good.terminals[2].probe = 'ER';
    const goods = [{ ...good, spin: 2, response: 'nonlinear' }];
    for (const g of goods) expect(() => parseConfig(g)).not.toThrow();
    const noContact = base();
    noContact.terminals[0].coupling = { chain: { site: 0, hopping: 3 } };
    const bads = [{ ...base(), spin: 3 }, { ...base(), response: 'cubic' }, noContact];
    const script = `
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
print(json.dumps([v.is_valid(c) for c in json.load(sys.stdin)]))`;
    const r = spawnSync('python3', ['-c', script, schemaPath], { input: JSON.stringify([...goods, ...bads]), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([...goods.map(() => true), ...bads.map(() => false)]);
  });
});
