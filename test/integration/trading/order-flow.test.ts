import { automaticRecomputeKey } from '../../../platform/queues';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { openTradingWs } from '../../support/trading-ws';
import { until } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Participants of the demo data: ICICPD (pd1) is 4, NORFPI (fpi1) is 8. Not trader1 and trader2,
// whose HOUSE positions the risk tests expect flat.
const ICICPD = 4;
const NORFPI = 8;
const BOND = 'BOND_003';
const ISIN = 'IN0020220169';
// The bonds this file trades (other files' orders share the database).
const OWN_BONDS =
  "bond_id in (select id from bonds where code in ('BOND_002', 'BOND_003', 'BOND_004', 'BOND_005'))";

let api: TestApi;
let worker: TestWorker;
let trader1: string;
let trader2: string;
let ops: string;

beforeAll(async () => {
  api = await startTestApi();
  worker = startTestWorker('matching-worker');
  await worker.started;
  [trader1, trader2, ops] = await Promise.all([
    api.login('pd1@bondx.local'),
    api.login('fpi1@bondx.local'),
    api.login('ops@bondx.local'),
  ]);
});

afterAll(async () => {
  await worker.stop();
  await api.stop();
});

const order = (fields: Record<string, unknown>) => ({
  bond_id: BOND,
  order_type: 'LIMIT',
  time_in_force: 'DAY',
  ...fields,
});

const count = async (sql: string, args: unknown[] = []) =>
  (await api.deps.pg.query(`select count(*)::int as n from ${sql}`, args)).rows[0].n as number;

