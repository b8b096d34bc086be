import { InvalidRiskInputError } from './errors';
import type { RiskPosition } from './position';
import { FACTOR_COUNT, KEY_RATE_TENORS, RISK_FACTORS } from './risk-factors';

/**
 * Second-order model of one position in factor space (x in bp):
 *   P&L(x) = -delta . x + 1/2 gamma y^2,  y = direction . x,
 * where delta is the DV01 vector, y the position's own yield change (its key-rate shifts weighted
 * by DV01 share, plus the spread shift weighted by spread DV01 / rate DV01, so about 1:1 for a
 * corporate bond) and gamma = convexity x market value / 10^8 (rupees per bp^2). For a parallel
 * move of y bp this is the textbook -DV01 y + 1/2 C MV (y / 10^4)^2.
 */
export interface PositionSensitivity {
  readonly delta: Float64Array;
  readonly direction: Float64Array;
  readonly gamma: number;
}

/** Portfolio quadratic model: P&L(x) = -delta . x + 1/2 x' gamma x, gamma row-major F x F. */
export interface PortfolioSensitivity {
  readonly delta: Float64Array;
  readonly gamma: Float64Array;
}

const RATE_FACTOR_COUNT = KEY_RATE_TENORS.length;

export function rateDv01(position: RiskPosition): number {
  return KEY_RATE_TENORS.reduce((sum, tenor) => sum + (position.dv01[tenor] ?? 0), 0);
}

export function positionSensitivity(position: RiskPosition): PositionSensitivity {
  const delta = new Float64Array(FACTOR_COUNT);
  RISK_FACTORS.forEach((factor, f) => {
    const value = position.dv01[factor] ?? 0;
    if (!Number.isFinite(value))
      throw new InvalidRiskInputError(`dv01.${factor} of ${position.id} is not finite`, 'dv01');
    delta[f] = value;
  });
  const convexity = position.convexity ?? 0;
  if (!Number.isFinite(convexity) || !Number.isFinite(position.marketValue)) {
    throw new InvalidRiskInputError(
      `convexity and market value of ${position.id} must be finite`,
      'convexity',
    );
  }
  const totalRate = delta.subarray(0, RATE_FACTOR_COUNT).reduce((a, b) => a + b, 0);
  // Without rate DV01 there is no yield direction to bend along: the position is taken as linear.
  const direction = totalRate === 0 ? new Float64Array(FACTOR_COUNT) : delta.map((d) => d / totalRate);
  const gamma = totalRate === 0 ? 0 : (convexity * position.marketValue) / 1e8;
  return { delta, direction, gamma };
}

export function positionDeltaGammaPnl(s: PositionSensitivity, shift: ArrayLike<number>, offset = 0): number {
  let linear = 0;
  let y = 0;
  for (let f = 0; f < FACTOR_COUNT; f++) {
    const x = shift[offset + f] as number;
    linear += (s.delta[f] as number) * x;
    y += (s.direction[f] as number) * x;
  }
  return -linear + 0.5 * s.gamma * y * y;
}

export function portfolioSensitivity(sensitivities: readonly PositionSensitivity[]): PortfolioSensitivity {
  const n = FACTOR_COUNT;
  const delta = new Float64Array(n);
  const gamma = new Float64Array(n * n);
  for (const s of sensitivities) {
    for (let i = 0; i < n; i++) {
      delta[i] = (delta[i] as number) + (s.delta[i] as number);
      if (s.gamma === 0) continue;
      const gi = s.gamma * (s.direction[i] as number);
      for (let j = 0; j < n; j++)
        gamma[i * n + j] = (gamma[i * n + j] as number) + gi * (s.direction[j] as number);
    }
  }
  return { delta, gamma };
}

export function portfolioDeltaGammaPnl(
  p: PortfolioSensitivity,
  shift: ArrayLike<number>,
  offset = 0,
): number {
  const n = FACTOR_COUNT;
  let linear = 0;
  let quadratic = 0;
  for (let i = 0; i < n; i++) {
    const xi = shift[offset + i] as number;
    linear += (p.delta[i] as number) * xi;
    let row = 0;
    for (let j = 0; j < n; j++) row += (p.gamma[i * n + j] as number) * (shift[offset + j] as number);
    quadratic += xi * row;
  }
  return -linear + 0.5 * quadratic;
}
