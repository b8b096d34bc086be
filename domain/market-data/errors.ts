import { DomainError } from '../domain-error';

/** Base of every market-data error. */
export abstract class MarketDataError extends DomainError {}

/**
 * A curve file that cannot be read as written. `line` and `column` are 1-based (line 1 is the
 * header, column 1 the date), so the message points at the exact cell to fix.
 */
export class MalformedCurveCsvError extends MarketDataError {
  readonly code = 'MALFORMED_CURVE_CSV';

  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** A curve that cannot answer the question: no tenor has a value, a tenor is not a finite number. */
export class InvalidCurveInputError extends MarketDataError {
  readonly code = 'INVALID_CURVE_INPUT';
}
