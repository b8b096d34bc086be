/** Base of every risk statistics error: `code` is stable and `field` names the offending input, for 422 mapping. */
export abstract class RiskError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Malformed input: a confidence outside (0, 1), a ragged history, too few scenarios, a non-finite number. */
export class InvalidRiskInputError extends RiskError {
  readonly code = 'INVALID_RISK_INPUT';
}

/** A covariance matrix with a clearly negative eigen-direction, which no jitter should paper over. */
export class NotPositiveSemiDefiniteError extends RiskError {
  readonly code = 'COVARIANCE_NOT_PSD';
}
