import { ExactDecimal } from '../bonds/rounding';
import { applyFill, type Holding } from '../portfolios/position-fill';
import type { CorrectedTerms } from './trade-correction';

/** One of a participant's trades in a bond, in execution order: what it did to its position. */
export interface PositionTrade {
  tradeId: string;
  side: 'BUY' | 'SELL';
  price: string;
  quantity: string;
}

const replay = (trades: readonly PositionTrade[]): Holding =>
  trades.reduce<Holding>((h, t) => applyFill(h, t.side === 'BUY' ? t.quantity : `-${t.quantity}`, t.price), {
    quantity: '0',
    averagePrice: null,
  });

const sameHolding = (a: Holding, b: Holding) =>
  new ExactDecimal(a.quantity).eq(b.quantity) &&
  (a.averagePrice === null || b.averagePrice === null
    ? a.averagePrice === b.averagePrice
    : new ExactDecimal(a.averagePrice).eq(b.averagePrice));

/**
 * A position restated as if a trade had never happened (a bust or close-out: `corrected` null) or
 * had been done on its corrected terms: the participant's trades in the bond are replayed in
 * execution order with that one left out or changed, so the average price is exactly what it would
 * have been (averages moved by later trades included), not an approximation of undoing one fill.
 *
 * The replay is used only when the trades explain the position as it stands (replaying them as they
 * are gives `current`); a position moved by anything else (an auction allotment, a manual entry)
 * gives null, and the caller adjusts the quantity keeping the average.
 */
export function restatedHolding(
  current: Holding,
  trades: readonly PositionTrade[],
  tradeId: string,
  corrected: CorrectedTerms | null,
): Holding | null {
  if (!trades.some((t) => t.tradeId === tradeId) || !sameHolding(replay(trades), current)) return null;
  return replay(
    trades.flatMap((t) => (t.tradeId !== tradeId ? [t] : corrected ? [{ ...t, ...corrected }] : [])),
  );
}
