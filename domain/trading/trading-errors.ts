import { DomainError } from '../domain-error';

/** Base of the trading domain's errors. */
export abstract class TradingError extends DomainError {}

/** A session or halt command that the book's current state does not allow (a caller bug). */
export class SessionTransitionError extends TradingError {
  readonly code = 'session-transition';
}

/** Not a plain non-negative decimal such as "95.5025". */
export class InvalidDecimalError extends TradingError {
  readonly code = 'invalid-decimal';
}

/** A price that is not a positive multiple of the bond's tick size. */
export class PriceNotOnTickError extends TradingError {
  readonly code = 'tick-size';
}

/** A quantity that is not a positive multiple of the bond's lot size. */
export class QuantityNotLotMultipleError extends TradingError {
  readonly code = 'lot-size';
}

/** A converted value beyond Number.MAX_SAFE_INTEGER ticks or lots. */
export class UnitOverflowError extends TradingError {
  readonly code = 'unit-overflow';
}
