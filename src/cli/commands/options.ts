/** Shared option parsing for CLI commands. */
import { UsageError } from '../errors.js';
import { DECIMAL_LITERAL, parseDecimal } from '../../io/decimal.js';
import type { OnsagerMethod } from '../../numeric/system.js';
import { linspace } from '../../scan.js';
import { ENERGY_LIMIT, GRID_POINT_LIMIT, TABLE_CELL_LIMIT, energyProblem } from '../../limits.js';

export function parseMethod(m: string): OnsagerMethod {
  if (m !== 'closed-form' && m !== 'quadrature') throw new UsageError(`--method must be "closed-form" or "quadrature", got "${m}"`);
  return m;
}

export function parseNumber(name: string, v: string | undefined, { integer = false, positive = false } = {}): number {
  if (v === undefined) throw new UsageError(`${name} is required`);
  const x = parseDecimal(v); // a decimal literal only: not "0x10", "Infinity" or "" (src/io/decimal.ts)
  if (typeof x === 'string')
    // a literal beyond the double range (1e400, 1e-400) says so; anything else is not a number
    throw new UsageError(DECIMAL_LITERAL.test(v.trim()) ? `${name}: ${x}` : `${name} must be a finite number, got "${v}"`);
  if (integer && !Number.isInteger(x)) throw new UsageError(`${name} must be an integer, got "${v}"`);
  // beyond 2^53 − 1 a double no longer holds every integer: "9007199254740993" would be read as …992
  if (integer && !Number.isSafeInteger(x)) throw new UsageError(`${name}: "${v}" exceeds ${Number.MAX_SAFE_INTEGER} (2^53 − 1; it would be rounded)`);
  if (positive && !(x > 0)) throw new UsageError(`${name} must be > 0, got "${v}"`);
  return x;
}

/** An energy option (eV): finite and within ±ENERGY_LIMIT (docs/config.md "Ranges and limits"). */
export function parseEnergy(name: string, v: string | undefined): number {
  const x = parseNumber(name, v);
  const p = energyProblem(x);
  if (p) throw new UsageError(`${name}: ${p}`);
  return x;
}

/** A number of grid points: an integer 1 … GRID_POINT_LIMIT. */
export function parseGridCount(name: string, v: string | undefined): number {
  const k = parseNumber(name, v, { integer: true, positive: true });
  if (k > GRID_POINT_LIMIT) throw new UsageError(`${name}: ${k} points exceed the limit of ${GRID_POINT_LIMIT} (split the grid into several runs)`);
  return k;
}

/** An energy grid "A:B:K" (eV): both ends within ±ENERGY_LIMIT, K ≤ GRID_POINT_LIMIT. */
export function parseEnergyGrid(name: string, text: string): number[] {
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length !== 3) throw new UsageError(`${name}: expected A:B:K, got "${text}"`);
  const a = parseEnergy(`${name} (A)`, parts[0]);
  const b = parseEnergy(`${name} (B)`, parts[1]);
  const k = parseGridCount(`${name} (K)`, parts[2]);
  // K points from A to B: one point cannot be both ends (is it A, B or the midpoint?)
  if (k === 1 && a !== b)
    throw new UsageError(
      `${name}: one point (K = 1) from A = ${a} to B = ${b} ≠ A is ambiguous; write ${parts[0]}:${parts[0]}:1 for the single point A, or K ≥ 2`,
    );
  return linspace(a, b, k);
}

/** Refuse a table of more than TABLE_CELL_LIMIT cells before computing it. */
export function checkTableSize(name: string, rows: number, columns: number): void {
  if (rows * columns > TABLE_CELL_LIMIT) {
    throw new UsageError(`${name}: ${rows} rows × ${columns} columns exceed the output limit of ${TABLE_CELL_LIMIT} cells`);
  }
}

export { ENERGY_LIMIT };
