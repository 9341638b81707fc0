/** Shared option parsing for CLI commands. */
import { UsageError } from '../errors.js';
import type { OnsagerMethod } from '../../numeric/system.js';

export function parseMethod(m: string): OnsagerMethod {
  if (m !== 'closed-form' && m !== 'quadrature') throw new UsageError(`--method must be "closed-form" or "quadrature", got "${m}"`);
  return m;
}

export function parseNumber(name: string, v: string | undefined, { integer = false, positive = false } = {}): number {
  if (v === undefined) throw new UsageError(`${name} is required`);
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${name} must be a finite number, got "${v}"`);
  if (integer && !Number.isInteger(x)) throw new UsageError(`${name} must be an integer, got "${v}"`);
  if (positive && !(x > 0)) throw new UsageError(`${name} must be > 0, got "${v}"`);
  return x;
}
