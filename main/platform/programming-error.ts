/**
 * Errors that mean a bug in Ledgerbridge rather than a problem to report to the bookkeeper
 * (a refused token, an unreachable store): these must surface, not be turned into a status line.
 */
export function isProgrammingError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError || error instanceof SyntaxError;
}
