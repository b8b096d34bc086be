import type { EntityManager } from '@mikro-orm/postgresql';
import type { Bond } from '../entities';

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
  if (delta === 0) return;
  const rows = await em.execute<{ id: number; quantity: string }[]>(
    `insert into positions (portfolio_id, bond_id, quantity, average_price)
     select p.id, ?::int, ?::numeric, ?::numeric from portfolios p where p.participant_id = ? and p.kind = 'HOUSE'
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
    [bond.id, String(delta), price, participantId],
  );
  if (rows[0] && Number(rows[0].quantity) === 0) {
    await em.execute('delete from positions where id = ?', [rows[0].id]);
  }
}
