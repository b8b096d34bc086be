import type { FactorShift, RiskFactor } from './risk-factors';

/** Coarse rating buckets: the caller maps agency notches (AA+, AA-) onto their letter. */
export const CREDIT_RATINGS = ['SOVEREIGN', 'AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'C', 'D'] as const;
export type CreditRating = (typeof CREDIT_RATINGS)[number];

/**
 * What the risk statistics need to know of a holding. Bond pricing lives elsewhere: the caller
 * computes these sensitivities (and, for full revaluation, supplies `revalue`).
 */
export interface RiskPosition {
  readonly id: string;
  /** Dirty market value in rupees; negative for a short. */
  readonly marketValue: number;
  /**
   * Rupees lost when the factor rises 1 bp (key-rate DV01s, and the spread DV01 under SPREAD):
   * positive for a long bond. Missing factors are 0.
   */
  readonly dv01: Readonly<Partial<Record<RiskFactor, number>>>;
  /** Convexity in years squared; with the market value it gives the second-order (gamma) term. */
  readonly convexity?: number;
  readonly issuer?: string;
  readonly rating?: CreditRating;
  /** Full revaluation: the position's value in rupees after the shift. Must be pure. */
  readonly revalue?: (shift: FactorShift) => number;
}
