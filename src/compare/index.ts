/**
 * `probecheck compare`: a regression oracle for other probe codes (docs/compare.md). Pure: the
 * CLI reads the files and passes their text here; this module parses them, recomputes every
 * quantity with probecheck's own pipeline at the same points, decides pass/fail per quantity,
 * rejects unit mismatches as bad input, and explains failures.
 */
import type { ParsedConfig } from '../config.js';
import type { OnsagerMethod } from '../numeric/system.js';
import { parseOutput } from './parse.js';
import { rangeProblem, resolveTables, type Column, type ResolvedTable } from './resolve.js';
import { SystemCache, evaluateEnergy } from './evaluate.js';
import { compared, runTable, type TableRun } from './run.js';
import { DEFAULT_TOLERANCE, matchesSignificantly, toleranceProblem, transmissionScale, type QuantityResult, type Tolerance } from './check.js';
import { diagnose, fmt, type Diagnostic } from './diagnose.js';
import { CompareInputError, OutOfRangeError, UnitMismatchError } from './errors.js';
import { type Unit, unitsOf, squaredEnergyUnit } from './units.js';
import { applyMap, mergeMaps, type NameMap } from './map.js';

export { CompareInputError, UnitMismatchError } from './errors.js';
export { DEFAULT_TOLERANCE, type QuantityResult, type Tolerance } from './check.js';
export type { Diagnostic } from './diagnose.js';
export { parseUnitOption } from './units.js';
export { parseMapOption, type NameMap } from './map.js';
export { formatReport, formatText, formatJson, formatJunit, summaryLine, type ReportFormat } from './format.js';

/** One of their files. */
export interface CompareInput {
  /** File name (for messages). */
  readonly name: string;
  readonly text: string;
}

export interface CompareOptions {
  readonly tolerance?: Tolerance;
  /** `--units` (kind → unit). */
  readonly units?: ReadonlyMap<string, Unit>;
  /** Column names to skip. */
  readonly ignore?: readonly string[];
  /** Their currents are counted out of each terminal. */
  readonly currentsOut?: boolean;
  readonly method?: OnsagerMethod;
  /** `--map OLD=NEW,…`: their column or terminal names → probecheck's (map.ts). */
  readonly map?: NameMap;
  /** `--spin-degeneracy g` (1 or 2): their currents, Ṡ and conductances are divided by g. */
  readonly spinDegeneracy?: number;
}

/** The full result of a comparison. */
export interface CompareReport {
  readonly config: string;
  readonly inputs: readonly string[];
  readonly tolerance: Tolerance;
  readonly method: OnsagerMethod;
  readonly quantities: readonly QuantityResult[];
  readonly diagnostics: readonly Diagnostic[];
  /** What was read: tables, rows, swept parameters, units. */
  readonly tables: ReadonlyArray<{
    readonly label: string;
    readonly kind: 'energy' | 'points';
    readonly rows: number;
    readonly swept: readonly string[];
    readonly units: Readonly<Record<string, string>>;
  }>;
  readonly summary: {
    readonly total: number;
    readonly passed: number;
    readonly failed: number;
    readonly failedKeys: readonly string[];
    readonly pass: boolean;
  };
}

/** Exit code for a report: 0 all pass, 1 any fails. */
export function exitCode(r: CompareReport): 0 | 1 {
  return r.summary.pass ? 0 : 1;
}

const TINY_ENERGY_EV = 1e-12;

/** A column's values re-read in another unit (sign of --currents-out kept). */
function reread(c: Column, u: Unit): Float64Array {
  return c.raw.map((v) => (c.sign * v * u.factor) / c.spin);
}

function declaredHow(c: Column): string {
  return c.unitSource === 'annotation'
    ? `annotated [${c.unit.symbol}]`
    : c.unitSource === 'option'
      ? `declared ${c.unit.symbol} by --units`
      : c.unitSource === 'file'
        ? `declared ${c.unit.symbol} in the file's "units"`
        : `no unit given, so ${c.unit.symbol}`;
}

