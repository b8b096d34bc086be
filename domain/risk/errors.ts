import { DomainError } from '../domain-error';

/** Base of every risk statistics error. */
export abstract class RiskError extends DomainError {}

/** Malformed input: a confidence outside (0, 1), a ragged history, too few scenarios, a non-finite number. */
export class InvalidRiskInputError extends RiskError {
  readonly code = 'INVALID_RISK_INPUT';
}

/** A covariance matrix with a clearly negative eigen-direction, which no jitter should paper over. */
export class NotPositiveSemiDefiniteError extends RiskError {
  readonly code = 'COVARIANCE_NOT_PSD';
}
