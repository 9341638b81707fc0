/**
 * One compared table: their columns, probecheck's values at the same rows, the family scales and
 * the verdict per column. Shared by index.ts (verdicts, unit checks) and diagnose.ts.
 */
import { siteCoupling, type ParsedConfig } from '../config.js';
import type { OnsagerMethod } from '../numeric/system.js';
import { rangeProblem, type Column, type Family, type ResolvedTable } from './resolve.js';
import { OutOfRangeError } from './errors.js';
import { evaluateEnergy, evaluatePoints, pointOffset, pointValue, type SystemCache, type PointState, type Variant } from './evaluate.js';
import { compareValues, gammaScale, pointScales, transmissionScale, type QuantityResult, type RowScales, type Tolerance } from './check.js';

export interface TableRun {
  readonly table: ResolvedTable;
  /** `line 7 (mu0 = -0.5 eV)`. */
  readonly where: (row: number) => string;
  /** Solved states per row (point tables). */
  readonly states?: readonly PointState[];
  /** probecheck's values per compared column (canonical units). */
  readonly ours: Map<Column, Float64Array>;
  /** μ0 or T0 per row for μ/T columns (compared as deviations), else null. */
  readonly offsets: Map<Column, Float64Array | null>;
  /** Each family's scale at every row (check.ts {@link pointScales}). */
  readonly scales: Map<Family, RowScales>;
  readonly results: Map<Column, QuantityResult>;
}

/** Columns that get a verdict (everything but the energy grid and swept parameters). */
export function compared(table: ResolvedTable): Column[] {
  return table.columns.filter((c) => c.role === 'output' || c.role === 'input');
}

/** Where a row is, with the values of its swept parameters (as written, their unit). */
export function rowDescriber(table: ResolvedTable): (row: number) => string {
  const shown = table.columns.filter((c) => c.role === 'sweep' || c.role === 'abscissa');
  return (row) => {
    const base = table.rowLabels[row];
    if (shown.length === 0) return base;
    const parts = shown.map((c) => `${c.key} = ${Number(c.raw[row].toPrecision(10))}${c.unit.symbol === '1' ? '' : ` ${c.unit.symbol}`}`);
    return `${base} (${parts.join(', ')})`;
  };
}

/** probecheck's values, offsets and scales of a point table for given states. */
export function pointValues(
  table: ResolvedTable,
  states: readonly PointState[],
  cfg: ParsedConfig,
): { ours: Map<Column, Float64Array>; offsets: Map<Column, Float64Array | null>; scales: Map<Family, RowScales> } {
  const ours = new Map<Column, Float64Array>(),
    offsets = new Map<Column, Float64Array | null>();
  const scales = pointScales(
    states,
    compared(table).some((c) => c.quantity.kind === 'effective' || c.quantity.kind === 'conductance'),
  );
  for (const c of compared(table)) {
    ours.set(
      c,
      Float64Array.from(states, (s, i) => pointValue(c, s, cfg, table.rowLabels[i], table.label)),
    );
    const k = c.quantity.kind;
    offsets.set(c, k === 'mu' || k === 'temperature' ? Float64Array.from(states, (s) => pointOffset(c, s)) : null);
    if (c.family === 'gamma') {
      const g = gammaScale(ours.get(c)!),
        prev = scales.get('gamma');
      scales.set('gamma', prev ? Float64Array.from(g, (v, i) => Math.max(v, prev[i])) : g);
    }
  }
  return { ours, offsets, scales };
}

/** Verdicts for every compared column of a table given probecheck's values. */
export function verdicts(
  table: ResolvedTable,
  ours: Map<Column, Float64Array>,
  offsets: Map<Column, Float64Array | null>,
  scales: Map<Family, RowScales>,
  tol: Tolerance,
  where: (row: number) => string,
  theirs?: (c: Column) => Float64Array,
): Map<Column, QuantityResult> {
  const out = new Map<Column, QuantityResult>();
  for (const c of compared(table)) {
    out.set(c, compareValues(c, theirs ? theirs(c) : c.values, ours.get(c)!, offsets.get(c) ?? null, scales.get(c.family)!, tol, where, table.label));
  }
  return out;
}

/** Evaluate and compare one table. */
export function runTable(table: ResolvedTable, cfg: ParsedConfig, method: OnsagerMethod, cache: SystemCache, tol: Tolerance, variant?: Variant): TableRun {
  // nothing is computed at a value beyond CONFIG's limits (resolve.ts rangeProblem)
  const bad = rangeProblem(table);
  if (bad) throw new OutOfRangeError(table.source, bad);
  const where = rowDescriber(table);
  if (table.kind === 'energy') {
    const ours = evaluateEnergy(table, cache);
    const offsets = new Map<Column, Float64Array | null>();
    const fam = (f: Family) =>
      transmissionScale(
        compared(table)
          .filter((c) => c.family === f)
          .map((c) => ours.get(c)!),
        table.rows,
      );
    const scales = new Map<Family, RowScales>([
      ['transmission', fam('transmission')],
      ['teff', fam('teff')],
    ]);
    for (const c of compared(table)) {
      if (c.family === 'gamma') {
        const cfgT = siteCoupling(cfg.config.terminals[(c.quantity as { t: number }).t].coupling)!.gamma;
        const g = typeof cfgT === 'number' ? cfgT : cfgT[0];
        const v = new Float64Array(table.rows).fill(g);
        ours.set(c, v);
        scales.set('gamma', gammaScale(v));
      }
      offsets.set(c, null);
    }
    return { table, where, ours, offsets, scales, results: verdicts(table, ours, offsets, scales, tol, where) };
  }
  const states = evaluatePoints(table, cfg, method, cache, variant);
  const { ours, offsets, scales } = pointValues(table, states, cfg);
  return { table, where, states, ours, offsets, scales, results: verdicts(table, ours, offsets, scales, tol, where) };
}
