import type { Pool } from 'pg';
import { priceToTicks, type PreTradeInstrument, type PreTradeParticipant } from '../../../domain/trading';
import type { StpModeName } from '../../../domain/trading';
import { problems } from '../../http/problem';

/** Allowed distance of a limit or stop price from the reference price: 5% either way. */
export const PRICE_BAND_BP = 500;

export interface TradingBond {
  id: number;
  code: string;
  isin: string;
  tickSize: string;
  lotSize: string;
  tradable: boolean;
  session: 'PRE_OPEN' | 'CONTINUOUS' | 'CLOSED';
  halted: boolean;
  lastPrice: string | null;
  lastTradeToday: boolean;
  referencePrice: string | null;
}

/** A bond by ISIN or short code with its book state as of the matching worker's last commit. */
export async function findTradingBond(pg: Pool, bondId: string): Promise<TradingBond> {
  const r = await pg.query(
    `select b.id, b.code, b.isin, b.tick_size::text as tick_size, b.lot_size::text as lot_size, b.is_tradable,
            b.reference_price::text as reference_price, coalesce(s.session::text, 'CONTINUOUS') as session,
            coalesce(s.halted, false) as halted, s.last_price::text as last_price,
            coalesce(s.last_trade_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC', false) as today
       from bonds b left join bond_trading_states s on s.bond_id = b.id
      where b.isin = upper($1) or b.code = upper($1)`,
    [bondId],
  );
  const b = r.rows[0];
  if (!b) throw problems.notFound(`Bond ${bondId}`);
  return {
    id: b.id,
    code: b.code,
    isin: b.isin,
    tickSize: b.tick_size,
    lotSize: b.lot_size,
    tradable: b.is_tradable,
    session: b.session,
    halted: b.halted,
    lastPrice: b.last_price,
    lastTradeToday: b.today,
    referencePrice: b.reference_price,
  };
}

/** The pre-trade view of a bond: the band is centred on today's last trade, else the reference price. */
export function preTradeInstrument(bond: TradingBond): PreTradeInstrument {
  const reference = bond.lastTradeToday ? bond.lastPrice : bond.referencePrice;
  let referencePriceTicks: number | null = null;
  if (reference !== null) {
    try {
      referencePriceTicks = priceToTicks(reference, bond.tickSize);
    } catch {
      // A reference price off the tick grid gives no band rather than a wrong one.
      referencePriceTicks = null;
    }
  }
  return {
    tickSize: bond.tickSize,
    lotSize: bond.lotSize,
    tradable: bond.tradable,
    halted: bond.halted,
    closed: bond.session === 'CLOSED',
    referencePriceTicks,
    priceBandBp: PRICE_BAND_BP,
  };
}

export interface TradingParticipant extends PreTradeParticipant {
  id: number;
  stpMode: StpModeName;
  maxOrderQuantity: string | null;
}

export async function tradingParticipant(
  pg: Pool,
  participantId: number,
  lotSize: string,
): Promise<TradingParticipant> {
  const r = await pg.query(
    `select p.id, p.status::text, coalesce(c.kill_switch, false) as kill_switch,
            c.max_order_quantity::text as max_order_quantity, coalesce(c.stp_mode::text, 'CANCEL_INCOMING') as stp_mode
       from participants p left join participant_trading_controls c on c.participant_id = p.id where p.id = $1`,
    [participantId],
  );
  const p = r.rows[0];
  if (!p) throw problems.notFound('Participant');
  const max = p.max_order_quantity as string | null;
  return {
    id: p.id,
    active: p.status === 'ACTIVE',
    killSwitch: p.kill_switch,
    maxOrderQuantity: max,
    maxOrderLots: max === null ? null : Math.floor(Number(max) / Number(lotSize)),
    stpMode: p.stp_mode,
  };
}
