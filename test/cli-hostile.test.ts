/**
 * Hostile input (issue 12): every class of bad input gives exit 2 and ONE line naming the field
 * or option and, for a limit, the limit — never a stack trace, NaN/Infinity/null in the output,
 * an out-of-memory, or a half-written file. Output targets are checked before computing.
 * The ranges are those of docs/config.md "Ranges and limits" (src/limits.ts).
 */
import { constants as bufferConstants } from 'node:buffer';
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readdirSync, existsSync, mkdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectRefused, runCli } from './helpers/cli.js';
import { ENERGY_LIMIT, DENSE_SITE_LIMIT, SPARSE_SITE_LIMIT, GRID_POINT_LIMIT, TEMPERATURE_MAX, INPUT_BYTES_LIMIT, TABLE_CELL_LIMIT } from '../src/limits.js';
import { JSON_DEPTH_LIMIT } from '../src/io/json.js';

const base = {
  hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
  reference: { mu: 0, T: 300 },
  circuit: 'electronic',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.0005, T: 325 },
    { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: -0.0005, T: 275 },
    { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.1 } },
  ],
};

let dir: string;
let good: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probecheck-hostile-'));
  good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify(base));
});

function config(name: string, edit: (c: any) => void): string {
  const c = structuredClone(base) as any;
  edit(c);
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(c));
  return p;
}

