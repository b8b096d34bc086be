import Decimal from 'decimal.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Portfolio, Position, type Bond } from '../entities';

/**
 * Moves a member's HOUSE position in a bond by `delta` rupees of face (an allotment adds, a failed
 * settlement takes it back). A purchase at `price` re-weights the average price; a position that
 * reaches zero is removed. Does nothing for a participant without a HOUSE portfolio (the venue).
 */
export async function adjustHousePosition(
  em: EntityManager,
  participantId: number,
  bond: Bond,
  delta: number,
  price: string | null,
): Promise<void> {
  const portfolio = await em.findOne(Portfolio, { participant: participantId, kind: 'HOUSE' });
  if (!portfolio || delta === 0) return;
  const position = await em.findOne(Position, { portfolio, bond });
  const before = new Decimal(position?.quantity ?? 0);
  const after = before.plus(delta);
  if (after.isZero()) {
    if (position) em.remove(position);
    return;
  }
  let averagePrice = position?.averagePrice ?? null;
  if (price !== null && delta > 0) {
    const cost = before.times(averagePrice ?? price).plus(new Decimal(delta).times(price));
    averagePrice = cost.dividedBy(after).toFixed(4, Decimal.ROUND_HALF_UP);
  }
  if (position) {
    position.quantity = after.toFixed(2);
    position.averagePrice = averagePrice;
  } else {
    em.create(Position, { portfolio, bond, quantity: after.toFixed(2), averagePrice });
  }
}
