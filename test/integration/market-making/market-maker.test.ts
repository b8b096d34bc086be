import { ComplianceException } from '../../../db/entities';
import { WsEventBus } from '../../../platform/ws-events';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, FIXTURE_PASSWORD, until } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Its own bond (rated A: a curve family no other test trades) and its own members, so the flow
// here is the only one the market maker sees.
const BOND = 'MM_TEST_A';
const MM = '/api/v1/trading/market-making';

let api: TestApi;
let matching: TestWorker;
let marketMaker: TestWorker;
let admin: string;
let mm: Awaited<ReturnType<typeof createMember>>;
let taker: Awaited<ReturnType<typeof createMember>>;

interface Quote {
  side: 'BUY' | 'SELL';
  price: string;
  quantity: string;
  order_id: string;
}

const quotes = async (): Promise<Quote[]> =>
  (await (await api.call('GET', `${MM}/quotes`, { token: mm.token })).json()).items;
const twoSided = (q: Quote[]) => q.some((x) => x.side === 'BUY') && q.some((x) => x.side === 'SELL');
const side = (q: Quote[], s: 'BUY' | 'SELL') => q.find((x) => x.side === s)!;
const fairPrice = async () =>
  Number(
    (await (await api.call('GET', `/api/v1/analytics/fair-value/${BOND}`, { token: mm.token })).json())
      .fair_price,
  );

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
  await createCorporateBond(api, admin, BOND, 'MMT0A001', {
    rating: 'A',
    coupon_pct: '8.00',
    maturity_date: '2036-06-30',
    reference_yield_pct: '8.2000',
  });
  mm = await createMember(api, admin, 'MMTESTMM', ['MARKET_MAKER']);
  taker = await createMember(api, admin, 'MMTESTTK', ['TRADER']);
  matching = startTestWorker('matching-worker');
  await matching.started;
  marketMaker = startTestWorker('market-maker', {
    BONDX_MM_API_URL: api.url,
    BONDX_MM_USERNAME: mm.username,
    BONDX_MM_PASSWORD: FIXTURE_PASSWORD,
    BONDX_MM_CYCLE_MS: '250',
    BONDX_METRICS_PORT: '0',
  });
  await marketMaker.started;
});

afterAll(async () => {
  await marketMaker?.stop();
  await matching?.stop();
  await api?.stop();
});

