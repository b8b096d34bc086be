import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { appendAuditOnPg, type AuditEntry } from '../audit-log';
import {
  nextRfqState,
  tradeSides,
  type QuoteBasis,
  type RfqState,
  type RfqStep,
} from '../../domain/rfq/rfq-rules';
import type { SideName } from '../../domain/trading/order-names';
import { MatchingJournal } from '../../workers/matching/journal';

/** The RFQ row as the steps read it, under its lock. */
export interface RfqRow {
  id: string;
  requester_participant_id: number;
  requester_user_id: number;
  bond_id: number;
  code: string;
  isin: string;
  side: SideName;
  quantity: string;
  state: RfqState;
  expires_at: Date;
  created_at: Date;
  closed_at: Date | null;
  accepted_quote_id: string | null;
  window_open: boolean;
  dealers: number[];
}

export interface QuoteRow {
  id: string;
  dealer_participant_id: number;
  basis: QuoteBasis;
  price: string;
  yield_pct: string | null;
  state: string;
  created_at: Date;
  updated_at: Date;
}

export interface TradeRow {
  id: string;
  price: string;
  quantity: string;
  buyer_participant_id: number;
  seller_participant_id: number;
  executed_at: Date;
}

const RFQ_SELECT = `select r.id, r.requester_participant_id, r.requester_user_id, r.bond_id, b.code, b.isin,
       r.side::text as side, r.quantity::text as quantity, r.state::text as state, r.expires_at, r.created_at,
       r.closed_at, r.accepted_quote_id, clock_timestamp() < r.expires_at as window_open,
       array(select d.participant_id from rfq_dealers d where d.rfq_id = r.id order by d.participant_id) as dealers
  from rfqs r join bonds b on b.id = r.bond_id`;

const QUOTE_SELECT = `select id, dealer_participant_id, basis::text as basis, price::text as price,
       yield_pct::text as yield_pct, state::text as state, created_at, updated_at from rfq_quotes`;

type Queryable = Pick<Pool, 'query'> | PoolClient;

export async function readRfq(db: Queryable, id: string, lock = false): Promise<RfqRow | null> {
  const r = await db.query(`${RFQ_SELECT} where r.id = $1${lock ? ' for update of r' : ''}`, [id]);
  return (r.rows[0] as RfqRow | undefined) ?? null;
}

export async function readQuotes(db: Queryable, rfqId: string): Promise<QuoteRow[]> {
  return (await db.query(`${QUOTE_SELECT} where rfq_id = $1 order by created_at, id`, [rfqId])).rows;
}

export async function readRfqTrade(db: Queryable, rfqId: string): Promise<TradeRow | null> {
  const r = await db.query(
    `select id, price::text as price, quantity::text as quantity, buyer_participant_id, seller_participant_id, executed_at
       from trades where rfq_id = $1`,
    [rfqId],
  );
  return (r.rows[0] as TradeRow | undefined) ?? null;
}

/** Who may see an RFQ: its requester (everything) and the dealers it was sent to (their own quotes). */
export type RfqViewer = { kind: 'REQUESTER' } | { kind: 'DEALER'; participantId: number };

export function viewerOf(rfq: RfqRow, participantId: number): RfqViewer | null {
  if (rfq.requester_participant_id === participantId) return { kind: 'REQUESTER' };
  if (rfq.dealers.includes(participantId)) return { kind: 'DEALER', participantId };
  return null;
}

/** The RFQ as one party may see it: dealers never see each other's quotes or names. */
export function rfqJson(rfq: RfqRow, quotes: QuoteRow[], trade: TradeRow | null, viewer: RfqViewer) {
  const visible =
    viewer.kind === 'REQUESTER'
      ? quotes
      : quotes.filter((q) => q.dealer_participant_id === viewer.participantId);
  return {
    rfq_id: rfq.id,
    requester_participant_id: rfq.requester_participant_id,
    bond_id: rfq.code,
    isin: rfq.isin,
    side: rfq.side,
    quantity: Number(rfq.quantity).toFixed(2),
    state: rfq.state,
    expires_at: new Date(rfq.expires_at).toISOString(),
    created_at: new Date(rfq.created_at).toISOString(),
    closed_at: rfq.closed_at ? new Date(rfq.closed_at).toISOString() : null,
    dealer_participant_ids: viewer.kind === 'REQUESTER' ? rfq.dealers : [viewer.participantId],
    quotes: visible.map((q) => ({
      quote_id: q.id,
      dealer_participant_id: q.dealer_participant_id,
      basis: q.basis,
      price: Number(q.price).toFixed(4),
      yield_pct: q.yield_pct === null ? null : Number(q.yield_pct).toFixed(4),
      state: q.state,
      quoted_at: new Date(q.created_at).toISOString(),
    })),
    accepted_quote_id: viewer.kind === 'REQUESTER' ? rfq.accepted_quote_id : null,
    trade:
      trade && (viewer.kind === 'REQUESTER' || visible.some((q) => q.id === rfq.accepted_quote_id))
        ? {
            trade_id: trade.id,
            price: Number(trade.price).toFixed(4),
            quantity: Number(trade.quantity).toFixed(2),
            buyer_participant_id: trade.buyer_participant_id,
            seller_participant_id: trade.seller_participant_id,
            executed_at: new Date(trade.executed_at).toISOString(),
          }
        : null,
  };
}

