/** Key-rate buckets of the yield curve, in increasing tenor. */
export const KEY_RATE_TENORS = ['1Y', '2Y', '5Y', '10Y', '30Y'] as const;
export type KeyRateTenor = (typeof KEY_RATE_TENORS)[number];

/**
 * Every factor a scenario moves, in the column order of histories, covariances and shift vectors:
 * the five key rates, then one credit-spread factor. All factor changes are in basis points.
 */
export const RISK_FACTORS = [...KEY_RATE_TENORS, 'SPREAD'] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
export const FACTOR_COUNT = RISK_FACTORS.length;

export const KEY_RATE_TENOR_YEARS: Readonly<Record<KeyRateTenor, number>> = {
  '1Y': 1,
  '2Y': 2,
  '5Y': 5,
  '10Y': 10,
  '30Y': 30,
};

/** A move of every factor, in basis points; this is what a caller's `revalue` receives. */
export type FactorShift = Readonly<Record<RiskFactor, number>>;

export function factorShiftFromVector(vector: ArrayLike<number>, offset = 0): FactorShift {
  const shift = {} as Record<RiskFactor, number>;
  RISK_FACTORS.forEach((factor, f) => {
    shift[factor] = vector[offset + f] ?? 0;
  });
  return shift;
}
