/**
 * `scan --probe-models` computes the VP and VTP variants as extra circuits of a pass that shares
 * their Onsager set (src/cli/commands/scan.ts scanPasses; docs/physics.md §4, §8: the roles enter
 * only the circuit), the ER variant in a pass of its own. Each model's columns must equal, bit for
 * bit, a plain scan of the config with every probe switched to that model; and the passes counted
 * for the progress bar must be the passes made.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, type ParsedConfig } from '../../src/config.js';
import { scanPasses, scanTableRange } from '../../src/cli/commands/scan.js';
import { withProbeModel } from '../../src/numeric/system.js';
import { scanColumns, scanDevice, scanPoints } from '../../src/scan.js';

const CHAIN = {
  hamiltonian: { model: 'chain', sites: 10, hopping: -1, onsite: 0 },
  reference: { mu: 0.2, T: 300 },
  circuit: 'electronic',
  terminals: [
    { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.202, T: 320 },
    { name: 'R', coupling: { sites: [9], gamma: 0.3 }, mu: 0.198, T: 280 },
    { name: 'A', probe: 'VP', T: 310, coupling: { sites: [3], gamma: 0.1 } },
    { name: 'B', probe: 'VTP', coupling: { sites: [6], gamma: 0.05 } },
  ],
};

function withRoles(roles: readonly string[]): ParsedConfig {
  const c = JSON.parse(JSON.stringify(CHAIN));
  roles.forEach((r, i) => {
    c.terminals[2 + i].probe = r;
    if (r !== 'VP') delete c.terminals[2 + i].T;
  });
  return parseConfig(c);
}

const req = { mu0: '-1.5:1.5:13', gamma: 'B=0.02,0.2', method: 'closed-form' as const, probeModels: true };

describe('scan --probe-models: shared passes', () => {
  for (const roles of [
    ['VP', 'VTP'],
    ['ER', 'VTP'],
  ]) {
    it(`probes ${roles.join(', ')}: each model's columns equal a plain scan with every probe as that model`, () => {
      const parsed = withRoles(roles);
      const passes = scanPasses(parsed, true);
      expect(passes.count).toBe(roles.includes('ER') ? 3 : 2);
      let ticks = 0;
      const total = 13 * 2;
      const table = scanTableRange(parsed, req, [0, total], () => ticks++);
      expect(ticks).toBe(total * passes.count);
      const own = scanTableRange(parsed, { ...req, probeModels: false }, [0, total]);
      const width = own.header.length;
      expect(table.header.slice(0, width)).toEqual(own.header);
      for (let i = 0; i < total; i++) expect(table.rows[i].slice(0, width)).toEqual(own.rows[i]);
      for (const model of ['VP', 'VTP', 'ER'] as const) {
        const alone = scanTableRange({ ...parsed, system: withProbeModel(parsed.system, model) }, { ...req, probeModels: false }, [0, total]);
        // the model's columns: charge/heat per lead, μ/T per probe, Ṡ (format.ts appendProbeModelColumns)
        const cols = ['charge_L', 'heat_L', 'charge_R', 'heat_R', 'mu_A', 'T_A', 'mu_B', 'T_B', 'entropyProduction'];
        for (const col of cols) {
          const c = table.header.indexOf(`${col}_${model}`),
            a = alone.header.indexOf(col);
          expect(c, `${col}_${model}`).toBeGreaterThan(0);
          expect(a, col).toBeGreaterThan(0);
          const got = table.rows.map((r) => r[c]),
            want = alone.rows.map((r) => r[a]);
          expect(got, `${col}_${model}`).toEqual(want);
        }
      }
    });
  }

  it('sparse path (400-site chain, a γ scan): the passes go point by point and still equal the plain scans bit for bit', () => {
    const N = 400;
    const parsed = parseConfig({
      hamiltonian: { model: 'chain', sites: N, hopping: -1 },
      reference: { mu: 0.3, T: 30 },
      terminals: [
        { name: 'L', coupling: { sites: [0], gamma: 0.5 }, mu: 0.3001, T: 31 },
        { name: 'R', coupling: { sites: [N - 1], gamma: 0.5 }, mu: 0.2999, T: 29 },
        { name: 'A', probe: 'VTP', coupling: { sites: [123], gamma: 0.1 } },
      ],
    });
    const sparseReq = { mu0: '0.2:0.4:2', gamma: 'A=0.05,0.1', method: 'closed-form' as const, probeModels: true };
    const table = scanTableRange(parsed, sparseReq, [1, 4]);
    for (const model of ['VP', 'VTP', 'ER'] as const) {
      const alone = scanTableRange({ ...parsed, system: withProbeModel(parsed.system, model) }, { ...sparseReq, probeModels: false }, [1, 4]);
      for (const col of ['heat_L', 'charge_R', 'mu_A', 'T_A', 'entropyProduction']) {
        const c = table.header.indexOf(`${col}_${model}`),
          a = alone.header.indexOf(col);
        expect(
          table.rows.map((r) => r[c]),
          `${col}_${model}`,
        ).toEqual(alone.rows.map((r) => r[a]));
      }
    }
  }, 120_000);

  it('without --probe-models, or without probes, one pass', () => {
    expect(scanPasses(withRoles(['VP', 'VTP']), false).count).toBe(1);
    const c = JSON.parse(JSON.stringify(CHAIN));
    c.terminals = c.terminals.slice(0, 2);
    expect(scanPasses(parseConfig(c), true).count).toBe(1);
  });
});

describe('scanDevice', () => {
  const parsed = withRoles(['VP', 'VTP']);
  const spec = { mu0: [-0.5, 0, 0.5] };
  const own = { kind: parsed.circuit };

  it('an optional pass that fails ends with its error; the other passes are complete and unchanged', () => {
    const alone = scanColumns(parsed.system, parsed.reference, spec, [own]);
    const [first, broken] = scanDevice(
      [
        { system: parsed.system, circuits: [own], model: null },
        // a circuit with no terminal states: refused by the circuit set-up
        { system: withProbeModel(parsed.system, 'ER'), circuits: [{ kind: parsed.circuit, terminals: [] }], model: 'ER', optional: true },
      ],
      parsed.reference,
      spec,
    );
    expect(broken.error).toBeInstanceOf(Error);
    expect(broken.points).toEqual([]);
    expect(first.error).toBeUndefined();
    expect(first.points.map((p) => [...p.circuits[0].heatCurrent])).toEqual(scanPoints(alone).map((p) => [...p.circuits[0].heatCurrent]));
  });

  it('a failing pass that is not optional fails the scan', () => {
    expect(() =>
      scanDevice(
        [
          { system: parsed.system, circuits: [own], model: null },
          { system: parsed.system, circuits: [{ kind: parsed.circuit, terminals: [] }], model: 'VTP' },
        ],
        parsed.reference,
        spec,
      ),
    ).toThrow();
  });
});