describe('config values out of range (exit 2, the field and the limit named)', () => {
  const lim = String(ENERGY_LIMIT);
  const cases: Array<[string, (c: any) => void, string[]]> = [
    [
      'hopping 1e300',
      (c) => {
        c.hamiltonian.hopping = 1e300;
      },
      ['hamiltonian.hopping', lim],
    ],
    [
      'onsite -1e5',
      (c) => {
        c.hamiltonian.onsite = -1e5;
      },
      ['hamiltonian.onsite', lim],
    ],
    [
      'gamma 1e300',
      (c) => {
        c.terminals[2].coupling.gamma = 1e300;
      },
      ['terminals[2].coupling.gamma', lim],
    ],
    [
      'gamma per site 1e4',
      (c) => {
        c.terminals[0].coupling = { sites: [0, 1], gamma: [0.5, 1e4] };
      },
      ['terminals[0].coupling.gamma[1]', lim],
    ],
    [
      'gamma 1e-40',
      (c) => {
        c.terminals[2].coupling.gamma = 1e-40;
      },
      ['terminals[2].coupling.gamma', 'coherent limit'],
    ],
    [
      'lead mu 1e200',
      (c) => {
        c.terminals[0].mu = 1e200;
      },
      ['terminals[0].mu', lim],
    ],
    [
      'mu0 1e300',
      (c) => {
        c.reference.mu = 1e300;
      },
      ['reference.mu', lim],
    ],
    [
      'T0 1e300',
      (c) => {
        c.reference.T = 1e300;
      },
      ['reference.T', String(TEMPERATURE_MAX)],
    ],
    [
      'T0 1e-9',
      (c) => {
        c.reference.T = 1e-9;
      },
      ['reference.T', 'limit'],
    ],
    [
      'lead T -1',
      (c) => {
        c.terminals[1].T = -1;
      },
      ['terminals[1].T', '> 0'],
    ],
    [
      'matrix entry 1e308',
      (c) => {
        c.hamiltonian = {
          matrix: [
            [0, 1e308],
            [1e308, 0],
          ],
        };
        c.terminals = [
          { name: 'L', coupling: { sites: [0], gamma: 1 }, mu: 0, T: 300 },
          { name: 'R', coupling: { sites: [1], gamma: 1 }, mu: 0, T: 300 },
        ];
      },
      ['hamiltonian.matrix[0][1]', lim],
    ],
    [
      'complex edge hopping',
      (c) => {
        c.hamiltonian = { sites: 6, edges: [[0, 1, { re: 1, im: 5e3 }]] };
      },
      ['hamiltonian.edges[0][2].im', lim],
    ],
    [
      'coupling matrix entry',
      (c) => {
        const g = Array.from({ length: 6 }, () => Array(6).fill(0));
        g[0][0] = 2e3;
        c.terminals[0].coupling = { matrix: g };
      },
      ['terminals[0].coupling.matrix[0][0]', lim],
    ],
    [
      'flux 1e300',
      (c) => {
        c.hamiltonian = { model: 'ring', sites: 6, flux: 1e300 };
      },
      ['hamiltonian.flux'],
    ],
    [
      '2 000 000-site chain (above the sparse limit)',
      (c) => {
        c.hamiltonian = { model: 'chain', sites: 2_000_000 };
      },
      ['hamiltonian.sites', String(SPARSE_SITE_LIMIT)],
    ],
    [
      '200 × 200 flake with a full Γ matrix (dense-only form above the dense limit)',
      (c) => {
        c.hamiltonian = { model: 'graphene', rows: 200, cols: 200 };
        c.terminals[0].coupling = { matrix: [[0.5]] };
      },
      ['terminals[0].coupling.matrix', '40000', String(DENSE_SITE_LIMIT)],
    ],
    [
      'explicit 3001-row H matrix',
      (c) => {
        c.hamiltonian = { matrix: Array.from({ length: 3001 }, () => [0]) };
      },
      ['hamiltonian.matrix', '3001', String(DENSE_SITE_LIMIT)],
    ],
    [
      '4000-site chain with a semi-infinite chain lead',
      (c) => {
        c.hamiltonian = { model: 'chain', sites: 4000 };
        c.terminals[0].coupling = { chain: { site: 0, hopping: -1, contact: 0.5 } };
      },
      ['terminals[0].coupling.chain', String(DENSE_SITE_LIMIT)],
    ],
    [
      '4000-site ring with a tabulated self-energy',
      (c) => {
        c.hamiltonian = { model: 'ring', sites: 4000 };
        c.terminals[0].coupling = { selfEnergy: { site: 0, energies: [-10, 10], re: [0, 0], im: [-1, -1] } };
      },
      ['terminals[0].coupling.selfEnergy', String(DENSE_SITE_LIMIT)],
    ],
    [
      '4000-site edges H at finite bias',
      (c) => {
        c.hamiltonian = { sites: 4000, edges: Array.from({ length: 3999 }, (_, i) => [i, i + 1, -1]) };
        c.response = 'nonlinear';
      },
      ['response', 'nonlinear', String(DENSE_SITE_LIMIT)],
    ],
    [
      'a probe that no lead reaches, on a 4000-site edges H (sparse connectivity check)',
      (c) => {
        c.hamiltonian = { sites: 4000, edges: Array.from({ length: 3998 }, (_, i) => [i < 1999 ? i : i + 1, i < 1999 ? i + 1 : i + 2, -1]) };
        c.terminals[1].coupling = { sites: [1999], gamma: 0.5 };
        c.terminals[2].coupling = { sites: [3999], gamma: 0.1 };
      },
      ['terminals[2].coupling.sites', 'probe "P"', 'no path'],
    ],
    [
      'chain lead with a vanishing band (t_lead = 1e-300 eV)',
      (c) => {
        c.terminals[0].coupling = { chain: { site: 0, hopping: -1e-300, contact: 0.5 } };
      },
      ['terminals[0].coupling.chain', 'wide-band equivalent', String(ENERGY_LIMIT)],
    ],
    [
      'chain lead contact 1e300',
      (c) => {
        c.terminals[0].coupling = { chain: { site: 0, hopping: -1, contact: 1e300 } };
      },
      ['terminals[0].coupling.chain.contact', lim],
    ],
    [
      'tabulated self-energy 1e300',
      (c) => {
        c.terminals[0].coupling = { selfEnergy: { site: 0, energies: [-10, 10], re: [1e300, 0], im: [-1, -1] } };
      },
      ['terminals[0].coupling.selfEnergy.re[0]', lim],
    ],
    [
      'a probe on a part of H that no lead reaches',
      (c) => {
        c.hamiltonian = {
          sites: 5,
          edges: [
            [0, 1, -1],
            [1, 2, -1],
            [3, 4, -1],
          ],
        };
        c.terminals[2].coupling = { sites: [4], gamma: 0.1 };
      },
      ['terminals[2].coupling.sites', 'probe "P"', 'no path'],
    ],
    [
      '70 terminals',
      (c) => {
        c.terminals = Array.from({ length: 70 }, (_, i) => ({ name: `T${i}`, coupling: { sites: [i % 6], gamma: 0.1 }, mu: 0, T: 300 }));
      },
      ['terminals', '64'],
    ],
  ];
  for (const [label, edit, needles] of cases) {
    it(label, async () => {
      await expectRefused(['solve', config(label.replace(/\W+/g, '_'), edit)], ...needles);
    });
  }

  it('200 000-level nested JSON is refused by its depth, not as "hamiltonian: required"', async () => {
    const p = join(dir, 'nested.json');
    writeFileSync(p, `{"a": ${'['.repeat(200000)}${']'.repeat(200000)}}`);
    await expectRefused(['solve', p], 'a[0]', `${JSON_DEPTH_LIMIT} levels`);
  });

  it('a directory or a missing file as CONFIG', async () => {
    await expectRefused(['solve', dir], dir);
    await expectRefused(['solve', join(dir, 'missing.json')], 'cannot read');
  });
});

