import { istDate } from '../../../domain/auctions/settlement-date';
import { accruedInterestRupees, addDays, formatCivilDate, parseCivilDate } from '../../../domain/bonds';
import {
  ensurePostTradeSchedules,
  POST_TRADE_SCHEDULES,
} from '../../../workers/post-trade/post-trade-schedules';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createTestBond, postBackdated } from '../../support/post-trade';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';

const VENUE = 1;
const ICICPD = 4;
const PASSWORD = 'statement-test-password';

let api: TestApi;
let worker: TestWorker;
let member: string;
let other: string;
let ops: string;
let participantId: number;
let bond: { id: number; isin: string; code: string };
const to = istDate(Date.now());
const from = formatCivilDate(addDays(parseCivilDate(to), -2));
const beforePeriod = `${formatCivilDate(addDays(parseCivilDate(from), -3))}T06:00:00.000Z`;

/** An off-book trade as an accepted RFQ leaves it (rows written by hand, at a chosen time). */
async function rfqTrade(buyer: number, seller: number, price: string, quantity: string, at: string) {
  const rfq = await api.deps.pg.query(
    `insert into rfqs (id, requester_participant_id, requester_user_id, bond_id, side, quantity, state, expires_at, created_at)
     values (gen_random_uuid(), $1, 1, $2, 'BUY', $3, 'ACCEPTED', $4, $4) returning id`,
    [buyer, bond.id, quantity, at],
  );
  await api.deps.pg.query(
    `insert into trades (id, bond_id, buyer_participant_id, seller_participant_id, price, quantity, executed_at, execution_mechanism, rfq_id)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'RFQ', $7)`,
    [bond.id, buyer, seller, price, quantity, at, rfq.rows[0].id],
  );
}

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'statements');
  const admin = await api.login('admin@bondx.local');
  const created = await api.call('POST', '/api/v1/participants', {
    token: admin,
    body: { code: 'STMT_FUND', name: 'Statement Test Fund', kind: 'MUTUAL_FUND', domicile: 'DOMESTIC' },
  });
  participantId = (await created.json()).participant_id;
  const user = await api.call('POST', '/api/v1/users', {
    token: admin,
    body: {
      username: 'stmt@bondx.local',
      display_name: 'Statement Tester',
      password: PASSWORD,
      participant_id: participantId,
      roles: ['TRADER'],
    },
  });
  expect(user.status).toBe(201);
  [member, other, ops] = await Promise.all([
    api.login('stmt@bondx.local', PASSWORD),
    api.login('trader1@bondx.local'),
    api.login('ops@bondx.local'),
  ]);
  bond = await createTestBond(api, admin, {
    code: 'STMT_GS_2035',
    isinStem: 'IN0020STM01',
    maturityDate: '2035-03-31',
  });

  // Before the period: 10 lakh of cash and 1 lakh of face bought at 98.00.
  await postBackdated(api, `test:stmt:${participantId}:opening`, beforePeriod, [
    { participantId, asset: 'INR', amount: '1000000.00' },
    { participantId: VENUE, asset: 'INR', amount: '-1000000.00' },
    { participantId, asset: bond.isin, amount: '100000.00' },
    { participantId: VENUE, asset: bond.isin, amount: '-100000.00' },
  ]);
  await rfqTrade(participantId, ICICPD, '98.0000', '100000', beforePeriod);
  // In the period: 40,000 sold at 99.00 (settled for 39,600.00) and a coupon of 1,750.00.
  const now = new Date().toISOString();
  await rfqTrade(ICICPD, participantId, '99.0000', '40000', now);
  await postBackdated(
    api,
    `test:stmt:${participantId}:settle`,
    now,
    [
      { participantId, asset: bond.isin, amount: '-40000.00' },
      { participantId: VENUE, asset: bond.isin, amount: '40000.00' },
      { participantId, asset: 'INR', amount: '39600.00' },
      { participantId: VENUE, asset: 'INR', amount: '-39600.00' },
    ],
    'SETTLEMENT',
  );
  await postBackdated(
    api,
    `coupon:test:stmt:${participantId}`,
    now,
    [
      { participantId, asset: 'INR', amount: '1750.00' },
      { participantId: VENUE, asset: 'INR', amount: '-1750.00' },
    ],
    'COUPON',
  );
});

afterAll(async () => {
  for (const { scheduleId } of POST_TRADE_SCHEDULES) {
    await worker.client.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
  }
  await worker.close();
  await api.stop();
});

