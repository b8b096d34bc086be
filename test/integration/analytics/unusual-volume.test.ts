import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, until } from '../../support/member-fixtures';
import {
  expectMarketAbuseException,
  placeLimitOrder,
  surveillanceAlerts,
  SurveillanceWorkers,
  type Member,
} from './surveillance-support';

// Its own bonds (rated AA, a family no other test trades) and members. Both bonds have the same
// six-day history; today one trades ten times its mean through the book, the other an ordinary day.
const HOT = 'SURV_VOL_HOT';
const CALM = 'SURV_VOL_CALM';

let api: TestApi;
const workers = new SurveillanceWorkers();
let compliance: string;
let buyer: Member;
let seller: Member;
const bondIds = new Map<string, number>();

/**
 * Settled off-book trades of 10,000 and 20,000 on alternate days, 11 to 16 days ago (UTC): a mean
 * of 15,000 a day over six trading days, inside the rule's 20-day history.
 */
async function history(code: string) {
  await api.deps.pg.query(
    `with days as (
       select ((now() at time zone 'UTC')::date - d + time '06:00') at time zone 'UTC' as at,
              (10000 * (1 + d % 2))::numeric as qty
         from generate_series(11, 16) d
     ), r as (
       insert into rfqs (id, requester_participant_id, requester_user_id, bond_id, side, quantity, state, expires_at, created_at)
       select gen_random_uuid(), $2, (select id from users where participant_id = $2 order by id limit 1), $1, 'BUY',
              qty, 'ACCEPTED', at, at from days
       returning id, quantity, created_at
     )
     insert into trades (id, bond_id, buyer_participant_id, seller_participant_id, price, quantity, executed_at,
                         execution_mechanism, rfq_id, settlement_status, settled_at)
     select gen_random_uuid(), $1, $2, $3, 100, r.quantity, r.created_at, 'RFQ', r.id, 'SETTLED', r.created_at from r`,
    [bondIds.get(code), buyer.participantId, seller.participantId],
  );
}

const order = (m: Member, code: string, side: 'BUY' | 'SELL', quantity: number, price: string) =>
  placeLimitOrder(api, m, code, side, quantity, price);

/** Today's volume in the bond as the matching worker has committed it. */
const todaysVolume = (code: string) =>
  api.deps.pg
    .query(
      `select coalesce(sum(quantity), 0)::int as v from trades
        where bond_id = $1 and executed_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'`,
      [bondIds.get(code)],
    )
    .then((r) => r.rows[0].v as number);

const scan = () => workers.scan('unusual-volume-test');

interface Alert {
  alert_id: number;
  rule: string;
  bond_id: number | null;
  exception_id: number | null;
  evidence: {
    day: string;
    volume: number;
    mean: number;
    history: { day: string; volume: number }[];
    trades: { id: string; quantity: number; executedAt: string }[];
  };
}

const volumeAlerts = () => surveillanceAlerts<Alert>(api, compliance, 'rule=UNUSUAL_VOLUME&limit=1000');

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin@bondx.local');
  compliance = await api.login('compliance@bondx.local');
  for (const [code, isin] of [
    [HOT, 'SRV0V001'],
    [CALM, 'SRV0V002'],
  ] as const) {
    await createCorporateBond(api, admin, code, isin, {
      rating: 'AA',
      coupon_pct: '7.50',
      maturity_date: '2032-03-31',
      reference_yield_pct: '7.5000',
    });
    const { rows } = await api.deps.pg.query('select id from bonds where code = $1', [code]);
    bondIds.set(code, rows[0].id);
  }
  [buyer, seller] = await Promise.all([
    createMember(api, admin, 'SURVVB', ['TRADER']),
    createMember(api, admin, 'SURVVS', ['TRADER']),
  ]);
  await history(HOT);
  await history(CALM);
  await workers.start(api);
});

afterAll(async () => {
  await workers.stop();
  await api?.stop();
});

describe('unusual volume surveillance', () => {
  test('when a bond trades ten times its daily mean through the book, then the scan alerts with the history and opens a MARKET_ABUSE exception; an ordinary day stays quiet', async () => {
    // 150,000 in three crossing pairs (10x the mean; the mean plus 3 sd is about 31,400).
    for (let i = 0; i < 3; i++) {
      await order(buyer, HOT, 'BUY', 50_000, '100.0000');
      await order(seller, HOT, 'SELL', 50_000, '100.0000');
    }
    await order(buyer, CALM, 'BUY', 20_000, '100.0000');
    await order(seller, CALM, 'SELL', 20_000, '100.0000');
    await until(
      'the trades committed',
      () => todaysVolume(HOT),
      (v) => v === 150_000,
    );
    await until(
      'the calm trade committed',
      () => todaysVolume(CALM),
      (v) => v === 20_000,
    );

    await scan();
    const hot = (await volumeAlerts()).filter((a) => a.bond_id === bondIds.get(HOT));
    expect(hot).toHaveLength(1);
    expect(hot[0]!.evidence).toMatchObject({
      day: new Date().toISOString().slice(0, 10),
      volume: 150_000,
      mean: 15_000,
    });
    expect(hot[0]!.evidence.history.map((h) => h.volume).sort()).toEqual([
      10_000, 10_000, 10_000, 20_000, 20_000, 20_000,
    ]);
    // The evidence names today's trades through the book with their times.
    expect(hot[0]!.evidence.trades.map((t) => t.quantity)).toEqual([50_000, 50_000, 50_000]);
    expect(hot[0]!.evidence.trades.every((t) => Date.parse(t.executedAt) > Date.now() - 3_600_000)).toBe(
      true,
    );
    expect((await volumeAlerts()).filter((a) => a.bond_id === bondIds.get(CALM))).toEqual([]);

    // A scan opens at most 100 exceptions, oldest alerts first: in a full run others may be queued.
    let exceptionId: number | null = null;
    for (let i = 0; i < 10 && exceptionId === null; i++) {
      exceptionId = (await volumeAlerts()).find((a) => a.alert_id === hot[0]!.alert_id)!.exception_id;
      if (exceptionId === null) await scan();
    }
    expect(exceptionId).toEqual(expect.any(Number));
    await expectMarketAbuseException(api, compliance, exceptionId);

    // The same day scanned again records nothing new for it.
    await scan();
    expect((await volumeAlerts()).filter((a) => a.bond_id === bondIds.get(HOT))).toHaveLength(1);
  });
});