function kindOf(c: Column): string {
  return c.dimension === 'energy2' ? 'energy' : c.dimension;
}

/**
 * Unit mismatches detected with confidence (docs/compare.md §Units): a failing column that, re-read
 * in another accepted unit of its dimension, matches probecheck at every row on significant values
 * (the accepted units differ by factors ≥ 10³ or by e, h, k_B, so no physics error mimics one);
 * energy columns (E, μ, γ) of ≤ 1e-12 eV; and energy/temperature parameters re-read as a whole.
 */
function checkUnits(run: TableRun, cfg: ParsedConfig, method: OnsagerMethod, cache: SystemCache, tol: Tolerance): void {
  const t = run.table;
  const src = t.label;
  // 1. Implausible energies: nothing in a transport calculation is 1e-12 eV, but e·(1 eV) in J is 1.6e-19.
  for (const c of t.columns) {
    if (c.dimension !== 'energy' || c.unit.symbol !== 'eV' || c.quantity.kind === 'onsager') continue;
    if (!(c.role === 'abscissa' || c.role === 'sweep' || c.role === 'input')) continue;
    const max = c.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (max > 0 && max < TINY_ENERGY_EV) {
      throw new UnitMismatchError(
        src,
        `column ${c.header}: every |value| is below ${TINY_ENERGY_EV} eV (max ${fmt(max)}; ${declaredHow(c)}) — these look like joules; declare ${c.key}[J] in the header or --units energy=J`,
      );
    }
  }
  const fails = compared(t).filter((c) => !run.results.get(c)!.pass);
  if (fails.length === 0) return;
  // 2. One column in another unit.
  for (const c of fails) {
    for (const u of unitsOf(c.dimension)) {
      if (Math.abs(u.factor / c.unit.factor - 1) < 1e-9) continue;
      const alt = reread(c, u);
      if (matchesSignificantly(alt, run.ours.get(c)!, run.offsets.get(c) ?? null, run.scales.get(c.family)!, tol)) {
        throw new UnitMismatchError(
          src,
          `column ${c.header}: the values are in ${u.symbol}, not ${c.unit.symbol} (${declaredHow(c)}): read as ${u.symbol} they match probecheck at every row; declare ${c.key}[${u.symbol}] in the header or --units ${kindOf(c)}=${u.symbol}`,
        );
      }
    }
  }
  // 3. and 4.
  rereadWholeTable(t, cfg, method, cache, tol, fails);
}

/**
 * Rules 3 and 4 of docs/compare.md §Units: the energy grid of an energy table, or every
 * un-annotated energy (or temperature) column of a point table, parameters included, re-read in
 * another unit makes every quantity match. `fails`: the columns that failed as declared, or null
 * when the table as declared could not be computed at all (a swept value beyond CONFIG's limits,
 * e.g. an energy grid in meV read as eV): then any column matching significantly counts.
 * @throws UnitMismatchError when a re-read explains the table
 */
