import type { EntityManager } from '@mikro-orm/postgresql';
import type { Bond } from '../entities';

/** A change of one member's HOUSE position: `delta` rupees of face, bought at `price` when given. */
export interface HousePositionMove {
  participantId: number;
  delta: number;
  price: string | null;
}

/**
 * Moves a member's HOUSE position in a bond by `delta` rupees of face (an allotment adds, a failed
 * settlement takes it back). A purchase at `price` re-weights the average price; a position that
 * reaches zero is removed. Does nothing for a participant without a HOUSE portfolio (the venue).
 * One upsert under the row lock, so auctions clearing side by side never lose each other's change.
 */
export async function adjustHousePosition(
  em: EntityManager,
  participantId: number,
  bond: Bond,
  delta: number,
  price: string | null,
): Promise<void> {
  await adjustHousePositions(em, bond, [{ participantId, delta, price }]);
}

/** A PostgreSQL array literal of numbers: em.execute would spread a JavaScript array into a list. */
function arrayLiteral(values: readonly (number | string | null)[]): string {
  return `{${values.map((v) => v ?? 'NULL').join(',')}}`;
}

/**
 * adjustHousePosition for several members (at most one move each) in one statement, which takes
 * the position row locks in participant order: callers moving the same bond side by side cannot
 * deadlock.
 */
export async function adjustHousePositions(
  em: EntityManager,
  bond: Bond,
  moves: readonly HousePositionMove[],
): Promise<void> {
  const moving = moves.filter((m) => m.delta !== 0);
  if (moving.length === 0) return;
  const rows = await em.execute<{ id: number; quantity: string }[]>(
    `insert into positions (portfolio_id, bond_id, quantity, average_price)
     select p.id, ?::int, m.delta, m.price
       from unnest(?::int[], ?::numeric[], ?::numeric[]) as m(participant, delta, price)
       join portfolios p on p.participant_id = m.participant and p.kind = 'HOUSE'
      order by m.participant
     on conflict (portfolio_id, bond_id) do update set
       average_price = case
         when excluded.average_price is null or excluded.quantity <= 0 then positions.average_price
         when positions.quantity + excluded.quantity = 0 then positions.average_price
         else round((positions.quantity * coalesce(positions.average_price, excluded.average_price)
                     + excluded.quantity * excluded.average_price) / (positions.quantity + excluded.quantity), 4)
       end,
       quantity = positions.quantity + excluded.quantity,
       version = positions.version + 1,
       updated_at = now()
     returning id, quantity`,
    [
      bond.id,
      arrayLiteral(moving.map((m) => m.participantId)),
      arrayLiteral(moving.map((m) => m.delta)),
      arrayLiteral(moving.map((m) => m.price)),
    ],
  );
  const emptied = rows.filter((r) => Number(r.quantity) === 0).map((r) => r.id);
  if (emptied.length > 0) {
    await em.execute('delete from positions where id = any(?::int[])', [arrayLiteral(emptied)]);
  }
}
