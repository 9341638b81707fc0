/**
 * Shards: a scan (or map) of T points split into N contiguous parts, run anywhere (a Slurm job array,
 * GNU parallel, several machines) and joined by `probecheck merge` into the file a single run writes,
 * byte for byte (docs/scale.md). Pure functions; the CLI does the I/O.
 *
 * A shard file is the single-run CSV with one first line
 *   `# probecheck-shard K/N rows A-B of T key=<fingerprint>`
 * (rows A…B−1 of the full table, 0-based; the fingerprint identifies the run: config text and
 * options), then the header and its rows. The merge checks that the shards are 1…N of one run,
 * cover 0…T−1 without gap or overlap and share the header, that every row is as the run writes it
 * (the header's cell count, numbers as `String(x)` of finite doubles, the grid rows in the run's
 * order), then writes header + rows in order.
 */
import { createHash } from 'node:crypto';
import { parseDecimal } from '../io/decimal.js';
import { MAP_UNDETERMINED_COLUMNS } from '../analysis/map.js';

/** A shard: the K-th of N parts (1-based K). */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/** Parse "K/N" (1 ≤ K ≤ N); throws an Error with the reason. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`expected K/N (e.g. 3/8), got "${text}"`);
  const k = Number(m[1]),
    n = Number(m[2]);
  // beyond 2^53 − 1 the digits would be rounded (K/N of 2^53 + 1 read as 2^53): refused
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n))
    throw new Error(`K and N must be at most ${Number.MAX_SAFE_INTEGER} (2^53 − 1), got "${text.trim()}"`);
  if (!(n >= 1 && k >= 1 && k <= n)) throw new Error(`need 1 ≤ K ≤ N, got ${k}/${n}`);
  return { k, n };
}

/** The rows [start, end) of shard K/N of `total` rows: contiguous, sizes differ by at most one. */
export function shardRange(total: number, shard: Shard): [number, number] {
  return [Math.floor(((shard.k - 1) * total) / shard.n), Math.floor((shard.k * total) / shard.n)];
}

/** Fingerprint of a run (what must agree between shards to be merged). */
export function runFingerprint(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest('hex').slice(0, 16);
}

/** The first line of a shard file. */
export function shardLine(shard: Shard, range: readonly [number, number], total: number, key: string): string {
  return `# probecheck-shard ${shard.k}/${shard.n} rows ${range[0]}-${range[1]} of ${total} key=${key}`;
}

/** A parsed shard file. */
export interface ShardFile {
  readonly shard: Shard;
  readonly start: number;
  readonly end: number;
  readonly total: number;
  readonly key: string;
  readonly header: string;
  /** The data lines (each without its newline). */
  readonly rows: readonly string[];
}

/** Thrown for shards that do not make up one run; `file` names the offending input. */
export class ShardError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ShardError';
  }
}

/** Parse a shard file's text. */
export function parseShardFile(text: string, file: string): ShardFile {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const m = /^# probecheck-shard (\d+)\/(\d+) rows (\d+)-(\d+) of (\d+) key=([0-9a-f]+)$/.exec(lines[0] ?? '');
  if (!m) throw new ShardError(`${file}: not a probecheck shard (first line must be "# probecheck-shard K/N rows A-B of T key=…")`, file);
  const [k, n, start, end, total] = m.slice(1, 6).map(Number);
  if (lines.length < 2) throw new ShardError(`${file}: no header line`, file);
  const rows = lines.slice(2);
  if (rows.length !== end - start) throw new ShardError(`${file}: declares rows ${start}-${end} (${end - start}) but holds ${rows.length} (truncated?)`, file);
  return { shard: { k, n }, start, end, total, key: m[6], header: lines[1], rows };
}

/** Join shards (any order) into the single-run text; throws ShardError when they do not fit together. */
export function mergeShards(files: ReadonlyArray<{ readonly name: string; readonly text: string }>): string {
  if (files.length === 0) throw new ShardError('no shard files given', '');
  const parsed = files.map((f) => ({ name: f.name, s: parseShardFile(f.text, f.name) }));
  const first = parsed[0].s;
  const seen = new Map<number, string>();
  for (const { name, s } of parsed) {
    if (s.key !== first.key || s.shard.n !== first.shard.n || s.total !== first.total)
      throw new ShardError(
        `${name}: belongs to another run (key ${s.key}, ${s.shard.n} shards of ${s.total} rows; ${parsed[0].name} has key ${first.key}, ${first.shard.n} of ${first.total})`,
        name,
      );
    if (s.header !== first.header) throw new ShardError(`${name}: header differs from ${parsed[0].name}`, name);
    if (seen.has(s.shard.k)) throw new ShardError(`${name}: shard ${s.shard.k}/${s.shard.n} given twice (also ${seen.get(s.shard.k)})`, name);
    seen.set(s.shard.k, name);
  }
  const missing: number[] = [];
  for (let k = 1; k <= first.shard.n; k++) if (!seen.has(k)) missing.push(k);
  if (missing.length) throw new ShardError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.shard.n}`).join(', ')}`, '');
  parsed.sort((a, b) => a.s.start - b.s.start);
  let at = 0;
  for (const { name, s } of parsed) {
    if (s.start !== at) throw new ShardError(`${name}: starts at row ${s.start}, expected ${at} (gap or overlap)`, name);
    at = s.end;
  }
  if (at !== first.total) throw new ShardError(`shards end at row ${at}, expected ${first.total}`, '');
  // every row as the run writes it, and the sweep rows in the run's order (audit D4): a merge never
  // copies NaN, garbage, an extra cell or a reordered/duplicated row into the single-run file
  const header = first.header.split(',');
  const table = header[0] === 'site' ? 'map' : 'scan'; // a transmission table has no empty cells either way
  const cells: string[][] = [];
  const where: Array<{ name: string; line: number }> = [];
  for (const { name, s } of parsed)
    s.rows.forEach((r, i) => {
      const line = i + 3; // line 1: the shard line, line 2: the header
      const row = r.split(',');
      if (row.length !== header.length) throw new ShardError(`${name}: line ${line}: ${row.length} cells but the header has ${header.length} columns`, name);
      row.forEach((c, j) => {
        const p = cellProblem(c, header[j], table);
        if (p) throw new ShardError(`${name}: line ${line}, column ${header[j]}: ${p}`, name);
      });
      cells.push(row);
      where.push({ name, line });
    });
  const bad = sweepOrderProblem(header, cells);
  if (bad) {
    const w = where[bad.row];
    throw new ShardError(`${w.name}: line ${w.line}, column ${header[bad.column]}: ${bad.why}`, w.name);
  }
  const out = [first.header];
  for (const { s } of parsed) for (const r of s.rows) out.push(r);
  return out.join('\n') + '\n';
}

