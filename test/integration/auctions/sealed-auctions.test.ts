import { automaticRecomputeKey } from '../../../platform/queues';
import { until } from '../../support/member-fixtures';
import { inSeconds, startAuctionEnv, uniqueCode, type AuctionTestEnv } from '../../support/auction-harness';

let env: AuctionTestEnv;
let admin: string;
let sbin: string;
let hdfc: string;
let pd: string;
beforeAll(async () => {
  env = await startAuctionEnv('sealed');
  ({ admin, sbin, hdfc, pd } = env.tokens);
}, 60_000);
afterAll(() => env.stop());

async function create(body: Record<string, unknown>) {
  const res = await env.api.call('POST', '/api/v1/auctions/', { token: admin, body });
  expect(res.status).toBe(201);
  return res.json();
}

async function waitForState(id: number, states: string[], timeoutMs = 60_000) {
  return until(
    `auction ${id} to reach ${states.join('/')}`,
    async () => (await env.api.call('GET', `/api/v1/auctions/${id}`, { token: admin })).json(),
    (a) => states.includes(a.state),
    timeoutMs,
  );
}

async function bid(token: string, id: number, body: Record<string, unknown>) {
  return env.api.call('POST', `/api/v1/auctions/${id}/bids`, { token, body });
}

describe('a DUTCH auction through the API', () => {
  test('when bids arrive in the window, then it closes on time, clears at a uniform cut-off and settles', async () => {
    const auction = await create({
      auction_code: uniqueCode('DUTCH'),
      auction_name: 'Dutch test',
      auction_type: 'DUTCH',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      reserve_price: 95.5,
      bidding_start_time: inSeconds(1),
      bidding_end_time: inSeconds(15),
      settlement_delay_seconds: 0,
    });
    expect(auction).toMatchObject({ state: 'SCHEDULED', workflow_id: `auction-${auction.auction_code}` });
    const listed = await env.api.call('GET', '/api/v1/auctions/?auction_type=DUTCH&limit=1000', {
      token: sbin,
    });
    expect(listed.status).toBe(200);
    expect((await listed.json()).items.map((a: { auction_id: number }) => a.auction_id)).toContain(
      auction.auction_id,
    );
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
    const bidsOf = async (token: string) =>
      (
        await (await env.api.call('GET', `/api/v1/auctions/${auction.auction_id}/bids`, { token })).json()
      ).items.map((b: { client_bid_id: string }) => b.client_bid_id);
    expect(await bidsOf(sbin)).toEqual(['d-1']);
    expect((await bidsOf(admin)).sort()).toEqual(['d-1', 'd-2', 'd-3']);
    const foreign = await env.api.call('PUT', `/api/v1/auctions/${auction.auction_id}/bids/d-1`, {
      token: hdfc,
      body: { price: '99.75' },
    });
    expect(foreign.status).toBe(404);
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

const allocations = async (id: number, token = admin) =>
  (await env.api.call('GET', `/api/v1/auctions/${id}/allocations`, { token })).json();
const command = (id: number, name: string, body?: unknown) =>
  env.api.call('POST', `/api/v1/auctions/${id}/${name}`, { token: admin, body });

async function ledger(participantId: number, isin: string) {
  const rows = await env.api.deps.orm.em
    .fork()
    .execute<{ balance: string; blocked: string; holding: string | null }[]>(
      `select c.balance, c.blocked, h.quantity as holding from cash_accounts c
       left join security_holdings h on h.participant_id = c.participant_id and h.isin = ?
       where c.participant_id = ?`,
      [isin, participantId],
    );
  return rows[0]!;
}

/** Ledger invariants: entries sum to zero per asset, and members' balances are their entries' sums. */
async function ledgerBreaks() {
  const em = env.api.deps.orm.em.fork();
  return em.execute(
    `select 'unbalanced' as what, asset as detail from ledger_entries group by asset having sum(amount) <> 0
     union all
     select 'cash drift', c.participant_id::text from cash_accounts c
       left join (select participant_id, sum(amount) as total from ledger_entries where asset = 'INR' group by participant_id) e
       using (participant_id) where c.balance <> coalesce(e.total, 0)
     union all
     select 'holding drift', h.participant_id || ' ' || h.isin from security_holdings h
       left join (select participant_id, asset, sum(amount) as total from ledger_entries group by participant_id, asset) e
       on e.participant_id = h.participant_id and e.asset = h.isin where h.quantity <> coalesce(e.total, 0)`,
  );
}

describe('a SEALED_BID yield auction with non-competitive bids', () => {
  test('when oversubscribed, then winners pay the price of their own yield and non-competitive bids the average', async () => {
    const auction = await create({
      auction_code: uniqueCode('SEALED'),
      auction_name: 'Sealed yield test',
      auction_type: 'SEALED_BID',
      bond_isin: 'IN0020230085',
      bid_basis: 'YIELD',
      pricing_rule: 'MULTIPLE',
      non_competitive_pct: 10,
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      max_yield: '7.50',
      bidding_start_time: inSeconds(0.5),
      bidding_end_time: inSeconds(15),
      settlement_delay_seconds: 0,
    });
    await waitForState(auction.auction_id, ['BIDDING']);
    expect(
      (await bid(sbin, auction.auction_id, { client_bid_id: 's-1', yield: '6.40', amount: 500000 })).status,
    ).toBe(201);
    expect(
      (await bid(hdfc, auction.auction_id, { client_bid_id: 's-2', yield: '6.45', amount: 800000 })).status,
    ).toBe(201);
    expect(
      (await bid(pd, auction.auction_id, { client_bid_id: 's-3', non_competitive: true, amount: 50000 }))
        .status,
    ).toBe(201);
    const second = await bid(pd, auction.auction_id, {
      client_bid_id: 's-4',
      non_competitive: true,
      amount: 10000,
    });
    expect(second.status).toBe(422);
    expect((await second.json()).errors[0].field).toBe('non_competitive');
    const replay = await bid(sbin, auction.auction_id, {
      client_bid_id: 's-1',
      yield: '6.40',
      amount: 500000,
    });
    expect(replay.status).toBe(200);
    const reuse = await bid(sbin, auction.auction_id, {
      client_bid_id: 's-1',
      yield: '6.41',
      amount: 500000,
    });
    expect(reuse.status).toBe(409);
    await waitForState(auction.auction_id, ['SETTLED']);
    const alloc = await allocations(auction.auction_id);
    const byClient = Object.fromEntries(
      alloc.allocations.map((l: { client_bid_id: string }) => [l.client_bid_id, l]),
    );
    expect(alloc.summary).toMatchObject({ cutoff_yield: '6.4500', total_allotted: 1000000 });
    expect(byClient['s-3']).toMatchObject({
      allotted_amount: 50000,
      price_paid: alloc.summary.weighted_average_price,
    });
    expect(byClient['s-1'].allotted_amount).toBe(500000);
    expect(byClient['s-2'].allotted_amount).toBe(450000);
    // A lower yield is a higher price: the better bid pays more per 100.
    expect(Number(byClient['s-1'].price_paid)).toBeGreaterThan(Number(byClient['s-2'].price_paid));
  });
});

describe('manual processing, cancel and settlement failure', () => {
  test('when an admin cancels during bidding, then no bid is accepted and the auction is CANCELLED', async () => {
    const auction = await create({
      auction_code: uniqueCode('CANCEL'),
      auction_name: 'Cancel test',
      auction_type: 'DUTCH',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      minimum_lot_size: 10000,
      bidding_start_time: inSeconds(3600),
      bidding_end_time: inSeconds(7200),
    });
    expect((await bid(sbin, auction.auction_id, { price: '99', amount: 10000 })).status).toBe(409);
    const started = await command(auction.auction_id, 'start');
    expect((await started.json()).state).toBe('BIDDING');
    expect((await bid(sbin, auction.auction_id, { price: '99', amount: 10000 })).status).toBe(201);
    const cancelled = await command(auction.auction_id, 'cancel', { reason: 'issuer withdrew' });
    expect(await cancelled.json()).toMatchObject({ state: 'CANCELLED', failure_reason: 'issuer withdrew' });
    expect((await bid(hdfc, auction.auction_id, { price: '99', amount: 10000 })).status).toBe(409);
    expect((await command(auction.auction_id, 'close')).status).toBe(409);
  });

  test('when closed by hand and processed with a greenshoe, then the accepted amount is allotted', async () => {
    const auction = await create({
      auction_code: uniqueCode('MANUAL'),
      auction_name: 'Manual test',
      auction_type: 'DUTCH',
      bond_isin: 'BOND_001',
      total_lot_size: 1000000,
      greenshoe_amount: 200000,
      minimum_lot_size: 10000,
      manual_processing: true,
      bidding_start_time: inSeconds(0),
      bidding_end_time: inSeconds(3600),
    });
    await waitForState(auction.auction_id, ['BIDDING']);
    await bid(sbin, auction.auction_id, { price: '99.10', amount: 700000 });
    await bid(hdfc, auction.auction_id, { price: '99.00', amount: 700000 });
    expect((await command(auction.auction_id, 'process')).status).toBe(409);
    expect((await (await command(auction.auction_id, 'close')).json()).state).toBe('CLOSED');
    expect((await bid(pd, auction.auction_id, { price: '99.90', amount: 10000 })).status).toBe(409);
    const tooMuch = await command(auction.auction_id, 'process', { accepted_amount: 1300000 });
    expect(tooMuch.status).toBe(409);
    const processed = await command(auction.auction_id, 'process', { accepted_amount: 1200000 });
    expect((await processed.json()).state).toBe('CLEARED');
    const alloc = await allocations(auction.auction_id);
    expect(alloc.summary).toMatchObject({
      accepted_amount: 1200000,
      total_allotted: 1200000,
      cutoff_price: '99.0000',
    });
    expect((await (await command(auction.auction_id, 'settle')).json()).state).toMatch(/SETTLING|SETTLED/);
    await waitForState(auction.auction_id, ['SETTLED']);
  });

  test('when one allottee lacks cash and another is suspended, then each fails alone with its legs compensated', async () => {
    const auction = await create({
      auction_code: uniqueCode('FAIL'),
      auction_name: 'Settlement failure test',
      auction_type: 'DUTCH',
      bond_isin: 'BOND_006',
      total_lot_size: 10000000000,
      minimum_lot_size: 10000,
      bidding_start_time: inSeconds(0),
      bidding_end_time: inSeconds(3600),
    });
    await waitForState(auction.auction_id, ['BIDDING']);
    await bid(sbin, auction.auction_id, { price: '99.00', amount: 6000000000 });
    await bid(hdfc, auction.auction_id, { price: '99.00', amount: 100000000 });
    await bid(pd, auction.auction_id, { price: '99.00', amount: 100000000 });
    await command(auction.auction_id, 'close');
    const cleared = await waitForState(auction.auction_id, ['CLEARED']);
    const [sbinId, hdfcId, pdId] = [2, 3, 4];
    const isin = cleared.bond_isin;
    const hdfcBefore = await ledger(hdfcId, isin);
    const em = env.api.deps.orm.em.fork();
    await em.execute(`update participants set status = 'SUSPENDED' where id = ?`, [hdfcId]);
    try {
      await command(auction.auction_id, 'settle');
      const done = await waitForState(auction.auction_id, ['SETTLED', 'FAILED']);
      expect(done.state).toBe('SETTLED');
    } finally {
      await em.execute(`update participants set status = 'ACTIVE' where id = ?`, [hdfcId]);
    }
    const alloc = await allocations(auction.auction_id);
    const byParticipant = Object.fromEntries(
      alloc.settlements.map((s: { participant_id: number }) => [s.participant_id, s]),
    );
    expect(byParticipant[sbinId]).toMatchObject({ status: 'FAILED', failed_leg: 'BLOCK_FUNDS' });
    expect(byParticipant[hdfcId]).toMatchObject({ status: 'FAILED', failed_leg: 'DELIVER_SECURITIES' });
    expect(byParticipant[hdfcId].failure_reason).toMatch(/SUSPENDED/);
    expect(byParticipant[pdId]).toMatchObject({ status: 'SETTLED' });
    // Funds blocked for the suspended allottee were released; nothing moved for it.
    expect(await ledger(hdfcId, isin)).toEqual(hdfcBefore);
    expect((await ledger(pdId, isin)).holding).toBe('100000000.00');
    // Every journal balances, so the total of each asset is what it was.
    // Every journal balances and every balance is the sum of its entries.
    expect(await ledgerBreaks()).toEqual([]);
    const positions = await em.execute<{ participant_id: number; quantity: string }[]>(
      `select p.participant_id, pos.quantity from positions pos join portfolios p on p.id = pos.portfolio_id
       join bonds b on b.id = pos.bond_id where b.isin = ? and p.kind = 'HOUSE' order by p.participant_id`,
      [isin],
    );
    expect(positions).toEqual([{ participant_id: pdId, quantity: '100000000.00' }]);
    // Allotments and the failed settlements moved HOUSE positions: each portfolio has a risk run queued.
    const houses = await em.execute<{ id: number }[]>(
      `select id from portfolios where kind = 'HOUSE' and participant_id in (?, ?, ?)`,
      [sbinId, hdfcId, pdId],
    );
    const riskQueue = env.api.deps.queues[0]!;
    for (const house of houses) {
      expect(await riskQueue.getDeduplicationJobId(automaticRecomputeKey(house.id))).toBeTruthy();
    }
  });
});
