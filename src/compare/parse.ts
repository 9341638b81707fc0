/**
 * Reading THEIR_OUTPUT (docs/compare.md §Input): CSV or JSON text → tables of named numeric
 * columns. Pure: no file access, no knowledge of the config; names are resolved later
 * (resolve.ts). Every problem is a {@link CompareInputError} naming the file and the line/key.
 *
 * CSV: the header is the first non-comment line; comment lines start with `#` or `%`, except that
 * when the first non-comment line is numeric the last comment line before it is the header
 * (numpy.savetxt(header=…) writes `# E,T_L_R`). Delimiter: `,` if the header has one, else tab,
 * else `;`, else whitespace. Cells: decimal numbers, Fortran `1.0D-03` accepted; empty cells, NaN,
 * Inf and anything else are errors. Header cells may carry a unit: `heat_R[W]` or `heat_R (W)`.
 *
 * JSON: (a) probecheck's own `solve` object (terminals, reference, onsager, probes, currents, mu,
 * entropyProduction, seebeck, units), optionally with a `transmission` table; (b) a list of row
 * objects, or `{"rows": [...]}` with top-level `units`/`terminals`/`circuit`/`transmission`; each
 * row may be flat (`{"mu0": 0.1, "heat_R": …}`) or solve-shaped; (c) columns
 * `{"E": [...], "T_L_R": [...]}`. Python's json writes NaN/Infinity as bare tokens: they are
 * reported with their key path, not as a JSON syntax error.
 */
import { CompareInputError } from './errors.js';
import { DECIMAL_LITERAL, parseDecimal } from '../io/decimal.js';
import { JsonInputError, parseJsonStrict } from '../io/json.js';

/** One named column as written (name without the unit annotation). */
export interface RawColumn {
  /** The header/key exactly as written (with any unit annotation). */
  readonly header: string;
  /** The name without the annotation, e.g. `heat_R`. */
  readonly name: string;
  /** The annotated unit spelling, if any (`W` for `heat_R[W]`). */
  readonly unit?: string;
  readonly values: Float64Array;
}

/** What a JSON file says about itself besides numbers. */
export interface RawMeta {
  /** `terminals` (solve output order), if given. */
  readonly terminals?: readonly string[];
  /** `circuit`, if given. */
  readonly circuit?: string;
  /** `probes.<name>.model`, if given. */
  readonly models: Readonly<Record<string, string>>;
  /** `response` ("linear" | "nonlinear"), if given. */
  readonly response?: string;
}

/** A table: equal-length named columns, one row per point (or per energy). */
export interface RawTable {
  /** File name (for messages). */
  readonly source: string;
  /** File name plus the part of the file, e.g. `out.json#transmission`. */
  readonly label: string;
  readonly columns: readonly RawColumn[];
  readonly rows: number;
  /** Where each row is in the file: `line 7`, `rows[3]`, `the point`. */
  readonly rowLabels: readonly string[];
  /** Unit declarations found in the file (JSON `units`), kind → spelling. */
  readonly units: Readonly<Record<string, string>>;
  readonly meta: RawMeta;
  /** Renames declared in the file (JSON `"map"` block, CSV `# map: OLD=NEW, …` comment), OLD → NEW. */
  readonly map?: Readonly<Record<string, string>>;
  /** Spin degeneracy the file declares (JSON top-level `"spin": 1 | 2`, as probecheck's own output). */
  readonly spin?: number;
}

const NONFINITE = '\u0000nonfinite:';
/** A JSON number literal (sticky: matched at lastIndex). */
const NUMBER_LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Split `heat_R[W]` / `heat_R (W)` into name and unit. */
export function splitHeader(header: string): { name: string; unit?: string } {
  const h = header.trim();
  const m = /^(.*?)\s*(?:\[([^\]]*)\]|\(([^)]*)\))\s*$/.exec(h);
  if (m && m[1] !== '') return { name: m[1].trim(), unit: (m[2] ?? m[3]).trim() };
  return { name: h };
}

