import { startTestApi, type TestApi, type TestResponse } from '../../support/api-harness';

// Input built to break the parser, the validator or the database: each is refused with the exact
// status, names the field where there is one, writes nothing, and never echoes a stack or SQL.
// insurer1 (LICI) on BOND_011, which no other test file trades.
const BOND = 'BOND_011';

let api: TestApi;
let token: string;
const errorBodies: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  token = await api.login('insurer1@bondx.local');
});
afterAll(() => api.stop());

const order = (fields: Record<string, unknown> = {}) => ({
  bond_id: BOND,
  side: 'BUY',
  order_type: 'LIMIT',
  time_in_force: 'GTC',
  quantity: 100000,
  price: '75.00',
  ...fields,
});

async function refused(res: TestResponse, status: number, field?: string) {
  const text = await res.text();
  errorBodies.push(text);
  expect(`${res.status} ${text.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  if (field !== undefined) {
    expect(JSON.parse(text).errors.map((e: { field: string }) => e.field)).toContain(field);
  }
}

const post = (body: unknown) => api.call('POST', '/api/v1/trading/orders', { token, body });
const ordersOfTag = async (tag: string) =>
  (await (await api.call('GET', `/api/v1/trading/orders?client_order_id=${tag}`, { token })).json()).items
    .length;

describe('hostile input on order entry', () => {
  test('when the body is over 1 MB, then 413 before anything is parsed', async () => {
    const raw = JSON.stringify(order({ client_order_id: 'big-1', note: 'x'.repeat(1_100_000) }));
    await refused(await api.call('POST', '/api/v1/trading/orders', { token, raw }), 413);
    expect(await ordersOfTag('big-1')).toBe(0);
  });

  test('when a body comes without a token or from a role the route refuses, then 401/403 with the body unread', async () => {
    const raw = JSON.stringify(order({ client_order_id: 'big-2', note: 'x'.repeat(1_100_000) }));
    await refused(await api.call('POST', '/api/v1/trading/orders', { raw }), 401);
    const malformed = await api.call('POST', '/api/v1/trading/orders', { raw: '{"bond_id":' });
    await refused(malformed, 401);
    const compliance = await api.login('compliance@bondx.local');
    await refused(await api.call('POST', '/api/v1/trading/orders', { token: compliance, raw }), 403);
  });

  test('when the JSON is nested 100,000 levels deep, then a 4xx problem and the API keeps serving', async () => {
    const raw = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const res = await api.call('POST', '/api/v1/trading/orders', { token, raw });
    expect([400, 413, 422]).toContain(res.status);
    await refused(res, res.status);
    expect((await api.call('GET', '/health')).status).toBeLessThan(600);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(200);
  });

  test.each([
    ['an array where a number belongs', { quantity: [100000] }, 'quantity'],
    ['an array where a string belongs', { bond_id: [BOND] }, 'bond_id'],
    ['an object where an enum belongs', { side: { $ne: 'SELL' } }, 'side'],
    ['a negative quantity', { quantity: -100000 }, 'quantity'],
    ['a zero quantity', { quantity: 0 }, 'quantity'],
    ['a huge quantity', { quantity: 1e30 }, 'quantity'],
    ['a quantity of "NaN"', { quantity: 'NaN' }, 'quantity'],
    ['a quantity of "Infinity"', { quantity: 'Infinity' }, 'quantity'],
    ['a negative price', { price: '-99.00' }, 'price'],
    ['a zero price', { price: 0 }, 'price'],
    ['a price of 1e308', { price: 1e308 }, 'price'],
    ['a price in exponent notation', { price: '9.9e1' }, 'price'],
    ['a client_order_id with SQL in it', { client_order_id: "x'; drop table orders;--" }, 'client_order_id'],
  ])('when the order carries %s, then 422 naming the field', async (_what, fields, field) => {
    await refused(await post(order(fields)), 422, field);
  });

  test('when the bond is named by a look-alike ISIN (one digit off, check digit wrong), then 422 on bond_id, not a lookup', async () => {
    // BOND_003 is IN0020220169; its last digit is the Luhn check digit.
    await refused(
      await post(order({ bond_id: 'IN0020220168', client_order_id: 'lookalike-1' })),
      422,
      'bond_id',
    );
    expect(await ordersOfTag('lookalike-1')).toBe(0);
  });

  test('when server-controlled fields are sent (mass assignment), then they are ignored and the order is what the server decides', async () => {
    const res = await post(
      order({
        client_order_id: 'mass-1',
        status: 'FILLED',
        filled_quantity: '100000',
        user_id: 1,
        order_id: '00000000-0000-4000-8000-000000000000',
        created_at: '2000-01-01T00:00:00Z',
        reject_reason: null,
      }),
    );
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.order_id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect(created.filled_quantity).toBe('0.00');
    expect(created.status).not.toBe('FILLED');
    expect(created.user_id).not.toBe(1);
    expect(created.created_at.startsWith('2000')).toBe(false);
    const amended = await api.call('PUT', `/api/v1/trading/orders/${created.order_id}`, {
      token,
      body: { price: '75.25', side: 'SELL', participant_id: 2, filled_quantity: '100000', status: 'FILLED' },
    });
    expect([200, 202]).toContain(amended.status);
    const after = await (
      await api.call('GET', `/api/v1/trading/orders/${created.order_id}`, { token })
    ).json();
    expect(after).toMatchObject({
      side: 'BUY',
      participant_id: created.participant_id,
      filled_quantity: '0.00',
    });
  });

  test("when participant_id names someone else's participant, then 403 and nothing is written", async () => {
    await refused(await post(order({ participant_id: 2, client_order_id: 'other-1' })), 403);
    expect(await ordersOfTag('other-1')).toBe(0);
  });

  test('when a client_order_id is reused with a different body, then 409; with the same body, the original', async () => {
    const first = await post(order({ client_order_id: 'reuse-1' }));
    expect(first.status).toBe(201);
    const original = await first.json();
    const again = await post(order({ client_order_id: 'reuse-1' }));
    expect(again.status).toBe(200);
    expect((await again.json()).order_id).toBe(original.order_id);
    await refused(await post(order({ client_order_id: 'reuse-1', price: '75.50' })), 409);
    expect(await ordersOfTag('reuse-1')).toBe(1);
  });

  test('when path and query parameters are malformed, then 422 naming them, never a database error', async () => {
    await refused(
      await api.call('GET', "/api/v1/trading/orders/1' or '1'='1", { token }),
      422,
      'path.order_id',
    );
    await refused(await api.call('GET', '/api/v1/trading/orders?limit=-1', { token }), 422, 'query.limit');
    await refused(
      await api.call('GET', '/api/v1/trading/orders?from=yesterday', { token }),
      422,
      'query.from',
    );
    await refused(
      await api.call('GET', '/api/v1/trading/orderbook/IN0020220168', { token }),
      422,
      'path.bond_id',
    );
  });

  test('then no error body carried a stack trace, SQL or an internal path', () => {
    expect(errorBodies.length).toBeGreaterThan(15);
    for (const body of errorBodies) {
      expect(body).not.toMatch(
        /\n\s+at |node_modules|\.ts:\d+|\b(select|insert|update|delete)\s.+\b(from|into|set)\b|postgres|violates/i,
      );
    }
  });
});
