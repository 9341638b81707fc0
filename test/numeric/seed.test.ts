/** The property-test seed machinery (test/setup.ts): bad values are errors, never a silent 0. */
import { describe, it, expect } from 'vitest';
import { seedFromEnv, runsFromEnv, propertyRuns, DEFAULT_SEED } from '../arbitraries.js';

describe('PROBECHECK_SEED and PROBECHECK_RUNS', () => {
  it('parse integers, "random", and refuse anything else', () => {
    expect(seedFromEnv(undefined)).toBe(DEFAULT_SEED);
    expect(seedFromEnv('42')).toBe(42);
    expect(seedFromEnv('-7')).toBe(-7);
    expect(Number.isInteger(seedFromEnv('random'))).toBe(true);
    for (const bad of ['abc', '1.5', '1e3', '99999999999', ' ', 'NaN']) expect(() => seedFromEnv(bad), bad).toThrow(/PROBECHECK_SEED/);
    expect(runsFromEnv(undefined)).toBeUndefined();
    expect(runsFromEnv('500')).toBe(500);
    for (const bad of ['0', '-1', 'many', '2.5']) expect(() => runsFromEnv(bad), bad).toThrow(/PROBECHECK_RUNS/);
  });
  it("PROBECHECK_RUNS overrides a property's own default", () => {
    const saved = process.env.PROBECHECK_RUNS;
    try {
      process.env.PROBECHECK_RUNS = '7';
      expect(propertyRuns(40)).toBe(7);
      delete process.env.PROBECHECK_RUNS;
      expect(propertyRuns(40)).toBe(40);
    } finally {
      if (saved === undefined) delete process.env.PROBECHECK_RUNS;
      else process.env.PROBECHECK_RUNS = saved;
    }
  });
});
