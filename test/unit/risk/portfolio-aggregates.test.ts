import {
  InvalidRiskInputError,
  issuerConcentrationPct,
  portfolioConvexity,
  portfolioDuration,
  portfolioDv01,
  portfolioMarketValue,
  portfolioSpreadDv01,
  positionDeltaGammaPnl,
  positionSensitivity,
} from '../../../domain/risk';
import { CORPORATE, GSEC } from './risk-fixtures';

describe('portfolio aggregates', () => {
  const book = [GSEC, CORPORATE];

  it('when a G-sec (1 crore, D 7, C 60) and a corporate (50 lakh, D 4, C 20) are held, then the totals are by hand', () => {
    expect(portfolioMarketValue(book)).toBe(1.5e7);
    expect(portfolioDv01(book)).toBe(9000);
    expect(portfolioSpreadDv01(book)).toBe(2000);
    // (1e7 x 7 + 5e6 x 4) / 1.5e7 = 6; (1e7 x 60 + 5e6 x 20) / 1.5e7 = 46.67.
    expect(portfolioDuration(book)).toBeCloseTo(6, 12);
    expect(portfolioConvexity(book)).toBeCloseTo(700 / 15, 12);
    expect(issuerConcentrationPct(book)).toEqual({
      GOI: expect.closeTo(66.6667, 4),
      ACME: expect.closeTo(33.3333, 4),
    });
  });

  it('when the book has no value, then duration cannot be weighted', () => {
    expect(() => portfolioDuration([])).toThrow(InvalidRiskInputError);
  });

  it('when a corporate bond sees 10 bp on 5Y and 10 bp of spread, then its yield moves 20 bp in the gamma term', () => {
    // -2000 x 10 - 2000 x 10 + 1/2 x 1 x 20^2 = -40,000 + 200.
    const shift = [0, 0, 10, 0, 0, 10];
    expect(positionDeltaGammaPnl(positionSensitivity(CORPORATE), shift)).toBe(-39_800);
  });
});
