/**
 * src/io/json.ts: the strict reading of JSON input shared by configs and compare's inputs (audit
 * D13, item 4). JSON.parse silently reads `1e-400` as 0 (for a probe's `gamma` that is the
 * coherent limit, another physical system), a subnormal as a number with fewer digits, `1e400` as
 * Infinity, and keeps the last of two equal keys. Each is refused naming the key path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkJsonText, JsonInputError, parseJsonStrict } from '../../src/io/json.js';
import { MIN_NORMAL } from '../../src/io/decimal.js';
import { ConfigError, parseConfigText } from '../../src/config.js';

const problem = (text: string): { path: string; detail: string } | null => {
  try {
    checkJsonText(text);
    return null;
  } catch (e) {
    if (e instanceof JsonInputError) return { path: e.path, detail: e.detail };
    throw e;
  }
};

describe('checkJsonText: number literals that are not doubles', () => {
  it.each([
    ['{"a": 1e-400}', 'a', /^1e-400 underflows double precision .*read as 0/],
    ['{"a": [0, 1, -3E-330]}', 'a[2]', /^-3E-330 underflows double precision .*read as 0/],
    ['{"a": {"b": [[1, 2e-310]]}}', 'a.b[0][1]', /^2e-310 underflows double precision .*subnormal/],
    ['{"a": 1e400}', 'a', /^1e400 overflows a double/],
    ['[{"x": 1}, {"x": -2e308}]', '[1].x', /^-2e308 overflows a double/],
    [`{"n": 1${'0'.repeat(400)}}`, 'n', /overflows a double/],
    ['1e-999', '', /underflows/],
  ])('%s → %s', (text, path, detail) => {
    const p = problem(text);
    expect(p?.path).toBe(path);
    expect(p?.detail).toMatch(detail);
  });

  it('accepts zeros in any form, the normal range, and numbers inside strings', () => {
    for (const t of [
      '{"a": 0e-400}',
      '{"a": -0.0}',
      '{"a": 2.2250738585072014e-308}',
      '{"a": 1.7976931348623157e308}',
      '{"a": "1e-400", "b": "x\\"1e400"}',
      '[1, -1, 0.5]',
    ])
      expect(problem(t), t).toBeNull();
    expect(problem('{"a": 2.225073858507201e-308}')?.detail).toMatch(/subnormal/); // the largest subnormal
  });

  it('property: JSON.stringify of normal doubles passes and parses as JSON.parse does; one subnormal anywhere is named by its path', () => {
    const normal = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= MIN_NORMAL);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, normal, fc.string(), tie('arr'), tie('obj')),
      arr: fc.array(tie('node'), { maxLength: 4 }),
      obj: fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
    })).obj;
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 2 ** 52 - 1 }), fc.nat(), (obj, k, at) => {
        const text = JSON.stringify(obj);
        expect(parseJsonStrict(text)).toEqual(JSON.parse(text));
        // the at-th number (document order) made a subnormal, or a new root key "sub" holding one
        const sub = k * 2 ** -1074;
        const paths: string[] = [];
        let n = 0;
        const count = (v: unknown, p: string): unknown => {
          if (typeof v === 'number') {
            paths.push(p);
            return v;
          }
          if (Array.isArray(v)) return v.map((x, i) => count(x, `${p}[${i}]`));
          if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, count(x, p === '' ? key : `${p}.${key}`)]));
          return v;
        };
        count(obj, '');
        const pick = paths.length > 0 ? at % paths.length : -1;
        const put = (v: unknown): unknown => {
          if (typeof v === 'number') return n++ === pick ? sub : v;
          if (Array.isArray(v)) return v.map(put);
          if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, put(x)]));
          return v;
        };
        const target = pick >= 0 ? paths[pick] : 'sub';
        const bad = JSON.stringify(pick >= 0 ? put(obj) : { ...obj, sub });
        const p = problem(bad);
        expect(p?.path).toBe(target);
        expect(p?.detail).toMatch(/underflows double precision/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkJsonText: duplicate keys', () => {
  it.each([
    ['{"a": 1, "a": 2}', 'a'],
    ['{"t": [{"name": "L"}, {"name": "R", "gamma": 0.1, "gamma": 0.2}]}', 't[1].gamma'],
    ['{"a": {"x": 1}, "b": {"x": 1, "y": [1, {"z": 0, "z": 0}]}}', 'b.y[1].z'],
    ['{"\\u0061": 1, "a": 2}', 'a'], // equal after unescaping
  ])('%s → %s', (text, path) => {
    const p = problem(text);
    expect(p?.path).toBe(path);
    expect(p?.detail).toMatch(/^the key ".*" is given twice in one object/);
  });

  it('the same key in different objects, and keys inside strings, are fine', () => {
    for (const t of ['[{"a": 1}, {"a": 2}]', '{"a": {"a": {"a": 1}}}', '{"a": "\\"a\\": 1", "b": "{\\"a\\":1,\\"a\\":2}"}']) expect(problem(t), t).toBeNull();
  });
});

const CONFIG = (gamma: string, extra = '') => `{
  "hamiltonian": {"model": "benzene", "hopping": -2.64},
  "reference": {"mu": 0, "T": 300},
  "terminals": [
    {"name": "L", "coupling": {"sites": [0], "gamma": 0.5}, "mu": 0.0005, "T": 300},
    {"name": "R", "coupling": {"sites": [3], "gamma": 0.5}, "mu": -0.0005, "T": 300${extra}},
    {"name": "P", "probe": "VP", "coupling": {"sites": [1], "gamma": ${gamma}}}
  ]
}`;

describe('configs: the one JSON reader (src/config.ts parseConfigText)', () => {
  const configError = (text: string) => {
    try {
      parseConfigText(text);
    } catch (e) {
      if (e instanceof ConfigError) return `${e.path}: ${e.detail}`;
      throw e;
    }
    return null;
  };
  it('gamma = 1e-400 is not the coherent limit γ = 0: refused naming the field', () => {
    expect(configError(CONFIG('1e-400'))).toMatch(/^terminals\[2\]\.coupling\.gamma: 1e-400 underflows double precision/);
    expect(configError(CONFIG('1e-310'))).toMatch(/^terminals\[2\]\.coupling\.gamma: 1e-310 underflows double precision .*subnormal/);
    expect(configError(CONFIG('1e400'))).toMatch(/^terminals\[2\]\.coupling\.gamma: 1e400 overflows a double/);
    expect(configError(CONFIG('0'))).toBeNull(); // the coherent limit written as such
    expect(configError(CONFIG('0e-400'))).toBeNull();
  });
  it('a key given twice (JSON would keep the last) is refused naming it', () => {
    expect(configError(CONFIG('0.1', ', "T": 250'))).toBe('terminals[1].T: the key "T" is given twice in one object (only one value can hold)');
  });
});
