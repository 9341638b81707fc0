/**
 * CSV text of a table (the `transmission`, `scan`, report and paper figures' data). Numbers are
 * written with full precision; a non-finite number is never written (it would read back as
 * text or NaN): {@link NonFiniteOutputError} instead.
 */

/** A non-finite number reached an output table: a bug or an unchecked input, never written. */
export class NonFiniteOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteOutputError';
  }
}

/** CSV text from a header and rows (numbers with full precision; null = empty cell). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<number | string | null>>): string {
  const cell = (v: number | string | null, r: number, c: number) => {
    if (v === null) return '';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new NonFiniteOutputError(`non-finite value ${v} in column "${header[c] ?? c}", row ${r + 1}`);
      return String(v);
    }
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return [header.map((h, c) => cell(h, -1, c)).join(','), ...rows.map((row, r) => row.map((v, c) => cell(v, r, c)).join(','))].join('\n') + '\n';
}
