import { DomainError } from '../domain-error';

/** Base of every bond analytics error. */
export abstract class BondAnalyticsError extends DomainError {}

export class InvalidDateError extends BondAnalyticsError {
  readonly code = 'INVALID_DATE';
}

export class SettlementNotBeforeMaturityError extends BondAnalyticsError {
  readonly code = 'SETTLEMENT_NOT_BEFORE_MATURITY';
}

export class UnknownDayCountError extends BondAnalyticsError {
  readonly code = 'UNKNOWN_DAY_COUNT';
}

export class UnsupportedFrequencyError extends BondAnalyticsError {
  readonly code = 'UNSUPPORTED_FREQUENCY';
}

export class NonPositivePriceError extends BondAnalyticsError {
  readonly code = 'NON_POSITIVE_PRICE';
}

/** Any other malformed input: a negative coupon, a yield at or below -100% per period, both or neither of price and yield. */
export class InvalidBondInputError extends BondAnalyticsError {
  readonly code = 'INVALID_BOND_INPUT';
}

/** The price lies outside what any yield in the supported range produces. */
export class YieldNotFoundError extends BondAnalyticsError {
  readonly code = 'YIELD_NOT_FOUND';
}