const accrued = () =>
  accruedInterestRupees(
    { couponPct: 7, maturity: parseCivilDate('2035-03-31'), frequency: 2, dayCount: '30/360' },
    parseCivilDate(to),
    '60000',
  );

describe('statements', () => {
  test('when a member asks for its statement, then holdings, cash, trades, settlements, payments, fees and P&L are the hand-computed values', async () => {
    const res = await api.call('GET', `/api/v1/statements/${participantId}?from=${from}&to=${to}`, {
      token: member,
    });
    expect(res.status).toBe(200);
    const s = await res.json();
    const clean = '59400.00'; // 60,000 x 99.00 / 100, marked at the last trade
    const dirty = (Number(clean) + Number(accrued())).toFixed(2);
    expect(s.holdings).toEqual([
      {
        isin: bond.isin,
        bond_id: bond.code,
        quantity: '60000.00',
        clean_price: '99.0000',
        clean_value: clean,
        accrued_interest: accrued(),
        dirty_value: dirty,
      },
    ]);
    expect(s.cash).toEqual({ opening_balance: '1000000.00', closing_balance: '1041350.00' });
    expect(s.trades).toHaveLength(1);
    expect(s.trades[0]).toMatchObject({
      side: 'SELL',
      price: '99.0000',
      quantity: '40000.00',
      consideration: '39600.00',
      execution_mechanism: 'RFQ',
    });
    expect(s.settlements.map((m: { cash: string }) => m.cash)).toEqual(['39600.00']);
    expect(s.settlements[0].securities).toEqual([{ isin: bond.isin, quantity: '-40000.00' }]);
    expect(s.coupons_and_redemptions.map((m: { kind: string; cash: string }) => [m.kind, m.cash])).toEqual([
      ['COUPON', '1750.00'],
    ]);
    expect(s.coupons_and_redemptions_total).toBe('1750.00');
    expect(s.fees).toEqual({ total: '0.00', items: [] });
    // Realised: (99 - 98) x 40,000 / 100; unrealised: (99 - 98) x 60,000 / 100.
    expect(s.pnl).toMatchObject({ realised: '400.00', unrealised: '600.00' });

    const csv = await api.call(
      'GET',
      `/api/v1/statements/${participantId}?from=${from}&to=${to}&format=csv`,
      {
        token: ops,
      },
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split('\n');
    expect(lines).toContain(
      `HOLDING,${bond.isin},${bond.code},60000.00,99.0000,${clean},${accrued()},${dirty}`,
    );
    expect(lines).toContain('CASH,1000000.00,1041350.00');
    expect(lines).toContain('SUMMARY,0.00,400.00,600.00');

    const pdf = await api.call(
      'GET',
      `/api/v1/statements/${participantId}?from=${from}&to=${to}&format=pdf`,
      {
        token: member,
      },
    );
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
  });

  test("when a member asks for another participant's statement, then it does not exist; bad dates name the field", async () => {
    expect(
      (await api.call('GET', `/api/v1/statements/${participantId}?from=${from}&to=${to}`, { token: other }))
        .status,
    ).toBe(404);
    const bad = await api.call('GET', `/api/v1/statements/${participantId}?from=${to}&to=${from}`, {
      token: member,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('from');
  });

  test('when the daily run runs, then each member has one stored statement for the day, and a rerun keeps it', async () => {
    // The worker's schedules: created once, brought up to date on every start.
    await ensurePostTradeSchedules(worker.client, worker.config);
    await ensurePostTradeSchedules(worker.client, worker.config);
    const described = await worker.client.schedule.getHandle('daily-statements').describe();
    expect(described.action).toMatchObject({ workflowType: 'dailyStatementsWorkflow' });
    expect(described.spec.timezone).toBe('Asia/Kolkata');
    const run = () =>
      worker.client.workflow.execute('dailyStatementsWorkflow', {
        taskQueue: worker.config.temporal.taskQueue,
        workflowId: `daily-statements-test-${process.pid}-${Date.now()}`,
        args: [to],
      });
    const first = await run();
    expect(first.stored).toBeGreaterThan(0);
    const stored = await api.deps.pg.query(
      'select body from statements where participant_id = $1 and statement_date = $2',
      [participantId, to],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].body.trades).toHaveLength(1);
    expect(stored.rows[0].body.cash.closing_balance).toBe('1041350.00');
    expect((await run()).stored).toBe(0);
  });
});