export interface NewRfq {
  requesterParticipantId: number;
  requesterUserId: number;
  bondId: number;
  side: SideName;
  quantity: string;
  windowSeconds: number;
  dealers: number[];
}

/** Inserts the RFQ and its dealers; the window is counted from the database's clock. */
export async function insertRfq(
  client: PoolClient,
  rfq: NewRfq,
  audit: Omit<AuditEntry, 'action' | 'subjectType'>,
) {
  const id = randomUUID();
  await client.query(
    `insert into rfqs (id, requester_participant_id, requester_user_id, bond_id, side, quantity, expires_at)
     values ($1, $2, $3, $4, $5, $6, clock_timestamp() + make_interval(secs => $7))`,
    [
      id,
      rfq.requesterParticipantId,
      rfq.requesterUserId,
      rfq.bondId,
      rfq.side,
      rfq.quantity,
      rfq.windowSeconds,
    ],
  );
  await client.query('insert into rfq_dealers (rfq_id, participant_id) select $1, unnest($2::int[])', [
    id,
    rfq.dealers,
  ]);
  await appendAuditOnPg(client, {
    ...audit,
    action: 'RFQ_CREATED',
    subjectType: 'rfq',
    subjectId: id,
    details: {
      bond_id: rfq.bondId,
      side: rfq.side,
      quantity: rfq.quantity,
      window_seconds: rfq.windowSeconds,
      dealers: rfq.dealers,
    },
  });
  return (await readRfq(client, id))!;
}

/** What a committed step did, for the notifications and signal that follow it. */
export interface StepResult {
  rfq: RfqRow;
  quotes: QuoteRow[];
  trade: TradeRow | null;
  /** HOUSE portfolios an accepted RFQ moved. */
  portfolios: number[];
}

async function activeQuotes(client: PoolClient, rfqId: string): Promise<number> {
  const r = await client.query(
    "select count(*)::int as n from rfq_quotes where rfq_id = $1 and state = 'ACTIVE'",
    [rfqId],
  );
  return r.rows[0].n as number;
}

async function finish(
  client: PoolClient,
  rfq: RfqRow,
  state: RfqState,
  audit: AuditEntry,
  portfolios: number[] = [],
): Promise<StepResult> {
  const terminal = state !== 'OPEN' && state !== 'QUOTED';
  if (terminal) {
    await client.query(
      "update rfq_quotes set state = 'NOT_ACCEPTED', updated_at = now() where rfq_id = $1 and state = 'ACTIVE'",
      [rfq.id],
    );
  }
  await client.query(
    `update rfqs set state = $2, closed_at = case when $3 then now() else closed_at end, version = version + 1
      where id = $1`,
    [rfq.id, state, terminal],
  );
  await appendAuditOnPg(client, {
    ...audit,
    details: { ...audit.details, before: rfq.state, after: state },
  });
  const after = (await readRfq(client, rfq.id))!;
  return {
    rfq: after,
    quotes: await readQuotes(client, rfq.id),
    trade: await readRfqTrade(client, rfq.id),
    portfolios,
  };
}

export type StepActor = Omit<AuditEntry, 'action' | 'subjectType' | 'subjectId' | 'details'>;

export interface QuoteInput {
  dealerParticipantId: number;
  basis: QuoteBasis;
  price: string;
  yieldPct: string | null;
}

/**
 * A dealer's quote on a locked RFQ; it replaces the dealer's active one. Like every step below, the
 * change and its audit record commit together, and a state that does not allow it throws RfqStateError.
 */
