import type { EntityManager } from '@mikro-orm/postgresql';
import { Auction } from '../../../db/entities';
import { lockAuction } from '../../../db/auctions/lock-auction';
import { problems } from '../../http/problem';

/** `auction_id` in paths is the integer id or the auction_code (CONVENTIONS.md); optionally row-locked. */
export async function findAuction(
  em: EntityManager,
  auctionId: string,
  lock?: 'share' | 'update',
): Promise<Auction> {
  const where = /^\d+$/.test(auctionId) ? { id: Number(auctionId) } : { auctionCode: auctionId };
  const auction = lock
    ? await lockAuction(em, where, lock)
    : await em.findOne(Auction, where, { populate: ['bond'] });
  if (!auction) throw problems.notFound(`Auction ${auctionId}`);
  return auction;
}
