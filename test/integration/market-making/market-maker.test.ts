import { ComplianceException } from '../../../db/entities';
import { fixedText } from '../../../domain/market-making';
import { IST_OFFSET_MINUTES, latestTradingDayEnd } from '../../../domain/trading/trading-day';
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
interface Positions {
  day_start: string;
  items: {
    bond_id: string;
    day_start: string;
    inventory: string;
    average_price: string | null;
    realised_pnl: string;
    fair_price: string;
    daily_pnl: string;
    daily_realised_pnl: string;
    daily_unrealised_pnl: string;
    start_of_day: { inventory: string; mark_price: string; mark_source: string; carry_pnl: string } | null;
  }[];
  total: Record<string, string>;
}
const positions = async (): Promise<Positions> =>
  (await api.call('GET', `${MM}/positions`, { token: mm.token })).json();
const position = (p: Positions) => p.items.find((i) => i.bond_id === BOND)!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Makes the API's trading day (every weekday) end at the current second; returns that end. */
function closeTradingDayNow(): number {
  const tradingDay = {
    endSecond: Math.floor(((Date.now() + IST_OFFSET_MINUTES * 60_000) % 86_400_000) / 1000),
    weekdays: [0, 1, 2, 3, 4, 5, 6],
    utcOffsetMinutes: IST_OFFSET_MINUTES,
  };
  api.deps.config.tradingDay = tradingDay;
  return latestTradingDayEnd(Date.now(), tradingDay)!;
}
const twoSided = (q: Quote[]) => q.some((x) => x.side === 'BUY') && q.some((x) => x.side === 'SELL');
const side = (q: Quote[], s: 'BUY' | 'SELL') => q.find((x) => x.side === s)!;
const fairValue = async () => {
  const fair = await (
    await api.call('GET', `/api/v1/analytics/fair-value/${BOND}`, { token: mm.token })
  ).json();
  const curve = await (
    await api.call('GET', '/api/v1/analytics/yield-curve?family=CORPORATE_A', { token: mm.token })
  ).json();
  return {
    price: Number(fair.fair_price),
    pv01: fair.pv01 as number,
    source: curve.source as string,
    observations: curve.observations as { bond_id: string; kind: string }[],
  };
};

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
  await createCorporateBond(api, admin, BOND, 'MMT0A001', {
    rating: 'A',
    coupon_pct: '8.00',
    maturity_date: '2036-06-30',
    reference_yield_pct: '8.2000',
  });
  // Five more A bonds with reference yields: enough observations that the family's curve is a full
  // fit (not the reference shape moved to a median), the case where quotes fed into it would move it.
  for (const [i, [maturity, y]] of [
    ['2028-06-30', '7.6000'],
    ['2030-06-30', '7.8000'],
    ['2033-06-30', '8.0000'],
    ['2041-06-30', '8.3500'],
    ['2046-06-30', '8.4500'],
  ].entries()) {
    await createCorporateBond(api, admin, `MM_TEST_A${i + 1}`, `MMT0A00${i + 2}`, {
      rating: 'A',
      coupon_pct: '8.00',
      maturity_date: maturity!,
      reference_yield_pct: y,
    });
  }
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
    const fair = (await fairValue()).price;
    expect(Number(bid.price)).toBeLessThan(fair);
    expect(Number(ask.price)).toBeGreaterThan(fair);
    // Flat inventory: centred on fair value within the half tick the rounding outward leaves.
    expect(Math.abs((Number(bid.price) + Number(ask.price)) / 2 - fair)).toBeLessThanOrEqual(
      0.0025 / 2 + 1e-9,
    );
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
    // Its own quotes are not curve input: fair value is the fill and the reference yield, so the
    // quotes stand (no requote chasing a fair value they moved) ...
    // (a fill event racing the requote may replace them once more: let that settle first).
    const ids = async () => (await quotes()).map((q) => q.order_id).sort();
    await sleep(1_000);
    const settled = await ids();
    await sleep(2_000);
    expect(await ids()).toEqual(settled);
    const fair = await fairValue();
    expect(fair.source).toBe('FITTED');
    expect(fair.observations.filter((o) => o.bond_id === BOND).map((o) => o.kind)).toEqual([
      'TRADE',
      'REFERENCE',
    ]);
    // ... and are centred below it by the skew: half the inventory limit x 20 bp = 10 bp x PV01,
    // within the half tick the bid's floor and the offer's ceiling leave.
    const now = await quotes();
    const centre = (Number(side(now, 'BUY').price) + Number(side(now, 'SELL').price)) / 2;
    const skewed = fair.price - 10 * fair.pv01;
    expect(fair.price - centre).toBeGreaterThan(0.5);
    expect(Math.abs(centre - skewed)).toBeLessThanOrEqual(0.0025 / 2 + 1e-9);

    expect(position(await positions())).toMatchObject({
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

  test('when the day turns over and the market falls, then the inventory carried overnight is revalued from its start-of-day mark and that loss alone halts it', async () => {
    // The close passes: the API's trading day now ends at the current second, so the 20,000 bought
    // above is carried into a new P&L day, with no fill in it.
    const dayStart = new Date(closeTradingDayNow()).toISOString();

    // The first look of the day records what was carried and the fair value as its mark.
    const first = await positions();
    expect(first.day_start).toBe(dayStart);
    const opening = position(first);
    expect(opening).toMatchObject({
      inventory: '20000.00',
      daily_pnl: '0.00',
      daily_realised_pnl: '0.00',
      start_of_day: {
        inventory: '20000.00',
        mark_price: opening.fair_price,
        mark_source: 'FAIR_VALUE',
        carry_pnl: '0.00',
      },
    });

    // Two other members trade well below that mark: the fair value falls with the print.
    const buyer = await createMember(api, admin, 'MMTESTB2', ['TRADER']);
    const price = (Math.floor((Number(opening.fair_price) - 0.25) / 0.0025) * 0.0025).toFixed(4);
    const order = (token: string, side: 'BUY' | 'SELL', time_in_force: string) =>
      api.call('POST', '/api/v1/trading/orders', {
        token,
        body: { bond_id: BOND, side, order_type: 'LIMIT', time_in_force, quantity: '50000', price },
      });
    expect((await order(buyer.token, 'BUY', 'DAY')).status).toBe(201);
    expect((await order(taker.token, 'SELL', 'IOC')).status).toBe(201);
    const fallen = await until('the carried inventory marked lower', positions, (p) =>
      Boolean(position(p).start_of_day?.carry_pnl.startsWith('-')),
    );
    // No fill today: the day's P&L is exactly the carry, 20,000 x (fair now - mark) / 100.
    const now = position(fallen);
    expect(now.start_of_day?.mark_price).toBe(opening.fair_price);
    const ticks = (t: string) => BigInt(t.replace('.', ''));
    const carryPaise = 2n * (ticks(now.fair_price) - ticks(opening.fair_price));
    const rupees = fixedText(carryPaise, 2);
    expect(now).toMatchObject({
      daily_pnl: rupees,
      daily_realised_pnl: '0.00',
      daily_unrealised_pnl: rupees,
    });
    expect(now.start_of_day?.carry_pnl).toBe(rupees);
    expect(fallen.total).toMatchObject({ daily_pnl: rupees, carry_pnl: rupees });

    // Room in inventory and a loss limit under that carry: started, it halts on the carry alone.
    const config = await api.call('PUT', `${MM}/bonds/${BOND}`, {
      token: mm.token,
      body: { quote_size: '20000', max_inventory: '100000', base_spread_bp: '10', inventory_skew_bp: '20' },
    });
    expect(config.status).toBe(200);
    const limits = await api.call('PUT', `${MM}/limits`, {
      token: mm.token,
      body: { max_dv01: '25000', max_daily_loss: '1.00' },
    });
    expect(limits.status).toBe(200);
    expect((await api.call('POST', `${MM}/start`, { token: mm.token, body: {} })).status).toBe(200);
    const status = await until(
      'halted at the daily loss limit',
      async () => (await api.call('GET', MM, { token: mm.token })).json(),
      (s) => s.status === 'HALTED',
    );
    expect(status.stop_reason).toContain('DAILY_LOSS');
    expect(status.stop_reason).toContain('inventory carried into the day');
    expect(await quotes()).toEqual([]);
    const fills = await (await api.call('GET', `${MM}/fills?limit=1`, { token: mm.token })).json();
    expect(Date.parse(fills.items[0].executed_at)).toBeLessThan(Date.parse(dayStart));
    const exception = await api.deps.orm.em.fork().findOne(ComplianceException, {
      dedupKey: { $like: `market-maker:${mm.participantId}:DAILY_LOSS:%` },
    });
    expect(exception).toMatchObject({ kind: 'LIMIT_BREACH', severity: 'HIGH' });
    const bus = new WsEventBus(api.deps.redis, api.deps.config.redisPrefix);
    await until(
      'the daily-loss halt alert on the risk stream',
      () => bus.replay('risk', mm.participantId, 0),
      (events) => events.some((e) => e.includes('"MARKET_MAKER_HALTED"') && e.includes('"DAILY_LOSS"')),
    );
  });

  test("when the latest day end falls on a holiday of the bond's settlement system, then its P&L day starts at the trading day before", async () => {
    const end = closeTradingDayNow();
    const holiday = new Date(end + IST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
    // The calendars are the whole suite's: the year's list is put back as it was.
    const path = '/api/v1/calendars/CLEARING_CORPORATION/holidays';
    const original: { date: string; name: string }[] = (
      await (await api.call('GET', `${path}?year=${holiday.slice(0, 4)}`, { token: admin })).json()
    ).items;
    const load = async (items: { date: string; name: string }[]) => {
      const res = await api.call('POST', path, {
        token: admin,
        raw: `date,name\n${items.map((h) => `${h.date},"${h.name}"`).join('\n')}\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(200);
    };
    await load([
      ...original.filter((h) => h.date !== holiday),
      { date: holiday, name: 'P&L day test closure' },
    ]);
    try {
      const p = await positions();
      const dayBefore = new Date(end - 86_400_000).toISOString();
      expect(p.day_start).toBe(dayBefore);
      // Every fill came after the day before ended: none carried, all of them today's.
      expect(position(p)).toMatchObject({
        day_start: dayBefore,
        start_of_day: { inventory: '0.00', mark_source: 'FAIR_VALUE' },
      });
      expect(position(p).daily_realised_pnl).toBe(position(p).realised_pnl);
    } finally {
      if (original.length) await load(original);
      else
        await api.deps.pg.query(
          `delete from holidays where settlement_system = 'CLEARING_CORPORATION' and extract(year from date) = $1`,
          [Number(holiday.slice(0, 4))],
        );
    }
  });
});
