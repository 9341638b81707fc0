/**
 * Renaming their columns and terminals to probecheck's names (docs/compare.md §Renaming):
 * `--map OLD=NEW[,…]`, a `"map": {"OLD": "NEW"}` block in a JSON output's header, or a CSV comment
 * line `# map: OLD=NEW, …`. Pure; applied to a {@link RawTable} before its names are resolved.
 *
 * An entry renames a whole column when OLD is the name of one of their columns (without its unit
 * annotation: `I=charge_R` also renames `I[nA]`, keeping the annotation); otherwise it renames a
 * terminal (`left=L`): every `_`-separated terminal part of every column name (`heat_left`,
 * `T_left_right`, `L0_left_right`), the JSON `terminals` list, `probes`/`currents` keys, and the
 * probe models declared in the file. A terminal entry must map to one of CONFIG's terminals, a
 * column entry to one of probecheck's column names (checked when the name is resolved).
 */
import { CompareInputError } from './errors.js';
import { splitHeader, type RawTable } from './parse.js';

/** OLD → NEW, in the order given. */
export type NameMap = ReadonlyMap<string, string>;

/**
 * Parse `OLD=NEW[,OLD=NEW…]` (the `--map` option, or a CSV `# map:` line). Throws an Error naming
 * the bad entry (the CLI turns it into a one-line usage error).
 */
export function parseMapOption(text: string, what = '--map'): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(part);
    if (!m) throw new Error(`${what} expects OLD=NEW[,OLD=NEW…], got "${part.trim()}"`);
    const [, from, to] = m;
    if (out.has(from) && out.get(from) !== to) throw new Error(`${what}: "${from}" is mapped twice (to ${out.get(from)} and ${to})`);
    out.set(from, to);
  }
  return out;
}

/** Merge two maps (e.g. the file's and --map); a name mapped differently by the two is bad input. */
export function mergeMaps(source: string, fileMap: NameMap, optionMap: NameMap | undefined): Map<string, string> {
  const out = new Map(fileMap);
  for (const [from, to] of optionMap ?? []) {
    const prev = out.get(from);
    if (prev !== undefined && prev !== to)
      throw new CompareInputError(source, `"${from}" is mapped to ${prev} by the file's "map" but to ${to} by --map; remove one`);
    out.set(from, to);
  }
  return out;
}

/** Rename the terminal parts of a column name: every `_`-separated part after the first that is a key of `terminals`. */
function renameTerminals(name: string, terminals: NameMap): string {
  const k = name.indexOf('_');
  if (k < 0 || terminals.size === 0) return name;
  const head = name.slice(0, k + 1);
  let rest = name.slice(k + 1);
  // Longest names first, so that "left2" is not renamed through "left".
  const olds = [...terminals.keys()].sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  while (rest !== '') {
    const old = olds.find((o) => rest === o || rest.startsWith(`${o}_`));
    if (old) {
      parts.push(terminals.get(old)!);
      rest = rest.slice(old.length + 1);
    } else {
      const j = rest.indexOf('_');
      parts.push(j < 0 ? rest : rest.slice(0, j));
      rest = j < 0 ? '' : rest.slice(j + 1);
    }
  }
  return head + parts.join('_');
}

/**
 * Apply a name map to a raw table. `configTerminals` are CONFIG's names: an entry that is not a
 * column of the table must map to one of them (a terminal rename). Unused entries are reported
 * by the caller (a `--map` entry that renames nothing anywhere is bad input).
 * @returns the renamed table and the entries that were used
 */
export function applyMap(raw: RawTable, map: NameMap, configTerminals: readonly string[]): { table: RawTable; used: Set<string> } {
  const used = new Set<string>();
  if (map.size === 0) return { table: raw, used };
  const names = new Set(raw.columns.map((c) => c.name));
  const columnMap = new Map<string, string>(),
    terminalMap = new Map<string, string>();
  for (const [from, to] of map) {
    if (names.has(from)) columnMap.set(from, to);
    else if (configTerminals.includes(to)) terminalMap.set(from, to);
  }
  const rename = (name: string): string => {
    const col = columnMap.get(name);
    if (col !== undefined) used.add(name);
    // A column renamed to a name in their terminals (I=charge_drain, drain=R) is renamed on.
    const base = col ?? name;
    const t = renameTerminals(base, terminalMap);
    if (t !== base) for (const o of terminalMap.keys()) if (base.includes(o)) used.add(o);
    return t;
  };
  const columns = raw.columns.map((c) => {
    const name = rename(c.name);
    if (name === c.name) return c;
    return { ...c, name, header: c.unit === undefined ? name : `${name}[${c.unit}]` };
  });
  const seen = new Map<string, string>();
  for (let k = 0; k < columns.length; k++) {
    const n = splitHeader(columns[k].header).name;
    if (seen.has(n)) throw new CompareInputError(raw.source, `after renaming (map), columns ${seen.get(n)} and ${raw.columns[k].header} are both ${n}`);
    seen.set(n, raw.columns[k].header);
  }
  const t = (n: string) => {
    const to = terminalMap.get(n);
    if (to !== undefined) used.add(n);
    return to ?? n;
  };
  const meta = {
    terminals: raw.meta.terminals?.map(t),
    circuit: raw.meta.circuit,
    models: Object.fromEntries(Object.entries(raw.meta.models).map(([k, v]) => [t(k), v])),
  };
  return { table: { ...raw, columns, meta }, used };
}
