import type { TenorYield } from '../../domain/market-data/interpolation';
import type { BondType } from '../../domain/reference-data/bond-types';
import type { ObservedBond, TradePrint } from '../../domain/fair-value';
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

/** Trades of these bonds in [since, until), oldest first. */
export async function loadTradesSince(
  sql: Sql,
  bondIds: readonly number[],
  since: Date,
  until: Date,
): Promise<TradePrint[]> {
  if (!bondIds.length) return [];
  const rows = await sql(
    `select bond_id, price::text, quantity::text, executed_at from trades
      where bond_id = any(?::int[]) and executed_at >= ? and executed_at < ? order by executed_at`,
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
