import { InvalidRiskInputError } from './errors';
import type { RiskPosition } from './position';
import { rateDv01 } from './sensitivities';

export function portfolioMarketValue(positions: readonly RiskPosition[]): number {
  return positions.reduce((sum, p) => sum + p.marketValue, 0);
}

/** Rupees lost for a 1 bp parallel rise of every key rate (spread DV01 is apart). */
export function portfolioDv01(positions: readonly RiskPosition[]): number {
  return positions.reduce((sum, p) => sum + rateDv01(p), 0);
}

export function portfolioSpreadDv01(positions: readonly RiskPosition[]): number {
  return positions.reduce((sum, p) => sum + (p.dv01.SPREAD ?? 0), 0);
}

/**
 * Value-weighted modified duration, sum(MV_i D_i) / sum(MV_i), with each D_i = DV01_i x 10^4 / MV_i,
 * which is the portfolio DV01 x 10^4 / portfolio value.
 */
export function portfolioDuration(positions: readonly RiskPosition[]): number {
  return (portfolioDv01(positions) * 1e4) / nonZeroValue(positions);
}

/** Value-weighted convexity, sum(MV_i C_i) / sum(MV_i), in years squared. */
export function portfolioConvexity(positions: readonly RiskPosition[]): number {
  return positions.reduce((sum, p) => sum + p.marketValue * (p.convexity ?? 0), 0) / nonZeroValue(positions);
}

/** Share of the portfolio's value per issuer, in percent; positions without an issuer are left out of the groups. */
export function issuerConcentrationPct(positions: readonly RiskPosition[]): Record<string, number> {
  const total = nonZeroValue(positions);
  const byIssuer: Record<string, number> = {};
  for (const p of positions) {
    if (p.issuer === undefined) continue;
    byIssuer[p.issuer] = (byIssuer[p.issuer] ?? 0) + p.marketValue;
  }
  for (const issuer of Object.keys(byIssuer)) byIssuer[issuer] = (100 * (byIssuer[issuer] as number)) / total;
  return byIssuer;
}

function nonZeroValue(positions: readonly RiskPosition[]): number {
  const value = portfolioMarketValue(positions);
  if (value === 0)
    throw new InvalidRiskInputError('the portfolio has no market value to weight by', 'positions');
  return value;
}
