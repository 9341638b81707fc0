/**
 * Placeholders for dense matrices that a large sparse system does not allocate (docs/physics.md §14):
 * a system above the dense solver's size limit carries H and each Γ in sparse form only, and its
 * dense `hamiltonian` / `gamma` fields are {@link unallocatedMatrix}es whose `re`/`im` throw a
 * {@link DenseUnavailableError} naming the matrix and the reason, instead of allocating 16·N² bytes.
 */
import type { CMatrix } from './linalg.js';

/** Thrown when an operation needs a dense matrix that a sparse-only system does not have. */
export class DenseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DenseUnavailableError';
  }
}

const UNALLOCATED = Symbol('unallocated');

/**
 * A `rows × cols` {@link CMatrix} without storage: reading `re` or `im` throws a
 * {@link DenseUnavailableError} "<what> (rows × cols, 16·rows·cols bytes) is not allocated: <reason>".
 */
export function unallocatedMatrix(rows: number, cols: number, what: string, reason: string): CMatrix {
  const fail = (): never => {
    throw new DenseUnavailableError(`${what} (${rows} × ${cols}, ${formatBytes(16 * rows * cols)} dense) is not allocated: ${reason}`);
  };
  return Object.freeze({
    rows,
    cols,
    [UNALLOCATED]: true,
    get re(): Float64Array {
      return fail();
    },
    get im(): Float64Array {
      return fail();
    },
  });
}

/** True for a matrix made by {@link unallocatedMatrix}. */
export function isUnallocated(m: CMatrix): boolean {
  return (m as unknown as Record<symbol, unknown>)[UNALLOCATED] === true;
}

function formatBytes(b: number): string {
  if (b >= 1e9) return `${(b / 1e9).toPrecision(3)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toPrecision(3)} MB`;
  return `${b} B`;
}
