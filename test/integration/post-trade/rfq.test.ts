import { loadBusinessCalendar } from '../../../db/calendar/holiday-store';
import { istDate } from '../../../domain/auctions/settlement-date';
import { parseCivilDate, priceFromYieldRounded } from '../../../domain/bonds';
import { WsEventBus } from '../../../platform/ws-events';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail } from '../../support/audit-trail';
import { createTestBond, until } from '../../support/post-trade';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';

// Demo participants: ICICPD (4) has the MARKET_MAKER user mm@, LICI (7) asks, SBIMF (6) is a bystander.
const ICICPD = 4;
const SBIMF = 6;
const LICI = 7;

let api: TestApi;
let worker: TestWorker;
let requester: string;
let dealer: string;
let bystander: string;
let bond: { id: number; isin: string; code: string };

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'rfq');
  api.deps.config.temporal.taskQueue = worker.config.temporal.taskQueue;
  const admin = await api.login('admin@bondx.local');
  [requester, dealer, bystander] = await Promise.all([
    api.login('insurer1@bondx.local'),
    api.login('mm@bondx.local'),
    api.login('fund1@bondx.local'),
  ]);
  bond = await createTestBond(api, admin, { code: 'RFQ_GS_2034', isinStem: 'IN0020340A1' });
});

afterAll(async () => {
  await worker.close();
  await api.stop();
});

const bus = () => new WsEventBus(api.deps.redis, api.deps.config.redisPrefix);

/** The RFQ messages a participant's trading stream got after `from` (the log clients replay from). */
async function rfqMessages(participantId: number, from: number, rfqId: string) {
  return (await bus().replay('trading', participantId, from + 1))
    .map((raw) => JSON.parse(raw))
    .filter((m) => m.type === 'rfq_update' && m.data.rfq.rfq_id === rfqId);
}

async function createRfq(fields: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/api/v1/trading/rfq', {
    token: requester,
    body: {
      bond_id: bond.code,
      side: 'BUY',
      quantity: '50000',
      dealer_participant_ids: [ICICPD],
      response_window_seconds: 60,
      ...fields,
    },
  });
  expect(res.status).toBe(201);
  return res.json();
}

const housePosition = async (participantId: number) =>
  (
    await api.deps.pg.query(
      `select p.quantity::text as q, p.average_price::text as a from positions p
         join portfolios f on f.id = p.portfolio_id
        where f.participant_id = $1 and f.kind = 'HOUSE' and p.bond_id = $2`,
      [participantId, bond.id],
    )
  ).rows[0] ?? null;

