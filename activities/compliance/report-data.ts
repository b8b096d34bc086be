import type { EntityManager } from '@mikro-orm/postgresql';
import { loadBusinessCalendar } from '../../db/calendar/holiday-store';
import { Bond } from '../../db/entities';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { settlementSystemOf, type SettlementSystem } from '../../domain/calendar/settlement-systems';
import { daysBetween, parseCivilDate } from '../../domain/bonds';
import type { FpiCategory, FpiLimitPosition } from '../../domain/compliance/regulatory-checks';
import { fpiCategoryOfBond, scaledDecimal } from '../../domain/compliance/reporting';
import type { ReportParty, ReportTrade } from '../../domain/compliance/reports/report-trade';
import { istDate } from '../../domain/compliance/reports/report-values';
import { bondPricing } from '../auctions/bond-pricing';

const IST_OFFSET = '+05:30';

/** The instants bounding one IST day: [00:00 IST, next 00:00 IST). */
export function istDayRange(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00${IST_OFFSET}`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

const exact = (text: string, scale: number, what: string): bigint => {
  const v = scaledDecimal(text, scale);
  if (v === null) throw new RangeError(`${what} ${text} is not a decimal of at most ${scale} places`);
  return v;
};

interface PartyRow {
  code: string;
  kind: string;
  lei: string | null;
}

const party = (p: PartyRow): ReportParty => ({
  participantCode: p.code,
  category: p.kind,
  lei: p.lei,
  // Registration numbers are not held yet; the field stays empty rather than invented.
  fpiRegistration: null,
});

/** Bond math and business calendars, loaded once per report. */
class PricingContext {
  private readonly bonds = new Map<number, Bond>();
  private readonly calendars = new Map<SettlementSystem, BusinessCalendar>();

  constructor(private readonly em: EntityManager) {}

  async bond(id: number): Promise<Bond> {
    let b = this.bonds.get(id);
    if (!b) this.bonds.set(id, (b = await this.em.findOneOrFail(Bond, id)));
    return b;
  }

  async settlementDate(bond: Bond, executedAt: Date): Promise<string> {
    const system = settlementSystemOf(bond.bondType);
    let c = this.calendars.get(system);
    if (!c) this.calendars.set(system, (c = await loadBusinessCalendar(this.em, system)));
    return c.settlementDate(istDate(executedAt), 1);
  }
}

interface TradeRow {
  id: string;
  bond_id: number;
  executed_at: Date;
  price: string;
  quantity: string;
  buyer: PartyRow;
  seller: PartyRow;
  /** Allotments: what the clearing stored; trades compute it. */
  consideration: string | null;
  accrued: string | null;
  settlement_date: string | null;
  mechanism: 'CONTINUOUS' | 'AUCTION';
}

const party_json = (alias: string) =>
  `json_build_object('code', ${alias}.code, 'kind', ${alias}.kind, 'lei', ${alias}.lei)`;

/**
 * Every trade and auction allotment executed in [from, to), as ReportTrade: continuous trades from
 * `trades`, allotments (allotted amount > 0) at their auction's clearing time with the venue
 * operator (the issuer's agent) as the seller. `onProgress` hears every 1,000 rows mapped.
 */
export async function loadReportTrades(
  em: EntityManager,
  from: Date,
  to: Date,
  onProgress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<ReportTrade[]> {
  const conn = em.getConnection();
  const trades = (await conn.execute(
    `select t.id, t.bond_id, t.executed_at, t.price::text as price, t.quantity::text as quantity,
            ${party_json('bp')} as buyer, ${party_json('sp')} as seller,
            null as consideration, null as accrued, null as settlement_date, 'CONTINUOUS' as mechanism
       from trades t
       join participants bp on bp.id = t.buyer_participant_id
       join participants sp on sp.id = t.seller_participant_id
      where t.executed_at >= ? and t.executed_at < ?
      order by t.executed_at, t.id`,
    [from, to],
  )) as TradeRow[];
  const allotments = (await conn.execute(
    `select al.id::text as id, a.bond_id, a.cleared_at as executed_at,
            coalesce(al.price_paid::text, round(al.consideration * 100 / al.allotted_amount, 4)::text) as price,
            al.allotted_amount::text as quantity,
            ${party_json('bp')} as buyer, ${party_json('op')} as seller,
            al.consideration::text as consideration, al.accrued_interest::text as accrued,
            a.settlement_date::text as settlement_date, 'AUCTION' as mechanism
       from auction_allotments al
       join auctions a on a.id = al.auction_id
       join participants bp on bp.id = al.participant_id
       cross join lateral (select * from participants where is_venue_operator order by id limit 1) op
      where al.allotted_amount > 0 and a.cleared_at >= ? and a.cleared_at < ?
      order by a.cleared_at, al.id`,
    [from, to],
  )) as TradeRow[];
  const rows = [...trades, ...allotments];
  const ctx = new PricingContext(em);
  const out: ReportTrade[] = [];
  for (const r of rows) {
    out.push(await toReportTrade(ctx, r));
    if (out.length % 1000 === 0) await onProgress(out.length, rows.length);
  }
  await onProgress(out.length, rows.length);
  return out;
}

/** One trade of given ids (`TRADE` uuid or `ALLOTMENT` id), for the 15-minute trade report. */
export async function loadReportTradesByRef(
  em: EntityManager,
  refs: { source: 'TRADE' | 'ALLOTMENT'; tradeRef: string }[],
): Promise<Map<string, ReportTrade>> {
  const conn = em.getConnection();
  const tradeIds = refs.filter((r) => r.source === 'TRADE').map((r) => r.tradeRef);
  const allotmentIds = refs.filter((r) => r.source === 'ALLOTMENT').map((r) => Number(r.tradeRef));
  const rows: TradeRow[] = [];
  if (tradeIds.length)
    rows.push(
      ...((await conn.execute(
        `select t.id, t.bond_id, t.executed_at, t.price::text as price, t.quantity::text as quantity,
                ${party_json('bp')} as buyer, ${party_json('sp')} as seller,
                null as consideration, null as accrued, null as settlement_date, 'CONTINUOUS' as mechanism
           from trades t
           join participants bp on bp.id = t.buyer_participant_id
           join participants sp on sp.id = t.seller_participant_id
          where t.id::text in (?)`,
        [tradeIds],
      )) as TradeRow[]),
    );
  if (allotmentIds.length)
    rows.push(
      ...((await conn.execute(
        `select al.id::text as id, a.bond_id, coalesce(o.executed_at, a.cleared_at) as executed_at,
                coalesce(al.price_paid::text, round(al.consideration * 100 / al.allotted_amount, 4)::text) as price,
                al.allotted_amount::text as quantity,
                ${party_json('bp')} as buyer, ${party_json('op')} as seller,
                al.consideration::text as consideration, al.accrued_interest::text as accrued,
                a.settlement_date::text as settlement_date, 'AUCTION' as mechanism
           from auction_allotments al
           join auctions a on a.id = al.auction_id
           join participants bp on bp.id = al.participant_id
           left join trade_report_obligations o on o.source = 'ALLOTMENT' and o.trade_ref = al.id::text and o.version = 1
           cross join lateral (select * from participants where is_venue_operator order by id limit 1) op
          where al.id in (?)`,
        [allotmentIds],
      )) as TradeRow[]),
    );
  const ctx = new PricingContext(em);
  const out = new Map<string, ReportTrade>();
  for (const r of rows)
    out.set(`${r.mechanism === 'AUCTION' ? 'ALLOTMENT' : 'TRADE'}:${r.id}`, await toReportTrade(ctx, r));
  return out;
}

async function toReportTrade(ctx: PricingContext, r: TradeRow): Promise<ReportTrade> {
  const bond = await ctx.bond(r.bond_id);
  const executedAt = new Date(r.executed_at);
  const settlementDate = r.settlement_date ?? (await ctx.settlementDate(bond, executedAt));
  const pricing = bondPricing(bond, settlementDate, false);
  const quantityPaise = exact(r.quantity, 2, 'quantity');
  const cleanPriceUnits = exact(r.price, 4, 'price');
  // Clean value = price per 100 x face: units (1e-4) x paise / 1e6, half up.
  const cleanPaise = (cleanPriceUnits * quantityPaise + 500_000n) / 1_000_000n;
  const accruedPaise =
    r.accrued !== null
      ? exact(r.accrued, 2, 'accrued interest')
      : BigInt(Math.round(Number(pricing.accruedPer100 ?? 0) * Number(r.quantity)));
  return {
    tradeId: r.id,
    mechanism: r.mechanism,
    executedAt,
    isin: bond.isin,
    fpiCategory: fpiCategoryOfBond(bond.bondType),
    quantityPaise,
    faceValuePerUnitPaise: exact(bond.faceValue, 2, 'face value'),
    cleanPriceUnits,
    accruedPaise,
    considerationPaise: r.consideration !== null ? exact(r.consideration, 2, 'consideration') : cleanPaise,
    yieldUnits: exact(pricing.yieldFromPrice!(r.price), 4, 'yield'),
    buyer: party(r.buyer),
    seller: party(r.seller),
    settlementDate,
    settlementCycle: r.mechanism === 'AUCTION' ? 'AUCTION' : 'T+1',
    settlementMode: settlementSystemOf(bond.bondType) === 'RBI_SGL' ? 'DVP_RBI_SGL' : 'DVP_CLEARING',
  };
}

/** Residual days to maturity on the IST day of execution, for the corridor report's tenor buckets. */
export async function residualDays(em: EntityManager, isin: string, executedAt: Date): Promise<number> {
  const bond = await em.findOneOrFail(Bond, { isin });
  return daysBetween(parseCivilDate(istDate(executedAt)), parseCivilDate(bond.maturityDate));
}

/** Net HOUSE position of every member in every bond (face value in paise). */
export async function loadHousePositions(em: EntityManager) {
  const rows = (await em.getConnection().execute(
    `select p.code, p.kind, b.isin, b.bond_type, b.outstanding_amount::text as outstanding, pos.quantity::text as quantity
       from positions pos
       join portfolios pf on pf.id = pos.portfolio_id and pf.kind = 'HOUSE'
       join participants p on p.id = pf.participant_id
       join bonds b on b.id = pos.bond_id
      order by p.code, b.isin`,
  )) as {
    code: string;
    kind: string;
    isin: string;
    bond_type: Bond['bondType'];
    outstanding: string;
    quantity: string;
  }[];
  return rows.map((r) => ({
    participantCode: r.code,
    participantKind: r.kind,
    isin: r.isin,
    bondType: r.bond_type,
    fpiCategory: fpiCategoryOfBond(r.bond_type),
    outstandingPaise: exact(r.outstanding, 2, 'outstanding'),
    netPaise: exact(r.quantity, 2, 'position'),
  }));
}

/** The latest published national limit of each FPI category on or before `day`. */
export async function loadFpiLimits(em: EntityManager, day: string): Promise<FpiLimitPosition[]> {
  const rows = (await em.getConnection().execute(
    `select distinct on (category) category, limit_paise::text as limit_paise, utilised_paise::text as utilised_paise
       from fpi_national_limits where as_of <= ? order by category, as_of desc`,
    [day],
  )) as { category: FpiCategory; limit_paise: string | null; utilised_paise: string }[];
  return rows.map((r) => ({
    category: r.category,
    limitPaise: r.limit_paise === null ? null : BigInt(r.limit_paise),
    utilisedPaise: BigInt(r.utilised_paise),
  }));
}
