import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, until } from '../../support/member-fixtures';
import {
  expectMarketAbuseException,
  placeLimitOrder,
  surveillanceAlerts,
  SurveillanceWorkers,
  type Member,
} from './surveillance-support';

// Its own bond (rated BBB: a family nothing else trades) and members, so each pattern here is known.
const BOND = 'SURV_BBB';

let api: TestApi;
const workers = new SurveillanceWorkers();
let compliance: string;
let w1: Member;
let w2: Member;
let normal: Member;
let other: Member;
let layerer: Member;
let fair: number;

const price = (p: number) => (Math.round(p / 0.0025) * 0.0025).toFixed(4);

const order = (m: Member, side: 'BUY' | 'SELL', quantity: number, p: string, tif = 'DAY') =>
  placeLimitOrder(api, m, BOND, side, quantity, p, tif);

/** The trade a sell order made, once the matching worker has committed it. */
const tradeOf = (sellOrderId: string) =>
  until(
    'trade',
    async () =>
      (await api.deps.pg.query('select id from trades where sell_order_id = $1', [sellOrderId])).rows[0]?.id,
    (id) => Boolean(id),
  ) as Promise<string>;

const cancelled = (orderId: string) =>
  until(
    'cancel applied',
    async () =>
      (await api.deps.pg.query('select status::text from orders where id = $1', [orderId])).rows[0].status,
    (s) => s === 'CANCELLED',
  );

/** An off-book RFQ trade of 10,000 at `p`: `buyer` asked, `seller`'s quote was accepted. */
async function rfqTrade(buyer: Member, seller: Member, p: string): Promise<string> {
  const { rows } = await api.deps.pg.query(
    `with ids as (select gen_random_uuid() as rfq, gen_random_uuid() as quote, id as bond from bonds where code = $1),
     r as (
       insert into rfqs (id, requester_participant_id, requester_user_id, bond_id, side, quantity, state, expires_at,
                         accepted_quote_id)
       select rfq, $2, (select id from users where participant_id = $2 order by id limit 1), bond, 'BUY', 10000,
              'ACCEPTED', now(), quote from ids
     ), q as (
       insert into rfq_quotes (id, rfq_id, dealer_participant_id, dealer_user_id, basis, price, state)
       select quote, rfq, $3, (select id from users where participant_id = $3 order by id limit 1), 'PRICE', $4,
              'ACCEPTED' from ids
     )
     insert into trades (id, bond_id, buyer_participant_id, seller_participant_id, price, quantity, executed_at,
                         execution_mechanism, rfq_id)
     select gen_random_uuid(), bond, $2, $3, $4, 10000, now(), 'RFQ', rfq from ids returning id`,
    [BOND, buyer.participantId, seller.participantId, p],
  );
  return rows[0].id;
}

const scan = () => workers.scan('surveillance-test');

interface Alert {
  alert_id: number;
  rule: string;
  severity: string;
  participant_id: number | null;
  exception_id: number | null;
  evidence: Record<string, unknown>;
}

const alerts = () => surveillanceAlerts<Alert>(api, compliance, 'limit=1000');

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin@bondx.local');
  compliance = await api.login('compliance@bondx.local');
  await createCorporateBond(api, admin, BOND, 'SRV0B001', {
    rating: 'BBB',
    coupon_pct: '9.00',
    maturity_date: '2031-11-30',
    reference_yield_pct: '9.0000',
  });
  const member = (code: string) => createMember(api, admin, code, ['TRADER']);
  [w1, w2, normal, other, layerer] = await Promise.all([
    member('SURVW1'),
    member('SURVW2'),
    member('SURVNM'),
    member('SURVOT'),
    member('SURVLY'),
  ]);
  await workers.start(api);
  fair = Number(
    (await (await api.call('GET', `/api/v1/analytics/fair-value/${BOND}`, { token: w1.token })).json())
      .fair_price,
  );
});

afterAll(async () => {
  await workers.stop();
  await api?.stop();
});

