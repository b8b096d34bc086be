import WebSocket from 'ws';
import { until } from '../../support/member-fixtures';
import { inSeconds, startAuctionEnv, uniqueCode, type AuctionTestEnv } from '../../support/auction-harness';

let env: AuctionTestEnv;
let admin: string;
let sbin: string;
let hdfc: string;
let pd: string;
beforeAll(async () => {
  env = await startAuctionEnv('timed');
  ({ admin, sbin, hdfc, pd } = env.tokens);
}, 60_000);
afterAll(() => env.stop());

const [HDFC, PD] = [3, 4];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Update {
  type: string;
  sequence: number;
  data: Record<string, unknown>;
}

/** A participant's auction socket, collecting every AUCTION_UPDATE it receives. */
async function watch(participantId: number, token: string, channels: string[] = []) {
  const ws = new WebSocket(`${env.api.url.replace('http', 'ws')}/api/v1/auctions/ws/${participantId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const updates: Update[] = [];
  let connected: Update | undefined;
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString()) as Update;
    if (msg.type === 'AUCTION_UPDATE') updates.push(msg);
    if (msg.type === 'connected') connected = msg;
  });
  await until('connected', async () => connected, Boolean, 30_000);
  if (channels.length) {
    ws.send(JSON.stringify({ action: 'subscribe', channels }));
    await sleep(200);
  }
  const of = (auctionId: number, action: string) =>
    updates.filter((u) => u.data['auction_id'] === auctionId && u.data['action'] === action);
  return { ws, updates, of, start: connected!.sequence };
}

async function create(body: Record<string, unknown>) {
  const res = await env.api.call('POST', '/api/v1/auctions/', { token: admin, body });
  expect(res.status).toBe(201);
  return res.json();
}

const get = async (id: number) =>
  (await env.api.call('GET', `/api/v1/auctions/${id}`, { token: admin })).json();
const waitFor = (id: number, ok: (a: Record<string, unknown>) => boolean, what: string, timeoutMs = 90_000) =>
  until(
    what,
    () => get(id),
    (a) => ok(a),
    timeoutMs,
  );
const bid = (token: string, id: number, body: Record<string, unknown>) =>
  env.api.call('POST', `/api/v1/auctions/${id}/bids`, { token, body });
const modify = (token: string, id: number, bidId: string, body: Record<string, unknown>) =>
  env.api.call('PUT', `/api/v1/auctions/${id}/bids/${bidId}`, { token, body });
const allocations = async (id: number) =>
  (await env.api.call('GET', `/api/v1/auctions/${id}/allocations`, { token: admin })).json();

describe('an ENGLISH auction', () => {
  test('when a late bid beats the best by the increment, then the end moves, the best bid is public and winners pay their bids', async () => {
    const hdfcSocket = await watch(HDFC, hdfc);
    const pdSocket = await watch(PD, pd, ['auctions']);
    const auction = await create({
      auction_code: uniqueCode('ENGLISH'),
      auction_name: 'English test',
      auction_type: 'ENGLISH',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      reserve_price: '98.00',
      min_increment: '0.25',
      extension_seconds: 4,
      bidding_start_time: inSeconds(0),
      bidding_end_time: inSeconds(10),
      settlement_delay_seconds: 0,
    });
    const id = auction.auction_id;
    await waitFor(id, (a) => a['state'] === 'BIDDING', 'bidding');
    expect((await bid(sbin, id, { client_bid_id: `e1-${id}`, price: '99.00', amount: 600000 })).status).toBe(
      201,
    );
    const small = await bid(hdfc, id, { client_bid_id: `e2-${id}`, price: '99.10', amount: 600000 });
    expect(small.status).toBe(422);
    expect((await small.json()).errors).toEqual([
      { field: 'price', message: 'price must be at least 99.2500' },
    ]);
    // 3 s before the end: inside the 4 s extension window, with room for a slow answer.
    await sleep(Date.parse(auction.bidding_end_time) - 3000 - Date.now());
    expect((await bid(hdfc, id, { client_bid_id: `e3-${id}`, price: '99.25', amount: 600000 })).status).toBe(
      201,
    );
    const extended = await get(id);
    expect(Date.parse(extended.effective_end_time)).toBeGreaterThan(Date.parse(extended.bidding_end_time));
    await waitFor(id, (a) => a['state'] === 'SETTLED', 'settled');
    const alloc = await allocations(id);
    const lines = Object.fromEntries(
      alloc.allocations.map((l: { client_bid_id: string }) => [l.client_bid_id, l]),
    );
    expect(lines[`e3-${id}`]).toMatchObject({ allotted_amount: 600000, price_paid: '99.2500' });
    expect(lines[`e1-${id}`]).toMatchObject({ allotted_amount: 400000, price_paid: '99.0000' });

    const best = pdSocket.of(id, 'best_bid').map((u) => u.data);
    expect(best[best.length - 1]).toMatchObject({ bid_price: '99.2500', bid_quantity: 600000 });
    expect(best.every((b) => b['participant_id'] === undefined)).toBe(true);
    expect(pdSocket.of(id, 'state_changed').map((u) => u.data['state'])).toEqual(
      expect.arrayContaining(['BIDDING', 'CLOSED', 'CLEARED', 'SETTLING', 'SETTLED']),
    );
    await until(
      'settlement events',
      async () => hdfcSocket.of(id, 'settlement_progress').some((u) => u.data['status'] === 'SETTLED'),
      Boolean,
      60_000,
    );
    const own = hdfcSocket.updates.filter((u) => u.data['auction_id'] === id).map((u) => u.data['action']);
    expect(own).toEqual([
      'bid_rejected',
      'bid_submitted',
      'allocation',
      'settlement_progress',
      'settlement_progress',
      'settlement_progress',
    ]);
    // Private events are numbered without gaps from where the socket started.
    const sequences = hdfcSocket.updates.map((u) => u.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => hdfcSocket.start + i + 1));
    expect(pdSocket.updates.some((u) => u.data['participant_id'] === HDFC)).toBe(false);

    hdfcSocket.ws.send(JSON.stringify({ action: 'resync', from_sequence: hdfcSocket.start + 1 }));
    await until(
      'replay',
      async () => hdfcSocket.updates.length,
      (n) => n >= sequences.length * 2,
      60_000,
    );
    expect(hdfcSocket.updates.slice(sequences.length).map((u) => u.sequence)).toEqual(sequences);
    hdfcSocket.ws.close();
    pdSocket.ws.close();
  });
});

describe('a MULTI_ROUND auction', () => {
  test('when bids improve between rounds, then each round publishes a cut-off and the auction ends once it stops moving', async () => {
    const socket = await watch(PD, pd, ['auctions']);
    const auction = await create({
      auction_code: uniqueCode('ROUNDS'),
      auction_name: 'Multi-round test',
      auction_type: 'MULTI_ROUND',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      round_seconds: 6,
      max_rounds: 5,
      bidding_start_time: inSeconds(0),
      bidding_end_time: inSeconds(6),
      settlement_delay_seconds: 0,
    });
    const id = auction.auction_id;
    await waitFor(id, (a) => a['state'] === 'BIDDING', 'bidding');
    expect((await bid(sbin, id, { client_bid_id: `m1-${id}`, price: '99.00', amount: 600000 })).status).toBe(
      201,
    );
    expect((await bid(hdfc, id, { client_bid_id: `m2-${id}`, price: '98.50', amount: 600000 })).status).toBe(
      201,
    );
    await waitFor(id, (a) => (a['round_results'] as unknown[]).length === 1, 'round 1');
    const worse = await modify(sbin, id, `m1-${id}`, { price: '98.75' });
    expect(worse.status).toBe(422);
    expect((await worse.json()).errors[0].field).toBe('price');
    expect((await modify(hdfc, id, `m2-${id}`, { price: '99.10' })).status).toBe(200);
    const done = await waitFor(id, (a) => a['state'] === 'SETTLED', 'settled');
    const rounds = done.round_results as Record<string, unknown>[];
    expect(rounds[0]).toMatchObject({ round: 1, cutoff: '98.5000' });
    expect(rounds[1]).toMatchObject({ round: 2, cutoff: '99.0000' });
    expect(rounds[rounds.length - 1]).toMatchObject({ final: true, end_reason: 'CUTOFF_UNCHANGED' });
    expect(Date.parse(done.effective_end_time)).toBeGreaterThan(Date.parse(done.bidding_end_time));
    expect(socket.of(id, 'round_result').map((u) => u.data['cutoff'])).toEqual(
      rounds.map((r) => r['cutoff']),
    );
    const alloc = await allocations(id);
    expect(alloc.summary).toMatchObject({ cutoff_price: '99.0000', total_allotted: 1000000 });
    socket.ws.close();
  });
});

describe('a HYBRID auction', () => {
  test('when the clock rises until one bidder remains, then a sealed round among the finalists clears at a uniform price', async () => {
    const auction = await create({
      auction_code: uniqueCode('HYBRID'),
      auction_name: 'Hybrid test',
      auction_type: 'HYBRID',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      reserve_price: '98.00',
      min_increment: '0.50',
      round_seconds: 6,
      finalists: 1,
      bidding_start_time: inSeconds(0),
      bidding_end_time: inSeconds(6),
      settlement_delay_seconds: 0,
    });
    const id = auction.auction_id;
    const inRound = (round: number, phase = 'CLOCK') =>
      waitFor(
        id,
        (a) => {
          const clock = a['clock'] as { round: number; phase: string } | null;
          return clock?.round === round && clock.phase === phase;
        },
        `clock round ${round} ${phase}`,
      );
    await inRound(1);
    expect((await bid(sbin, id, { client_bid_id: `h1-${id}`, amount: 800000 })).status).toBe(201);
    expect((await bid(hdfc, id, { client_bid_id: `h2-${id}`, amount: 800000 })).status).toBe(201);
    expect((await bid(pd, id, { client_bid_id: `h3-${id}`, amount: 400000 })).status).toBe(201);
    const wrongPrice = await bid(pd, id, { client_bid_id: `h3x-${id}`, price: '99.00', amount: 10000 });
    expect(wrongPrice.status).toBe(422);
    const round2 = await inRound(2);
    expect((round2.clock as { clockValue: string }).clockValue).toBe('98.5000');
    expect((await modify(sbin, id, `h1-${id}`, { amount: 700000 })).status).toBe(200);
    expect((await modify(hdfc, id, `h2-${id}`, { amount: 500000 })).status).toBe(200);
    expect((await modify(hdfc, id, `h2-${id}`, { amount: 900000 })).status).toBe(422);
    await inRound(3);
    expect((await modify(sbin, id, `h1-${id}`, { amount: 600000 })).status).toBe(200);
    const sealed = await inRound(3, 'SEALED');
    expect((sealed.clock as { floor: string }).floor).toBe('99.0000');
    expect((await bid(hdfc, id, { client_bid_id: `h4-${id}`, price: '99.50', amount: 100000 })).status).toBe(
      422,
    );
    expect((await bid(sbin, id, { client_bid_id: `h5-${id}`, price: '98.90', amount: 600000 })).status).toBe(
      422,
    );
    expect((await bid(sbin, id, { client_bid_id: `h6-${id}`, price: '99.20', amount: 600000 })).status).toBe(
      201,
    );
    await waitFor(id, (a) => a['state'] === 'SETTLED', 'settled');
    const alloc = await allocations(id);
    expect(alloc.summary).toMatchObject({ cutoff_price: '99.2000', total_allotted: 600000 });
    expect(alloc.allocations).toEqual([
      expect.objectContaining({ client_bid_id: `h6-${id}`, allotted_amount: 600000 }),
    ]);
  });
});

describe('a HYBRID auction closed during its clock', () => {
  test('when an admin closes it mid-clock, then the clock ends there, the standing confirmations clear at the floor and operations find it by search attribute', async () => {
    const code = uniqueCode('HYBRID_CLOSE');
    const auction = await create({
      auction_code: code,
      auction_name: 'Hybrid closed mid-clock',
      auction_type: 'HYBRID',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      reserve_price: '98.00',
      min_increment: '0.50',
      round_seconds: 6,
      finalists: 1,
      bidding_start_time: inSeconds(0),
      bidding_end_time: inSeconds(6),
      settlement_delay_seconds: 0,
    });
    const id = auction.auction_id;
    const inRound = (round: number) =>
      waitFor(id, (a) => (a['clock'] as { round: number } | null)?.round === round, `clock round ${round}`);
    await inRound(1);
    expect((await bid(sbin, id, { client_bid_id: `hc1-${id}`, amount: 800000 })).status).toBe(201);
    expect((await bid(hdfc, id, { client_bid_id: `hc2-${id}`, amount: 800000 })).status).toBe(201);
    expect((await bid(pd, id, { client_bid_id: `hc3-${id}`, amount: 400000 })).status).toBe(201);
    // Round 2 at 98.50: SBIN and HDFC confirm 7,00,000 and 5,00,000; PD drops out; then the close.
    await inRound(2);
    expect((await modify(sbin, id, `hc1-${id}`, { amount: 700000 })).status).toBe(200);
    expect((await modify(hdfc, id, `hc2-${id}`, { amount: 500000 })).status).toBe(200);
    const closed = await env.api.call('POST', `/api/v1/auctions/${id}/close`, { token: admin });
    expect(closed.status).toBe(200);
    // The clearing that follows the close may already have committed when the answer is read.
    expect(['CLOSED', 'CLEARED']).toContain((await closed.json()).state);

    // 10,00,000 over 12,00,000 at the floor 98.50, 100 lots pro-rata: SBIN 58.33 -> 58, HDFC 41.67 -> 41;
    // the lot left goes to the larger remainder, HDFC's.
    await waitFor(id, (a) => a['state'] === 'SETTLED', 'settled');
    const alloc = await allocations(id);
    expect(alloc.summary).toMatchObject({ cutoff_price: '98.5000', total_allotted: 1000000 });
    const lines = Object.fromEntries(
      alloc.allocations.map((l: { client_bid_id: string }) => [l.client_bid_id, l]),
    );
    expect(lines[`hc1-${id}`]).toMatchObject({ allotted_amount: 580000, price_paid: '98.5000' });
    expect(lines[`hc2-${id}`]).toMatchObject({ allotted_amount: 420000, price_paid: '98.5000' });
    expect(lines[`hc3-${id}`]).toBeUndefined();

    // The workflow keeps its state, format and bond in search attributes the server indexes.
    const query = `BondxAuctionFormat = 'HYBRID' AND BondxBondIsin = '${auction.bond_isin}' AND BondxAuctionState = 'SETTLED' AND WorkflowId = 'auction-${code}'`;
    const found = await until(
      'listed by search attributes',
      async () => {
        const ids: string[] = [];
        for await (const w of env.api.deps.temporal.workflow.list({ query })) ids.push(w.workflowId);
        return ids;
      },
      (ids) => ids.length > 0,
      10_000,
    );
    expect(found).toEqual([`auction-${code}`]);
    const none = env.api.deps.temporal.workflow.list({
      query: `BondxAuctionState = 'BIDDING' AND WorkflowId = 'auction-${code}'`,
    });
    for await (const w of none) throw new Error(`listed as BIDDING: ${w.workflowId}`);
  });
});
