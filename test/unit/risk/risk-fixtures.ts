import { covarianceFromCorrelation, type RiskPosition } from '../../../domain/risk';

/** Daily factor volatilities in bp over 1Y 2Y 5Y 10Y 30Y SPREAD. */
export const DAILY_VOLS_BP = [6, 5.5, 5, 4.5, 4, 3];

/** Rates correlated 0.9^|i-j| along the curve, the spread factor 0.2 with every rate. */
export const DAILY_COVARIANCE: number[][] = covarianceFromCorrelation(
  DAILY_VOLS_BP,
  DAILY_VOLS_BP.map((_, i) =>
    DAILY_VOLS_BP.map((__, j) => (i === j ? 1 : i === 5 || j === 5 ? 0.2 : 0.9 ** Math.abs(i - j))),
  ),
);

/** A 7-year G-sec: MV 1 crore, modified duration 7 (DV01 7,000 on 10Y), convexity 60 (gamma 6 rupees per bp^2). */
export const GSEC: RiskPosition = {
  id: 'GSEC',
  marketValue: 1e7,
  dv01: { '10Y': 7000 },
  convexity: 60,
  issuer: 'GOI',
  rating: 'SOVEREIGN',
};

/** An AA corporate bond: MV 50 lakh, duration 4 (DV01 2,000 on 5Y and on SPREAD), convexity 20 (gamma 1). */
export const CORPORATE: RiskPosition = {
  id: 'CORP',
  marketValue: 5e6,
  dv01: { '5Y': 2000, SPREAD: 2000 },
  convexity: 20,
  issuer: 'ACME',
  rating: 'AA',
};

/** A history whose only moving factor is 10Y, the other columns zero. */
export function tenYearOnlyHistory(changes: readonly number[]): number[][] {
  return changes.map((x) => [0, 0, 0, x, 0, 0]);
}