describe('trade surveillance', () => {
  test('each rule fires on its crafted pattern, with evidence and a compliance exception, and stays quiet on ordinary flow', async () => {
    for (const m of [w1, w2]) {
      const res = await api.call(
        'PUT',
        `/api/v1/analytics/surveillance/beneficial-owners/${m.participantId}`,
        {
          token: compliance,
          body: { owner_code: 'GROUP-W' },
        },
      );
      expect(res.status).toBe(200);
    }
    const at = price(fair);
    // Ordinary: unrelated members at fair value.
    await order(w1, 'BUY', 10_000, at);
    const ordinary = await tradeOf(await order(normal, 'SELL', 10_000, at));
    // Wash: two participants of one owner.
    await order(w2, 'BUY', 10_000, at);
    const wash = await tradeOf(await order(w1, 'SELL', 10_000, at));
    // Wash off the book: an RFQ between the same owner's participants has no orders.
    const rfqWash = await rfqTrade(w2, w1, at);
    // Off fair value: 4.5 below fair on a five-year bond, over 100 bp of yield.
    await order(other, 'BUY', 10_000, price(fair - 4.5));
    const off = await tradeOf(await order(normal, 'SELL', 10_000, price(fair - 4.5)));
    // Layering: three large bids a point behind, a sale into a real bid, then the bids pulled.
    const layers = [];
    for (let i = 0; i < 3; i++) layers.push(await order(layerer, 'BUY', 50_000, price(fair - 1)));
    await order(normal, 'BUY', 10_000, at);
    const layered = await tradeOf(await order(layerer, 'SELL', 10_000, at, 'IOC'));
    for (const id of layers) {
      expect(
        (await api.call('DELETE', `/api/v1/trading/orders/${id}`, { token: layerer.token })).status,
      ).toBe(202);
    }
    // Ordinary cancel: one order placed and pulled.
    const single = await order(other, 'SELL', 10_000, price(fair + 1));
    await api.call('DELETE', `/api/v1/trading/orders/${single}`, { token: other.token });
    for (const id of [...layers, single]) await cancelled(id);

    const result = await scan();
    expect(result.new_alerts).toBeGreaterThanOrEqual(3);
    const mine = (await alerts()).filter((a) => JSON.stringify(a.evidence).includes(BOND));
    const byTrade = (rule: string, id: string) =>
      mine.filter((a) => a.rule === rule && (a.evidence.trade as { id: string }).id === id);

    expect(byTrade('WASH_TRADE', wash)).toHaveLength(1);
    expect(byTrade('WASH_TRADE', wash)[0]).toMatchObject({
      severity: 'HIGH',
      evidence: { beneficial_owner: 'GROUP-W' },
    });
    expect(byTrade('WASH_TRADE', rfqWash)).toHaveLength(1);
    expect(byTrade('WASH_TRADE', rfqWash)[0]).toMatchObject({ evidence: { beneficial_owner: 'GROUP-W' } });
    expect(byTrade('OFF_FAIR_VALUE', off)).toHaveLength(1);
    expect(Number(byTrade('OFF_FAIR_VALUE', off)[0]!.evidence.deviation_bp)).toBeGreaterThan(75);
    const layering = byTrade('LAYERING', layered);
    expect(layering).toHaveLength(1);
    expect(layering[0]).toMatchObject({ participant_id: layerer.participantId });
    expect((layering[0]!.evidence.orders as { id: string }[]).map((o) => o.id).sort()).toEqual(
      [...layers].sort(),
    );
    // A scan opens at most 100 exceptions, oldest alerts first, and the next scans catch up: in a
    // full run other suites' trades raise alerts too, so scan until these have theirs.
    const ours = async () =>
      (await alerts()).filter(
        (a) =>
          JSON.stringify(a.evidence).includes(BOND) &&
          ['WASH_TRADE', 'OFF_FAIR_VALUE', 'LAYERING'].includes(a.rule),
      );
    for (let i = 0; i < 10 && (await ours()).some((a) => a.exception_id === null); i++) await scan();
    for (const a of [...byTrade('WASH_TRADE', wash), ...byTrade('OFF_FAIR_VALUE', off), ...layering]) {
      a.exception_id = (await ours()).find((x) => x.alert_id === a.alert_id)!.exception_id;
      expect(a.exception_id).toEqual(expect.any(Number));
      await expectMarketAbuseException(api, compliance, a.exception_id);
    }
    // Quiet: the ordinary trade, the ordinary cancel, and no volume history to call today unusual.
    expect(mine.filter((a) => (a.evidence.trade as { id: string } | undefined)?.id === ordinary)).toEqual([]);
    expect(mine.filter((a) => a.participant_id === other.participantId)).toEqual([]);
    expect(mine.filter((a) => a.rule === 'UNUSUAL_VOLUME')).toEqual([]);

    // A second scan of the same window finds the same patterns and records nothing new.
    expect((await scan()).new_alerts).toBe(0);
  });

  test('the yield curve of a family is its reference shape through its own reference yields, with parameters and points', async () => {
    const res = await api.call('GET', '/api/v1/analytics/yield-curve?family=CORPORATE_BBB', {
      token: w1.token,
    });
    expect(res.status).toBe(200);
    const curve = await res.json();
    expect(curve).toMatchObject({
      family: 'CORPORATE_BBB',
      source: 'REFERENCE',
      reference_curve: { code: 'UST_PAR' },
    });
    expect(curve.points).toHaveLength(11);
    expect(curve.observation_counts.references).toBe(1);
    expect(Object.keys(curve.parameters).sort()).toEqual([
      'beta0',
      'beta1',
      'beta2',
      'beta3',
      'tau1',
      'tau2',
    ]);
    const bad = await api.call('GET', '/api/v1/analytics/yield-curve?family=JUNK', { token: w1.token });
    expect(bad.status).toBe(422);
  });

  test('only compliance officers read alerts and record owners; bad input names the field', async () => {
    expect((await api.call('GET', '/api/v1/analytics/surveillance/alerts', { token: w1.token })).status).toBe(
      403,
    );
    const bad = await api.call('GET', '/api/v1/analytics/surveillance/alerts?rule=NOPE', {
      token: compliance,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('query.rule');
    const missing = await api.call('PUT', '/api/v1/analytics/surveillance/beneficial-owners/999999', {
      token: compliance,
      body: { owner_code: 'X' },
    });
    expect(missing.status).toBe(404);
  });
});
