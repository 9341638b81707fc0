/**
 * Shards: a scan (or map) of T points split into N contiguous parts, run anywhere (a Slurm job array,
 * GNU parallel, several machines) and joined by `probecheck merge` into the file a single run writes,
 * byte for byte (docs/scale.md). Pure functions; the CLI does the I/O.
 *
 * A shard file is the single-run CSV with one first line
 *   `# probecheck-shard K/N rows A-B of T key=<fingerprint>`
 * (rows A…B−1 of the full table, 0-based; the fingerprint identifies the run: config text and
 * options), then the header and its rows. The merge checks that the shards are 1…N of one run,
 * cover 0…T−1 without gap or overlap and share the header, then writes header + rows in order.
 */
import { createHash } from 'node:crypto';

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
  const out = [first.header];
  for (const { s } of parsed) for (const r of s.rows) out.push(r);
  return out.join('\n') + '\n';
}
