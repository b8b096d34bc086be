import WebSocket from 'ws';
import {
  eventually,
  inSeconds,
  startAuctionEnv,
  uniqueCode,
  type AuctionTestEnv,
} from '../../support/auction-harness';

// A sealed auction while bidding is open: no bidder learns another's bid over REST or the WebSocket,
// cannot touch it, and cannot assign itself server-side fields. The auction is cancelled at the
// end, so nothing settles into the bidders' holdings.
const HDFC = 3;

let env: AuctionTestEnv;
let auctionId: number;
let sbinBid: { bid_id: string; client_bid_id: string };
const hdfcMessages: string[] = [];
let hdfcSocket: WebSocket;

beforeAll(async () => {
  env = await startAuctionEnv('security');
  hdfcSocket = new WebSocket(`${env.api.url.replace('http', 'ws')}/api/v1/auctions/ws/${HDFC}`, {
    headers: { authorization: `Bearer ${env.tokens.hdfc}` },
  });
  hdfcSocket.on('message', (m) => hdfcMessages.push(m.toString()));
  await new Promise((r) => hdfcSocket.once('open', r));
  hdfcSocket.send(JSON.stringify({ action: 'subscribe', channels: ['auctions', 'bids', 'allocations'] }));
  const created = await env.api.call('POST', '/api/v1/auctions/', {
    token: env.tokens.admin,
    body: {
      auction_code: uniqueCode('SEALED_SEC'),
      auction_name: 'Sealed bids security test',
      auction_type: 'SEALED_BID',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      bidding_start_time: inSeconds(1),
      bidding_end_time: inSeconds(300),
      settlement_delay_seconds: 0,
    },
  });
  expect(created.status).toBe(201);
  auctionId = (await created.json()).auction_id;
  await eventually(
    async () =>
      (await (await env.api.call('GET', `/api/v1/auctions/${auctionId}`, { token: env.tokens.admin })).json())
        .state === 'BIDDING',
    30_000,
    'bidding to open',
  );
  const res = await env.api.call('POST', `/api/v1/auctions/${auctionId}/bids`, {
    token: env.tokens.sbin,
    body: {
      client_bid_id: 'secret-bid-7',
      price: '99.1234',
      amount: 770000,
      status: 'ALLOTTED',
      allotted_amount: 770000,
      bid_id: '00000000-0000-4000-8000-000000000000',
    },
  });
  expect(res.status).toBe(201);
  sbinBid = await res.json();
}, 90_000);

afterAll(async () => {
  hdfcSocket.close();
  await env.api.call('POST', `/api/v1/auctions/${auctionId}/cancel`, {
    token: env.tokens.admin,
    body: { reason: 'security test done' },
  });
  await env.stop();
});

describe('sealed bids before close', () => {
  test('when a bid carries server-side fields (mass assignment), then they are ignored', () => {
    expect(sbinBid.bid_id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect(sbinBid).not.toHaveProperty('allotted_amount', 770000);
    expect(JSON.stringify(sbinBid)).not.toContain('ALLOTTED');
  });

  test("when another bidder lists the bids, reads the auction or its allocations, then nothing of SBIN's bid shows", async () => {
    const reads = await Promise.all(
      [
        `/api/v1/auctions/${auctionId}/bids`,
        `/api/v1/auctions/${auctionId}/bids?participant_id=2`,
        `/api/v1/auctions/${auctionId}`,
        `/api/v1/auctions/${auctionId}/allocations`,
        '/api/v1/auctions/?limit=1000',
      ].map(async (path) => {
        const res = await env.api.call('GET', path, { token: env.tokens.hdfc });
        return `${path} ${res.status} ${await res.text()}`;
      }),
    );
    for (const read of reads) {
      expect(read).not.toMatch(/secret-bid-7|99\.1234|770000|770,000/);
      expect(read).not.toContain(sbinBid.bid_id);
    }
  });

  test("when another bidder amends or withdraws SBIN's bid by id, then 404 and the bid is unchanged", async () => {
    const path = `/api/v1/auctions/${auctionId}/bids/${sbinBid.bid_id}`;
    expect(
      (await env.api.call('PUT', path, { token: env.tokens.hdfc, body: { price: '90.00' } })).status,
    ).toBe(404);
    expect((await env.api.call('DELETE', path, { token: env.tokens.hdfc })).status).toBe(404);
    const own = await (
      await env.api.call('GET', `/api/v1/auctions/${auctionId}/bids`, { token: env.tokens.sbin })
    ).json();
    expect(own.items).toEqual([expect.objectContaining({ client_bid_id: 'secret-bid-7', price: '99.1234' })]);
  });

  test("then the other bidder's WebSocket carried the auction's state but nothing of SBIN's bid", async () => {
    await eventually(
      async () => hdfcMessages.some((m) => m.includes(`"auction_id":${auctionId}`)),
      10_000,
      'an update',
    );
    for (const m of hdfcMessages) {
      expect(m).not.toMatch(/secret-bid-7|99\.1234|770000/);
      expect(m).not.toContain(sbinBid.bid_id);
    }
  });
});
