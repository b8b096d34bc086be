import type { EntityManager } from '@mikro-orm/postgresql';
import { parseCivilDate } from '../../domain/bonds/civil-date';
import type { BondTerms, CouponFrequency } from '../../domain/bonds/types';
import type { BondType, DayCount } from '../../domain/reference-data/bond-types';
import type { ParticipantKind } from '../../domain/reference-data/participant-kinds';
import type { ExecutionMechanism } from '../../domain/rfq/execution-mechanism';
import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import { holdingKey, type Availability } from '../../domain/settlement/failure-isolation';
import { tradeAmounts } from '../../domain/settlement/amounts';
import type { SettlementTrade } from '../../domain/settlement/netting';
import { hundredths } from '../../domain/ledger/journal';

/** A trade with what settlement needs: its parties, bond and amounts on the date it settles. */
export interface DueTrade extends SettlementTrade {
  bondId: number;
  bondType: BondType;
  maturityDate: string;
  price: string;
  quantity: string;
  version: number;
  rolls: number;
  settlementDate: string;
  settlementStatus: string;
  settlementSystem: SettlementSystem;
  considerationPaise: bigint;
  accruedPaise: bigint;
  mechanism: ExecutionMechanism;
  buyerKind: ParticipantKind;
  sellerKind: ParticipantKind;
}

interface Row {
  id: string;
  bond_id: number;
  isin: string;
  buyer_participant_id: number;
  seller_participant_id: number;
  price: string;
  quantity: string;
  version: number;
  settlement_rolls: number;
  settlement_date: string;
  settlement_status: string;
  settlement_system: SettlementSystem;
  executed_at: Date;
  coupon_pct: string;
  maturity_date: string;
  coupon_frequency: number;
  day_count: DayCount;
  bond_type: BondType;
  execution_mechanism: ExecutionMechanism;
  buyer_kind: ParticipantKind;
  seller_kind: ParticipantKind;
}

const SYSTEM_OF_BOND = `case when b.bond_type = 'CORPORATE' then 'CLEARING_CORPORATION' else 'RBI_SGL' end`;

/**
 * Reads trades with their bonds (`filter` is SQL on `t` and `b` with `?` parameters) and prices each
 * on `amountsOn` (the date it settles, or its own settlement date when null): consideration plus
 * accrued interest, exact to the paisa. Ordered by execution; `lock` takes the trade rows FOR UPDATE.
 */
export async function loadSettlementTrades(
  em: EntityManager,
  filter: string,
  params: unknown[],
  opts: { amountsOn: string | null; lock?: boolean },
): Promise<DueTrade[]> {
  const rows = await em.execute<Row[]>(
    `select t.id, t.bond_id, b.isin, t.buyer_participant_id, t.seller_participant_id, t.price::text as price,
            t.quantity::text as quantity, t.version, t.settlement_rolls, t.settlement_date::text as settlement_date,
            t.settlement_status, ${SYSTEM_OF_BOND} as settlement_system, t.executed_at, b.coupon_pct::text as coupon_pct,
            b.maturity_date::text as maturity_date, b.coupon_frequency, b.day_count, b.bond_type,
            t.execution_mechanism, pb.kind as buyer_kind, ps.kind as seller_kind
       from trades t join bonds b on b.id = t.bond_id
       join participants pb on pb.id = t.buyer_participant_id join participants ps on ps.id = t.seller_participant_id
      where ${filter}
      order by t.executed_at, t.id${opts.lock ? ' for update of t' : ''}`,
    params,
  );
  return rows.map((r) => {
    const on = opts.amountsOn ?? r.settlement_date;
    // Nothing accrues from maturity on (such a trade is in the redemption's shut period and never settles).
    const terms: BondTerms | null =
      r.coupon_frequency === 0 || on >= r.maturity_date
        ? null
        : {
            couponPct: Number(r.coupon_pct),
            maturity: parseCivilDate(r.maturity_date),
            frequency: r.coupon_frequency as CouponFrequency,
            dayCount: r.day_count,
          };
    const amounts = tradeAmounts(terms, on, r.price, r.quantity);
    return {
      id: r.id,
      isin: r.isin,
      bondId: r.bond_id,
      bondType: r.bond_type,
      maturityDate: r.maturity_date,
      buyerId: r.buyer_participant_id,
      sellerId: r.seller_participant_id,
      faceHundredths: hundredths(r.quantity),
      cashPaise: amounts.cashPaise,
      considerationPaise: amounts.considerationPaise,
      accruedPaise: amounts.accruedPaise,
      executedAt: new Date(r.executed_at).toISOString(),
      price: r.price,
      quantity: r.quantity,
      version: r.version,
      rolls: r.settlement_rolls,
      settlementDate: r.settlement_date,
      settlementStatus: r.settlement_status,
      settlementSystem: r.settlement_system,
      mechanism: r.execution_mechanism,
      buyerKind: r.buyer_kind,
      sellerKind: r.seller_kind,
    };
  });
}

/**
 * The trades one attempt of a run settles: still PENDING, of the run's system, due on or before its
 * date or failed in an earlier attempt of this run (a retry tries them again), and not already failed
 * in this attempt.
 */
export function dueTrades(
  em: EntityManager,
  run: { id: number; attempt: number; system: SettlementSystem; date: string },
  lock: boolean,
  onlyTradeId?: string,
): Promise<DueTrade[]> {
  return loadSettlementTrades(
    em,
    `t.settlement_status = 'PENDING' and ${SYSTEM_OF_BOND} = ?
     and (t.settlement_date <= ? or t.id in (select trade_id from settlement_run_trades where run_id = ? and outcome = 'FAILED'))
     and not exists (select 1 from settlement_run_trades r where r.run_id = ? and r.attempt = ? and r.trade_id = t.id and r.outcome = 'FAILED')
     ${onlyTradeId ? 'and t.id = ?' : ''}`,
    [run.system, run.date, run.id, run.id, run.attempt, ...(onlyTradeId ? [onlyTradeId] : [])],
    { amountsOn: run.date, lock },
  );
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** Available cash and holdings (each less what is blocked) of the participants and ISINs of `trades`. */
export async function loadAvailability(
  em: EntityManager,
  trades: readonly DueTrade[],
): Promise<Availability> {
  const participants = [...new Set(trades.flatMap((t) => [t.buyerId, t.sellerId]))];
  const isins = [...new Set(trades.map((t) => t.isin))];
  if (participants.length === 0) return { cash: new Map(), securities: new Map() };
  const cash = await em.execute<{ participant_id: number; available: string }[]>(
    `select participant_id, (balance - blocked)::text as available from cash_accounts where participant_id in (${marks(participants)})`,
    participants,
  );
  const holdings = await em.execute<{ participant_id: number; isin: string; quantity: string }[]>(
    `select participant_id, isin, (quantity - blocked)::text as quantity from security_holdings
      where participant_id in (${marks(participants)}) and isin in (${marks(isins)})`,
    [...participants, ...isins],
  );
  return {
    cash: new Map(cash.map((r) => [r.participant_id, hundredths(r.available)])),
    securities: new Map(holdings.map((r) => [holdingKey(r.participant_id, r.isin), hundredths(r.quantity)])),
  };
}
