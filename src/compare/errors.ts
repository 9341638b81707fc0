/** Errors of the compare layer: bad input (exit code 2 in the CLI), one line each. */

/** THEIR_OUTPUT cannot be read or does not fit CONFIG; the message names the file and the column/key. */
export class CompareInputError extends Error {
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(source ? `${source}: ${detail}` : detail);
    this.name = 'CompareInputError';
  }
}

/**
 * Their values are in a different unit than declared (detected with confidence: re-read in another
 * accepted unit of the same dimension they match probecheck at every row). Bad input, not a failure.
 */
export class UnitMismatchError extends CompareInputError {
  constructor(source: string, detail: string) {
    super(source, detail);
    this.name = 'UnitMismatchError';
  }
}

/** A swept value or grid point outside CONFIG's limits (docs/config.md "Ranges and limits"): bad input (exit 2). */
export class OutOfRangeError extends CompareInputError {
  constructor(source: string, detail: string) {
    super(source, detail);
    this.name = 'OutOfRangeError';
  }
}