/**
 * Columns a run may leave empty: a scan's thermopower where it does not exist (nonlinear response
 * at T_R = T_L, src/cli/format.ts scanTable); a map's μ_P, T_P, J^Q_P and probeError at a site where
 * they are undetermined (src/analysis/map.ts probeMapTable).
 */
const MAY_BE_EMPTY: Readonly<Record<'scan' | 'map', ReadonlySet<string>>> = { scan: new Set(['seebeck']), map: new Set(MAP_UNDETERMINED_COLUMNS) };

/**
 * Why a shard cell is not what `scan`/`map`/`transmission` write (src/io/csv.ts toCsv: `String(x)`
 * of a finite double, or empty for a `seebeck` that does not exist), or null.
 */
function cellProblem(cell: string, column: string, table: 'scan' | 'map'): string | null {
  if (cell === '') return MAY_BE_EMPTY[table].has(column) ? null : 'an empty cell (the run writes a number here)';
  const v = parseDecimal(cell);
  if (typeof v === 'string') return `${v} (the run writes a finite number here)`;
  if (String(v) !== cell) return `"${cell}" is not written as the run writes numbers ("${String(v)}"): edited?`;
  return null;
}

/**
 * The rows of a merged table must be the run's grid in its order (src/cli/format.ts,
 * src/analysis/map.ts): `transmission` E = linspace(emin, emax, n) and `map` site, one row each,
 * strictly monotone (a grid with emin = emax: constant); `scan` μ0 = linspace(A, B, K) strictly monotone, and with `--gamma P=…` the
 * K μ0 rows repeated once per γ value (γ constant within a block, any order of the γ list).
 * Returns the first offending row (of the merged table) and column, or null.
 */
function sweepOrderProblem(header: readonly string[], cells: readonly string[][]): { row: number; column: number; why: string } | null {
  const first = header[0];
  if ((first !== 'mu0' && first !== 'E' && first !== 'site') || cells.length < 2) return null;
  const monotone = (from: number, to: number): { row: number; column: number; why: string } | null => {
    const dir = Math.sign(Number(cells[from + 1][0]) - Number(cells[from][0]));
    for (let i = from + 1; i < to; i++) {
      const step = Math.sign(Number(cells[i][0]) - Number(cells[i - 1][0]));
      // a grid from A to B = A (emin = emax) repeats its one value: then every step is 0
      if (step !== dir || (step === 0 && first === 'site') || (first === 'site' && dir < 0))
        return {
          row: i,
          column: 0,
          why: `${cells[i][0]} after ${cells[i - 1][0]}: the run's grid is ${dir === 0 ? 'constant' : `strictly ${dir > 0 || first === 'site' ? 'increasing' : 'decreasing'}`} here (a repeated, reordered or foreign row)`,
        };
    }
    return null;
  };
  if (!(first === 'mu0' && header[1]?.startsWith('gamma_'))) return monotone(0, cells.length);
  // μ0 × γ: blocks of K rows (K = rows until μ0 comes back to its first value)
  let K = 1;
  while (K < cells.length && cells[K][0] !== cells[0][0]) K++;
  const bad = K > 1 ? monotone(0, K) : null;
  if (bad) return bad;
  if (cells.length % K !== 0) return { row: cells.length - 1, column: 0, why: `${cells.length} rows are not whole blocks of the ${K} μ0 values of the grid` };
  for (let i = K; i < cells.length; i++) {
    if (cells[i][0] !== cells[i % K][0])
      return { row: i, column: 0, why: `${cells[i][0]} where the grid has ${cells[i % K][0]} (the μ0 values repeat once per γ)` };
    if (i % K !== 0 && cells[i][1] !== cells[i - 1][1])
      return { row: i, column: 1, why: `${cells[i][1]} within the block of ${header[1]} = ${cells[i - 1][1]} (γ is constant over the μ0 grid)` };
  }
  for (let i = 1; i < K; i++)
    if (cells[i][1] !== cells[0][1])
      return { row: i, column: 1, why: `${cells[i][1]} within the block of ${header[1]} = ${cells[0][1]} (γ is constant over the μ0 grid)` };
  return null;
}