function rereadWholeTable(
  t: ResolvedTable,
  cfg: ParsedConfig,
  method: OnsagerMethod,
  cache: SystemCache,
  tol: Tolerance,
  fails: readonly Column[] | null,
): void {
  const src = t.label;
  // 3. The energy grid in another unit (energy tables): re-evaluate T(E) at the re-read energies.
  const e = t.columns.find((c) => c.quantity.kind === 'E');
  if (t.kind === 'energy' && e && e.unitSource !== 'annotation') {
    for (const u of unitsOf('energy')) {
      if (Math.abs(u.factor / e.unit.factor - 1) < 1e-9) continue;
      const f = u.factor / e.unit.factor;
      // never evaluated beyond CONFIG's limits (resolve.ts rangeProblem)
      if (rangeProblem({ ...t, columns: t.columns.map((c) => (c === e ? { ...c, values: c.values.map((v) => v * f) } : c)) })) continue;
      const ours = evaluateEnergy(t, cache, f);
      const tcols = compared(t).filter((c) => c.quantity.kind === 'transmission' || c.quantity.kind === 'teff');
      // the scale of the re-read table itself (check.ts transmissionScale)
      const scaleOf = (fam: string) =>
        transmissionScale(
          tcols.filter((c) => c.family === fam).map((c) => ours.get(c)!),
          t.rows,
        );
      if (tcols.length > 0 && tcols.every((c) => matchesSignificantly(c.values, ours.get(c)!, null, scaleOf(c.family), tol))) {
        throw new UnitMismatchError(
          src,
          `column ${e.header}: the energy grid is in ${u.symbol}, not ${e.unit.symbol} (${declaredHow(e)}): with E read as ${u.symbol} every transmission matches; declare E[${u.symbol}] in the header or --units energy=${u.symbol}`,
        );
      }
    }
  }
  // 4. Every un-annotated energy (or temperature) column of a point table in another unit, parameters included.
  if (t.kind === 'points') {
    for (const dim of ['energy', 'temperature'] as const) {
      const affected = t.columns.filter((c) => (c.dimension === dim || (dim === 'energy' && c.dimension === 'energy2')) && c.unitSource !== 'annotation');
      if (!affected.some((c) => c.role === 'sweep' || c.role === 'input')) continue;
      const declared = affected.find((c) => c.dimension === dim)?.unit;
      if (!declared) continue;
      for (const u of unitsOf(dim)) {
        if (u.symbol === declared.symbol) continue;
        const re: ResolvedTable = {
          ...t,
          columns: t.columns.map((c) => {
            if (!affected.includes(c)) return c;
            const nu = c.dimension === 'energy2' ? squaredEnergyUnit(u) : u;
            return { ...c, unit: nu, values: reread(c, nu) };
          }),
        };
        let alt: TableRun;
        try {
          alt = runTable(re, cfg, method, cache, tol);
        } catch {
          continue;
        }
        const all = [...alt.results.values()];
        const anyFixed = (fails ?? compared(t)).some((c) => {
          const k = t.columns.indexOf(c);
          const ac = re.columns[k];
          return alt.results.get(ac)!.pass && matchesSignificantly(ac.values, alt.ours.get(ac)!, alt.offsets.get(ac) ?? null, alt.scales.get(ac.family)!, tol);
        });
        if (all.every((r) => r.pass) && anyFixed) {
          throw new UnitMismatchError(
            src,
            `the ${dim} columns (${affected.map((c) => c.header).join(', ')}) are in ${u.symbol}, not ${declared.symbol} (${declaredHow(affected[0])}): read as ${u.symbol} every quantity matches; declare --units ${dim}=${u.symbol} (or annotate each header)`,
          );
        }
      }
    }
  }
}

/**
 * Compare their outputs with probecheck for CONFIG.
 * @throws CompareInputError for unreadable or inconsistent input (the CLI's exit code 2)
 * @throws UnitMismatchError when their values are in another unit than declared (exit code 2)
 * @example
 * ```ts
 * import { linspace, parseConfig, transmissionEngine } from 'probecheck';
 * import { runCompare } from 'probecheck/compare';
 *
 * const cfg = parseConfig({
 *   hamiltonian: { model: 'chain', sites: 3, hopping: -1 },
 *   reference: { mu: 0, T: 300 },
 *   terminals: [
 *     { name: 'L', coupling: { sites: [0], gamma: 0.2 }, mu: 0.001, T: 300 },
 *     { name: 'R', coupling: { sites: [2], gamma: 0.2 }, mu: 0, T: 300 },
 *   ],
 * });
 * // "their" transmission table, here computed with probecheck itself
 * const engine = transmissionEngine(cfg.system.hamiltonian, cfg.system.terminals.map((t) => t.coupling));
 * const t = new Float64Array(4);
 * const rows = linspace(-2, 2, 9).map((e) => { engine.evaluate(e, t); return `${e},${t[1]}`; });
 * const report = runCompare(cfg, [{ name: 'theirs.csv', text: ['E,T_L_R', ...rows].join('\n') }]);
 * console.log(report.summary.pass, report.summary.total); // true 1
 * ```
 */