describe('the market maker against the real matching worker', () => {
  test('when configured and started, then it keeps a two-sided market around fair value', async () => {
    const config = await api.call('PUT', `${MM}/bonds/${BOND}`, {
      token: mm.token,
      body: {
        quote_size: '20000',
        max_inventory: '40000',
        base_spread_bp: '10',
        inventory_skew_bp: '20',
        refresh_threshold_bp: '0.5',
      },
    });
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({
      bond_id: BOND,
      quote_size: '20000.00',
      inventory_skew_bp: '20.0000',
    });
    const started = await api.call('POST', `${MM}/start`, { token: mm.token, body: {} });
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ status: 'RUNNING', participant_id: mm.participantId });

    const q = await until('two-sided quotes', quotes, twoSided);
    const [bid, ask] = [side(q, 'BUY'), side(q, 'SELL')];
    expect(bid.quantity).toBe('20000.00');
    expect(ask.quantity).toBe('20000.00');
    const fair = await fairPrice();
    expect(Number(bid.price)).toBeLessThan(fair);
    expect(Number(ask.price)).toBeGreaterThan(fair);
    // Flat inventory: centred on fair value within a tick.
    expect(Math.abs((Number(bid.price) + Number(ask.price)) / 2 - fair)).toBeLessThan(0.01);
    await until(
      'quotes on the book',
      async () =>
        await (await api.call('GET', `/api/v1/trading/orderbook/${BOND}`, { token: taker.token })).json(),
      (b) => b.bids.length > 0 && b.asks.length > 0,
    );
  });

  test('when a seller hits its bid, then it requotes skewed: both prices lower against fair value and a smaller bid', async () => {
    const before = await quotes();
    const bid = side(before, 'BUY');
    const hit = await api.call('POST', '/api/v1/trading/orders', {
      token: taker.token,
      body: {
        bond_id: BOND,
        side: 'SELL',
        order_type: 'LIMIT',
        time_in_force: 'IOC',
        quantity: '20000',
        price: bid.price,
      },
    });
    expect(hit.status).toBe(201);
    const after = await until(
      'skewed quotes',
      quotes,
      // Both sides replaced: neither order was there before the fill.
      (q) =>
        twoSided(q) &&
        !q.some((x) => before.some((b) => b.order_id === x.order_id)) &&
        side(q, 'BUY').quantity === '10000.00',
    );
    expect(side(after, 'SELL').quantity).toBe('20000.00');
    const centre = (Number(side(after, 'BUY').price) + Number(side(after, 'SELL').price)) / 2;
    // The fill is now the freshest print, so fair value sits near its price; the centre is skewed below
    // it by half the inventory limit x 20 bp x a PV01 near 0.065, about 0.65.
    expect(Number(bid.price) - centre).toBeGreaterThan(0.3);
    expect(Number(side(after, 'SELL').price)).toBeLessThan(
      Number(before.find((x) => x.side === 'SELL')!.price),
    );

    const positions = await (await api.call('GET', `${MM}/positions`, { token: mm.token })).json();
    expect(positions.items.find((p: { bond_id: string }) => p.bond_id === BOND)).toMatchObject({
      inventory: '20000.00',
      average_price: bid.price,
    });
    const fills = await (await api.call('GET', `${MM}/fills?limit=10`, { token: mm.token })).json();
    expect(fills.items[0]).toMatchObject({
      bond_id: BOND,
      side: 'BUY',
      price: bid.price,
      quantity: '20000.00',
    });
  });

  test('when its inventory reaches the limit, then it withdraws its quotes, halts, opens an exception and alerts', async () => {
    const tighter = await api.call('PUT', `${MM}/bonds/${BOND}`, {
      token: mm.token,
      body: { quote_size: '20000', max_inventory: '20000', base_spread_bp: '10', inventory_skew_bp: '20' },
    });
    expect(tighter.status).toBe(200);
    const status = await until(
      'halted',
      async () => (await api.call('GET', MM, { token: mm.token })).json(),
      (s) => s.status === 'HALTED',
    );
    expect(status.stop_reason).toContain('INVENTORY');
    await until('quotes withdrawn', quotes, (q) => q.length === 0);
    const exception = await api.deps.orm.em
      .fork()
      .findOne(ComplianceException, { dedupKey: { $like: `market-maker:${mm.participantId}:INVENTORY:%` } });
    expect(exception).toMatchObject({ kind: 'LIMIT_BREACH', severity: 'HIGH' });
    const bus = new WsEventBus(api.deps.redis, api.deps.config.redisPrefix);
    await until(
      'the halt alert on the risk stream',
      () => bus.replay('risk', mm.participantId, 0),
      (events) => events.some((e) => e.includes('"MARKET_MAKER_HALTED"')),
    );
  });

  test('ADMIN manages any market maker by participant_id; a member cannot name another; limits and stop are audited changes', async () => {
    expect((await api.call('GET', MM, { token: admin })).status).toBe(422);
    const other = await api.call('GET', `${MM}?participant_id=${taker.participantId}`, { token: mm.token });
    expect(other.status).toBe(403);
    const limits = await api.call('PUT', `${MM}/limits`, {
      token: admin,
      body: { participant_id: mm.participantId, max_dv01: '25000', max_daily_loss: '500000' },
    });
    expect(limits.status).toBe(200);
    expect(await limits.json()).toMatchObject({
      max_dv01: '25000.00',
      max_daily_loss: '500000.00',
      status: 'HALTED',
    });
    const stopped = await api.call('POST', `${MM}/stop`, {
      token: admin,
      body: { participant_id: mm.participantId, reason: 'end of test' },
    });
    expect(await stopped.json()).toMatchObject({ status: 'STOPPED', stop_reason: 'end of test' });
    const bad = await api.call('PUT', `${MM}/bonds/${BOND}`, {
      token: mm.token,
      body: { quote_size: '20000', max_inventory: '10000', base_spread_bp: '10' },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('max_inventory');
  });
});
