/**
 * Audit D4: `probecheck merge` used to copy whatever a shard held below its header — NaN cells,
 * garbage, a row with an extra cell, repeated or reordered grid rows — into the "single-run" file.
 * Every shard is now checked against the header and the run's layout (src/parallel/shard.ts
 * mergeShards): cells as the run writes them (String(x) of a finite double; empty only for a
 * `seebeck` that does not exist), the header's column count, the grid rows in the run's order.
 * A merge of valid shards stays the single run byte for byte (test/scan/shard.test.ts,
 * test/cli-map-shard.test.ts).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { mergeShards, ShardError } from '../src/parallel/shard.js';
import { propertyRuns } from './arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-merge-'));
const cfg = join(dir, 'c.json');
writeFileSync(
  cfg,
  JSON.stringify({
    hamiltonian: { model: 'benzene', hopping: -2.64, onsite: 0 },
    reference: { mu: 0, T: 300 },
    circuit: 'thermal',
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, T: 300 },
      { name: 'R', coupling: { sites: [2], gamma: 0.25 }, T: 300 },
      { name: 'P', probe: 'VTP', coupling: { sites: [3], gamma: 0.05 } },
    ],
  }),
);

interface Run {
  readonly single: string;
  readonly shards: Array<{ name: string; text: string }>;
}
const runs: Record<string, Run> = {};

async function shardRun(label: string, args: string[], n: number): Promise<Run> {
  const single = join(dir, `${label}.csv`);
  const r0 = await runCli([...args, '--out', single]);
  expect(r0.code, r0.stderr).toBe(0);
  const shards = [];
  for (let k = 1; k <= n; k++) {
    const f = join(dir, `${label}-${k}.csv`);
    const r = await runCli([...args, '--shard', `${k}/${n}`, '--out', f]);
    expect(r.code, r.stderr).toBe(0);
    shards.push({ name: f, text: readFileSync(f, 'utf8') });
  }
  return { single: readFileSync(single, 'utf8'), shards };
}

// a probe map over a device with a second component no lead reaches (sites 3, 4) and a site with no
// hopping (5): there μ_P, T_P, J^Q_P and probeError are empty cells (docs/physics.md §15)
const isolatedCfg = join(dir, 'isolated.json');
writeFileSync(
  isolatedCfg,
  JSON.stringify({
    hamiltonian: {
      edges: [
        [0, 1, -1],
        [1, 2, -1],
        [3, 4, -1],
      ],
      sites: 6,
    },
    reference: { mu: 0.1, T: 300 },
    terminals: [
      { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.101, T: 310 },
      { name: 'R', coupling: { sites: [2], gamma: 0.5 }, mu: 0.099, T: 290 },
      { name: 'P', probe: 'VTP', coupling: { sites: [1], gamma: 0.1 } },
    ],
  }),
);

beforeAll(async () => {
  // a thermal circuit at T_L = T_R: `seebeck` is the bias-independent coefficient at every row
  runs.scan = await shardRun('scan', ['scan', cfg, '--mu0', '-1:1:7', '--gamma', 'P=0.05,0,0.2', '--quiet'], 3);
  runs.transmission = await shardRun('tr', ['transmission', cfg, '--emin', '-2', '--emax', '2', '--n', '11'], 4);
  runs.map = await shardRun('map', ['map', isolatedCfg, '--probe', 'P', '--quiet'], 2);
}, 60_000);

const merge = (shards: ReadonlyArray<{ name: string; text: string }>) => mergeShards(shards);
const edit = (text: string, line: number, f: (cells: string[]) => string[]) => {
  const lines = text.split('\n');
  lines[line - 1] = f(lines[line - 1].split(',')).join(',');
  return lines.join('\n');
};
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ShardError) return e.message;
    throw e;
  }
  throw new Error('expected a ShardError');
};

describe('audit D4: merge validates every shard', () => {
  it('valid shards (a μ0 × γ scan, an E grid, a map with empty cells at isolated sites) merge into the single run, byte for byte', () => {
    expect(runs.map.single.split('\n')[4]).toMatch(/^3,[^,]*,[^,]*,,300,,/); // site 3: μ_VP and J^Q_VP empty
    for (const r of Object.values(runs)) {
      expect(merge(r.shards)).toBe(r.single);
      expect(merge([...r.shards].reverse())).toBe(r.single);
    }
  });

  it('property: one cell replaced by what the run never writes is refused naming the file, line and column', () => {
    const garbage = ['NaN', 'nan', 'Infinity', '-inf', 'abc', '1e400', '1e-400', '4.9e-324', '0x10', '', ' 1', '1.0', '+1', '1E3', '***'];
    fc.assert(
      fc.property(fc.constantFrom('scan', 'transmission', 'map'), fc.nat(), fc.nat(), fc.nat(), fc.constantFrom(...garbage), (which, s, l, c, g) => {
        const r = runs[which];
        const shards = r.shards.map((x) => ({ ...x }));
        const k = s % shards.length;
        const lines = shards[k].text.trimEnd().split('\n');
        if (lines.length < 3) return; // an empty shard
        const line = 3 + (l % (lines.length - 2));
        const header = lines[1].split(',');
        const col = c % header.length;
        const before = lines[line - 1].split(',')[col];
        // the cells a run may leave empty: a scan's seebeck, a map's undetermined probe columns
        const mayBeEmpty = which === 'map' ? ['mu_VP', 'JQ_VP', 'mu_VTP', 'T_VTP', 'probeError'] : which === 'scan' ? ['seebeck'] : [];
        fc.pre(before !== g && !(g === '' && mayBeEmpty.includes(header[col])));
        shards[k].text = edit(shards[k].text, line, (cells) => cells.map((x, j) => (j === col ? g : x)));
        const msg = errorOf(() => merge(shards));
        expect(msg.startsWith(`${shards[k].name}: line ${line}, column ${header[col]}: `), msg).toBe(true);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('a row with an extra cell, or a missing one', () => {
    const r = runs.transmission;
    const s = r.shards.map((x) => ({ ...x }));
    s[1].text = edit(s[1].text, 4, (cells) => [...cells, '0.5']);
    expect(errorOf(() => merge(s))).toMatch(new RegExp(`^${s[1].name}: line 4: 8 cells but the header has 7 columns$`));
    s[1].text = edit(r.shards[1].text, 3, (cells) => cells.slice(0, -1));
    expect(errorOf(() => merge(s))).toMatch(new RegExp(`^${s[1].name}: line 3: 6 cells but the header has 7 columns$`));
  });

  it('a repeated, reordered or foreign grid row (numbers the run could have written) is refused naming where', () => {
    const tr = runs.transmission;
    const lines = tr.shards[2].text.split('\n');
    // a row repeated in place of its neighbour (same cell count, valid numbers)
    const dup = [...lines];
    dup[3] = dup[2];
    expect(errorOf(() => merge([tr.shards[0], tr.shards[1], { ...tr.shards[2], text: dup.join('\n') }, tr.shards[3]]))).toMatch(
      new RegExp(`^${tr.shards[2].name}: line 4, column E: .* the run's grid is strictly increasing here`),
    );
    // two rows swapped: the second of them is out of order
    const swap = [...lines];
    [swap[2], swap[3]] = [swap[3], swap[2]];
    expect(errorOf(() => merge([tr.shards[0], tr.shards[1], { ...tr.shards[2], text: swap.join('\n') }, tr.shards[3]]))).toMatch(
      new RegExp(`^${tr.shards[2].name}: line 4, column E: ${swap[3].split(',')[0]} after ${swap[2].split(',')[0]}: `),
    );
    // the last row of one shard again at the start of the next
    const sc = runs.scan;
    const a = sc.shards[0].text.trimEnd().split('\n');
    const b = sc.shards[1].text.split('\n');
    b[2] = a[a.length - 1];
    expect(errorOf(() => merge([sc.shards[0], { ...sc.shards[1], text: b.join('\n') }, sc.shards[2]]))).toMatch(
      new RegExp(`^${sc.shards[1].name}: line 3, column mu0: `),
    );
    // a γ changed within its block of μ0 rows
    const g = sc.shards[1].text.split('\n');
    const row = g[3].split(',');
    row[1] = '0.3';
    g[3] = row.join(',');
    expect(errorOf(() => merge([sc.shards[0], { ...sc.shards[1], text: g.join('\n') }, sc.shards[2]]))).toMatch(
      new RegExp(`^${sc.shards[1].name}: line 4, column gamma_P: 0.3 within the block of gamma_P = `),
    );
  });

  it('through the CLI: exit 2, one line, no output file', async () => {
    const r = runs.transmission;
    const bad = join(dir, 'bad-2.csv');
    writeFileSync(
      bad,
      edit(r.shards[1].text, 3, (cells) => cells.map((x, j) => (j === 2 ? 'NaN' : x))),
    );
    const out = join(dir, 'merged.csv');
    const m = await runCli(['merge', r.shards[0].name, bad, r.shards[2].name, r.shards[3].name, '--out', out]);
    expect(m.code).toBe(2);
    expect(m.stderr.trim().split('\n')).toHaveLength(1);
    expect(m.stderr).toMatch(/^probecheck: .*bad-2\.csv: line 3, column T_L_P: "NaN" is not a decimal number/);
    expect(existsSync(out)).toBe(false);
  });
});