export function runCompare(cfg: ParsedConfig, inputs: readonly CompareInput[], opts: CompareOptions = {}, configName = 'CONFIG'): CompareReport {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const tolBad = toleranceProblem(tol);
  if (tolBad) throw new CompareInputError('', `tolerance: ${tolBad}`);
  const method = opts.method ?? 'closed-form';
  const ignore = new Set(opts.ignore ?? []);
  const cache = new SystemCache(cfg);
  const tables: ResolvedTable[] = [];
  const seenNames = new Set<string>();
  const names = cfg.system.terminals.map((t) => t.name);
  const usedMap = new Set<string>();
  for (const input of inputs) {
    for (const raw0 of parseOutput(input.text, input.name)) {
      raw0.columns.forEach((c) => seenNames.add(c.name));
      const map = mergeMaps(raw0.source, new Map(Object.entries(raw0.map ?? {})), opts.map);
      const { table: raw, used } = applyMap(raw0, map, names);
      used.forEach((u) => usedMap.add(u));
      for (const [from, to] of map) {
        if (ignore.has(from)) ignore.add(to);
        if (raw0.map?.[from] !== undefined && !used.has(from) && opts.map?.get(from) === undefined) {
          throw new CompareInputError(
            raw0.source,
            `map.${from}: renames nothing (no column "${from}" and no terminal "${from}" in any column name${names.includes(to) ? '' : `; "${to}" is not a terminal of CONFIG (${names.join(', ')})`})`,
          );
        }
      }
      raw.columns.forEach((c) => seenNames.add(c.name));
      tables.push(...resolveTables(raw, cfg, { units: opts.units, ignore, currentsOut: opts.currentsOut, spinDegeneracy: opts.spinDegeneracy }));
    }
  }
  for (const [from, to] of opts.map ?? []) {
    if (!usedMap.has(from))
      throw new CompareInputError(
        '',
        `--map ${from}=${to}: renames nothing (no column "${from}" and no terminal part "${from}" in ${inputs.map((i) => i.name).join(', ')}${names.includes(to) ? '' : `; "${to}" is not a terminal of CONFIG (${names.join(', ')})`})`,
      );
  }
  for (const name of ignore)
    if (!seenNames.has(name)) throw new CompareInputError('', `--ignore: no column named "${name}" in ${inputs.map((i) => i.name).join(', ')}`);
  const runs = tables.map((t) => {
    try {
      return runTable(t, cfg, method, cache, tol);
    } catch (e) {
      // a table beyond CONFIG's limits as declared: in another unit it may be a valid one (rules 3, 4)
      if (e instanceof OutOfRangeError) rereadWholeTable(t, cfg, method, cache, tol, null);
      throw e;
    }
  });
  for (const run of runs) checkUnits(run, cfg, method, cache, tol);
  const diagnostics = diagnose(runs, cfg, tol, method, cache);
  const quantities = runs.flatMap((r) => [...r.results.values()]);
  const failed = quantities.filter((q) => !q.pass);
  return {
    config: configName,
    inputs: inputs.map((i) => i.name),
    tolerance: tol,
    method,
    quantities,
    diagnostics,
    tables: runs.map((r) => ({
      label: r.table.label,
      kind: r.table.kind,
      rows: r.table.rows,
      swept: r.table.columns.filter((c) => c.role === 'sweep').map((c) => c.key),
      units: Object.fromEntries(r.table.columns.map((c) => [c.key, c.unit.symbol])),
    })),
    summary: {
      total: quantities.length,
      passed: quantities.length - failed.length,
      failed: failed.length,
      failedKeys: failed.map((q) => (new Set(failed.map((f) => f.source)).size > 1 ? `${q.source}:${q.key}` : q.key)),
      pass: failed.length === 0,
    },
  };
}
