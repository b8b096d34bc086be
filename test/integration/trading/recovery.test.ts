import { hostname } from 'node:os';
import {
  applyBookCommand,
  decodeBookCommand,
  EventRecorder,
  lotsToQuantity,
  OrderBook,
  Side,
  ticksToPrice,
  type BookCommandKind,
} from '../../../domain/trading';
import { tradingKeys } from '../../../platform/trading-transport';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { until } from '../../support/member-fixtures';
import { openTradingWs } from '../../support/trading-ws';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// A bond no other test halts or trades (the authorization test calls every route on BOND_001).
const BOND = 'BOND_007';

let api: TestApi;
let worker: TestWorker;
let tokens: string[];

beforeAll(async () => {
  api = await startTestApi();
  worker = startTestWorker('matching-worker');
  await worker.started;
  tokens = await Promise.all(
    // Not trader1 and trader2 (the risk tests expect their HOUSE positions flat) nor insurer1 (locked out by the login tests).
    ['broker1', 'fund1', 'fpi1', 'pd1'].map((u) => api.login(`${u}@bondx.local`)),
  );
});

afterAll(async () => {
  await worker.stop();
  await api.stop();
});

/** A deterministic stream of crossing limit orders around 99.00 (every price on the 0.0025 tick). */
function orderBody(i: number) {
  const side = i % 2 === 0 ? 'BUY' : 'SELL';
  const offset = ((i * 7) % 9) - 4;
  return {
    bond_id: BOND,
    side,
    order_type: 'LIMIT',
    time_in_force: 'GTC',
    quantity: String(10000 * (1 + (i % 5))),
    price: (99 + offset * 0.0025).toFixed(4),
    client_order_id: `recovery-${i}`,
  };
}

async function submit(from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < to; i += 20) {
    const wave = await Promise.all(
      Array.from({ length: Math.min(20, to - i) }, (_, k) =>
        api.call('POST', '/api/v1/trading/orders', {
          token: tokens[(i + k) % tokens.length],
          body: orderBody(i + k),
        }),
      ),
    );
    for (const res of wave) {
      const body = await res.json();
      expect([res.status, res.status === 201 ? null : body]).toEqual([201, null]);
      ids.push(body.order_id);
    }
  }
  return ids;
}

const q = async (sql: string, args: unknown[] = []) => (await api.deps.pg.query(sql, args)).rows;

