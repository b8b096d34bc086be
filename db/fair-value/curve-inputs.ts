import type { TenorYield } from '../../domain/market-data/interpolation';
import type { BondType } from '../../domain/reference-data/bond-types';
import { bookTouches, type BookTouch, type ObservedBond, type TradePrint } from '../../domain/fair-value';
import { MM_ORDER_PREFIX } from '../../domain/market-making';
import type { Sql } from './sql';

export interface CurveBond extends ObservedBond {
  readonly isin: string;
  readonly bondType: BondType;
  readonly rating: string | null;
  readonly tickSize: string;
  readonly faceValue: number;
}

/** Every bond not yet matured at `asOf` (YYYY-MM-DD): the candidates of every family. */
export async function loadCurveBonds(sql: Sql, asOf: string): Promise<CurveBond[]> {
  const rows = await sql(
    `select id, code, isin, bond_type::text, rating, coupon_pct::text, maturity_date::text, coupon_frequency,
            day_count, lot_size::text, tick_size::text, face_value::text, reference_yield_pct::text
       from bonds where maturity_date > ?::date order by id`,
    [asOf],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    isin: r.isin,
    bondType: r.bond_type,
    rating: r.rating,
    terms: {
      couponPct: Number(r.coupon_pct),
      maturityDate: r.maturity_date,
      frequency: r.coupon_frequency,
      dayCount: r.day_count,
    },
    lotSize: Number(r.lot_size),
    tickSize: r.tick_size,
    faceValue: Number(r.face_value),
    referenceYieldPct: r.reference_yield_pct === null ? null : Number(r.reference_yield_pct),
  }));
}

/** Trades of these bonds in [since, until), oldest first, as corrected; a busted trade is no print. */
export async function loadTradesSince(
  sql: Sql,
  bondIds: readonly number[],
  since: Date,
  until: Date,
): Promise<TradePrint[]> {
  if (!bondIds.length) return [];
  const rows = await sql(
    `select bond_id, price::text, quantity::text, executed_at from trades
      where bond_id = any(?::int[]) and executed_at >= ? and executed_at < ? and status <> 'BUSTED'
      order by executed_at, id`,
    [bondIds, since, until],
  );
  return rows.map((r) => ({
    bondId: r.bond_id,
    price: Number(r.price),
    quantity: Number(r.quantity),
    atMs: new Date(r.executed_at).getTime(),
  }));
}

/**
 * The touch of each of these bonds' books as resting orders show it (see bookTouches: a triggered
 * stop-limit rests there like any limit order), leaving out every market maker's quotes: they are
 * placed around the curve's own fair value, so counting their mid would feed the curve back into
 * itself (a skewed quote would drag fair value after it, and the next quotes further). Their fills
 * are trades and count as any other. A stop's trigger is its journaled TRIGGERED event (the order
 * row does not change), and its time there is when it entered the book.
 */
export async function loadCurveTouches(sql: Sql, bondIds: readonly number[]): Promise<BookTouch[]> {
  if (!bondIds.length) return [];
  const rows = await sql(
    `with open as (
       select o.bond_id, o.side::text as side, o.order_type::text as order_type, o.price,
              o.quantity - o.filled_quantity as remaining, greatest(o.updated_at, t.at) as at, t.at is not null as triggered
         from orders o
         left join lateral (select max(e.occurred_at) as at from order_events e
                             where o.order_type = 'STOP_LIMIT' and e.order_id = o.id and e.type = 'TRIGGERED') t on true
        where o.bond_id = any(?::int[]) and o.status in ('NEW', 'PARTIALLY_FILLED') and o.price is not null
          and not (o.client_order_id like ? and exists (select 1 from market_makers m where m.participant_id = o.participant_id))
     ), best as (
       select bond_id, side, order_type, triggered, case when side = 'BUY' then max(price) else min(price) end as price
         from open group by 1, 2, 3, 4
     )
     select b.bond_id, b.side, b.order_type, b.triggered, b.price::text, sum(o.remaining)::text as quantity, max(o.at) as at
       from best b join open o on o.bond_id = b.bond_id and o.side = b.side and o.order_type = b.order_type
                              and o.triggered = b.triggered and o.price = b.price
      group by 1, 2, 3, 4, 5`,
    [bondIds, `${MM_ORDER_PREFIX}%`],
  );
  return bookTouches(
    rows.map((r) => ({
      bondId: r.bond_id,
      side: r.side,
      orderType: r.order_type,
      triggered: r.triggered,
      price: Number(r.price),
      quantity: Number(r.quantity),
      atMs: new Date(r.at).getTime(),
    })),
  );
}

/**
 * The reference curve: the latest date of the same curve risk runs use (the newest real history,
 * else the UST_PAR stand-in), tenors in years ascending.
 */
export async function loadReferenceCurve(
  sql: Sql,
): Promise<{ code: string; date: string; points: TenorYield[] } | null> {
  const rows = await sql(
    `with c as (select id, code from yield_curves order by is_stand_in asc, created_at desc, id desc limit 1),
          d as (select max(p.observation_date) as date from yield_curve_points p join c on c.id = p.curve_id)
     select c.code, d.date::text as date, p.tenor_months, p.yield_pct::text
       from c cross join d join yield_curve_points p on p.curve_id = c.id and p.observation_date = d.date
      order by p.tenor_months`,
  );
  if (!rows.length) return null;
  return {
    code: rows[0].code,
    date: rows[0].date,
    points: rows.map((r) => ({ years: r.tenor_months / 12, yieldPct: Number(r.yield_pct) })),
  };
}
