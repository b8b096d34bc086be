import { fairValueOf, type FamilyCurveSnapshot } from '../../../db/fair-value/fair-value-source';
import { curveFamilyOf, type CurveFamily } from '../../../domain/fair-value';
import { roundHalfUp } from '../../../domain/bonds/rounding';
import { dailyPnl, fillsPnl, MM_ORDER_PREFIX, type DailyPnl, type Fill } from '../../../domain/market-making';
import { latestTradingDayEnd } from '../../../domain/trading/trading-day';
import type { DayStartMarkSource } from '../../../db/entities';
import type { BondType } from '../../../domain/reference-data/bond-types';
import type { AppDeps } from '../../app-deps';
import { familyCurveNow } from '../analytics/fair-value-inputs';

export interface BondBook {
  bondId: number;
  code: string;
  /** Face value with 2 decimals; average clean price with 4 (null when flat). */
  inventory: string;
  averagePrice: string | null;
  /** Exact P&L in paise since the first fill: realised, and open inventory marked at the fair price. */
  realisedPaise: bigint;
  unrealisedPaise: bigint;
  /** Today's P&L: the carried inventory revalued from its start-of-day mark, plus today's fills. */
  daily: DailyPnl;
  /** What was carried into the day and its mark (null: flat overnight and no fair value then). */
  dayStart: DayStartRow | null;
  /** The fair price with 4 decimals, as published and as the inventory is marked. */
  fairPrice: string | null;
  fairYieldPct: number | null;
  pv01: number | null;
  /** Rupees per bp of the inventory. */
  dv01: number;
}

export interface DayStartRow {
  inventory: string;
  markPrice: string;
  markSource: DayStartMarkSource;
}

export interface MarketMakerBook {
  /** When today's P&L day began: the end of the latest trading day (the previous close). */
  dayStart: Date;
  bonds: BondBook[];
}

export interface FillRow {
  trade_id: string;
  order_id: string;
  bond_id: number;
  bond_code: string;
  side: 'BUY' | 'SELL';
  price: string;
  quantity: string;
  executed_at: Date;
}

/**
 * Fills of the participant's market-maker orders (one row per side it was on), oldest first
 * unless asked newest first; a busted trade is no fill.
 */
export async function marketMakerFills(
  deps: AppDeps,
  participantId: number,
  page: { newestFirst: boolean; limit: number | null } = { newestFirst: false, limit: null },
): Promise<FillRow[]> {
  const direction = page.newestFirst ? 'desc' : 'asc';
  return (
    await deps.pg.query<FillRow>(
      `select t.id as trade_id, s.order_id, t.bond_id, b.code as bond_code, s.side, t.price::text, t.quantity::text, t.executed_at
         from trades t join bonds b on b.id = t.bond_id
         cross join lateral (values (t.buy_order_id, 'BUY', t.buyer_participant_id),
                                    (t.sell_order_id, 'SELL', t.seller_participant_id)) as s(order_id, side, participant_id)
         join orders o on o.id = s.order_id
        where s.participant_id = $1 and o.participant_id = $1 and o.client_order_id like $2 and t.status <> 'BUSTED'
        order by t.executed_at ${direction}, t.sequence ${direction} limit $3`,
      [participantId, `${MM_ORDER_PREFIX}%`, page.limit],
    )
  ).rows;
}

/**
 * The start-of-day rows of this P&L day, recording those still missing: for each bond, the
 * inventory the fills before the day's start left and the mark it is revalued from (the fair value
 * now, else a carried inventory's average cost; a flat bond without fair value waits for one). The
 * first look after the day starts records it (the market maker looks every cycle); a concurrent
 * first look loses the insert and reads the winner's row, so a day's marks never change.
 */
