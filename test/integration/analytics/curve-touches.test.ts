import { loadCurveTouches } from '../../../db/fair-value/curve-inputs';
import { poolSql } from '../../../db/fair-value/sql';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, until } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Its own bond (rated B, no reference yield: it moves no other suite's curve) and members.
const BOND = 'CURVE_TOUCH_B';

let api: TestApi;
let matching: TestWorker;
let bondId: number;
type Member = Awaited<ReturnType<typeof createMember>>;
let resting: Member;
let buyer: Member;
let seller: Member;

const place = async (m: Member, body: Record<string, string>) => {
  const res = await api.call('POST', '/api/v1/trading/orders', {
    token: m.token,
    body: { bond_id: BOND, order_type: 'LIMIT', time_in_force: 'DAY', quantity: '10000', ...body },
  });
  expect(res.status).toBe(201);
  return (await res.json()).order_id as string;
};
const status = async (id: string) =>
  (await api.deps.pg.query('select status::text from orders where id = $1', [id])).rows[0]?.status as string;
const touches = () => loadCurveTouches(poolSql(api.deps.pg), [bondId]);

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin@bondx.local');
  await createCorporateBond(api, admin, BOND, 'CTB0B001', {
    rating: 'B',
    coupon_pct: '8.00',
    maturity_date: '2034-06-30',
  });
  bondId = (await api.deps.pg.query('select id from bonds where code = $1', [BOND])).rows[0].id;
  resting = await createMember(api, admin, 'CTOUCHR', ['TRADER']);
  buyer = await createMember(api, admin, 'CTOUCHB', ['TRADER']);
  seller = await createMember(api, admin, 'CTOUCHS', ['TRADER']);
  matching = startTestWorker('matching-worker');
  await matching.started;
});

afterAll(async () => {
  await matching?.stop();
  await api?.stop();
});

describe("the fair-value curve's touches", () => {
  test('when a stop-limit triggers and rests on the book, then it makes the touch like any limit order', async () => {
    const ask = await place(resting, { side: 'SELL', price: '101.0000' });
    const stop = await place(resting, {
      side: 'BUY',
      order_type: 'STOP_LIMIT',
      price: '99.5000',
      stop_price: '100.0000',
      quantity: '30000',
    });
    await until(
      'both orders in the book',
      async () => [await status(ask), await status(stop)],
      (s) => s.every((x) => x === 'NEW'),
    );
    // The stop waits off the book: one side only, no touch.
    expect(await touches()).toEqual([]);

    // A bid at 100 is the touch until a sale fills it; that trade at 100 triggers the stop, whose
    // limit 99.50 is under the 101 offer, so it rests and is the bid.
    const bid = await place(buyer, { side: 'BUY', price: '100.0000' });
    await until(
      'the bid in the book',
      () => status(bid),
      (s) => s === 'NEW',
    );
    expect(await touches()).toMatchObject([{ bondId, bid: 100, ask: 101 }]);
    await place(seller, { side: 'SELL', price: '100.0000', time_in_force: 'IOC' });
    const [touch] = await until('the triggered stop-limit in the touch', touches, (t) => t[0]?.bid !== 100);
    expect(touch).toMatchObject({ bondId, bid: 99.5, ask: 101, quantity: 10_000 });
    expect(await status(bid)).toBe('FILLED');
    expect(await status(stop)).toBe('NEW');
  });
});