describe('matching worker recovery', () => {
  test('when the worker is killed with orders in flight and the stream loses entries, then after a restart every acknowledged order is applied exactly once and the books equal a replay of the journal', async () => {
    const keys = tradingKeys(api.deps.config.redisPrefix);
    const acked: string[] = [];
    const inFlight = submit(0, 200);
    // Killed once the worker has journaled some of them, with more still arriving.
    const started = Date.now();
    while (
      (
        await q(
          `select count(*)::int as n from order_events e join bonds b on b.id = e.bond_id where b.code = $1`,
          [BOND],
        )
      )[0].n < 100 &&
      Date.now() - started < 10_000
    )
      await new Promise((r) => setTimeout(r, 20));
    process.kill(worker.pid, 'SIGKILL');
    await worker.exited;
    // A killed process cannot withdraw its heartbeat; later tests of /health must not count it.
    await api.deps.redis.zrem(
      `${api.deps.config.redisPrefix}:heartbeats:matching-worker`,
      `${hostname()}:${worker.pid}`,
    );
    acked.push(...(await inFlight));
    // Events committed but never published (the worker died between its commit and its publish):
    // moving the bond's published watermark back stands for that, so the restarted worker must
    // publish those events' messages before anything new.
    const [bondRow] = await q('select id from bonds where code = $1', [BOND]);
    const [watcher] = await q(`select id from participants where code = 'KOTAKB'`);
    const [journaled] = await q('select max(sequence)::int as last from order_events where bond_id = $1', [
      bondRow.id,
    ]);
    // Back to before the watcher's fifth-last message.
    const [{ rewound }] = await q(
      `select min(sequence)::int - 1 as rewound from (select sequence from order_events
          where bond_id = $1 and messages @> $2::jsonb order by sequence desc limit 5) last5`,
      [bondRow.id, JSON.stringify([{ participantId: watcher.id }])],
    );
    await api.deps.redis.hset(keys.publishedEvents, String(bondRow.id), String(rewound));
    const expected = (
      await q(
        `select messages from order_events where bond_id = $1 and sequence > $2 and sequence <= $3
            and messages is not null order by sequence`,
        [bondRow.id, rewound, journaled.last],
      )
    )
      .flatMap((r) => r.messages as Array<{ participantId: number; type: string; data: unknown }>)
      .filter((m) => m.participantId === watcher.id)
      .map((m) => ({ type: m.type, data: m.data }));
    const socket = openTradingWs(api.url, watcher.id, tokens[0]!);
    await socket.opened;
    await socket.next('connected');
    // Acknowledged while no worker runs: committed in PostgreSQL, queued in Redis.
    acked.push(...(await submit(200, 260)));
    const [bond] = await q('select id, tick_size::text, lot_size::text from bonds where code = $1', [BOND]);
    // Redis loses the shard's stream (and its consumer group): the worker must re-drive from PostgreSQL.
    await api.deps.redis.del(keys.commandStream(0));
    acked.push(...(await submit(260, 280)));

    worker = startTestWorker('matching-worker');
    await worker.started;
    const deadline = Date.now() + 60_000;
    while ((await q('select count(*)::int as n from order_commands where applied_seq is null'))[0].n > 0) {
      if (Date.now() > deadline) throw new Error(`commands left unapplied:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Re-driven commands are applied inside the recovery, before it logs that it is done.
    await until(
      'recovery logged',
      async () => worker.output(),
      (o) => o.includes('books rebuilt from the journal'),
    );
    // The watcher's messages of the unpublished events come first, in journal order.
    expect(expected.length).toBeGreaterThan(0);
    const isPrivate = (m: { type: string }) => m.type === 'trade' || m.type === 'order_update';
    const deadlineWs = Date.now() + 60_000;
    while (socket.messages.filter(isPrivate).length < expected.length && Date.now() < deadlineWs)
      await new Promise((r) => setTimeout(r, 50));
    const received = socket.messages.filter(isPrivate).slice(0, expected.length);
    expect(received.map((m) => ({ type: m.type, data: m.data }))).toEqual(expected);
    expect(received.map((m) => m.sequence)).toEqual(received.map((_, i) => received[0]!.sequence + i));
    socket.ws.close();

    const orders = await q('select id, status::text from orders where id = any($1::uuid[])', [acked]);
    expect(orders).toHaveLength(acked.length);
    expect(orders.filter((o) => o.status === 'PENDING_NEW')).toEqual([]);
    const news = await q(
      `select order_id, count(*)::int as n, bool_and(applied_seq is not null) as applied from order_commands
        where kind = 'NEW' and order_id = any($1::uuid[]) group by order_id`,
      [acked],
    );
    expect(news).toHaveLength(acked.length);
    expect(news.every((c) => c.n === 1 && c.applied)).toBe(true);

    // The journal is the per-bond applied order with no gap; replaying it must give the worker's book.
    const commands = await q(
      `select id::text, kind::text, payload, (extract(epoch from received_at) * 1000)::float8 as at, applied_seq::int as seq
         from order_commands where bond_id = $1 and applied_seq is not null order by applied_seq`,
      [bond.id],
    );
    expect(commands.map((c) => c.seq)).toEqual(commands.map((_, i) => i + 1));
    const recorder = new EventRecorder();
    const replayed = new OrderBook(recorder);
    for (const c of commands) {
      applyBookCommand(
        replayed,
        decodeBookCommand(Number(c.id), c.kind as BookCommandKind, Math.round(c.at), c.payload),
      );
    }
    const level = (l: { price: number; qty: number; orders: number }) => ({
      price: ticksToPrice(l.price, bond.tick_size),
      quantity: lotsToQuantity(l.qty, bond.lot_size),
      orders: l.orders,
    });
    const filled = new Map<number, number>();
    for (const e of recorder.events)
      if (e.type === 'FILLED' || e.type === 'PARTIALLY_FILLED') filled.set(e.orderId, e.filledQty);
    // Every order's stored fill equals the replay's, and it is open in PostgreSQL exactly when the
    // rebuilt book holds it, with the same remaining quantity.
    const rows = await q(
      `select engine_id::int as engine, status::text, filled_quantity::text,
              (quantity - filled_quantity)::text as remaining from orders where bond_id = $1`,
      [bond.id],
    );
    const open = new Set(['NEW', 'PARTIALLY_FILLED']);
    const stored = rows.map((r) => ({
      engine: r.engine,
      filled: r.filled_quantity,
      open: open.has(r.status),
      remaining: open.has(r.status) ? r.remaining : null,
    }));
    const rebuilt = rows.map((r) => {
      const resting = replayed.getOrder(r.engine);
      return {
        engine: r.engine,
        filled: lotsToQuantity(filled.get(r.engine) ?? 0, bond.lot_size),
        open: resting !== null,
        remaining: resting === null ? null : lotsToQuantity(resting.leaves, bond.lot_size),
      };
    });
    expect(stored).toEqual(rebuilt);
    expect(stored.filter((o) => o.open).length).toBeGreaterThan(0);
    // The worker publishes its book after the commit: wait for the snapshot of the last event.
    const [{ last }] = await q('select max(sequence)::int as last from order_events where bond_id = $1', [
      bond.id,
    ]);
    let book;
    const bookDeadline = Date.now() + 60_000;
    do {
      book = await (
        await api.call('GET', `/api/v1/trading/orderbook/${BOND}?depth=50`, { token: tokens[0] })
      ).json();
      if (book.sequence >= last || Date.now() > bookDeadline) break;
      await new Promise((r) => setTimeout(r, 50));
    } while (book.sequence < last);
    expect(book.sequence).toBe(last);
    expect(book.bids).toEqual(replayed.depth(Side.BUY, 50).map(level));
    expect(book.asks).toEqual(replayed.depth(Side.SELL, 50).map(level));
    expect(book.bids.length + book.asks.length).toBeGreaterThan(0);

    const trades = recorder.events.filter((e) => e.type === 'TRADE');
    const [tradeRows] = await q(
      'select count(*)::int as n, coalesce(sum(quantity), 0)::text as qty from trades where bond_id = $1',
      [bond.id],
    );
    expect(tradeRows.n).toBe(trades.length);
    expect(trades.length).toBeGreaterThan(0);
  });
});
