import { startTestApi, type TestApi } from '../../support/api-harness';
import { openTradingWs } from '../../support/trading-ws';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// ICICPD (pd1) is 4 in the demo data; BOND_012 is traded by no other file.
const ICICPD = 4;
const BOND = 'BOND_012';
const ISIN = 'INE002A08013';
const OTHER_BOND = 'BOND_013';

let api1: TestApi;
let api2: TestApi;
let worker: TestWorker;
let pd1: string;
let fpi1: string;

beforeAll(async () => {
  // Two API instances on one Redis: events reach every instance's sockets with the same sequence.
  [api1, api2] = await Promise.all([startTestApi(), startTestApi()]);
  worker = startTestWorker('matching-worker');
  await worker.started;
  [pd1, fpi1] = await Promise.all([api1.login('pd1@bondx.local'), api1.login('fpi1@bondx.local')]);
});

afterAll(async () => {
  await worker.stop();
  await Promise.all([api1.stop(), api2.stop()]);
});

const place = async (api: TestApi, token: string, fields: Record<string, unknown>) => {
  const res = await api.call('POST', '/api/v1/trading/orders', {
    token,
    body: { bond_id: BOND, order_type: 'LIMIT', time_in_force: 'GTC', ...fields },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { order_id: string };
};

describe('the trading WebSocket on the shared event bus', () => {
  test('when orders are placed through one API instance, then sockets on both instances get the same private events with the same sequences, snapshots on subscribe, bond-filtered market data and a resync', async () => {
    const resting = await place(api2, fpi1, { side: 'SELL', quantity: '300000', price: '101.00' });
    // The book snapshot is published after the worker's commit: wait until it shows the order.
    const deadline = Date.now() + 60_000;
    const inBook = async () => {
      const book = await (
        await api1.call('GET', `/api/v1/trading/orderbook/${BOND}`, { token: fpi1 })
      ).json();
      return book.asks.some((l: { price: string }) => l.price === '101.0000');
    };
    while (!(await inBook())) {
      if (Date.now() > deadline) throw new Error('the resting order never reached the book');
      await new Promise((r) => setTimeout(r, 50));
    }

    const here = openTradingWs(api1.url, ICICPD, pd1);
    const there = openTradingWs(api2.url, ICICPD, pd1);
    await Promise.all([here.opened, there.opened]);
    const start = (await here.next('connected')).sequence;
    here.send({ action: 'subscribe', channels: ['orders', 'trades', 'market_data'], bond_ids: [ISIN] });
    expect((await here.next('subscribed')).data).toMatchObject({
      channels: ['orders', 'trades', 'market_data'],
    });
    const orders = await here.next('orders_snapshot');
    expect(orders.data.sequence).toBe(orders.sequence);
    expect(Array.isArray(orders.data.orders)).toBe(true);
    const book = await here.next('market_data_snapshot');
    expect(book.data).toMatchObject({ bond_id: BOND, isin: ISIN });
    expect(book.data.asks).toContainEqual({ price: '101.0000', quantity: '300000.00', orders: 1 });

    // Placed through the other instance: the worker publishes once, both instances deliver.
    const bought = await place(api2, pd1, { side: 'BUY', quantity: '100000', price: '101.00' });
    const [a, b] = await Promise.all([
      here.next('trade', (m) => m.data.order_id === bought.order_id),
      there.next('trade', (m) => m.data.order_id === bought.order_id),
    ]);
    expect(a).toEqual(b);
    expect(a.sequence).toBeGreaterThan(start);
    expect(a.data).toMatchObject({ side: 'BUY', price: '101.0000', quantity: '100000.00', aggressor: true });
    const update = await here.next('market_data_update', (m) => m.data.last_price === '101.0000');
    expect(update.data).toMatchObject({ bond_id: BOND, isin: ISIN });

    // Every private event reached both sockets with the same sequences (the FILLED update is the last).
    const filled = (m: { data: Record<string, unknown> }) =>
      m.data.order_id === bought.order_id && m.data.status === 'FILLED';
    expect(await here.next('order_update', filled)).toEqual(await there.next('order_update', filled));
    const privateSeqs = (c: typeof here) =>
      c.messages
        .filter((m) => m.type === 'trade' || m.type === 'order_update')
        .map((m) => m.sequence)
        .concat(a.sequence)
        .sort((x, y) => x - y);
    expect(privateSeqs(here)).toEqual(privateSeqs(there));

    // Market data of a bond the socket did not name is filtered out; the unfiltered socket gets it.
    there.send({ action: 'subscribe', channels: ['market_data'] });
    await there.next('subscribed');
    await place(api1, fpi1, { bond_id: OTHER_BOND, side: 'SELL', quantity: '100000', price: '100.00' });
    await there.next('market_data_update', (m) => m.data.bond_id === OTHER_BOND);
    expect(here.messages.filter((m) => m.type === 'market_data_update' && m.data.bond_id !== BOND)).toEqual(
      [],
    );

    // A resync resends the private events from the given sequence, unchanged.
    here.send({ action: 'resync', from_sequence: a.sequence });
    expect(await here.next('trade', (m) => m.sequence === a.sequence)).toEqual(a);

    const cancel = await api1.call('DELETE', `/api/v1/trading/orders/${resting.order_id}`, { token: fpi1 });
    expect(cancel.status).toBe(202);
    here.ws.close();
    there.ws.close();
  });

  test('when a waiting stop order is modified with a new stop price, then the worker confirms it and the stored order shows it', async () => {
    const ws = openTradingWs(api1.url, ICICPD, pd1);
    await ws.opened;
    // The last trade is at 101.00 (the test above), so a buy stop at 102.00 waits.
    const stop = await place(api1, pd1, {
      side: 'BUY',
      order_type: 'STOP_LIMIT',
      quantity: '100000',
      price: '102.50',
      stop_price: '102.00',
    });
    const res = await api1.call('PUT', `/api/v1/trading/orders/${stop.order_id}`, {
      token: pd1,
      body: { stop_price: '103.00', price: '103.50' },
    });
    expect(res.status).toBe(202);
    await ws.next('order_update', (m) => m.data.order_id === stop.order_id && m.data.event === 'REPLACED');
    const stored = await (
      await api1.call('GET', `/api/v1/trading/orders/${stop.order_id}`, { token: pd1 })
    ).json();
    expect(stored).toMatchObject({ status: 'NEW', stop_price: '103.0000', price: '103.5000' });
    expect(
      (await api1.call('DELETE', `/api/v1/trading/orders/${stop.order_id}`, { token: pd1 })).status,
    ).toBe(202);
    ws.ws.close();
  });

  test('when a GTD order reaches its expire time and no other command comes for the bond, then the worker expires it through a journaled TIME command', async () => {
    const ws = openTradingWs(api1.url, ICICPD, pd1);
    await ws.opened;
    const gtd = await place(api1, pd1, {
      side: 'BUY',
      quantity: '100000',
      price: '99.00',
      time_in_force: 'GTD',
      expire_time: new Date(Date.now() + 3000).toISOString(),
    });
    const expired = await ws.next(
      'order_update',
      (m) => m.data.order_id === gtd.order_id && m.data.status === 'EXPIRED',
      20_000,
    );
    expect(expired.data).toMatchObject({ event: 'EXPIRED', reason: 'EXPIRED' });
    const stored = await (
      await api1.call('GET', `/api/v1/trading/orders/${gtd.order_id}`, { token: pd1 })
    ).json();
    expect(stored.status).toBe('EXPIRED');
    const [time] = (
      await api1.deps.pg.query(
        `select c.kind::text, c.applied_seq is not null as applied from order_events e
           join order_commands c on c.id = e.command_id where e.order_id = $1 and e.type = 'EXPIRED'`,
        [gtd.order_id],
      )
    ).rows;
    expect(time).toEqual({ kind: 'TIME', applied: true });
    ws.ws.close();
  });
});