describe('command-line values out of range', () => {
  it('energy grids: overflowing ends, huge point counts, non-numbers', async () => {
    await expectRefused(['transmission', good, '--emin', '-1e308', '--emax', '1e308', '--n', '3'], '--emin', String(ENERGY_LIMIT));
    await expectRefused(['transmission', good, '--emin', '-1', '--emax', '1', '--n', '1e9'], '--n', String(GRID_POINT_LIMIT));
    await expectRefused(['transmission', good, '--emin', 'abc', '--emax', '1'], '--emin');
    await expectRefused(['transmission', good, '--emin', '-1', '--emax', 'Infinity'], '--emax');
    const out = join(dir, 'scan.csv');
    await expectRefused(['scan', good, '--mu0', '-1e308:1e308:3', '--out', out], '--mu0', String(ENERGY_LIMIT));
    await expectRefused(['scan', good, '--mu0', '0:1:1e9', '--out', out], '--mu0', String(GRID_POINT_LIMIT));
    await expectRefused(['scan', good, '--mu0', '0:1:2.5', '--out', out], '--mu0');
    await expectRefused(['scan', good, '--mu0', '0:1:11', '--gamma', 'P=0.1,1e300', '--out', out], '--gamma', String(ENERGY_LIMIT));
    await expectRefused(['scan', good, '--mu0', '0:1:50000', '--gamma', 'P=0.1,0.2,0.3', '--out', out], 'scan', String(GRID_POINT_LIMIT));
    await expectRefused(['report', good, '--mu0', '0:1:1e7', '--out', join(dir, 'rep')], '--mu0');
    expect(existsSync(out)).toBe(false);
  });

  it('numbers that Number() would read as something else: hex, binary, empty parts (src/io/decimal.ts)', async () => {
    const out = join(dir, 'scan-literals.csv');
    await expectRefused(['transmission', good, '--emin', '0x10', '--emax', '20'], '--emin');
    await expectRefused(['transmission', good, '--emin', '-1', '--emax', '0b1'], '--emax');
    await expectRefused(['transmission', good, '--emin', '-1', '--emax', ' '], '--emax');
    await expectRefused(['scan', good, '--mu0', '0::3', '--out', out], '--mu0'); // the empty end would be 0
    await expectRefused(['scan', good, '--mu0', '0:0x1:3', '--out', out], '--mu0');
    await expectRefused(['scan', good, '--mu0', '0:1:3', '--gamma', 'P=0.1,0x1', '--out', out], '--gamma');
    expect(existsSync(out)).toBe(false);
  });
});