/** Parse one numeric cell; returns a number or a reason. */
export function parseCell(cell: string): number | string {
  const s = cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (s === '') return 'empty cell';
  if (/^[+-]?(nan|inf|infinity)$/i.test(s)) return `${s} is not a finite number`;
  if (/^\*+$/.test(s)) return `"${s}" is a Fortran field overflow, not a number`;
  const fortran = /^([+-]?(?:\d+\.?\d*|\.\d+))[dDqQ]([+-]?\d+)$/.exec(s);
  const t = fortran ? `${fortran[1]}e${fortran[2]}` : s;
  if (!DECIMAL_LITERAL.test(t)) return `"${s}" is not a number`;
  // src/io/decimal.ts: overflow and a non-zero literal that underflows (to 0 or a subnormal) are refused
  const v = parseDecimal(t);
  return typeof v === 'number' ? v : v.replace(`"${t}"`, `"${s}"`);
}

/** A cell written as a number (even one that overflows): such a line is data, never a header. */
function looksNumeric(cell: string): boolean {
  const s = cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdDqQ][+-]?\d+)?$/.test(s) || /^[+-]?(nan|inf|infinity)$/i.test(s) || /^\*+$/.test(s);
}

function isNumericLine(cells: string[]): boolean {
  return cells.length > 0 && cells.every(looksNumeric);
}

/** The cell delimiters a table may use, in order of precedence (else whitespace), with their names for messages. */
const DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  [',', 'commas'],
  ['\t', 'tabs'],
  [';', 'semicolons'],
];

/** The delimiter of a line: the first of {@link DELIMITERS} it contains, else undefined (whitespace). */
const delimiterOf = (line: string): string | undefined => DELIMITERS.find(([d]) => line.includes(d))?.[0];

