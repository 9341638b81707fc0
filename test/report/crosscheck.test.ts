/**
 * The report's cross-check (src/paper/crosscheck.ts) against the repository's independent NumPy
 * implementation: test/fixtures/crosscheck/crosscheck_numpy.py writes crosscheck.json (committed);
 * the cases are recomputed here with the function that fills the headline table, on the report's
 * grid (±3 eV, 5 meV). To stay fast this test recomputes the cases of a few geometries' worth of rows
 * (all sets); `probecheck paper` recomputes all of them and shows them in the report.
 * Tolerance: CROSSCHECK_RTOL = 1e-8 relative (justified in crosscheck.ts).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { CLAIMS, CROSSCHECK_RTOL, LinearSweeps, SEARCH_SPACE, DEFAULT_PARAMETERS, crossChecks, parseCrosscheck } from '../../src/paper/index.js';

const fixture = parseCrosscheck(JSON.parse(readFileSync('test/fixtures/crosscheck/crosscheck.json', 'utf8')));

describe('cross-check with the independent NumPy implementation', () => {
  it('covers every headline row at the baseline', () => {
    const base = fixture.cases.filter((c) => c.set_name === 'baseline').map((c) => c.row);
    expect(base).toEqual(CLAIMS.map((c) => c.id));
    expect(fixture.generator).toBe('test/fixtures/crosscheck/crosscheck_numpy.py');
  });

  it('agrees to 1e-8 relative on node, peak, thermopower and flat-probe rows', () => {
    const sweeps = new LinearSweeps(SEARCH_SPACE, DEFAULT_PARAMETERS.T0);
    const rows = new Set(['fig2b-node', 'fig4b', 'fig5-symmetric', 'fig1-charge']);
    const sets = new Set(['baseline', 't2.70-g0.05-TR', 'global-fit']);
    const cc = crossChecks(fixture, sweeps, DEFAULT_PARAMETERS.T0, DEFAULT_PARAMETERS.zeroCrossingWindow, (c) => rows.has(c.row) && sets.has(c.set_name));
    expect(cc.length).toBe(rows.size * sets.size);
    for (const c of cc) expect(c.relDiff, `${c.setName}/${c.row}: numpy ${c.numpy}, ours ${c.ours}`).toBeLessThanOrEqual(CROSSCHECK_RTOL);
    // the pure-thermal 14,723 % of the paper, by both implementations
    const fig4b = cc.find((c) => c.row === 'fig4b' && c.setName === 't2.70-g0.05-TR')!;
    expect(fig4b.numpy).toBeCloseTo(14723.12, 1);
  });

  it('rejects a malformed fixture naming the field', () => {
    expect(() => parseCrosscheck({ cases: [{ row: 'nope', value_pct: 1, parameters: {} }] })).toThrow(/cases\[0\]\.row/);
    expect(() => parseCrosscheck({})).toThrow(/cases/);
  });
});