export async function quoteRfq(client: PoolClient, rfq: RfqRow, q: QuoteInput, actor: StepActor) {
  await client.query(
    "update rfq_quotes set state = 'REPLACED', updated_at = now() where rfq_id = $1 and dealer_participant_id = $2 and state = 'ACTIVE'",
    [rfq.id, q.dealerParticipantId],
  );
  const id = randomUUID();
  await client.query(
    `insert into rfq_quotes (id, rfq_id, dealer_participant_id, dealer_user_id, basis, price, yield_pct)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, rfq.id, q.dealerParticipantId, actor.actorUserId, q.basis, q.price, q.yieldPct],
  );
  const state = nextRfqState(rfq.state, 'QUOTE', rfq.window_open, await activeQuotes(client, rfq.id));
  return finish(client, rfq, state, {
    ...actor,
    action: 'RFQ_QUOTED',
    subjectType: 'rfq',
    subjectId: rfq.id,
    details: { quote_id: id, basis: q.basis, price: q.price, yield_pct: q.yieldPct },
  });
}

export async function withdrawQuote(
  client: PoolClient,
  rfq: RfqRow,
  dealerParticipantId: number,
  actor: StepActor,
) {
  const r = await client.query(
    `update rfq_quotes set state = 'WITHDRAWN', updated_at = now()
      where rfq_id = $1 and dealer_participant_id = $2 and state = 'ACTIVE' returning id`,
    [rfq.id, dealerParticipantId],
  );
  const state = nextRfqState(
    rfq.state,
    'WITHDRAW_QUOTE',
    rfq.window_open,
    await activeQuotes(client, rfq.id),
  );
  if (!r.rows.length) return null;
  return finish(client, rfq, state, {
    ...actor,
    action: 'RFQ_QUOTE_WITHDRAWN',
    subjectType: 'rfq',
    subjectId: rfq.id,
    details: { quote_id: r.rows[0].id },
  });
}

/**
 * The requester takes a dealer's active quote: the trade (off the book, mechanism RFQ) at the
 * quote's price, both HOUSE positions moved as a fill moves them, the RFQ ACCEPTED, in one commit.
 */
export async function acceptQuote(client: PoolClient, rfq: RfqRow, quote: QuoteRow, actor: StepActor) {
  const state = nextRfqState(rfq.state, 'ACCEPT', rfq.window_open, 0);
  const { buyer, seller } = tradeSides(rfq.side, rfq.requester_participant_id, quote.dealer_participant_id);
  const tradeId = randomUUID();
  await client.query(
    `insert into trades (id, bond_id, buyer_participant_id, seller_participant_id, price, quantity, executed_at,
                         execution_mechanism, rfq_id)
     values ($1, $2, $3, $4, $5, $6, now(), 'RFQ', $7)`,
    [tradeId, rfq.bond_id, buyer, seller, quote.price, rfq.quantity, rfq.id],
  );
  await client.query("update rfq_quotes set state = 'ACCEPTED', updated_at = now() where id = $1", [
    quote.id,
  ]);
  await client.query('update rfqs set accepted_quote_id = $2 where id = $1', [rfq.id, quote.id]);
  const portfolios = await MatchingJournal.applyFills(client, [
    { participantId: buyer, bondId: rfq.bond_id, quantity: rfq.quantity, price: quote.price },
    { participantId: seller, bondId: rfq.bond_id, quantity: `-${rfq.quantity}`, price: quote.price },
  ]);
  return finish(
    client,
    rfq,
    state,
    {
      ...actor,
      action: 'RFQ_ACCEPTED',
      subjectType: 'rfq',
      subjectId: rfq.id,
      details: { quote_id: quote.id, trade_id: tradeId, price: quote.price, quantity: rfq.quantity },
    },
    portfolios,
  );
}

const CLOSING_ACTIONS: Record<'WITHDRAW' | 'REJECT' | 'EXPIRE', string> = {
  WITHDRAW: 'RFQ_WITHDRAWN',
  REJECT: 'RFQ_REJECTED',
  EXPIRE: 'RFQ_EXPIRED',
};

/** Withdrawn or rejected by the requester, or expired by the workflow's timer: no trade. */
export async function closeRfq(
  client: PoolClient,
  rfq: RfqRow,
  step: Extract<RfqStep, 'WITHDRAW' | 'REJECT' | 'EXPIRE'>,
  actor: StepActor,
) {
  const state = nextRfqState(rfq.state, step, rfq.window_open, 0);
  return finish(client, rfq, state, {
    ...actor,
    action: CLOSING_ACTIONS[step],
    subjectType: 'rfq',
    subjectId: rfq.id,
    details: {},
  });
}
