/** JSON output guard: a non-finite number is never printed (JSON would show it as null). */
import { NonFiniteOutputError } from './csv.js';

/** Throw NonFiniteOutputError naming the first non-finite number in `value` (depth-first). */
export function assertFiniteJson(value: unknown, path = '(output)'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteOutputError(`non-finite value ${value} at ${path}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertFiniteJson(v, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFiniteJson(v, `${path}.${k}`);
  }
}
