import { tailSize, type ConfidenceLevel } from './confidence';
import { InvalidRiskInputError } from './errors';
import type { TailRisk, TailScenario } from './tail-risk';

/**
 * The one quantile convention every VaR method uses. Losses are -P&L. VaR is the k-th worst loss with
 * k = ceil(N(1 - confidence)) computed exactly; ES follows Acerbi and Tasche (2002): with
 * w = N(1 - confidence), ES = (sum of the floor(w) worst losses + (w - floor(w)) x the next worst) / w.
 */
export function tailRiskFromPnl(pnl: ArrayLike<number>, confidence: ConfidenceLevel): TailRisk {
  const n = pnl.length;
  const size = tailSize(n, confidence);
  const order = worstFirst(pnl);
  const lossAt = (rank: number): number => -(pnl[order[rank - 1] as number] as number);

  const tail: TailScenario[] = [];
  let weighted = 0;
  for (let rank = 1; rank <= size.whole; rank++) {
    weighted += lossAt(rank);
    tail.push({ scenario: order[rank - 1] as number, weight: 1 / size.weight });
  }
  if (size.fraction > 0) {
    weighted += size.fraction * lossAt(size.whole + 1);
    tail.push({ scenario: order[size.whole] as number, weight: size.fraction / size.weight });
  }

  return {
    confidence,
    var: lossAt(size.rank),
    es: weighted / size.weight,
    scenarioCount: n,
    rank: size.rank,
    tailWeight: size.weight,
    varScenario: order[size.rank - 1] as number,
    tail,
  };
}

/** Scenario indices ordered from the largest loss (most negative P&L) down; ties keep index order. */
function worstFirst(pnl: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(pnl.length);
  for (let i = 0; i < pnl.length; i++) {
    if (!Number.isFinite(pnl[i])) {
      throw new InvalidRiskInputError(`P&L of scenario ${i} is not a finite number`, 'pnl');
    }
    order[i] = i;
  }
  return order.sort((a, b) => (pnl[a] as number) - (pnl[b] as number) || a - b);
}
