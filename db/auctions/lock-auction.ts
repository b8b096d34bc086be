import type { EntityManager } from '@mikro-orm/postgresql';
import { Auction } from '../entities';

/**
 * Loads an auction with its bond, row-locked for the caller's transaction: `share` for a bid
 * insert (bids go side by side, a close waits for them), `update` to serialise with every bid.
 * The lock is taken by its own statement: Postgres refuses FOR UPDATE on an outer-joined populate.
 */
export async function lockAuction(
  em: EntityManager,
  where: { id: number } | { auctionCode: string },
  mode: 'share' | 'update',
): Promise<Auction | null> {
  const [column, value] = 'id' in where ? ['id', where.id] : ['auction_code', where.auctionCode];
  const rows = await em.execute<{ id: number }[]>(
    `select id from auctions where ${column} = ? for ${mode === 'share' ? 'share' : 'update'}`,
    [value],
  );
  if (!rows[0]) return null;
  return em.findOne(Auction, rows[0].id, { populate: ['bond'], refresh: true });
}