async function dayStartRows(
  deps: AppDeps,
  participantId: number,
  dayStart: Date,
  candidates: () => { bondId: number; carried: Fill[]; fairMark: string | null }[],
): Promise<Map<number, DayStartRow>> {
  const read = async () =>
    new Map(
      (
        await deps.pg.query(
          `select bond_id, inventory::text, mark_price::text, mark_source from market_maker_day_starts
            where participant_id = $1 and day_start = $2`,
          [participantId, dayStart],
        )
      ).rows.map((r) => [
        r.bond_id as number,
        { inventory: r.inventory, markPrice: r.mark_price, markSource: r.mark_source } as DayStartRow,
      ]),
    );
  const rows = await read();
  const missing = candidates()
    .filter((c) => !rows.has(c.bondId))
    .flatMap((c) => {
      const carried = fillsPnl(c.carried, null);
      const markSource: DayStartMarkSource = c.fairMark !== null ? 'FAIR_VALUE' : 'AVERAGE_COST';
      const markPrice = c.fairMark ?? carried.averagePrice;
      return markPrice === null
        ? []
        : [{ bondId: c.bondId, inventory: carried.inventory, markPrice, markSource }];
    });
  if (!missing.length) return rows;
  await deps.pg.query(
    `insert into market_maker_day_starts (participant_id, bond_id, day_start, inventory, mark_price, mark_source)
     select $1, b, $2, i, m, s from unnest($3::int[], $4::numeric[], $5::numeric[], $6::text[]) as v(b, i, m, s)
     on conflict do nothing`,
    [
      participantId,
      dayStart,
      missing.map((m) => m.bondId),
      missing.map((m) => m.inventory),
      missing.map((m) => m.markPrice),
      missing.map((m) => m.markSource),
    ],
  );
  return read();
}

/**
 * The market maker's book per bond it quotes or has traded: inventory and average cost from its own
 * fills (not the whole HOUSE position, which other desks move), P&L marked at fair value, and DV01.
 * Today's P&L starts at the end of the latest trading day (`now` decides which): the inventory
 * carried past it is revalued from its recorded start-of-day mark, and the fills since then count
 * by average cost from that mark, the open inventory marked at fair value.
 */
export async function marketMakerBook(
  deps: AppDeps,
  participantId: number,
  now: number = Date.now(),
): Promise<MarketMakerBook> {
  const dayStartMs = latestTradingDayEnd(now, deps.config.tradingDay);
  // The configuration requires a trading weekday, so there always is a latest trading-day end.
  if (dayStartMs === null) throw new Error('the trading-day schedule has no trading weekday');
  const dayStart = new Date(dayStartMs);
  const fills = await marketMakerFills(deps, participantId);
  const bonds = (
    await deps.pg.query(
      `select b.id, b.code, b.bond_type::text, b.rating from bonds b
        where b.id in (select bond_id from market_maker_bonds where participant_id = $1) or b.id = any($2::int[])
        order by b.id`,
      [participantId, [...new Set(fills.map((f) => f.bond_id))]],
    )
  ).rows as { id: number; code: string; bond_type: BondType; rating: string | null }[];
  const curves = new Map<CurveFamily, Promise<FamilyCurveSnapshot | null>>();
  const curveOf = (family: CurveFamily) => {
    if (!curves.has(family))
      curves.set(
        family,
        familyCurveNow(deps, family).catch(() => null),
      );
    return curves.get(family)!;
  };
  const toFill = (f: FillRow): Fill => ({ side: f.side, price: f.price, quantity: f.quantity });
  const priced = await Promise.all(
    bonds.map(async (b) => {
      const snapshot = await curveOf(curveFamilyOf(b.bond_type, b.rating));
      const curveBond = snapshot?.bonds.find((x) => x.id === b.id);
      const fair = snapshot && curveBond ? fairValueOf(snapshot, curveBond) : null;
      const own = fills.filter((f) => f.bond_id === b.id);
      const today = own.findIndex((f) => f.executed_at.getTime() >= dayStartMs);
      const split = today < 0 ? own.length : today;
      return {
        bond: b,
        fair,
        mark: fair ? roundHalfUp(fair.fairPrice, 4) : null,
        all: own.map(toFill),
        carried: own.slice(0, split).map(toFill),
        today: own.slice(split).map(toFill),
      };
    }),
  );
  const starts = await dayStartRows(deps, participantId, dayStart, () =>
    priced.map((p) => ({ bondId: p.bond.id, carried: p.carried, fairMark: p.mark })),
  );
  return {
    dayStart,
    bonds: priced.map(({ bond: b, fair, mark, all: own, today }) => {
      const all = fillsPnl(own, mark);
      const start = starts.get(b.id) ?? null;
      return {
        bondId: b.id,
        code: b.code,
        inventory: all.inventory,
        averagePrice: all.averagePrice,
        realisedPaise: all.realisedPaise,
        unrealisedPaise: all.unrealisedPaise,
        daily: dailyPnl(start, today, mark),
        dayStart: start,
        fairPrice: mark,
        fairYieldPct: fair?.fairYieldPct ?? null,
        pv01: fair?.pv01 ?? null,
        dv01: fair ? (Number(all.inventory) / 100) * fair.pv01 : 0,
      };
    }),
  };
}
