/**
 * Cross-check against an independent implementation kept in the repository:
 * test/fixtures/crosscheck/crosscheck_numpy.py (NumPy: direct Green's-function inversion on an
 * energy grid, trapezoid-rule Onsager integrals, direct circuit solves; nothing shared with this
 * code but the definitions of the reported quantities) writes crosscheck.json, a list of cases —
 * a headline row at a fully specified parameter set and the value NumPy obtains. probecheck
 * recomputes each case with the same function that fills the headline table ({@link measureClaim})
 * and compares. The fixture is read at the edge (the CLI) and passed in.
 *
 * Agreement: relative difference ≤ 1e-8. Both are exact up to rounding and quadrature error (NumPy's
 * trapezoid error is below 1e-100, its truncation 4e-18 of the integral); the node values divide
 * a difference of two heat currents by one ~10⁻⁴ of its maximum, so rounding of ~1e-13 in the
 * currents becomes ~1e-9 in the ratio. Rows that vanish agree when both are ≤ the row's rounding level.
 */
import { CLAIMS, matches, measureClaim, type ClaimContext } from './headline.js';
import { describeSet } from './headline.js';
import type { LinearSweeps, ParameterSet } from './search.js';

/** One case of crosscheck.json. */
export interface CrosscheckCase {
  readonly set_name: string;
  readonly row: string;
  readonly parameters: ParameterSet;
  readonly value_pct: number;
}

/** The parsed crosscheck.json. */
export interface CrosscheckFixture {
  readonly generator: string;
  readonly method: string;
  readonly numpy: string;
  readonly cases: readonly CrosscheckCase[];
}

/** One case, NumPy's value and ours. */
export interface CrossCheck {
  readonly setName: string;
  readonly row: string;
  readonly parameters: string;
  readonly numpy: number;
  readonly ours: number;
  /** |ours − numpy| / |numpy| (NaN for vanishing rows). */
  readonly relDiff: number;
  readonly agrees: boolean;
}

/** Relative agreement required (see the module comment). */
export const CROSSCHECK_RTOL = 1e-8;

/** Check that `value` is a crosscheck.json object; throws an Error naming the field otherwise. */
export function parseCrosscheck(value: unknown): CrosscheckFixture {
  const v = value as CrosscheckFixture;
  if (!v || typeof v !== 'object' || !Array.isArray(v.cases)) throw new Error('crosscheck.json: cases: expected an array');
  v.cases.forEach((c, i) => {
    if (!CLAIMS.some((k) => k.id === c.row)) throw new Error(`crosscheck.json: cases[${i}].row: unknown row "${c.row}"`);
    if (typeof c.value_pct !== 'number') throw new Error(`crosscheck.json: cases[${i}].value_pct: expected a number`);
    if (!c.parameters || typeof c.parameters.hopping !== 'number') throw new Error(`crosscheck.json: cases[${i}].parameters: expected a parameter set`);
  });
  return v;
}

/** Recompute every case of the fixture (or those `filter` keeps). */
export function crossChecks(
  fixture: CrosscheckFixture,
  sweeps: LinearSweeps,
  T0: number,
  window: number,
  filter: (c: CrosscheckCase) => boolean = () => true,
): CrossCheck[] {
  const ctx: ClaimContext = { sweeps, T0, window, memo: new Map() };
  return fixture.cases.filter(filter).map((c) => {
    const claim = CLAIMS.find((k) => k.id === c.row)!;
    const ours = measureClaim(claim, c.parameters, ctx).value;
    const vanishes = claim.relation.kind === 'vanishes';
    const relDiff = vanishes ? Number.NaN : Math.abs(ours - c.value_pct) / Math.abs(c.value_pct);
    const agrees = vanishes ? matches(claim, ours) && matches(claim, c.value_pct) : relDiff <= CROSSCHECK_RTOL;
    return {
      setName: c.set_name,
      row: c.row,
      parameters: describeSet(c.parameters, claim.dimensions, claim.config, T0),
      numpy: c.value_pct,
      ours,
      relDiff,
      agrees,
    };
  });
}
