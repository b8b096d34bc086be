import { invalidateMarketData } from '../../../api/areas/trading/market-data';
import { tradingKeys } from '../../../platform/trading-transport';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, until } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Its own bonds (family A-, listed here) and members, so its trades move only its market data.
const BOND = 'CACHE_MD';
const LISTED_LATER = 'CACHE_NEW';

let api: TestApi;
let matching: TestWorker;
let admin: string;
type Member = Awaited<ReturnType<typeof createMember>>;
let buyer: Member;
let seller: Member;

const bondTerms = { rating: 'A-', coupon_pct: '8.10', maturity_date: '2030-06-30' };

/** bondx_cache_requests_total{cache, result} as Prometheus scrapes it from this API. */
async function cacheRequests(cache: string, result: string): Promise<number> {
  const text = await (await api.call('GET', '/metrics')).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('bondx_cache_requests_total{') &&
        l.includes(`cache="${cache}"`) &&
        l.includes(`result="${result}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

const get = async (path: string) => {
  const res = await api.call('GET', path, { token: buyer.token });
  expect(res.status).toBe(200);
  return res.json();
};

async function order(m: Member, side: 'BUY' | 'SELL', price: string): Promise<void> {
  const res = await api.call('POST', '/api/v1/trading/orders', {
    token: m.token,
    body: { bond_id: BOND, side, order_type: 'LIMIT', time_in_force: 'DAY', quantity: '10000', price },
  });
  if (res.status !== 201) throw new Error(`order: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
  await createCorporateBond(api, admin, BOND, 'CCH0B001', bondTerms);
  [buyer, seller] = await Promise.all([
    createMember(api, admin, 'CACHEB', ['TRADER']),
    createMember(api, admin, 'CACHES', ['TRADER']),
  ]);
  matching = startTestWorker('matching-worker');
  await matching.started;
});

afterAll(async () => {
  await matching?.stop();
  await api?.stop();
});

describe('the Redis cache of reference and market data', () => {
  test('when a bond is read twice, then the second read is a hit; when a bond is listed, then cached lists show it', async () => {
    const hits = await cacheRequests('bonds', 'hit');
    const first = await get(`/api/v1/bonds/${BOND}`);
    expect(await get(`/api/v1/bonds/${BOND}`)).toEqual(first);
    expect(first).toMatchObject({ code: BOND, rating: 'A-', coupon_pct: '8.1000' });
    expect(await cacheRequests('bonds', 'hit')).toBe(hits + 1);

    const list = '/api/v1/bonds?limit=100&issuer_type=CORPORATE';
    const codes = async () => ((await get(list)).items as Array<{ code: string }>).map((b) => b.code);
    expect(await codes()).not.toContain(LISTED_LATER);
    expect(await codes()).not.toContain(LISTED_LATER);
    expect(await cacheRequests('bonds', 'hit')).toBe(hits + 2);

    await createCorporateBond(api, admin, LISTED_LATER, 'CCH0B002', bondTerms);
    const misses = await cacheRequests('bonds', 'miss');
    expect(await codes()).toContain(LISTED_LATER);
    expect(await cacheRequests('bonds', 'miss')).toBe(misses + 1);
  });

  test('when market data is read twice, then the second read is a hit; when a trade moves the book, then the next read is fresh', async () => {
    const path = `/api/v1/trading/market-data/${BOND}`;
    const before = await get(path);
    expect(before).toMatchObject({ trades: 0, volume: '0.00', last_price: null });
    const hits = await cacheRequests('market-data', 'hit');
    expect(await get(path)).toEqual(before);
    expect(await cacheRequests('market-data', 'hit')).toBe(hits + 1);

    const stale = await cacheRequests('market-data', 'stale');
    await order(seller, 'SELL', '99.5000');
    await order(buyer, 'BUY', '99.5000');
    const after = await until(
      'market data with the trade',
      () => get(path),
      (md) => md.trades === 1,
    );
    expect(after).toMatchObject({
      volume: '10000.00',
      last_price: '99.5000',
      vwap: '99.5000',
      bids: [],
      asks: [],
    });
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(await cacheRequests('market-data', 'stale')).toBeGreaterThan(stale);
    const settled = await cacheRequests('market-data', 'hit');
    expect(await get(path)).toEqual(after);
    expect(await cacheRequests('market-data', 'hit')).toBe(settled + 1);
  });

  test('when a trade is committed before its book is published, then market data counts it only with that book', async () => {
    const path = `/api/v1/trading/market-data/${BOND}`;
    const { id } = (await api.deps.pg.query('select id from bonds where code = $1', [BOND])).rows[0];
    const key = tradingKeys(api.deps.config.redisPrefix).bookSnapshot(id);
    const published = (await api.deps.redis.get(key))!;
    const trade = (
      await api.deps.pg.query('select max(sequence)::int as sequence from trades where bond_id = $1', [id])
    ).rows[0];
    // The worker commits first and publishes after: the book as published before the trade's event.
    const earlier = { ...JSON.parse(published), sequence: trade.sequence - 1, last_price: null };
    await api.deps.redis.set(key, JSON.stringify(earlier));
    await invalidateMarketData(api.deps, id);
    expect(await get(path)).toMatchObject({
      trades: 0,
      volume: '0.00',
      vwap: null,
      sequence: trade.sequence - 1,
    });

    await api.deps.redis.set(key, published);
    expect(await get(path)).toMatchObject({ trades: 1, volume: '10000.00', last_price: '99.5000' });
  });

  test('when a change outside the book invalidates a bond, then its next read goes to the source', async () => {
    const path = `/api/v1/trading/market-data/${BOND}`;
    const cached = await get(path);
    const { id } = (await api.deps.pg.query('select id from bonds where code = $1', [BOND])).rows[0];
    const misses = await cacheRequests('market-data', 'miss');
    await invalidateMarketData(api.deps, id);
    expect(await get(path)).toEqual(cached);
    expect(await cacheRequests('market-data', 'miss')).toBe(misses + 1);
  });

  test('when an invalidation lands while a reader is still loading, then what that reader loaded is never served', async () => {
    const spec = { name: 'race-test', ttlSeconds: 60 };
    let loads = 0;
    const read = (load: () => Promise<number>) =>
      api.deps.cache.read(spec, `scope-${process.pid}`, 'k', load);
    expect(
      await read(async () => {
        await api.deps.cache.invalidate(spec, `scope-${process.pid}`);
        return ++loads;
      }),
    ).toBe(1);
    // The first value was written under the generation it started from: this read must load again.
    expect(await read(async () => ++loads)).toBe(2);
    expect(await read(async () => ++loads)).toBe(2);
  });
});
