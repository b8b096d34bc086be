import { eventually, startAuctionEnv, type AuctionTestEnv } from '../../support/auction-harness';

let env: AuctionTestEnv;
let admin: string;
let sbin: string;
let hdfc: string;
let pd: string;
beforeAll(async () => {
  env = await startAuctionEnv('sealed');
  admin = await env.api.login('auctionadmin@bondx.local');
  sbin = await env.api.login('trader1@bondx.local');
  hdfc = await env.api.login('trader2@bondx.local');
  pd = await env.api.login('pd1@bondx.local');
}, 60_000);
afterAll(() => env.stop());

const code = (name: string) => `T_${name}_${Date.now()}`;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function create(body: Record<string, unknown>) {
  const res = await env.api.call('POST', '/api/v1/auctions/', { token: admin, body });
  expect(res.status).toBe(201);
  return res.json();
}

async function waitForState(id: number, states: string[], timeoutMs = 30_000) {
  return eventually(
    async () => {
      const a = await (await env.api.call('GET', `/api/v1/auctions/${id}`, { token: admin })).json();
      return states.includes(a.state) ? a : null;
    },
    timeoutMs,
    `auction ${id} to reach ${states.join('/')}`,
  );
}

async function bid(token: string, id: number, body: Record<string, unknown>) {
  return env.api.call('POST', `/api/v1/auctions/${id}/bids`, { token, body });
}

describe('a DUTCH auction through the API', () => {
  test('when bids arrive in the window, then it closes on time, clears at a uniform cut-off and settles', async () => {
    const auction = await create({
      auction_code: code('DUTCH'),
      auction_name: 'Dutch test',
      auction_type: 'DUTCH',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      reserve_price: 95.5,
      bidding_start_time: inSeconds(1),
      bidding_end_time: inSeconds(6),
      settlement_delay_seconds: 0,
    });
    expect(auction).toMatchObject({ state: 'SCHEDULED', workflow_id: `auction-${auction.auction_code}` });
    await waitForState(auction.auction_id, ['BIDDING']);
    expect(
      (await bid(sbin, auction.auction_id, { client_bid_id: 'd-1', price: '99.50', amount: 600000 })).status,
    ).toBe(201);
    expect(
      (await bid(hdfc, auction.auction_id, { client_bid_id: 'd-2', price: 99.25, amount: 600000 })).status,
    ).toBe(201);
    expect(
      (await bid(pd, auction.auction_id, { client_bid_id: 'd-3', price: '99.00', amount: 300000 })).status,
    ).toBe(201);
    const below = await bid(pd, auction.auction_id, { client_bid_id: 'd-4', price: '95.00', amount: 10000 });
    expect(below.status).toBe(422);
    expect((await below.json()).errors[0].field).toBe('price');
    const done = await waitForState(auction.auction_id, ['SETTLED', 'FAILED']);
    expect(done.state).toBe('SETTLED');
    const alloc = await (
      await env.api.call('GET', `/api/v1/auctions/${auction.auction_id}/allocations`, { token: admin })
    ).json();
    expect(alloc.summary).toMatchObject({ cutoff_price: '99.2500', total_allotted: 1000000 });
    const byClient = Object.fromEntries(
      alloc.allocations.map((l: { client_bid_id: string }) => [l.client_bid_id, l]),
    );
    expect(byClient['d-1']).toMatchObject({
      allotted_amount: 600000,
      price_paid: '99.2500',
      consideration: '595500.00',
    });
    expect(byClient['d-2']).toMatchObject({ allotted_amount: 400000, outcome: 'PARTIAL' });
    expect(byClient['d-3']).toMatchObject({ allotted_amount: 0, outcome: 'NONE' });
    expect(alloc.settlements.every((s: { status: string }) => s.status === 'SETTLED')).toBe(true);
    const own = await (
      await env.api.call('GET', `/api/v1/auctions/${auction.auction_id}/allocations`, { token: sbin })
    ).json();
    expect(own.allocations.map((l: { client_bid_id: string }) => l.client_bid_id)).toEqual(['d-1']);
    expect(own.summary.cutoff_price).toBe('99.2500');
  });
});
