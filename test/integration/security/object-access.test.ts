import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Object-level authorization: participant B names A's objects by id and learns nothing (404), and
// changes nothing. A is LICI (insurer1), B is KOTAKB (broker1), C is SBIMF (fund1), who trades with A
// so that A has trades to leak. BOND_013 is this file's own bond.
const BOND = 'BOND_013';

let api: TestApi;
let worker: TestWorker;
let a: string;
let b: string;
let c: string;
let aParticipant: number;
let bParticipant: number;

beforeAll(async () => {
  api = await startTestApi();
  worker = startTestWorker('matching-worker');
  await worker.started;
  a = await api.login('insurer1@bondx.local');
  b = await api.login('broker1@bondx.local');
  c = await api.login('fund1@bondx.local');
  aParticipant = (await (await api.call('GET', '/auth/me', { token: a })).json()).participant_id;
  bParticipant = (await (await api.call('GET', '/auth/me', { token: b })).json()).participant_id;
});

afterAll(async () => {
  await worker.stop();
  await api.stop();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const placeOrder = async (token: string, fields: Record<string, unknown>) => {
  const res = await api.call('POST', '/api/v1/trading/orders', {
    token,
    body: { bond_id: BOND, order_type: 'LIMIT', time_in_force: 'GTC', quantity: 100000, ...fields },
  });
  expect(res.status).toBe(201);
  return res.json();
};

describe("a member naming another member's objects", () => {
  test("when B reads, amends or cancels A's order by id, then 404 each time and the order is unchanged", async () => {
    const order = await placeOrder(a, { side: 'BUY', price: '80.00' });
    const path = `/api/v1/trading/orders/${order.order_id}`;
    const read = await api.call('GET', path, { token: b });
    expect(read.status).toBe(404);
    expect((await read.json()).detail).toBe('Order not found.');
    expect((await api.call('PUT', path, { token: b, body: { price: '80.50' } })).status).toBe(404);
    expect((await api.call('DELETE', path, { token: b })).status).toBe(404);
    const mine = await until(
      async () => (await api.call('GET', path, { token: a })).json(),
      (o) => o.status === 'NEW',
      'the order resting',
    );
    expect(mine).toMatchObject({ price: '80.0000', quantity: '100000.00', status: 'NEW' });
  });

  test("when B lists orders and trades, even asking for A's participant, then none of A's appear; the counterparty sees only its own side", async () => {
    await placeOrder(b, { side: 'BUY', price: '70.00' });
    const sell = await placeOrder(a, { side: 'SELL', price: '99.00' });
    const buy = await placeOrder(c, { side: 'BUY', price: '99.00', time_in_force: 'IOC' });
    const tradesOf = async (token: string, query = '') =>
      (await (await api.call('GET', `/api/v1/trading/trades?limit=1000${query}`, { token })).json())
        .items as Array<{
        trade_id: string;
        order_id: string;
      }>;
    const aTrade = (
      await until(
        () => tradesOf(a),
        (items) => items.some((t) => t.order_id === sell.order_id),
        "A's trade",
      )
    ).find((t) => t.order_id === sell.order_id)!;
    const orders = await (
      await api.call('GET', `/api/v1/trading/orders?limit=1000&participant_id=${aParticipant}`, { token: b })
    ).json();
    expect(orders.items.length).toBeGreaterThan(0);
    expect(orders.items.every((o: { participant_id: number }) => o.participant_id === bParticipant)).toBe(
      true,
    );
    expect((await tradesOf(b, `&participant_id=${aParticipant}`)).map((t) => t.trade_id)).not.toContain(
      aTrade.trade_id,
    );
    const cSides = (await tradesOf(c)).filter((t) => t.trade_id === aTrade.trade_id);
    expect(cSides.map((t) => t.order_id)).toEqual([buy.order_id]);
  });

  test("when B reads or writes A's portfolio by id, then 404 for every portfolio route", async () => {
    const list = await (await api.call('GET', '/api/v1/risk/portfolios', { token: a })).json();
    const id = list.items[0].portfolio_id;
    const base = `/api/v1/risk/portfolios/${id}`;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', base],
      ['GET', `${base}/risk`],
      [
        'POST',
        `${base}/risk`,
        { method: 'PARAMETRIC', confidence_level: 0.95, time_horizon: 1, lookback_days: 20 },
      ],
      ['GET', `${base}/risk/decomposition`],
      ['GET', `${base}/limits`],
      ['GET', `${base}/stress-test/results`],
      ['PUT', `${base}/positions/${BOND}`, { quantity: '100000' }],
      ['DELETE', `${base}/positions/${BOND}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.call(method, path, { token: b, body });
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 404`);
    }
  });
});
