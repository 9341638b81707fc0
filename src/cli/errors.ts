/** Errors the CLI reports as bad input (exit code 2), one line, no stack trace. */
import { ConfigError } from '../config.js';
import { SingularCircuitError } from '../numeric/probes.js';
import { CircuitSpecError } from '../numeric/circuit.js';
import { SparseLimitError } from '../numeric/system.js';
import { OutputTargetError } from '../io/atomic.js';
import { DenseUnavailableError } from '../numeric/unallocated.js';
import { InputFileError } from '../io/read.js';

/** A bad command-line argument. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** True for errors caused by the user's input rather than by a bug. */
export function isInputError(e: unknown): e is Error {
  return (
    e instanceof ConfigError ||
    e instanceof SingularCircuitError ||
    e instanceof CircuitSpecError ||
    e instanceof UsageError ||
    e instanceof SparseLimitError ||
    e instanceof DenseUnavailableError ||
    e instanceof OutputTargetError ||
    e instanceof InputFileError
  );
}