describe('the remaining classes of docs/config.md "Ranges and limits"', () => {
  it('a config file above 512 MB is refused by its size before it is read (a sparse file)', async () => {
    const p = join(dir, 'huge.json');
    writeFileSync(p, '{');
    truncateSync(p, INPUT_BYTES_LIMIT + 1);
    // The limit in force is INPUT_BYTES_LIMIT capped at V8's longest string (2^29 − 24 on Node 20).
    await expectRefused(['solve', p], 'file too large', String(Math.min(INPUT_BYTES_LIMIT, bufferConstants.MAX_STRING_LENGTH)));
  });
  it('an output table above 1e7 cells is refused before computing (64 terminals × 3000 energies)', async () => {
    const p = config('many_terminals', (c) => {
      c.terminals = Array.from({ length: 64 }, (_, i) => ({ name: `T${i}`, coupling: { sites: [i % 6], gamma: 0.1 }, mu: 0, T: 300 }));
    });
    const t0 = performance.now();
    await expectRefused(['transmission', p, '--emin', '-1', '--emax', '1', '--n', '3000', '--out', join(dir, 'big.csv')], String(TABLE_CELL_LIMIT));
    expect(performance.now() - t0).toBeLessThan(5000); // refused, not computed (the table would take minutes)
    expect(existsSync(join(dir, 'big.csv'))).toBe(false);
  });
});

describe('bad output targets are refused before computing', () => {
  it('a path under a regular file, an existing directory, /proc, for every writing command', async () => {
    const file = join(dir, 'regular.txt');
    writeFileSync(file, 'x');
    const sub = join(dir, 'adir');
    mkdirSync(sub, { recursive: true });
    for (const target of [join(file, 'out.csv'), sub, '/proc/probecheck-out.csv']) {
      await expectRefused(['scan', good, '--mu0', '0:1:3', '--out', target], '--out');
      await expectRefused(['transmission', good, '--emin', '0', '--emax', '1', '--n', '3', '--out', target], '--out');
    }
    const t0 = performance.now();
    await expectRefused(['paper', '--quiet', '--out', join(file, 'paper')], '--out', 'not a directory');
    expect(performance.now() - t0).toBeLessThan(2000); // refused before the ~10 s of computing
    await expectRefused(['report', good, '--quiet', '--out', file], '--out', 'not a directory');
    await expectRefused(['report', good, '--quiet', '--out', '/proc/probecheck-report'], '--out');
  });
});

describe('valid but suspicious input: a warning on stderr, the result on stdout', () => {
  it('a bias far beyond k_BT0 and T0 given in eV are flagged (exit 0)', async () => {
    const big = config('bigbias', (c) => {
      c.terminals[0].mu = 0.5;
    });
    const r = await runCli(['solve', big]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: terminals\[0\]\.mu: .*outside linear response/);
    const ev = config('eV', (c) => {
      c.reference.T = 0.0259;
      c.terminals[0].T = 0.026;
      c.terminals[1].T = 0.0258;
      c.terminals[0].mu = 1e-6;
      c.terminals[1].mu = -1e-6;
    });
    const r2 = await runCli(['solve', ev]);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/reference\.T = 0\.0259 K looks like an energy in eV/);
  });

  it('the solve output never holds NaN, Infinity or null at the edges of the ranges', async () => {
    for (const [T, g, mu] of [
      [1e-3, 0.1, 0],
      [9e4, 0.1, 0],
      [300, 1e-30, 0],
      [300, 1e3, 0],
      [300, 0.1, 999],
    ] as const) {
      const p = config(`edge_${T}_${g}_${mu}`, (c) => {
        c.reference = { mu, T };
        c.terminals[0].mu = mu + 1e-6;
        c.terminals[1].mu = mu - 1e-6;
        c.terminals[0].T = T * 1.001;
        c.terminals[1].T = T * 0.999;
        c.terminals[2].coupling.gamma = g;
      });
      const r = await runCli(['solve', p]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/NaN|Infinity|null/);
    }
  });
});

describe('no temporary files are left behind by a refused or failed write', () => {
  it('the output directory holds only what was written', () => {
    const left = readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.includes('.probecheck-write-test'));
    expect(left).toEqual([]);
  });
});
