import Decimal from 'decimal.js';
import type { DayCount } from '../../../domain/reference-data/bond-types';
import type { CacheSpec } from '../../../platform/redis-cache';
import { tradingKeys } from '../../../platform/trading-transport';
import type { AppDeps } from '../../app-deps';
import { fixedDecimal } from '../../http/decimal-json';
import { cachedBond, type CachedBond } from '../bonds/bond-cache';
import { calculateBondMetrics } from '../risk-analytics/bond-metrics-calculation';
import { readBookSnapshot, type BookSnapshot } from './book-snapshot';
import { findTradingBond } from './trading-context';

/**
 * The latest market data of a bond, per bond. An entry carries the book sequence it was built from:
 * each matching commit publishes a new sequence, which makes the entry stale; a trade that bypasses
 * the book (an accepted RFQ) invalidates the bond's scope. The UTC day is in the key, as the
 * day's volume and OHLC restart at midnight.
 */
export const MARKET_DATA_CACHE: CacheSpec = { name: 'market-data', ttlSeconds: 60 };

const utcDay = () => new Date().toISOString().slice(0, 10);

/** Yield to maturity at a clean price, by the same bond math as the analytics API; null if it has none. */
function yieldAt(bond: CachedBond['json'], cleanPrice: string): number | null {
  try {
    return calculateBondMetrics({
      bond: null,
      coupon_pct: bond.coupon_pct,
      maturity_date: bond.maturity_date,
      settlement_date: utcDay(),
      frequency: bond.coupon_frequency,
      day_count: bond.day_count as DayCount,
      face_value: bond.face_value,
      clean_price: new Decimal(cleanPrice).toFixed(4),
      yield_pct: null,
    }).yield_pct;
  } catch {
    return null;
  }
}

/**
 * The book is read first and the day's trades only up to its sequence: the worker commits trades
 * before it publishes the book, so a trade committed in between would otherwise be counted against
 * a book that still shows the orders it filled. Off-book (RFQ) trades have no sequence and always
 * count; with no published book (sequence 0) every trade counts.
 */
async function buildMarketData(deps: AppDeps, reference: CachedBond) {
  const bond = await findTradingBond(deps.pg, reference.json.isin);
  const book = await readBookSnapshot(deps, bond);
  const day = (
    await deps.pg.query(
      `select count(*)::int as trades, coalesce(sum(quantity), 0)::text as volume,
              (sum(price * quantity) / nullif(sum(quantity), 0))::text as vwap,
              (array_agg(price order by sequence))[1]::text as open, max(price)::text as high,
              min(price)::text as low, (array_agg(price order by sequence desc))[1]::text as close
         from trades
        where bond_id = $1 and executed_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
          and ($2::bigint = 0 or sequence is null or sequence <= $2::bigint)`,
      [bond.id, book.sequence],
    )
  ).rows[0];
  const bestBid = book.bids[0] ?? null;
  const bestAsk = book.asks[0] ?? null;
  const lastPrice = book.last_price;
  return {
    bond_id: bond.code,
    isin: bond.isin,
    session: book.session,
    halted: book.halted,
    best_bid: bestBid,
    best_ask: bestAsk,
    spread: bestBid && bestAsk ? new Decimal(bestAsk.price).minus(bestBid.price).toFixed(4) : null,
    bids: book.bids,
    asks: book.asks,
    last_price: fixedDecimal(lastPrice, 4),
    last_yield_pct: lastPrice ? yieldAt(reference.json, lastPrice) : null,
    volume: fixedDecimal(day.volume as string, 2),
    trades: day.trades as number,
    vwap: day.vwap === null ? null : new Decimal(day.vwap).toFixed(4),
    open: fixedDecimal(day.open as string | null, 4),
    high: fixedDecimal(day.high as string | null, 4),
    low: fixedDecimal(day.low as string | null, 4),
    close: fixedDecimal(day.close as string | null, 4),
    sequence: book.sequence,
  };
}

/** Market data at full published depth, from the cache when the book has not moved since. */
export async function latestMarketData(deps: AppDeps, bondId: string) {
  const reference = await cachedBond(deps, bondId);
  const published = await deps.redis.get(tradingKeys(deps.config.redisPrefix).bookSnapshot(reference.id));
  const sequence = published ? (JSON.parse(published) as BookSnapshot).sequence : 0;
  return deps.cache.read(
    MARKET_DATA_CACHE,
    String(reference.id),
    utcDay(),
    () => buildMarketData(deps, reference),
    (cached) => cached.sequence === sequence,
  );
}

/** After a trade that did not go through the book (an accepted RFQ) is committed. */
export function invalidateMarketData(deps: AppDeps, bondId: number): Promise<void> {
  return deps.cache.invalidate(MARKET_DATA_CACHE, String(bondId));
}
