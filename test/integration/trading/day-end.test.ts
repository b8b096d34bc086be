import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, until } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// DAY orders end with the trading day even when nobody closes the session: the matching worker
// journals a TIME command once the configured end (India time) has passed. The end is set a few
// seconds ahead, every weekday a trading day, so the test runs on any day.
const BOND = 'DAYEND01';
const ORDERS = '/api/v1/trading/orders';

let api: TestApi;
let worker: TestWorker | undefined;
let trader: string;
let dayEnd: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin@bondx.local');
  await createCorporateBond(api, admin, BOND, 'DAYE0001', {
    rating: 'AA',
    coupon_pct: '7.50',
    maturity_date: '2034-03-31',
  });
  trader = (await createMember(api, admin, 'DAYENDTR', ['TRADER'])).token;
  // Whole seconds, as the setting is written: HH:MM:SS in IST (UTC+05:30).
  dayEnd = Math.ceil((Date.now() + 15_000) / 1000) * 1000;
  env = {
    BONDX_TRADING_DAY_END: new Date(dayEnd + 330 * 60_000).toISOString().slice(11, 19),
    BONDX_TRADING_WEEKDAYS: 'SUN,MON,TUE,WED,THU,FRI,SAT',
  };
  worker = startTestWorker('matching-worker', env);
  await worker.started;
});

afterAll(async () => {
  await worker?.stop();
  await api.stop();
});

async function place(tif: string, price: string, clientOrderId: string): Promise<string> {
  const res = await api.call('POST', ORDERS, {
    token: trader,
    body: {
      bond_id: BOND,
      side: 'BUY',
      order_type: 'LIMIT',
      time_in_force: tif,
      quantity: '10000',
      price,
      client_order_id: clientOrderId,
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()).order_id;
}

const status = async (id: string) =>
  (await (await api.call('GET', `${ORDERS}/${id}`, { token: trader })).json()).status as string;

const bookEvents = async () =>
  (
    await api.deps.pg.query(
      `select count(*)::int as n from order_events where bond_id = (select id from bonds where code = $1)`,
      [BOND],
    )
  ).rows[0].n as number;

describe('end of the trading day', () => {
  test('when the configured day end passes without a CLOSE, then DAY orders from before it expire, GTC and later DAY orders stay, and a restarted worker replays to the same book', async () => {
    const day = await place('DAY', '99.0000', 'dayend-day-1');
    const gtc = await place('GTC', '98.5000', 'dayend-gtc-1');
    await until(
      'both resting',
      () => Promise.all([status(day), status(gtc)]),
      (s) => s.every((x) => x === 'NEW'),
    );
    expect(Date.now()).toBeLessThan(dayEnd);

    await until(
      'the DAY order expired',
      () => status(day),
      (s) => s === 'EXPIRED',
      40_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(dayEnd);
    expect(await status(gtc)).toBe('NEW');
    const time = await api.deps.pg.query(
      `select payload from order_commands where kind = 'TIME' and bond_id = (select id from bonds where code = $1)`,
      [BOND],
    );
    expect(time.rows.map((r) => r.payload)).toEqual([{ dayEnd }]);

    // Entered after the end: it belongs to the next trading day.
    const next = await place('DAY', '98.7500', 'dayend-day-2');
    await until(
      'the next DAY order rests',
      () => status(next),
      (s) => s === 'NEW',
    );
    const events = await bookEvents();

    await worker!.stop();
    worker = startTestWorker('matching-worker', env);
    await worker.started;
    const book = await (
      await api.call('GET', `/api/v1/trading/orderbook/${BOND}?depth=5`, { token: trader })
    ).json();
    expect(book.bids.map((l: { price: string }) => Number(l.price))).toEqual([98.75, 98.5]);
    expect(await Promise.all([status(day), status(gtc), status(next)])).toEqual(['EXPIRED', 'NEW', 'NEW']);
    // The replay journaled nothing new: the day end it already applied is not issued again.
    expect(await bookEvents()).toBe(events);
  });
});
