import type { Pool, PoolClient } from 'pg';
import { checkFence, FENCE_CONDITION, ShardFencedError, type Fence } from '../../db/matching/shard-leases';
import { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { settlementSystemOf, type SettlementSystem } from '../../domain/calendar/settlement-systems';
import { applyFill, type Holding } from '../../domain/portfolios/position-fill';
import type { BondType } from '../../domain/reference-data/bond-types';
import type { BatchOutputs, CommandRow, ParticipantMessage, PositionFill } from './batch-outputs';
import type { BondInfo } from './shard-books';

const COMMAND_COLUMNS = `id::text, bond_id, kind::text, order_id, payload,
  (extract(epoch from received_at) * 1000)::float8 as at, applied_seq::text`;

interface CommandRecord extends CommandRow {
  applied: boolean;
}

function toRow(r: Record<string, unknown>): CommandRecord {
  return {
    id: r.id as string,
    bondId: r.bond_id as number,
    kind: r.kind as string,
    orderId: (r.order_id as string | null) ?? null,
    at: Math.round(r.at as number),
    payload: r.payload as Record<string, unknown>,
    applied: r.applied_seq !== null,
  };
}

/**
 * The matching worker's PostgreSQL side for one shard: reads the command journal and writes each
 * batch's outputs in one transaction (the group commit), stamping every command with its per-bond
 * applied sequence so that a command is applied exactly once. Every write carries the shard's
 * lease fence and is refused once another owner holds the shard.
 */
/** A named statement: each connection parses it once, where an unnamed one is parsed on every commit. */
const statement = (name: string, text: string, values: unknown[]) => ({
  name: `journal-${name}`,
  text,
  values,
});

export class MatchingJournal {
  constructor(
    private readonly pool: Pool,
    private readonly fence: Fence,
  ) {}

  async bonds(): Promise<BondInfo[]> {
    const r = await this.pool.query(
      `select id, code, isin, tick_size::text as tick_size, lot_size::text as lot_size, bond_type::text as bond_type
         from bonds`,
    );
    return r.rows.map((b) => ({
      id: b.id,
      code: b.code,
      isin: b.isin,
      tickSize: b.tick_size,
      lotSize: b.lot_size,
      settlementSystem: settlementSystemOf(b.bond_type as BondType),
    }));
  }

  /** Every settlement system's holidays (a few dozen rows a year, read whole). */
  async calendars(): Promise<Map<SettlementSystem, BusinessCalendar>> {
    const r = await this.pool.query(
      `select settlement_system::text as system, array_agg(to_char(date, 'YYYY-MM-DD')) as dates
         from holidays group by settlement_system`,
    );
    return new Map(
      r.rows.map((x) => [x.system as SettlementSystem, new BusinessCalendar(x.dates as string[])]),
    );
  }

  /** Commands by id, in the order asked, with whether each was applied already. */
  async commands(ids: string[]): Promise<CommandRecord[]> {
    if (!ids.length) return [];
    const r = await this.pool.query(
      `select ${COMMAND_COLUMNS} from order_commands where id = any($1::bigint[])`,
      [ids],
    );
    const byId = new Map(r.rows.map((x) => [x.id as string, toRow(x)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Journals a TIME command for each bond, stamped `at`, carrying the trading-day end it closes
   * when there is one; returns their ids.
   */
  async timeCommands(due: Array<{ bondId: number; dayEnd: number | null }>, at: Date): Promise<string[]> {
    const r = await this.pool.query(
      `insert into order_commands (bond_id, kind, payload, received_at)
       select b, 'TIME', case when e is null then '{}'::jsonb else jsonb_build_object('dayEnd', e) end, $3
         from unnest($1::int[], $2::float8[]) as v(b, e) where ${FENCE_CONDITION(4, 5)}
       returning id::text`,
      [due.map((d) => d.bondId), due.map((d) => d.dayEnd), at, this.fence.shard, this.fence.token],
    );
    if (r.rows.length !== due.length) throw new ShardFencedError(this.fence);
    return r.rows.map((x) => x.id as string);
  }

  /** Committed but never applied commands of these shards, oldest first. */
  async unapplied(shards: number, mine: number[], olderThanMs: number, limit: number): Promise<string[]> {
    const r = await this.pool.query(
      // Ordered by the column, not the text output (where "100" < "99"): a cancel must follow its order.
      `select c.id::text from order_commands c
        where c.applied_seq is null and c.bond_id % $1 = any($2::int[])
          and c.received_at < now() - make_interval(secs => $3::float8 / 1000)
        order by c.id limit $4`,
      [shards, mine, olderThanMs, limit],
    );
    return r.rows.map((x) => x.id as string);
  }

  /** Every applied command of these shards in per-bond applied order, page by page. */
  async *appliedInOrder(shards: number, mine: number[], pageSize = 5000): AsyncGenerator<CommandRow[]> {
    let bond = -1;
    let seq = '0';
    for (;;) {
      const r = await this.pool.query(
        // Qualified: the output column applied_seq is text, and text order would replay 10 before 9.
        `select ${COMMAND_COLUMNS} from order_commands c
          where c.applied_seq is not null and c.bond_id % $1 = any($2::int[]) and (c.bond_id, c.applied_seq) > ($3, $4::bigint)
          order by c.bond_id, c.applied_seq limit $5`,
        [shards, mine, bond, seq, pageSize],
      );
      if (!r.rows.length) return;
      const last = r.rows[r.rows.length - 1]!;
      bond = last.bond_id;
      seq = last.applied_seq;
      yield r.rows.map(toRow);
    }
  }

  /** The last applied and event sequences per bond. */
  async sequences(shards: number, mine: number[]): Promise<Map<number, { applied: number; events: number }>> {
    const r = await this.pool.query(
      `select b.id as bond_id,
              coalesce((select max(applied_seq) from order_commands c where c.bond_id = b.id), 0)::float8 as applied,
              coalesce((select max(sequence) from order_events e where e.bond_id = b.id), 0)::float8 as events
         from bonds b where b.id % $1 = any($2::int[])`,
      [shards, mine],
    );
    return new Map(r.rows.map((x) => [x.bond_id as number, { applied: x.applied, events: x.events }]));
  }

  /**
   * The messages of events after each bond's published watermark, in sequence order per bond:
   * committed before a crash, never published.
   */
  async unpublished(watermarks: Map<number, number>): Promise<ParticipantMessage[]> {
    if (!watermarks.size) return [];
    const r = await this.pool.query(
      `select e.messages from unnest($1::int[], $2::bigint[]) as w(bond_id, published)
         join order_events e on e.bond_id = w.bond_id and e.sequence > w.published
        where e.messages is not null order by e.bond_id, e.sequence`,
      [[...watermarks.keys()], [...watermarks.values()]],
    );
    return r.rows.flatMap((x) => x.messages as ParticipantMessage[]);
  }

  /**
   * The group commit. Throws (and writes nothing) if the shard's lease moved on, or if any command
   * was applied by someone else.
   */
  async commit(out: BatchOutputs): Promise<number[]> {
    const client = await this.pool.connect();
    // A checked-out client whose connection dies emits 'error' (the pool only listens to idle
    // ones); the statement in flight fails as well, so the commit throws and the client is dropped.
    const ignore = () => undefined;
    client.on('error', ignore);
    let failed: Error | undefined;
    try {
      // Generic plans for this transaction's named statements: planning each commit's statements
      // anew cost more than running them (a custom plan is always estimated cheaper for unnest()).
      await client.query('begin; set local plan_cache_mode = force_generic_plan');
      await checkFence(client, this.fence);
      const applied = await client.query(
        statement(
          'applied',
          `update order_commands c set applied_seq = v.seq, applied_at = now()
           from unnest($1::bigint[], $2::bigint[]) as v(id, seq)
          where c.id = v.id and c.applied_seq is null`,
          [out.applied.map((a) => a.commandId), out.applied.map((a) => a.appliedSeq)],
        ),
      );
      if (applied.rowCount !== out.applied.length) {
        throw new Error(`${out.applied.length - (applied.rowCount ?? 0)} command(s) were already applied`);
      }
      if (out.events.length) {
        const e = out.events;
        await client.query(
          statement(
            'events',
            `insert into order_events (bond_id, sequence, command_id, type, order_id, data, messages, occurred_at)
           select b, s, c, t, o, d, m, now()
             from unnest($1::int[], $2::bigint[], $3::bigint[], $4::text[], $5::uuid[], $6::jsonb[], $7::jsonb[]) as v(b, s, c, t, o, d, m)`,
            [
              e.map((x) => x.bondId),
              e.map((x) => x.sequence),
              e.map((x) => x.commandId),
              e.map((x) => x.type),
              e.map((x) => x.orderId),
              e.map((x) => JSON.stringify(x.data)),
              e.map((x) => (x.messages ? JSON.stringify(x.messages) : null)),
            ],
          ),
        );
      }
      if (out.orders.size) {
        const o = [...out.orders.values()];
        await client.query(
          statement(
            'orders',
            `update orders set status = v.status::order_status, filled_quantity = v.filled, reject_reason = v.reason,
                  price = case when v.requoted then v.price else orders.price end,
                  quantity = coalesce(v.quantity, orders.quantity),
                  stop_price = coalesce(v.stop, orders.stop_price), updated_at = now()
             from unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[], $5::boolean[], $6::numeric[], $7::numeric[], $8::numeric[])
                  as v(id, status, filled, reason, requoted, price, quantity, stop)
            where orders.id = v.id`,
            [
              o.map((x) => x.orderId),
              o.map((x) => x.status),
              o.map((x) => x.filledQuantity),
              o.map((x) => x.reason),
              o.map((x) => x.quantity !== undefined),
              o.map((x) => x.price ?? null),
              o.map((x) => x.quantity ?? null),
              o.map((x) => x.stopPrice ?? null),
            ],
          ),
        );
      }
      if (out.trades.length) {
        const t = out.trades;
        await client.query(
          statement(
            'trades',
            `insert into trades (id, bond_id, sequence, buy_order_id, sell_order_id, buyer_participant_id,
                               seller_participant_id, price, quantity, aggressor_side, executed_at)
           select * from unnest($1::uuid[], $2::int[], $3::bigint[], $4::uuid[], $5::uuid[], $6::int[], $7::int[],
                                $8::numeric[], $9::numeric[], $10::order_side[], $11::timestamptz[])`,
            [
              t.map((x) => x.id),
              t.map((x) => x.bondId),
              t.map((x) => x.sequence),
              t.map((x) => x.buyOrderId),
              t.map((x) => x.sellOrderId),
              t.map((x) => x.buyerParticipantId),
              t.map((x) => x.sellerParticipantId),
              t.map((x) => x.price),
              t.map((x) => x.quantity),
              t.map((x) => x.aggressorSide),
              t.map((x) => x.executedAt),
            ],
          ),
        );
      }
      const portfolios = out.fills.length ? await MatchingJournal.applyFills(client, out.fills) : [];
      if (out.bondStates.size) {
        const b = [...out.bondStates.values()];
        await client.query(
          statement(
            'bond-states',
            `insert into bond_trading_states (bond_id, session, halted, last_price, last_trade_at, applied_seq, updated_at)
           select v.b, v.s::trading_session, v.h, v.p, v.t, v.a, now()
             from unnest($1::int[], $2::text[], $3::boolean[], $4::numeric[], $5::timestamptz[], $6::bigint[]) as v(b, s, h, p, t, a)
           on conflict (bond_id) do update set session = excluded.session, halted = excluded.halted,
              last_price = excluded.last_price,
              last_trade_at = coalesce(excluded.last_trade_at, bond_trading_states.last_trade_at),
              applied_seq = excluded.applied_seq, updated_at = now()`,
            [
              b.map((x) => x.bondId),
              b.map((x) => x.session),
              b.map((x) => x.halted),
              b.map((x) => x.lastPrice),
              b.map((x) => x.lastTradeAt),
              b.map((x) => x.appliedSeq),
            ],
          ),
        );
      }
      await client.query('commit');
      return portfolios;
    } catch (err) {
      failed = err as Error;
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', ignore);
      client.release(failed);
    }
  }

  /**
   * Each fill moves the HOUSE positions of both sides, in trade order, in the same commit as the
   * trade (also an accepted RFQ's trade, off the book). Returns the HOUSE portfolios that changed.
   */
  static async applyFills(client: PoolClient, fills: readonly PositionFill[]): Promise<number[]> {
    const participants = [...new Set(fills.map((f) => f.participantId))];
    const houses = await client.query(
      statement(
        'houses',
        `select id, participant_id from portfolios where kind = 'HOUSE' and participant_id = any($1::int[])`,
        [participants],
      ),
    );
    const houseOf = new Map(houses.rows.map((r) => [r.participant_id as number, r.id as number]));
    const bonds = [...new Set(fills.map((f) => f.bondId))];
    const current = await client.query(
      statement(
        'positions',
        `select portfolio_id, bond_id, quantity::text, average_price::text from positions
        where portfolio_id = any($1::int[]) and bond_id = any($2::int[]) order by id for update`,
        [[...houseOf.values()], bonds],
      ),
    );
    const key = (portfolio: number, bond: number) => `${portfolio}:${bond}`;
    const holdings = new Map<string, Holding>(
      current.rows.map((r) => [
        key(r.portfolio_id, r.bond_id),
        { quantity: r.quantity as string, averagePrice: r.average_price as string | null },
      ]),
    );
    const touched = new Map<string, { portfolio: number; bond: number }>();
    for (const f of fills) {
      const portfolio = houseOf.get(f.participantId);
      if (portfolio === undefined) continue;
      const k = key(portfolio, f.bondId);
      holdings.set(
        k,
        applyFill(holdings.get(k) ?? { quantity: '0', averagePrice: null }, f.quantity, f.price),
      );
      touched.set(k, { portfolio, bond: f.bondId });
    }
    const rows = [...touched.entries()].map(([k, t]) => ({ ...t, ...holdings.get(k)! }));
    const flat = rows.filter((r) => Number(r.quantity) === 0);
    const open = rows.filter((r) => Number(r.quantity) !== 0);
    if (flat.length) {
      await client.query(
        statement(
          'flat-positions',
          `delete from positions p using unnest($1::int[], $2::int[]) as v(pf, b) where p.portfolio_id = v.pf and p.bond_id = v.b`,
          [flat.map((r) => r.portfolio), flat.map((r) => r.bond)],
        ),
      );
    }
    if (open.length) {
      await client.query(
        statement(
          'open-positions',
          `insert into positions (portfolio_id, bond_id, quantity, average_price, updated_at, version)
         select v.pf, v.b, v.q, v.a, now(), 1 from unnest($1::int[], $2::int[], $3::numeric[], $4::numeric[]) as v(pf, b, q, a)
         on conflict (portfolio_id, bond_id) do update set quantity = excluded.quantity,
            average_price = excluded.average_price, updated_at = now(), version = positions.version + 1`,
          [
            open.map((r) => r.portfolio),
            open.map((r) => r.bond),
            open.map((r) => r.quantity),
            open.map((r) => r.averagePrice),
          ],
        ),
      );
    }
    return [...new Set(rows.map((r) => r.portfolio))];
  }
}
