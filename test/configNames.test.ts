/**
 * Terminal names with "_" (audit D6): names become parts of column names (T_<a>_<b>, L0_<a>_<b>,
 * mu_<X>, heat_<X>_<model>, …) that compare reads back by splitting at "_". The config validator
 * (src/config.ts checkNameCollisions) refuses exactly the name sets whose columns would mean two
 * things, naming both terminals; for every other set, every column probecheck writes maps back to
 * its own quantity through compare's parser (src/compare/parse.ts, resolve.ts).
 *
 * Property (both directions, random name sets from tokens that collide in every known way):
 * refused ⟺ the columns of the transmission table and of a `scan --probe-models` table either
 * repeat a header or do not all resolve to themselves.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, parseConfig, type ParsedConfig } from '../src/config.js';
import { parseCsv } from '../src/compare/parse.js';
import { resolveTables } from '../src/compare/resolve.js';
import { PROBE_MODELS } from '../src/model/probeModels.js';

const TOKENS = ['A', 'B', 'C', 'A_B', 'B_C', 'AB', 'L', 'R', 'L_VP', 'P', 'P_VTP', 'P_ER', '_R', 'L_', 'eff', 'eff_A', 'effA', 'x_y_z', 'x', 'y_z', 'x_y', 'z'];
const nameArb = fc.oneof(fc.constantFrom(...TOKENS), fc.stringMatching(/^[ABL_]{1,4}$/));

function raw(names: readonly string[], probes: readonly boolean[]) {
  return {
    hamiltonian: { model: 'benzene' },
    reference: { mu: 0, T: 300 },
    terminals: names.map((name, i) =>
      i < 2 || !probes[i]
        ? { name, coupling: { sites: [i % 6], gamma: 0.5 }, mu: 0, T: 300 }
        : { name, probe: 'VTP', coupling: { sites: [i % 6], gamma: 0.1 } },
    ),
  };
}

/** The headers probecheck writes: the transmission CSV (E, T_a_b) and a scan CSV with --probe-models and L^(ν) columns. */
function tables(names: readonly string[], isProbe: readonly boolean[]): string[][] {
  const tr = ['E'];
  names.forEach((a, i) => names.forEach((b, j) => i !== j && tr.push(`T_${a}_${b}`)));
  const sc = ['mu0'];
  for (const x of names) sc.push(`mu_${x}`, `T_${x}`, `particle_${x}`, `charge_${x}`, `heat_${x}`);
  sc.push('entropyProduction');
  for (const nu of [0, 1, 2]) for (const a of names) for (const b of names) sc.push(`L${nu}_${a}_${b}`);
  if (isProbe.some(Boolean))
    for (const m of PROBE_MODELS) {
      names.forEach((x, i) => (isProbe[i] ? sc.push(`mu_${x}_${m}`, `T_${x}_${m}`) : sc.push(`charge_${x}_${m}`, `heat_${x}_${m}`)));
      sc.push(`entropyProduction_${m}`);
    }
  return [tr, sc];
}

/** Every header resolves through compare's parser to its own canonical name (null: it does not). */
function roundTrips(cfg: ParsedConfig, headers: string[]): string | null {
  const text = `${headers.join(',')}\n${headers.map((_, k) => (k === 0 ? '0.1' : '1')).join(',')}\n`;
  try {
    const resolved = resolveTables(parseCsv(text, 'x.csv'), cfg);
    const keys = resolved.flatMap((t) => t.columns.map((c) => c.key));
    const want = [...headers].sort();
    const got = [...new Set(keys)].sort();
    for (const h of want) if (!got.includes(h)) return `${h} does not resolve to itself (keys: ${got.join(' ')})`;
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('terminal names and column names (audit D6)', () => {
  it('refused exactly when a column would be ambiguous; otherwise every column maps back uniquely', () => {
    let refused = 0,
      accepted = 0;
    fc.assert(
      fc.property(fc.uniqueArray(nameArb, { minLength: 2, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (names, flags) => {
        const probes = names.map((_, i) => i >= 2 && flags[i]);
        let cfg: ParsedConfig | null = null,
          err: unknown;
        try {
          cfg = parseConfig(raw(names, probes));
        } catch (e) {
          err = e;
        }
        // the same system under neutral names, renamed: what compare would face with these names
        const base = parseConfig(
          raw(
            names.map((_, i) => `t${i}`),
            probes,
          ),
        );
        const asNamed: ParsedConfig = { ...base, system: { ...base.system, terminals: base.system.terminals.map((t, i) => ({ ...t, name: names[i] })) } };
        const problems = tables(names, probes)
          .map((h) => roundTrips(asNamed, h))
          .filter((p) => p !== null);
        if (cfg) {
          accepted++;
          expect(problems, `accepted ${JSON.stringify(names)}`).toEqual([]);
        } else {
          refused++;
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as ConfigError).path).toMatch(/^terminals\[\d+\]\.name$/);
          expect((err as Error).message.split('\n')).toHaveLength(1);
          // the message names the terminals involved (at least two of them, quoted)
          const quoted = names.filter((n) => (err as Error).message.includes(JSON.stringify(n)));
          if (!/"eff/.test((err as Error).message)) expect(quoted.length, (err as Error).message).toBeGreaterThanOrEqual(2);
          expect(problems.length, `refused ${JSON.stringify(names)} but every column maps back: ${(err as Error).message}`).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(20);
    expect(accepted).toBeGreaterThan(20);
  });

  it('the audit case: "A_B", "C" with "A", "B_C" is refused naming the terminals; "A_B" and "C" alone are fine', () => {
    expect(() => parseConfig(raw(['A_B', 'C', 'A', 'B_C'], [false, false, false, false]))).toThrow(
      /^terminals\[3\]\.name: terminal names "A_B", "C" and "A", "B_C" make the column T_A_B_C .* ambiguous/,
    );
    expect(parseConfig(raw(['A_B', 'C'], [false, false])).system.terminals.map((t) => t.name)).toEqual(['A_B', 'C']);
    expect(() => parseConfig(raw(['L', 'R', 'L_VP'], [false, false, true]))).toThrow(/^terminals\[2\]\.name: terminal name "L_VP" is terminal "L"/);
    expect(() => parseConfig(raw(['L', 'R', 'L_R'], [false, false, false]))).toThrow(/^terminals\[2\]\.name: terminal name "L_R" is terminals "L" and "R"/);
  });
});
