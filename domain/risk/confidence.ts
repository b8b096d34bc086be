import Decimal from 'decimal.js';
import { InvalidRiskInputError } from './errors';

/** A confidence level as a fraction: 0.95 or '0.95'. Strings and numbers are read as exact decimals. */
export type ConfidenceLevel = number | string;

/**
 * The size of the loss tail for N scenarios, computed in decimal so that 100 x (1 - 0.95) is exactly 5.
 * `weight` is w = N(1 - confidence); `rank` is k = ceil(w), the rank of the VaR loss;
 * `whole` = floor(w) and `fraction` = w - floor(w) drive the Acerbi-Tasche expected shortfall.
 */
export interface TailSize {
  readonly weight: number;
  readonly rank: number;
  readonly whole: number;
  readonly fraction: number;
}

export function confidenceDecimal(confidence: ConfidenceLevel): Decimal {
  let value: Decimal;
  try {
    // A number goes through its shortest round-trip string, so 0.95 is read as exactly 0.95.
    value = new Decimal(typeof confidence === 'number' ? confidence.toString() : confidence.trim());
  } catch {
    throw new InvalidRiskInputError(`confidence ${String(confidence)} is not a number`, 'confidence_level');
  }
  if (!value.isFinite() || value.lte(0) || value.gte(1)) {
    throw new InvalidRiskInputError(
      `confidence must lie strictly between 0 and 1, got ${value.toString()}`,
      'confidence_level',
    );
  }
  return value;
}

export function confidenceNumber(confidence: ConfidenceLevel): number {
  return confidenceDecimal(confidence).toNumber();
}

export function tailSize(scenarioCount: number, confidence: ConfidenceLevel): TailSize {
  if (!Number.isInteger(scenarioCount) || scenarioCount < 1) {
    throw new InvalidRiskInputError(`need at least one scenario, got ${scenarioCount}`, 'scenarios');
  }
  const w = new Decimal(scenarioCount).times(new Decimal(1).minus(confidenceDecimal(confidence)));
  const whole = w.floor();
  return {
    weight: w.toNumber(),
    rank: w.ceil().toNumber(),
    whole: whole.toNumber(),
    fraction: w.minus(whole).toNumber(),
  };
}
