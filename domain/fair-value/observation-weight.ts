/** What an observation was: a trade print, or the mid of a two-sided book. */
export type ObservationKind = 'TRADE' | 'QUOTE';

export interface WeightingPolicy {
  /** A print this old counts half as much as one now. */
  readonly halfLifeSeconds: number;
  /** Size counts as sqrt(quantity / lot), capped here, so one block trade cannot outvote the market. */
  readonly maxSizeFactor: number;
  /** A resting quote is an offer to trade, not a trade: it counts this fraction of a print. */
  readonly quoteFactor: number;
}

export const DEFAULT_WEIGHTING: WeightingPolicy = {
  halfLifeSeconds: 4 * 3600,
  maxSizeFactor: 10,
  quoteFactor: 0.5,
};

/** The weight of one observation: exponential decay by age times a capped square-root size factor. */
export function observationWeight(
  kind: ObservationKind,
  ageSeconds: number,
  quantity: number,
  lotSize: number,
  policy: WeightingPolicy = DEFAULT_WEIGHTING,
): number {
  const recency = 0.5 ** (Math.max(ageSeconds, 0) / policy.halfLifeSeconds);
  const size = Math.min(Math.sqrt(Math.max(quantity, lotSize) / lotSize), policy.maxSizeFactor);
  return recency * size * (kind === 'QUOTE' ? policy.quoteFactor : 1);
}
