import { fairValueOf, type FamilyCurveSnapshot } from '../../../db/fair-value/fair-value-source';
import { curveFamilyOf, type CurveFamily } from '../../../domain/fair-value';
import { roundHalfUp } from '../../../domain/bonds/rounding';
import { dailyPnl, fillsPnl, MM_ORDER_PREFIX, type DailyPnl, type Fill } from '../../../domain/market-making';
import { latestTradingDayEnd } from '../../../domain/trading/trading-day';
import { settlementSystemOf, type SettlementSystem } from '../../../domain/calendar/settlement-systems';
import { loadBusinessCalendar } from '../../../db/calendar/holiday-store';
import type { BusinessCalendar } from '../../../domain/calendar/business-calendar';
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
  /** When this bond's P&L day began: the latest trading-day end of its settlement system. */
  pnlDayStart: Date;
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
  /**
   * When today's P&L day began: the latest of the bonds' day starts (they differ only while one
   * settlement system has a holiday the other has not); with no bond, the schedule's previous close.
   */
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
  candidates: { bondId: number; dayStart: Date; carried: Fill[]; fairMark: string | null }[],
): Promise<Map<number, DayStartRow>> {
  const read = async () =>
    new Map(
      (
        await deps.pg.query(
          `select s.bond_id, s.inventory::text, s.mark_price::text, s.mark_source
             from market_maker_day_starts s
             join unnest($2::int[], $3::timestamptz[]) as d(bond_id, day_start)
               on d.bond_id = s.bond_id and d.day_start = s.day_start
            where s.participant_id = $1`,
          [participantId, candidates.map((c) => c.bondId), candidates.map((c) => c.dayStart)],
        )
      ).rows.map((r) => [
        r.bond_id as number,
        { inventory: r.inventory, markPrice: r.mark_price, markSource: r.mark_source } as DayStartRow,
      ]),
    );
  const rows = await read();
  const missing = candidates
    .filter((c) => !rows.has(c.bondId))
    .flatMap((c) => {
      const carried = fillsPnl(c.carried, null);
      const markSource: DayStartMarkSource = c.fairMark !== null ? 'FAIR_VALUE' : 'AVERAGE_COST';
      const markPrice = c.fairMark ?? carried.averagePrice;
      return markPrice === null
        ? []
        : [{ bondId: c.bondId, dayStart: c.dayStart, inventory: carried.inventory, markPrice, markSource }];
    });
  if (!missing.length) return rows;
  await deps.pg.query(
    `insert into market_maker_day_starts (participant_id, bond_id, day_start, inventory, mark_price, mark_source)
     select $1, b, d, i, m, s
       from unnest($2::int[], $3::timestamptz[], $4::numeric[], $5::numeric[], $6::text[]) as v(b, d, i, m, s)
     on conflict do nothing`,
    [
      participantId,
      missing.map((m) => m.bondId),
      missing.map((m) => m.dayStart),
      missing.map((m) => m.inventory),
      missing.map((m) => m.markPrice),
      missing.map((m) => m.markSource),
    ],
  );
  return read();
}

/** The end of the latest trading day at `now`, the holidays of `calendar` skipped, as DAY orders end. */
function latestDayEnd(deps: AppDeps, now: number, calendar?: BusinessCalendar): number {
  const end = latestTradingDayEnd(now, deps.config.tradingDay, calendar);
  // The configuration requires a trading weekday; only a year of holidays in a row leaves none.
  if (end === null) throw new Error('no trading day within a year');
  return end;
}

/** The latest trading-day end of each settlement system, its holidays read once per call. */
async function latestDayEnds(
  deps: AppDeps,
  now: number,
  systems: Iterable<SettlementSystem>,
): Promise<Map<SettlementSystem, number>> {
  const em = deps.orm.em.fork();
  const ends = new Map<SettlementSystem, number>();
  for (const system of new Set(systems))
    ends.set(system, latestDayEnd(deps, now, await loadBusinessCalendar(em, system)));
  return ends;
}

/**
 * The market maker's book per bond it quotes or has traded: inventory and average cost from its own
 * fills (not the whole HOUSE position, which other desks move), P&L marked at fair value, and DV01.
 * A bond's P&L day starts at the end of the latest trading day of its settlement system (`now`
 * decides which): the inventory carried past it is revalued from its recorded start-of-day mark,
 * and the fills since then count by average cost from that mark, the open inventory marked at
 * fair value.
 */
export async function marketMakerBook(
  deps: AppDeps,
  participantId: number,
  now: number = Date.now(),
): Promise<MarketMakerBook> {
  const fills = await marketMakerFills(deps, participantId);
  const bonds = (
    await deps.pg.query(
      `select b.id, b.code, b.bond_type::text, b.rating from bonds b
        where b.id in (select bond_id from market_maker_bonds where participant_id = $1) or b.id = any($2::int[])
        order by b.id`,
      [participantId, [...new Set(fills.map((f) => f.bond_id))]],
    )
  ).rows as { id: number; code: string; bond_type: BondType; rating: string | null }[];
  const dayEnds = await latestDayEnds(
    deps,
    now,
    bonds.map((b) => settlementSystemOf(b.bond_type)),
  );
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
      const dayStartMs = dayEnds.get(settlementSystemOf(b.bond_type))!;
      const today = own.findIndex((f) => f.executed_at.getTime() >= dayStartMs);
      const split = today < 0 ? own.length : today;
      return {
        bond: b,
        fair,
        dayStart: new Date(dayStartMs),
        mark: fair ? roundHalfUp(fair.fairPrice, 4) : null,
        all: own.map(toFill),
        carried: own.slice(0, split).map(toFill),
        today: own.slice(split).map(toFill),
      };
    }),
  );
  const starts = await dayStartRows(
    deps,
    participantId,
    priced.map((p) => ({ bondId: p.bond.id, dayStart: p.dayStart, carried: p.carried, fairMark: p.mark })),
  );
  const latestStart = Math.max(...priced.map((p) => p.dayStart.getTime()));
  return {
    dayStart: new Date(priced.length ? latestStart : latestDayEnd(deps, now)),
    bonds: priced.map(({ bond: b, fair, mark, all: own, today, dayStart }) => {
      const all = fillsPnl(own, mark);
      const start = starts.get(b.id) ?? null;
      return {
        bondId: b.id,
        code: b.code,
        inventory: all.inventory,
        averagePrice: all.averagePrice,
        realisedPaise: all.realisedPaise,
        unrealisedPaise: all.unrealisedPaise,
        pnlDayStart: dayStart,
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
