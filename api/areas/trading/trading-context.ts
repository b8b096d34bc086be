import type { Pool } from 'pg';
import { priceToTicks, type PreTradeInstrument, type PreTradeParticipant } from '../../../domain/trading';
import type { StpModeName } from '../../../domain/trading';
import { StatementBatcher } from '../../../platform/statement-batcher';
import { problems } from '../../http/problem';
import { GATE_CONTEXT_COLUMNS, type GateContext } from '../compliance/regulatory-gate';

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

const BOND_COLUMNS = `b.id, b.code, b.isin, b.tick_size::text as tick_size, b.lot_size::text as lot_size, b.is_tradable,
  b.reference_price::text as reference_price, coalesce(s.session::text, 'CONTINUOUS') as session,
  coalesce(s.halted, false) as halted, s.last_price::text as last_price,
  coalesce(s.last_trade_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC', false) as today`;

function toBond(b: Record<string, unknown>): TradingBond {
  return {
    id: b.id as number,
    code: b.code as string,
    isin: b.isin as string,
    tickSize: b.tick_size as string,
    lotSize: b.lot_size as string,
    tradable: b.is_tradable as boolean,
    session: b.session as TradingBond['session'],
    halted: b.halted as boolean,
    lastPrice: b.last_price as string | null,
    lastTradeToday: b.today as boolean,
    referencePrice: b.reference_price as string | null,
  };
}

/** A bond by ISIN or short code with its book state as of the matching worker's last commit. */
export async function findTradingBond(pg: Pool, bondId: string): Promise<TradingBond> {
  const b = (
    await pg.query(
      `select ${BOND_COLUMNS} from bonds b left join bond_trading_states s on s.bond_id = b.id
        where b.isin = upper($1) or b.code = upper($1)`,
      [bondId],
    )
  ).rows[0];
  if (!b) throw problems.notFound(`Bond ${bondId}`);
  return toBond(b);
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

const PARTICIPANT_COLUMNS = `p.id as participant_id, p.status::text as participant_status,
  coalesce(c.kill_switch, false) as kill_switch, c.max_order_quantity::text as max_order_quantity,
  coalesce(c.stp_mode::text, 'CANCEL_INCOMING') as stp_mode`;

function toParticipant(p: Record<string, unknown>, lotSize: string): TradingParticipant {
  const max = p.max_order_quantity as string | null;
  return {
    id: p.participant_id as number,
    active: p.participant_status === 'ACTIVE',
    killSwitch: p.kill_switch as boolean,
    maxOrderQuantity: max,
    maxOrderLots: max === null ? null : Math.floor(Number(max) / Number(lotSize)),
    stpMode: p.stp_mode as StpModeName,
  };
}

export async function tradingParticipant(
  pg: Pool,
  participantId: number,
  lotSize: string,
): Promise<TradingParticipant> {
  const r = await pg.query(
    `select ${PARTICIPANT_COLUMNS} from participants p
       left join participant_trading_controls c on c.participant_id = p.id where p.id = $1`,
    [participantId],
  );
  if (!r.rows[0]) throw problems.notFound('Participant');
  return toParticipant(r.rows[0], lotSize);
}

export interface NewOrderContext {
  bond: TradingBond;
  participant: TradingParticipant;
  regulatory: GateContext;
  existingOrderId: string | null;
}

interface ContextRequest {
  bondId: string;
  participantId: number;
  clientOrderId: string | null;
}

/**
 * Everything a new order is checked against (the order path's hot spot): the bond and its state,
 * the participant's controls, what the regulatory checks read, and the order already sent under
 * the same client_order_id, if any. Concurrent orders share one statement.
 */
export class OrderContexts {
  private readonly batcher: StatementBatcher<ContextRequest, Record<string, unknown> | undefined>;

  constructor(pg: Pool) {
    this.batcher = new StatementBatcher((requests) => contextRows(pg, requests));
  }

  async load(bondId: string, participantId: number, clientOrderId: string | null): Promise<NewOrderContext> {
    const row = await this.batcher.submit({ bondId, participantId, clientOrderId });
    if (!row) throw problems.notFound(`Bond ${bondId}`);
    const bond = toBond(row);
    return {
      bond,
      participant: toParticipant(row, bond.lotSize),
      regulatory: row as unknown as GateContext,
      existingOrderId: (row.existing_order_id as string | null) ?? null,
    };
  }
}

/** One row per request, in order; undefined where the bond or the participant does not exist. */
async function contextRows(
  pg: Pool,
  requests: ContextRequest[],
): Promise<Array<Record<string, unknown> | undefined>> {
  const r = await pg.query({
    // Named: each connection parses and plans it once, not once per order.
    name: 'order-contexts',
    text: `select v.n::int as n, ${BOND_COLUMNS}, ${PARTICIPANT_COLUMNS}, ${GATE_CONTEXT_COLUMNS},
            (select o.id from orders o where o.participant_id = p.id and o.client_order_id = v.client_order_id)
              as existing_order_id
       from unnest($1::text[], $2::int[], $3::text[]) with ordinality as v(bond_ref, participant_id, client_order_id, n)
       join lateral (select * from bonds b where b.isin = upper(v.bond_ref) or b.code = upper(v.bond_ref) limit 1) b on true
       left join bond_trading_states s on s.bond_id = b.id
       join participants p on p.id = v.participant_id left join participant_trading_controls c on c.participant_id = p.id`,
    values: [
      requests.map((q) => q.bondId),
      requests.map((q) => q.participantId),
      requests.map((q) => q.clientOrderId),
    ],
  });
  const byN = new Map(r.rows.map((x) => [x.n as number, x as Record<string, unknown>]));
  return requests.map((_, i) => byN.get(i + 1));
}
