import type { RiskPosition } from './position';

export interface IncrementalVar {
  readonly positionId: string;
  /** VaR with the position minus VaR without it; negative when the position hedges. */
  readonly incrementalVar: number;
}

/**
 * Incremental VaR by recomputation with any method: `varOf` is called once for the whole portfolio and
 * once per position left out, so it costs N + 1 VaR runs. A historical or Monte Carlo `varOf` must reuse
 * the same scenarios (same history, same seed) or the difference is noise.
 */
export function incrementalVar(
  positions: readonly RiskPosition[],
  varOf: (positions: readonly RiskPosition[]) => number,
): IncrementalVar[] {
  const total = varOf(positions);
  return positions.map((position, i) => ({
    positionId: position.id,
    incrementalVar: total - varOf(positions.filter((_, j) => j !== i)),
  }));
}