describe('trading through the API and the matching worker', () => {
  test("when a buy crosses another participant's sell, then both see their trade on the WebSocket, it is in PostgreSQL and both HOUSE positions move", async () => {
    const ws1 = openTradingWs(api.url, ICICPD, trader1);
    const ws2 = openTradingWs(api.url, NORFPI, trader2);
    await Promise.all([ws1.opened, ws2.opened]);

    const sell = await api.call('POST', '/api/v1/trading/orders', {
      token: trader2,
      body: order({ side: 'SELL', quantity: '30000', price: '98.7500', client_order_id: 'flow-sell-1' }),
    });
    expect(sell.status).toBe(201);
    const sold = await sell.json();
    expect(sold).toMatchObject({ status: 'PENDING_NEW', participant_id: NORFPI, bond_id: BOND, isin: ISIN });

    const buy = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: { participant_id: ICICPD, ...order({ side: 'BUY', quantity: 10000, price: 98.8 }) },
    });
    expect(buy.status).toBe(201);
    const bought = await buy.json();

    const t1 = await ws1.next('trade', (m) => m.data.order_id === bought.order_id);
    const t2 = await ws2.next('trade', (m) => m.data.order_id === sold.order_id);
    expect(t1.data).toMatchObject({
      side: 'BUY',
      price: '98.7500',
      quantity: '10000.00',
      aggressor: true,
      bond_id: BOND,
    });
    expect(t2.data).toMatchObject({ side: 'SELL', price: '98.7500', quantity: '10000.00', aggressor: false });
    expect(t1.data.trade_id).toBe(t2.data.trade_id);
    expect(t1.sequence).toBeGreaterThan(0);

    const row = (
      await api.deps.pg.query(
        'select buy_order_id, sell_order_id, buyer_participant_id, seller_participant_id, price::text, quantity::text, aggressor_side::text from trades where id = $1',
        [t1.data.trade_id],
      )
    ).rows[0];
    expect(row).toEqual({
      buy_order_id: bought.order_id,
      sell_order_id: sold.order_id,
      buyer_participant_id: ICICPD,
      seller_participant_id: NORFPI,
      price: '98.7500',
      quantity: '10000.00',
      aggressor_side: 'BUY',
    });

    const house = async (participant: number) =>
      (
        await api.deps.pg.query(
          `select p.quantity::text, p.average_price::text from positions p join portfolios f on f.id = p.portfolio_id
            join bonds b on b.id = p.bond_id where f.kind = 'HOUSE' and f.participant_id = $1 and b.code = $2`,
          [participant, BOND],
        )
      ).rows[0];
    expect(await house(ICICPD)).toEqual({ quantity: '10000.00', average_price: '98.7500' });
    expect(await house(NORFPI)).toEqual({ quantity: '-10000.00', average_price: '98.7500' });
    // The fill moved both HOUSE portfolios, so each has a coalesced risk recompute queued.
    const riskQueue = api.deps.queues[0]!;
    for (const participant of [ICICPD, NORFPI]) {
      const { id } = (
        await api.deps.pg.query(`select id from portfolios where kind = 'HOUSE' and participant_id = $1`, [
          participant,
        ])
      ).rows[0];
      await until(
        'risk recompute queued',
        () => riskQueue.getDeduplicationJobId(automaticRecomputeKey(id)),
        (jobId) => Boolean(jobId),
      );
    }

    const mine = await (
      await api.call('GET', `/api/v1/trading/orders/${bought.order_id}`, { token: trader1 })
    ).json();
    expect(mine).toMatchObject({ status: 'FILLED', filled_quantity: '10000.00', remaining_quantity: '0.00' });
    const theirs = await (
      await api.call('GET', `/api/v1/trading/orders/${sold.order_id}`, { token: trader2 })
    ).json();
    expect(theirs).toMatchObject({
      status: 'PARTIALLY_FILLED',
      filled_quantity: '10000.00',
      remaining_quantity: '20000.00',
    });

    const book = await (
      await api.call('GET', `/api/v1/trading/orderbook/${ISIN}?depth=5`, { token: trader1 })
    ).json();
    expect(book).toMatchObject({ session: 'CONTINUOUS', halted: false, last_price: '98.7500', bids: [] });
    expect(book.asks).toEqual([{ price: '98.7500', quantity: '20000.00', orders: 1 }]);

    const md = await (
      await api.call('GET', `/api/v1/trading/market-data/${BOND}`, { token: trader1 })
    ).json();
    expect(md).toMatchObject({
      last_price: '98.7500',
      best_bid: null,
      best_ask: { price: '98.7500' },
      volume: '10000.00',
      trades: 1,
      vwap: '98.7500',
      open: '98.7500',
      high: '98.7500',
      low: '98.7500',
      close: '98.7500',
    });
    expect(md.last_yield_pct).toBeGreaterThan(7);

    const trades = await (await api.call('GET', '/api/v1/trading/trades', { token: trader1 })).json();
    expect(trades.items).toContainEqual(
      expect.objectContaining({ trade_id: t1.data.trade_id, side: 'BUY', order_id: bought.order_id }),
    );
    expect(trades.items.every((t: { side: string }) => t.side === 'BUY' || t.side === 'SELL')).toBe(true);

    const cancel = await api.call('DELETE', `/api/v1/trading/orders/${sold.order_id}`, { token: trader2 });
    expect(cancel.status).toBe(202);
    const update = await ws2.next(
      'order_update',
      (m) => m.data.order_id === sold.order_id && m.data.status === 'CANCELLED',
    );
    expect(update.data).toMatchObject({ filled_quantity: '10000.00', reason: 'REQUESTED' });
    expect(update.sequence).toBeGreaterThan(t2.sequence);
    ws1.ws.close();
    ws2.ws.close();
  });

  test('when a submission is retried with the same client_order_id, then the original comes back and nothing is added', async () => {
    const body = order({ side: 'BUY', quantity: '20000', price: '97.0000', client_order_id: 'retry-1' });
    const first = await api.call('POST', '/api/v1/trading/orders', { token: trader1, body });
    expect(first.status).toBe(201);
    const original = await first.json();
    const again = await api.call('POST', '/api/v1/trading/orders', { token: trader1, body });
    expect(again.status).toBe(200);
    expect((await again.json()).order_id).toBe(original.order_id);
    expect(await count("orders where client_order_id = 'retry-1'")).toBe(1);
    const changed = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: { ...body, price: '97.0025' },
    });
    expect(changed.status).toBe(409);
    expect((await changed.json()).type).toBe('/errors/client-order-id-reused');
    // Another participant may use the same client_order_id for its own order.
    expect(
      (
        await api.call('POST', '/api/v1/trading/orders', {
          token: trader2,
          body: { ...body, side: 'SELL', price: '99.0000' },
        })
      ).status,
    ).toBe(201);
  });

  test('when the same submission arrives many times at once (sharing one batched insert), then one order is created and every answer names it', async () => {
    const body = order({ side: 'BUY', quantity: '20000', price: '97.0000', client_order_id: 'burst-1' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => api.call('POST', '/api/v1/trading/orders', { token: trader1, body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(11).fill(200), 201]);
    const ids = new Set(await Promise.all(answers.map(async (a) => (await a.json()).order_id)));
    expect(ids.size).toBe(1);
    expect(await count("orders where client_order_id = 'burst-1'")).toBe(1);
    expect(await count(`order_commands where kind = 'NEW' and order_id = $1`, [[...ids][0]])).toBe(1);
  });

  test('when an order breaks tick, lot or shape rules, then it is refused with every reason and nothing is written', async () => {
    const before = await count('orders');
    const commands = await count('order_commands');
    const res = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: order({ side: 'BUY', quantity: '15000', price: '98.7510' }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ reason: 'LOT_SIZE', reasons: ['LOT_SIZE', 'TICK_SIZE'] });
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['quantity', 'price']);
    const schema = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: order({ side: 'SIDEWAYS', quantity: '-1' }),
    });
    expect(schema.status).toBe(422);
    expect((await schema.json()).errors.map((e: { field: string }) => e.field)).toEqual(['side', 'quantity']);
    const other = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: { participant_id: NORFPI, ...order({ side: 'BUY', quantity: '10000', price: '98.0000' }) },
    });
    expect(other.status).toBe(403);
    expect(await count('orders')).toBe(before);
    expect(await count('order_commands')).toBe(commands);
  });

  test("when a participant asks for another's order, then it is not found, and lists hold only its own", async () => {
    const res = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: order({ side: 'BUY', quantity: '10000', price: '96.0000' }),
    });
    const mine = await res.json();
    expect(
      (await api.call('GET', `/api/v1/trading/orders/${mine.order_id}`, { token: trader2 })).status,
    ).toBe(404);
    expect(
      (await api.call('DELETE', `/api/v1/trading/orders/${mine.order_id}`, { token: trader2 })).status,
    ).toBe(404);
    const list = await (
      await api.call('GET', '/api/v1/trading/orders?limit=1000', { token: trader2 })
    ).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((o: { participant_id: number }) => o.participant_id === NORFPI)).toBe(true);
    const staff = await (
      await api.call('GET', `/api/v1/trading/orders?participant_id=${ICICPD}`, { token: ops })
    ).json();
    expect(staff.items.some((o: { order_id: string }) => o.order_id === mine.order_id)).toBe(true);
  });

  test('when a bond is halted, then new orders are refused with TRADING_HALTED until it resumes', async () => {
    const halt = await api.call('POST', '/api/v1/trading/bonds/BOND_004/halt', { token: ops });
    expect(halt.status).toBe(200);
    const refused = await api.call('POST', '/api/v1/trading/orders', {
      token: trader1,
      body: order({ bond_id: 'BOND_004', side: 'BUY', quantity: '10000', price: '99.0000' }),
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).reason).toBe('TRADING_HALTED');
    expect((await api.call('POST', '/api/v1/trading/bonds/BOND_004/halt', { token: ops })).status).toBe(409);
    expect((await api.call('POST', '/api/v1/trading/bonds/BOND_004/resume', { token: ops })).status).toBe(
      200,
    );
    expect((await api.call('POST', '/api/v1/trading/bonds/BOND_004/halt', { token: trader1 })).status).toBe(
      403,
    );
  });

  test('when a book is in PRE_OPEN, then orders collect without matching and execute-all uncrosses them at one price', async () => {
    const bond = 'BOND_005';
    const session = (s: string) =>
      api.call('PUT', `/api/v1/trading/bonds/${bond}/session`, { token: ops, body: { session: s } });
    expect(
      (await api.call('POST', '/api/v1/trading/execute-all', { token: ops, body: { bond_id: bond } })).status,
    ).toBe(409);
    expect((await session('PRE_OPEN')).status).toBe(409);
    expect((await session('CLOSED')).status).toBe(200);
    expect((await session('PRE_OPEN')).status).toBe(200);
    const b = await (
      await api.call('POST', '/api/v1/trading/orders', {
        token: trader1,
        body: order({ bond_id: bond, side: 'BUY', quantity: '50000', price: '101.0000' }),
      })
    ).json();
    await api.call('POST', '/api/v1/trading/orders', {
      token: trader2,
      body: order({ bond_id: bond, side: 'SELL', quantity: '30000', price: '99.0000' }),
    });
    await until(
      'orders resting',
      () => count("orders o join bonds b on b.id = o.bond_id where b.code = $1 and o.status = 'NEW'", [bond]),
      (n) => n === 2,
    );
    const executed = await api.call('POST', `/api/v1/trading/orders/${b.order_id}/execute`, { token: ops });
    expect(executed.status).toBe(200);
    expect(await executed.json()).toEqual({ applied: true, commands: 1, trades: 1 });
    const book = await (
      await api.call('GET', `/api/v1/trading/orderbook/${bond}`, { token: trader1 })
    ).json();
    expect(book).toMatchObject({
      session: 'CONTINUOUS',
      asks: [],
      bids: [{ price: '101.0000', quantity: '20000.00', orders: 1 }],
    });
    const again = await api.call('POST', '/api/v1/trading/execute-all', { token: ops, body: {} });
    expect(again.status).toBe(409);
    expect((await again.json()).reason).toBe('NOT_IN_PRE_OPEN');
  });

  test('when the kill switch is set, then the participant loses its orders and cannot trade until it is released; members mass-cancel only their own', async () => {
    const placed = await (
      await api.call('POST', '/api/v1/trading/orders', {
        token: trader2,
        body: order({ bond_id: 'BOND_002', side: 'SELL', quantity: '10000', price: '105.0000' }),
      })
    ).json();
    expect(
      (
        await api.call('POST', '/api/v1/trading/mass-cancel', {
          token: trader1,
          body: { participant_id: NORFPI },
        })
      ).status,
    ).toBe(403);
    const kill = await api.call('PUT', `/api/v1/trading/participants/${NORFPI}/kill-switch`, {
      token: ops,
      body: { active: true },
    });
    expect(kill.status).toBe(200);
    const o = await (
      await api.call('GET', `/api/v1/trading/orders/${placed.order_id}`, { token: trader2 })
    ).json();
    expect(o).toMatchObject({ status: 'CANCELLED', reject_reason: 'MASS_CANCEL' });
    expect(
      await count(
        `orders where participant_id = $1 and status in ('NEW', 'PARTIALLY_FILLED', 'PENDING_NEW') and ${OWN_BONDS}`,
        [NORFPI],
      ),
    ).toBe(0);
    const blocked = await api.call('POST', '/api/v1/trading/orders', {
      token: trader2,
      body: order({ bond_id: 'BOND_002', side: 'SELL', quantity: '10000', price: '105.0000' }),
    });
    expect((await blocked.json()).reason).toBe('KILL_SWITCH_ACTIVE');
    await api.call('PUT', `/api/v1/trading/participants/${NORFPI}/kill-switch`, {
      token: ops,
      body: { active: false },
    });
    const own = await api.call('POST', '/api/v1/trading/mass-cancel', { token: trader1, body: {} });
    expect(own.status).toBe(200);
    expect(
      await count(
        `orders where participant_id = $1 and status in ('NEW', 'PARTIALLY_FILLED', 'PENDING_NEW') and ${OWN_BONDS}`,
        [ICICPD],
      ),
    ).toBe(0);
  });
});