function splitter(header: string): (line: string) => string[] {
  const d = delimiterOf(header.replace(/^\s*[#%]\s*/, ''));
  return d !== undefined ? (l) => l.split(d) : (l) => l.trim().split(/\s+/);
}

/** Why a row and its header split differently: they use different delimiters ('' when they do not). */
function delimiterHint(header: string, row: string): string {
  const name = (l: string) => DELIMITERS.find(([d]) => d === delimiterOf(l))?.[1] ?? 'whitespace';
  const h = name(header.replace(/^\s*[#%]\s*/, '')),
    r = name(row);
  return h === r ? '' : ` (the header is separated by ${h}, this line by ${r}: one delimiter for the whole file)`;
}

/** Parse CSV (or whitespace-separated) text. */
export function parseCsv(text: string, source: string): RawTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerLine = -1;
  let lastComment = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    if (/^\s*[#%]/.test(l)) {
      lastComment = i;
      continue;
    }
    const split = splitter(l);
    if (isNumericLine(split(l).map((c) => c.trim()))) {
      if (lastComment < 0) throw new CompareInputError(source, `line ${i + 1}: missing header line (the first line must name the columns, e.g. "E,T_L_R")`);
      headerLine = lastComment;
    } else {
      headerLine = i;
    }
    break;
  }
  if (headerLine < 0) throw new CompareInputError(source, 'no header line and no data (empty file?)');
  const split = splitter(lines[headerLine]);
  const headers = split(lines[headerLine].replace(/^\s*[#%]\s*/, '')).map((h) =>
    h
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
  headers.forEach((h, k) => {
    if (h === '')
      throw new CompareInputError(
        source,
        `line ${headerLine + 1}: column ${k + 1} has an empty name${k === 0 ? ' (a pandas index? write with index=False)' : ''}`,
      );
  });
  const seen = new Map<string, number>();
  headers.forEach((h, k) => {
    const { name } = splitHeader(h);
    if (seen.has(name))
      throw new CompareInputError(source, `line ${headerLine + 1}: column "${name}" appears twice (columns ${seen.get(name)! + 1} and ${k + 1})`);
    seen.set(name, k);
  });
  const data: number[][] = headers.map(() => []);
  const rowLabels: string[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || /^\s*[#%]/.test(l)) continue;
    let cells = split(l);
    // a one-column header whose rows carry a delimiter: split the row by it, so that the message is
    // the count mismatch (and why), not "…,…,… is not a number"
    const rowDelimiter = headers.length === 1 ? delimiterOf(l) : undefined;
    if (rowDelimiter !== undefined) cells = l.split(rowDelimiter);
    if (cells.length !== headers.length) {
      const why = delimiterHint(lines[headerLine], l);
      throw new CompareInputError(
        source,
        `line ${i + 1}: ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header (line ${headerLine + 1}) has ${headers.length} column${headers.length === 1 ? '' : 's'}${why}`,
      );
    }
    cells.forEach((c, k) => {
      const v = parseCell(c);
      if (typeof v === 'string') throw new CompareInputError(source, `column ${splitHeader(headers[k]).name}, line ${i + 1}: ${v}`);
      data[k].push(v);
    });
    rowLabels.push(`line ${i + 1}`);
  }
  if (rowLabels.length === 0) throw new CompareInputError(source, 'the header is not followed by any data row');
  // `# map: I=charge_R, left=L` comment lines (anywhere) declare renames (map.ts).
  const map: Record<string, string> = {};
  lines.forEach((l, i) => {
    const m = /^\s*[#%]\s*map\s*:(.*)$/i.exec(l);
    if (!m) return;
    for (const part of m[1].split(',')) {
      if (part.trim() === '') continue;
      const e = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(part);
      if (!e) throw new CompareInputError(source, `line ${i + 1}: a "# map:" line lists OLD=NEW pairs separated by commas, got "${part.trim()}"`);
      if (map[e[1]] !== undefined && map[e[1]] !== e[2])
        throw new CompareInputError(source, `line ${i + 1}: "${e[1]}" is mapped twice (to ${map[e[1]]} and ${e[2]})`);
      map[e[1]] = e[2];
    }
  });
  return {
    source,
    label: source,
    columns: headers.map((h, k) => ({ header: h, ...splitHeader(h), values: Float64Array.from(data[k]) })),
    rows: rowLabels.length,
    rowLabels,
    units: {},
    meta: { models: {} },
    map,
  };
}

/** Replace bare NaN / Infinity / -Infinity tokens (outside strings) by marker strings. */
function markNonFinite(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^-?(?:NaN|Infinity)/.exec(text.slice(i, i + 9));
    if (m && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      out += JSON.stringify(`${NONFINITE}${m[0]} is not a finite number`);
      i += m[0].length - 1;
      continue;
    }
    // a number literal is copied whole (its digits are not tokens); whether it fits a double is
    // checked once the text is known to be JSON (src/io/json.ts checkJsonText)
    if ((ch === '-' || (ch >= '0' && ch <= '9')) && !/[A-Za-z0-9_.]/.test(text[i - 1] ?? '')) {
      NUMBER_LITERAL.lastIndex = i;
      const lit = NUMBER_LITERAL.exec(text);
      if (lit) {
        out += lit[0];
        i += lit[0].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: Json | undefined): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string' && v.startsWith(NONFINITE)) return v.slice(NONFINITE.length).split(' ')[0];
  return typeof v === 'object' ? 'an object' : JSON.stringify(v);
}

function num(v: Json | undefined, path: string, source: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.startsWith(NONFINITE)) throw new CompareInputError(source, `${path}: ${v.slice(NONFINITE.length)}`);
  throw new CompareInputError(source, `${path}: expected a finite number, got ${describe(v)}`);
}

/** Keys a JSON object may carry that are not data (ignored or read as metadata). */
const META_KEYS = new Set([
  'units',
  'map',
  'spin',
  'probeModels',
  'method',
  'methodReason',
  'onsagerError',
  'response',
  'newton',
  'meta',
  'metadata',
  'comment',
  'generator',
  'version',
  'terminals',
  'circuit',
  'transmission',
  'rows',
]);
/** Keys of probecheck's `solve` output that hold data. */
const SOLVE_KEYS = new Set(['reference', 'onsager', 'probes', 'currents', 'mu', 'entropyProduction', 'seebeck']);

interface RowContext {
  readonly source: string;
  terminals?: string[];
  circuit?: string;
  models: Record<string, string>;
}

function readTerminals(v: Json | undefined, path: string, ctx: RowContext): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s !== ''))
    throw new CompareInputError(ctx.source, `${path}: expected a list of terminal names`);
  const names = v as string[];
  if (ctx.terminals && ctx.terminals.join('\u0000') !== names.join('\u0000')) {
    throw new CompareInputError(ctx.source, `${path}: [${names.join(', ')}] differs from the terminals given before ([${ctx.terminals.join(', ')}])`);
  }
  ctx.terminals = names;
}

function readCircuit(v: Json | undefined, path: string, ctx: RowContext): void {
  if (v === undefined) return;
  if (typeof v !== 'string') throw new CompareInputError(ctx.source, `${path}: expected "electronic" or "thermal"`);
  if (ctx.circuit !== undefined && ctx.circuit !== v) throw new CompareInputError(ctx.source, `${path}: "${v}" differs from "${ctx.circuit}" given before`);
  ctx.circuit = v;
}

/** Flatten one row object (flat or solve-shaped) into column name → value. */
function flattenRow(o: { [k: string]: Json }, path: string, ctx: RowContext): Map<string, number> {
  const out = new Map<string, number>();
  const src = ctx.source;
  // Where each column was first given (for the message when it is given again).
  const firstAt = new Map<string, string>();
  const put = (name: string, v: Json | undefined, p: string) => {
    const key = splitHeader(name).name;
    const x = num(v, p, src);
    for (const [existing, y] of out) {
      if (splitHeader(existing).name !== key) continue;
      // probecheck's own thermal-circuit output gives a probe's μ both in `mu` and in `probes.<P>.mu`:
      // the same number twice (with the same unit) is one value; anything else is refused.
      if (existing === name && x === y) return;
      const why = existing === name ? ` with different values (${y} at ${firstAt.get(existing)}, ${x} here)` : ` (as ${existing} at ${firstAt.get(existing)})`;
      throw new CompareInputError(src, `${p}: ${key} is given twice in ${path || 'the object'}${why}`);
    }
    out.set(name, x);
    firstAt.set(name, p);
  };
  const at = (k: string) => (path ? `${path}.${k}` : k);
  readTerminals(o.terminals, at('terminals'), ctx);
  readCircuit(o.circuit, at('circuit'), ctx);
  for (const [k, v] of Object.entries(o)) {
    const p = at(k);
    if (META_KEYS.has(k)) continue;
    switch (k) {
      case 'reference': {
        if (!isObject(v)) throw new CompareInputError(src, `${p}: expected {"mu": μ0, "T": T0}`);
        for (const [rk, rv] of Object.entries(v)) {
          if (rk === 'mu') put('mu0', rv, `${p}.mu`);
          else if (rk === 'T') put('T0', rv, `${p}.T`);
          else throw new CompareInputError(src, `${p}.${rk}: unknown key (expected "mu" and "T")`);
        }
        break;
      }
      case 'onsager': {
        if (!isObject(v)) throw new CompareInputError(src, `${p}: expected {"L0": [[…]], "L1": [[…]], "L2": [[…]]}`);
        const names = ctx.terminals;
        if (!names) throw new CompareInputError(src, `${p}: Onsager matrices need a "terminals" list giving the order of their rows`);
        const n = names.length;
        for (const [lk, lv] of Object.entries(v)) {
          if (!/^L[012]$/.test(lk)) throw new CompareInputError(src, `${p}.${lk}: unknown key (expected L0, L1, L2)`);
          if (!Array.isArray(lv) || lv.length !== n)
            throw new CompareInputError(src, `${p}.${lk}: expected a ${n}×${n} matrix (terminals ${names.join(', ')})`);
          const rows = lv.map((row, a) => {
            if (!Array.isArray(row) || row.length !== n) throw new CompareInputError(src, `${p}.${lk}[${a}]: expected a row of ${n} numbers`);
            return row.map((x, b) => num(x, `${p}.${lk}[${a}][${b}]`, src));
          });
          // probecheck's convention: the diagonal is 0 (only L_ab, a ≠ b). A non-zero diagonal is the
          // matrix form 𝓛_aa = −Σ_b L_ab (docs/physics.md §3) and is compared as such.
          const withDiagonal = rows.some((row, a) => row[a] !== 0);
          rows.forEach((row, a) =>
            row.forEach((x, b) => {
              if (a !== b || withDiagonal) put(`${lk}_${names[a]}_${names[b]}`, x, `${p}.${lk}[${a}][${b}]`);
            }),
          );
        }
        break;
      }
      case 'probes': {
        if (!isObject(v)) throw new CompareInputError(src, `${p}: expected {"<name>": {"mu": …, "T": …}}`);
        for (const [name, pv] of Object.entries(v)) {
          if (!isObject(pv)) throw new CompareInputError(src, `${p}.${name}: expected {"mu": …, "T": …}`);
          for (const [pk, x] of Object.entries(pv)) {
            if (pk === 'mu' || pk === 'T') put(`${pk}_${name}`, x, `${p}.${name}.${pk}`);
            else if (pk === 'model') {
              if (typeof x !== 'string') throw new CompareInputError(src, `${p}.${name}.model: expected "VP" or "VTP"`);
              ctx.models[name] = x;
            } else if (pk !== 'coherentLimit' && pk !== 'energyResolved')
              throw new CompareInputError(src, `${p}.${name}.${pk}: unknown key (expected mu, T, model)`);
          }
        }
        break;
      }
      case 'currents': {
        if (!isObject(v)) throw new CompareInputError(src, `${p}: expected {"<name>": {"particle": …, "charge": …, "heat": …}}`);
        for (const [name, cv] of Object.entries(v)) {
          if (!isObject(cv)) throw new CompareInputError(src, `${p}.${name}: expected {"particle": …, "charge": …, "heat": …}`);
          for (const [ck, x] of Object.entries(cv)) {
            if (ck === 'energy') continue; // J^E = J^Q + μ J^N of probecheck's nonlinear output: follows from the others
            if (ck !== 'particle' && ck !== 'charge' && ck !== 'heat')
              throw new CompareInputError(src, `${p}.${name}.${ck}: unknown key (expected particle, charge, heat)`);
            put(`${ck}_${name}`, x, `${p}.${name}.${ck}`);
          }
        }
        break;
      }
      case 'mu': {
        if (!isObject(v)) throw new CompareInputError(src, `${p}: expected {"<terminal>": μ in eV}`);
        for (const [name, x] of Object.entries(v)) put(`mu_${name}`, x, `${p}.${name}`);
        break;
      }
      case 'seebeck':
        if (v !== null) put('seebeck', v, p); // null: no thermopower (probecheck: nonlinear response at T_R = T_L, with seebeckReason)
        break;
      default:
        if (isObject(v) || Array.isArray(v))
          throw new CompareInputError(src, `${p}: unknown key holding ${describe(v)} (see docs/compare.md for the accepted shapes)`);
        put(k, v, p);
    }
  }
  return out;
}

function tableFromRows(
  rows: Array<Map<string, number>>,
  labels: string[],
  source: string,
  label: string,
  units: Record<string, string>,
  ctx: RowContext,
): RawTable {
  if (rows.length === 0) throw new CompareInputError(source, 'no rows');
  const names = [...rows[0].keys()];
  if (names.length === 0) throw new CompareInputError(source, `${labels[0]}: no numeric keys`);
  rows.forEach((r, i) => {
    for (const n of names) if (!r.has(n)) throw new CompareInputError(source, `${labels[i]}: missing ${splitHeader(n).name} (present in ${labels[0]})`);
    for (const n of r.keys())
      if (!rows[0].has(n)) throw new CompareInputError(source, `${labels[i]}: ${splitHeader(n).name} is not in ${labels[0]} (every row needs the same keys)`);
  });
  return {
    source,
    label,
    rows: rows.length,
    rowLabels: labels,
    units,
    columns: names.map((h) => ({ header: h, ...splitHeader(h), values: Float64Array.from(rows.map((r) => r.get(h)!)) })),
    meta: { terminals: ctx.terminals, circuit: ctx.circuit, models: ctx.models },
  };
}

function tableFromColumns(o: { [k: string]: Json }, path: string, source: string, label: string, units: Record<string, string>, ctx: RowContext): RawTable {
  const cols: RawColumn[] = [];
  let len = -1,
    first = '';
  const seen = new Set<string>();
  for (const [k, v] of Object.entries(o)) {
    if (META_KEYS.has(k)) continue;
    const p = path ? `${path}.${k}` : k;
    if (!Array.isArray(v)) throw new CompareInputError(source, `${p}: in the columns form every key holds an array (got ${describe(v)})`);
    if (len < 0) {
      len = v.length;
      first = k;
    } else if (v.length !== len) throw new CompareInputError(source, `${p}: ${v.length} values but ${first} has ${len}`);
    const { name, unit } = splitHeader(k);
    if (seen.has(name)) throw new CompareInputError(source, `${p}: ${name} is given twice`);
    seen.add(name);
    cols.push({ header: k, name, unit, values: Float64Array.from(v.map((x, i) => num(x, `${p}[${i}]`, source))) });
  }
  if (cols.length === 0 || len === 0) throw new CompareInputError(source, `${path || 'the object'}: no data`);
  return {
    source,
    label,
    columns: cols,
    rows: len,
    rowLabels: Array.from({ length: len }, (_, i) => `index ${i}`),
    units,
    meta: { terminals: ctx.terminals, circuit: ctx.circuit, models: ctx.models },
  };
}

function readUnits(v: Json | undefined, source: string): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v)) throw new CompareInputError(source, 'units: expected {"<kind>": "<unit>"}');
  const out: Record<string, string> = {};
  for (const [k, u] of Object.entries(v)) {
    if (k === 'onsager' || k === 'convention' || k === 'spin') continue; // descriptive strings in probecheck's own output
    if (typeof u !== 'string') throw new CompareInputError(source, `units.${k}: expected a unit string`);
    // A sentence is a description (probecheck's own output: "W (energy current J^E = …)"), not a declaration.
    if (u.length > 24 && /\s/.test(u.trim())) continue;
    out[k] = u;
  }
  return out;
}

function readMap(v: Json | undefined, source: string): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v)) throw new CompareInputError(source, 'map: expected {"<their name>": "<probecheck name>"}');
  const out: Record<string, string> = {};
  for (const [k, to] of Object.entries(v)) {
    if (typeof to !== 'string' || to.trim() === '') throw new CompareInputError(source, `map.${k}: expected a column or terminal name`);
    out[k] = to.trim();
  }
  return out;
}

/** A table given as rows (array of objects) or columns (object of arrays). */
function anyTable(v: Json, path: string, source: string, label: string, units: Record<string, string>, ctx: RowContext): RawTable {
  if (Array.isArray(v)) {
    const rows = v.map((r, i) => {
      if (!isObject(r)) throw new CompareInputError(source, `${path}[${i}]: expected an object (one row)`);
      if (r.transmission !== undefined)
        throw new CompareInputError(source, `${path}[${i}].transmission: a transmission table goes at the top level, not inside a row`);
      return flattenRow(r, `${path}[${i}]`, ctx);
    });
    return tableFromRows(
      rows,
      v.map((_, i) => `${path}[${i}]`),
      source,
      label,
      units,
      ctx,
    );
  }
  if (isObject(v)) {
    if (Array.isArray(v.rows)) return anyTable(v.rows, path ? `${path}.rows` : 'rows', source, label, units, ctx);
    return tableFromColumns(v, path, source, label, units, ctx);
  }
  throw new CompareInputError(source, `${path}: expected rows [{…}, …] or columns {"E": […], …}`);
}

/** Parse JSON text into one or two tables (a point/sweep table and an optional transmission table). */
export function parseJson(text: string, source: string): RawTable[] {
  let root: Json;
  try {
    // NaN/Infinity tokens become markers reported where they are read; a duplicate key or a number
    // literal that is not a double (1e400, 1e-400, a subnormal) is refused here with its key path
    root = parseJsonStrict(markNonFinite(text.replace(/^\uFEFF/, ''))) as Json;
  } catch (e) {
    if (e instanceof JsonInputError) throw new CompareInputError(source, `${e.path || '(top level)'}: ${e.detail}`);
    throw new CompareInputError(source, `not valid JSON: ${(e as Error).message}`);
  }
  const ctx: RowContext = { source, models: {} };
  if (Array.isArray(root)) return [anyTable(root, '', source, source, {}, ctx)];
  if (!isObject(root)) throw new CompareInputError(source, 'expected a JSON object or an array of rows');
  const units = readUnits(root.units, source);
  const map = readMap(root.map, source);
  if (root.spin !== undefined && root.spin !== 1 && root.spin !== 2) throw new CompareInputError(source, `spin: expected 1 or 2, got ${describe(root.spin)}`);
  const spin = root.spin as 1 | 2 | undefined;
  readTerminals(root.terminals, 'terminals', ctx);
  readCircuit(root.circuit, 'circuit', ctx);
  const tables: RawTable[] = [];
  const dataKeys = Object.keys(root).filter((k) => !META_KEYS.has(k));
  if (Array.isArray(root.rows)) {
    tables.push(anyTable(root.rows, 'rows', source, source, units, ctx));
    if (dataKeys.length > 0) throw new CompareInputError(source, `${dataKeys[0]}: unexpected next to "rows" (put it in every row)`);
  } else if (root.rows !== undefined) {
    throw new CompareInputError(source, 'rows: expected an array of row objects');
  } else if (dataKeys.length > 0) {
    // Form 3 (columns) has every data key holding an array; a solve-shaped point (form 1) holds numbers
    // and nested objects, never an array. So the shape is decided by the values, not by the key names:
    // `entropyProduction`, `seebeck` and `mu` are keys of both forms. Arrays next to a solve-shaped
    // object or to a number are a malformed columns table unless a solve key holds an object.
    const arrays = dataKeys.filter((k) => Array.isArray(root[k]));
    const solveShaped = dataKeys.some((k) => SOLVE_KEYS.has(k) && isObject(root[k]));
    if (arrays.length === dataKeys.length || (arrays.length > 0 && !solveShaped)) tables.push(tableFromColumns(root, '', source, source, units, ctx));
    else tables.push(tableFromRows([flattenRow(root, '', ctx)], ['the point'], source, source, units, ctx));
  }
  if (root.transmission !== undefined) {
    tables.push(anyTable(root.transmission, 'transmission', source, `${source}#transmission`, units, ctx));
  }
  if (tables.length === 0) throw new CompareInputError(source, 'no data (no numeric keys, rows or transmission table)');
  if (root.response !== undefined && root.response !== 'linear' && root.response !== 'nonlinear')
    throw new CompareInputError(source, `response: expected "linear" or "nonlinear", got ${describe(root.response)}`);
  const response = root.response as string | undefined;
  return tables.map((t) => ({ ...t, map, ...(spin !== undefined ? { spin } : {}), ...(response ? { meta: { ...t.meta, response } } : {}) }));
}

/** Parse THEIR_OUTPUT: JSON if the name ends in .json or the text starts with { or [, else CSV. */
export function parseOutput(text: string, source: string): RawTable[] {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (/\.json$/i.test(source) || first === '{' || first === '[') return parseJson(text, source);
  return [parseCsv(text, source)];
}