describe('request for quote', () => {
  test('when the requester accepts a quote, then a trade exists at its price, both HOUSE positions moved, both sides were told and every step is audited', async () => {
    const seq = {
      requester: await bus().lastSequence('trading', LICI),
      dealer: await bus().lastSequence('trading', ICICPD),
    };
    const rfq = await createRfq();
    expect(rfq).toMatchObject({
      state: 'OPEN',
      side: 'BUY',
      quantity: '50000.00',
      bond_id: bond.code,
      quotes: [],
    });

    // Privacy: a member it was not sent to cannot tell it exists.
    expect((await api.call('GET', `/api/v1/trading/rfq/${rfq.rfq_id}`, { token: bystander })).status).toBe(
      404,
    );
    const listed = await (await api.call('GET', '/api/v1/trading/rfq?role=DEALER', { token: dealer })).json();
    expect(listed.items.map((r: { rfq_id: string }) => r.rfq_id)).toContain(rfq.rfq_id);
    const others = await (await api.call('GET', '/api/v1/trading/rfq', { token: bystander })).json();
    expect(others.items.map((r: { rfq_id: string }) => r.rfq_id)).not.toContain(rfq.rfq_id);
    // Only a dealer quotes, only the requester accepts.
    expect(
      (
        await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/quotes`, {
          token: requester,
          body: { price: '99' },
        })
      ).status,
    ).toBe(403);

    const first = await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/quotes`, {
      token: dealer,
      body: { price: '99.5000' },
    });
    expect(first.status).toBe(200);
    expect((await first.json()).state).toBe('QUOTED');
    // A quote on yield replaces the first; its price comes from the bond math.
    const second = await (
      await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/quotes`, {
        token: dealer,
        body: { yield_pct: '7.0000' },
      })
    ).json();
    const active = second.quotes.find((q: { state: string }) => q.state === 'ACTIVE');
    expect(second.quotes.map((q: { state: string }) => q.state).sort()).toEqual(['ACTIVE', 'REPLACED']);
    expect(active).toMatchObject({ basis: 'YIELD', yield_pct: '7.0000' });
    // The price is the bond math's clean price at that yield for settlement T+1.
    const calendar = await loadBusinessCalendar(api.deps.orm.em.fork(), 'RBI_SGL');
    const settlement = parseCivilDate(calendar.settlementDate(istDate(Date.now()), 1));
    const terms = {
      couponPct: 7,
      maturity: parseCivilDate('2034-01-15'),
      frequency: 2 as const,
      dayCount: '30/360' as const,
    };
    expect(active.price).toBe(priceFromYieldRounded(terms, settlement, 7));

    const bad = await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/quotes`, {
      token: dealer,
      body: { price: '99.5', yield_pct: '7' },
    });
    expect(bad.status).toBe(422);

    const accepted = await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/accept`, {
      token: requester,
      body: { quote_id: active.quote_id },
    });
    expect(accepted.status).toBe(200);
    const done = await accepted.json();
    expect(done).toMatchObject({ state: 'ACCEPTED', accepted_quote_id: active.quote_id });
    expect(done.trade).toMatchObject({
      price: active.price,
      quantity: '50000.00',
      buyer_participant_id: LICI,
      seller_participant_id: ICICPD,
    });

    const trade = (
      await api.deps.pg.query(
        `select execution_mechanism::text as m, sequence, buy_order_id, sell_order_id, price::text as price,
                quantity::text as quantity, buyer_participant_id, seller_participant_id
           from trades where rfq_id = $1`,
        [rfq.rfq_id],
      )
    ).rows;
    expect(trade).toEqual([
      {
        m: 'RFQ',
        sequence: null,
        buy_order_id: null,
        sell_order_id: null,
        price: active.price,
        quantity: '50000.00',
        buyer_participant_id: LICI,
        seller_participant_id: ICICPD,
      },
    ]);
    // The requester's trade history shows it as an off-book trade, without an order or a sequence.
    const history = await (
      await api.call('GET', `/api/v1/trading/trades?bond_id=${bond.code}&limit=1000`, { token: requester })
    ).json();
    expect(history.items.filter((t: { rfq_id: string | null }) => t.rfq_id === rfq.rfq_id)).toMatchObject([
      {
        execution_mechanism: 'RFQ',
        order_id: null,
        sequence: null,
        side: 'BUY',
        status: 'ACTIVE',
        price: active.price,
      },
    ]);
    expect(await housePosition(LICI)).toEqual({ q: '50000.00', a: active.price });
    expect(await housePosition(ICICPD)).toEqual({ q: '-50000.00', a: active.price });

    // A second accept, or any step after the close, is a conflict.
    const again = await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/withdraw`, { token: requester });
    expect(again.status).toBe(409);

    const toRequester = await rfqMessages(LICI, seq.requester, rfq.rfq_id);
    const toDealer = await rfqMessages(ICICPD, seq.dealer, rfq.rfq_id);
    expect(toRequester.map((m) => m.data.action)).toEqual(['CREATED', 'QUOTED', 'QUOTED', 'ACCEPTED']);
    expect(toDealer.map((m) => m.data.action)).toEqual(['CREATED', 'QUOTED', 'QUOTED', 'ACCEPTED']);
    expect(toDealer[3].data.rfq.trade).toMatchObject({ price: active.price, seller_participant_id: ICICPD });

    const result = await worker.client.workflow.getHandle(`rfq-${rfq.rfq_id}`).result();
    expect(result).toBe('ACCEPTED');
    const trail = await auditTrail(api.deps.orm, { subjectType: 'rfq', subjectId: rfq.rfq_id });
    expect(trail.map((e) => e.action)).toEqual(['RFQ_CREATED', 'RFQ_QUOTED', 'RFQ_QUOTED', 'RFQ_ACCEPTED']);
  });

  test('when no quote is accepted within the window, then the workflow expires the RFQ and quoting is refused', async () => {
    const seq = await bus().lastSequence('trading', ICICPD);
    const rfq = await createRfq({ response_window_seconds: 5, side: 'SELL' });
    await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/quotes`, {
      token: dealer,
      body: { price: '99.25' },
    });
    const result = await worker.client.workflow.getHandle(`rfq-${rfq.rfq_id}`).result();
    expect(result).toBe('EXPIRED');
    const got = await (
      await api.call('GET', `/api/v1/trading/rfq/${rfq.rfq_id}`, { token: requester })
    ).json();
    expect(got.state).toBe('EXPIRED');
    expect(got.quotes.map((q: { state: string }) => q.state)).toEqual(['NOT_ACCEPTED']);
    const late = await api.call('POST', `/api/v1/trading/rfq/${rfq.rfq_id}/accept`, {
      token: requester,
      body: { quote_id: got.quotes[0].quote_id },
    });
    expect(late.status).toBe(409);
    expect((await api.deps.pg.query('select 1 from trades where rfq_id = $1', [rfq.rfq_id])).rowCount).toBe(
      0,
    );
    const actions = (await rfqMessages(ICICPD, seq, rfq.rfq_id)).map((m) => m.data.action);
    expect(actions).toEqual(['CREATED', 'QUOTED', 'EXPIRED']);
  });

  test('when the requester withdraws, or rejects the quotes, then the RFQ closes without a trade', async () => {
    const withdrawn = await createRfq();
    await api.call('POST', `/api/v1/trading/rfq/${withdrawn.rfq_id}/quotes`, {
      token: dealer,
      body: { price: '99' },
    });
    const pulled = await api.call('POST', `/api/v1/trading/rfq/${withdrawn.rfq_id}/quotes/withdraw`, {
      token: dealer,
    });
    expect((await pulled.json()).state).toBe('OPEN');
    const res = await api.call('POST', `/api/v1/trading/rfq/${withdrawn.rfq_id}/withdraw`, {
      token: requester,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).state).toBe('WITHDRAWN');
    expect(await worker.client.workflow.getHandle(`rfq-${withdrawn.rfq_id}`).result()).toBe('WITHDRAWN');

    const rejected = await createRfq();
    expect(
      (await api.call('POST', `/api/v1/trading/rfq/${rejected.rfq_id}/reject`, { token: requester })).status,
    ).toBe(409);
    await api.call('POST', `/api/v1/trading/rfq/${rejected.rfq_id}/quotes`, {
      token: dealer,
      body: { price: '99' },
    });
    const closed = await api.call('POST', `/api/v1/trading/rfq/${rejected.rfq_id}/reject`, {
      token: requester,
    });
    expect((await closed.json()).state).toBe('REJECTED');
    expect(await worker.client.workflow.getHandle(`rfq-${rejected.rfq_id}`).result()).toBe('REJECTED');
    const trades = await api.deps.pg.query('select 1 from trades where rfq_id = any($1::uuid[])', [
      [withdrawn.rfq_id, rejected.rfq_id],
    ]);
    expect(trades.rowCount).toBe(0);
    await until(
      'withdrawn audit',
      () => auditTrail(api.deps.orm, { subjectId: withdrawn.rfq_id, action: 'RFQ_WITHDRAWN' }),
      (rows) => rows.length === 1,
    );
  });

  test('when the request names itself, a non-dealer or an odd lot, then it is refused naming the field and nothing is stored', async () => {
    const before = (await api.deps.pg.query('select count(*)::int as n from rfqs')).rows[0].n;
    const base = { bond_id: bond.code, side: 'BUY', quantity: '50000', dealer_participant_ids: [ICICPD] };
    for (const [fields, field] of [
      [{ dealer_participant_ids: [LICI] }, 'dealer_participant_ids'],
      [{ dealer_participant_ids: [SBIMF] }, 'dealer_participant_ids'],
      [{ quantity: '12345' }, 'quantity'],
      [{ response_window_seconds: 1 }, 'response_window_seconds'],
    ] as const) {
      const res = await api.call('POST', '/api/v1/trading/rfq', {
        token: requester,
        body: { ...base, ...fields },
      });
      expect(res.status).toBe(422);
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await api.deps.pg.query('select count(*)::int as n from rfqs')).rows[0].n).toBe(before);
  });
});
