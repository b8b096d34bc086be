import type { EntityManager } from '@mikro-orm/postgresql';
import { loadBusinessCalendar } from '../../db/calendar/holiday-store';
import { positionLimitColumns } from '../../db/compliance/position-limits';
import { Bond } from '../../db/entities';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { settlementSystemOf, type SettlementSystem } from '../../domain/calendar/settlement-systems';
import { daysBetween, parseCivilDate } from '../../domain/bonds';
import { fpiCategoryOfBond, scaledDecimal } from '../../domain/compliance/reporting';
import type {
  ExecutionMechanism,
  ReportParty,
  ReportTrade,
} from '../../domain/compliance/reports/report-trade';
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
  fpi_registration: string | null;
}

const party = (p: PartyRow): ReportParty => ({
  participantCode: p.code,
  category: p.kind,
  lei: p.lei,
  fpiRegistration: p.fpi_registration,
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
  mechanism: ExecutionMechanism;
}

/** An RFQ trade is negotiated off the book; the rest of `trades` executed on it. */
const TRADE_MECHANISM = `case t.execution_mechanism when 'RFQ' then 'NEGOTIATED' else 'CONTINUOUS' end`;

const party_json = (alias: string) =>
  `json_build_object('code', ${alias}.code, 'kind', ${alias}.kind, 'lei', ${alias}.lei, 'fpi_registration', ${alias}.fpi_registration)`;

/** Continuous and RFQ trades as TradeRow; the caller adds its where clause. */
const TRADES_SELECT = `select t.id, t.bond_id, t.executed_at, t.price::text as price, t.quantity::text as quantity,
          ${party_json('bp')} as buyer, ${party_json('sp')} as seller,
          null as consideration, null as accrued, null as settlement_date, ${TRADE_MECHANISM} as mechanism
     from trades t
     join participants bp on bp.id = t.buyer_participant_id
     join participants sp on sp.id = t.seller_participant_id`;

/** Auction allotments as TradeRow, executed at `executedAt`, sold by the venue operator (the issuer's agent). */
const allotmentsSelect = (executedAt: string, extraJoin = '') =>
  `select al.id::text as id, a.bond_id, ${executedAt} as executed_at,
          coalesce(al.price_paid::text, round(al.consideration * 100 / al.allotted_amount, 4)::text) as price,
          al.allotted_amount::text as quantity,
          ${party_json('bp')} as buyer, ${party_json('op')} as seller,
          al.consideration::text as consideration, al.accrued_interest::text as accrued,
          a.settlement_date::text as settlement_date, 'AUCTION' as mechanism
     from auction_allotments al
     join auctions a on a.id = al.auction_id
     join participants bp on bp.id = al.participant_id
     cross join lateral (select * from participants where is_venue_operator order by id limit 1) op
     ${extraJoin}`;

/**
 * Every trade and auction allotment executed in [from, to), as ReportTrade: continuous trades from
 * `trades`, allotments (allotted amount > 0) at their auction's clearing time. `onProgress` hears
 * every 1,000 rows mapped.
 */
export async function loadReportTrades(
  em: EntityManager,
  from: Date,
  to: Date,
  onProgress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<ReportTrade[]> {
  const conn = em.getConnection();
  const trades = (await conn.execute(
    `${TRADES_SELECT}
      where t.executed_at >= ? and t.executed_at < ?
      order by t.executed_at, t.id`,
    [from, to],
  )) as TradeRow[];
  const allotments = (await conn.execute(
    `${allotmentsSelect('a.cleared_at')}
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

/**
 * The trades of given ids (`TRADE` uuid or `ALLOTMENT` id), for the 15-minute trade report, keyed
 * `SOURCE:ref`; a trade that cannot be made into a report is there as the Error that says why.
 */
export async function loadReportTradesByRef(
  em: EntityManager,
  refs: { source: 'TRADE' | 'ALLOTMENT'; tradeRef: string }[],
): Promise<Map<string, ReportTrade | Error>> {
  const conn = em.getConnection();
  const tradeIds = refs.filter((r) => r.source === 'TRADE').map((r) => r.tradeRef);
  const allotmentIds = refs.filter((r) => r.source === 'ALLOTMENT').map((r) => Number(r.tradeRef));
  const rows: TradeRow[] = [];
  if (tradeIds.length)
    rows.push(
      ...((await conn.execute(`${TRADES_SELECT} where t.id::text in (?)`, [tradeIds])) as TradeRow[]),
    );
  if (allotmentIds.length)
    rows.push(
      ...((await conn.execute(
        `${allotmentsSelect(
          'coalesce(o.executed_at, a.cleared_at)',
          `left join trade_report_obligations o on o.source = 'ALLOTMENT' and o.trade_ref = al.id::text and o.version = 1`,
        )} where al.id in (?)`,
        [allotmentIds],
      )) as TradeRow[]),
    );
  const ctx = new PricingContext(em);
  const out = new Map<string, ReportTrade | Error>();
  for (const r of rows) {
    const key = `${r.mechanism === 'AUCTION' ? 'ALLOTMENT' : 'TRADE'}:${r.id}`;
    // One trade the reports cannot describe must not hold back the others' reports.
    out.set(key, await toReportTrade(ctx, r).catch((err: Error) => err));
  }
  return out;
}

async function toReportTrade(ctx: PricingContext, r: TradeRow): Promise<ReportTrade> {
  const bond = await ctx.bond(r.bond_id);
  const executedAt = new Date(r.executed_at);
  const settlementDate = r.settlement_date ?? (await ctx.settlementDate(bond, executedAt));
  // Settling on the maturity date, the trade carries no accrual (the final coupon goes with the
  // principal to the holders of record) and no yield: the bond math is for dates before maturity.
  const pricing = settlementDate < bond.maturityDate ? bondPricing(bond, settlementDate, false) : null;
  const quantityPaise = exact(r.quantity, 2, 'quantity');
  const cleanPriceUnits = exact(r.price, 4, 'price');
  // Clean value = price per 100 x face: units (1e-4) x paise / 1e6, half up.
  const cleanPaise = (cleanPriceUnits * quantityPaise + 500_000n) / 1_000_000n;
  const accruedPaise =
    r.accrued !== null
      ? exact(r.accrued, 2, 'accrued interest')
      : BigInt(Math.round(Number(pricing?.accruedPer100 ?? 0) * Number(r.quantity)));
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
    yieldUnits: pricing && exact(pricing.yieldFromPrice!(r.price), 4, 'yield'),
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

/** Net HOUSE position of every member in every bond (face value in paise), with its configured position limit. */
export async function loadHousePositions(em: EntityManager) {
  const rows = (await em.getConnection().execute(
    `select p.code, p.kind, p.fpi_registration, b.isin, b.bond_type, b.outstanding_amount::text as outstanding, pos.quantity::text as quantity,
            ${positionLimitColumns('p', 'b')}
       from positions pos
       join portfolios pf on pf.id = pos.portfolio_id and pf.kind = 'HOUSE'
       join participants p on p.id = pf.participant_id
       join bonds b on b.id = pos.bond_id
      order by p.code, b.isin`,
  )) as {
    code: string;
    kind: string;
    fpi_registration: string | null;
    isin: string;
    bond_type: Bond['bondType'];
    outstanding: string;
    quantity: string;
    max_long_paise: string | null;
    max_short_paise: string | null;
  }[];
  return rows.map((r) => ({
    participantCode: r.code,
    participantKind: r.kind,
    fpiRegistration: r.fpi_registration,
    isin: r.isin,
    bondType: r.bond_type,
    fpiCategory: fpiCategoryOfBond(r.bond_type),
    outstandingPaise: exact(r.outstanding, 2, 'outstanding'),
    netPaise: exact(r.quantity, 2, 'position'),
    maxLongPaise: r.max_long_paise === null ? null : BigInt(r.max_long_paise),
    maxShortPaise: r.max_short_paise === null ? null : BigInt(r.max_short_paise),
  }));
}
