import { removeTodaysFpiLimits } from '../../support/fpi-limits';
import { loadReportTradesByRef } from '../../../activities/compliance/report-data';
import { ComplianceException, RegulatoryCheckRecord } from '../../../db/entities';
import { istDate } from '../../../domain/compliance/reports/report-values';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';
import { onboard, until } from './reporting-fixtures';

let api: TestApi;
let worker: TestWorker;
let admin: string;
const suffix = String(process.pid % 100_000);
const BOND = `RQREG${suffix}`;
const PASSWORD = 'rfq-regulatory-1';
let bondId: number;
const m: Record<string, { participantId: number; token: string }> = {};

/** A member of the test's own with one user of the given role. */
async function member(code: string, kind: string, role: string) {
  const participantId = await onboard(api, admin, code, kind);
  const username = `${code.toLowerCase()}@test.bondx.local`;
  const u = await api.call('POST', '/api/v1/users', {
    token: admin,
    body: { username, display_name: code, password: PASSWORD, participant_id: participantId, roles: [role] },
  });
  if (u.status !== 201) throw new Error(`user ${username}: ${u.status} ${await u.text()}`);
  return { participantId, token: await api.login(username, PASSWORD) };
}

const CRORE = 1_000_000_000n;

/**
 * Today's CORPORATE national figures: `utilised` crore of a 100 crore limit in force. The free
 * limit adds BondX's FPI flows since the publication date, and other suites' FPI trades of today
 * count there too, so the published figure is set to leave exactly `utilised` in force.
 */
async function corporateFiguresToday(utilised: string) {
  const upload = async (paise: bigint) => {
    const crore = `${paise / CRORE}.${(paise % CRORE).toString().padStart(9, '0')}`;
    const res = await api.call('POST', '/api/v1/compliance/fpi-limits', {
      token: admin,
      raw: `as_of,category,limit_crore,utilised_crore\n${istDate(new Date())},CORPORATE,100,${crore}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
  };
  const wanted = BigInt(utilised) * CRORE;
  await upload(wanted);
  const limits = await (await api.call('GET', '/api/v1/compliance/fpi-limits', { token: admin })).json();
  const corporate = limits.items.find((l: { category: string }) => l.category === 'CORPORATE');
  const othersNet = BigInt(corporate.bondx_net_since_paise);
  if (othersNet !== 0n) await upload(wanted - othersNet);
}

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'rfq-regulatory');
  api.deps.config.temporal.taskQueue = worker.config.temporal.taskQueue;
  admin = await api.login('admin@bondx.local');
  // A corporate bond of Rs 1,000 crore outstanding: the short-sale limit is the Rs 250 crore floor.
  await createCorporateBond(api, admin, BOND, `RQ${suffix.padStart(5, '0')}0`.slice(0, 8), {
    rating: 'AA',
    coupon_pct: '8.10',
    maturity_date: '2031-06-30',
  });
  bondId = (await api.deps.pg.query('select id from bonds where code = $1', [BOND])).rows[0].id;
  m.fpi = await member(`RQFPI${suffix}`, 'FPI', 'TRADER');
  m.bank = await member(`RQBNK${suffix}`, 'BANK', 'TRADER');
  m.dealer = await member(`RQDLR${suffix}`, 'PRIMARY_DEALER', 'MARKET_MAKER');
  m.fpiDealer = await member(`RQFDL${suffix}`, 'FPI', 'MARKET_MAKER');
});
afterAll(async () => {
  await removeTodaysFpiLimits(api.deps.pg);
  await worker.close();
  await api.stop();
});

const rfqCall = (token: string, path: string, body?: unknown) =>
  api.call('POST', `/api/v1/trading/rfq${path}`, { token, body });

async function openRfq(requester: string, side: 'BUY' | 'SELL', quantity: string, dealer: number) {
  const res = await rfqCall(requester, '', {
    bond_id: BOND,
    side,
    quantity,
    dealer_participant_ids: [dealer],
    response_window_seconds: 120,
  });
  expect(res.status).toBe(201);
  return (await res.json()).rfq_id as string;
}

const readRfq = async (token: string, id: string) =>
  (await api.call('GET', `/api/v1/trading/rfq/${id}`, { token })).json();

const checksSince = async (afterId: string) =>
  api.deps.orm.em
    .fork()
    .find(RegulatoryCheckRecord, { bondId, id: { $gt: afterId } }, { orderBy: { id: 'asc' } });

const lastCheckId = async () =>
  String(
    (await api.deps.pg.query('select coalesce(max(id), 0) as id from regulatory_check_records')).rows[0].id,
  );

const positionsInBond = async () =>
  (await api.deps.pg.query('select count(*)::int as n from positions where bond_id = $1', [bondId])).rows[0]
    .n;

describe('pre-trade regulatory checks on RFQs', () => {
  test('when a dealer quotes a sale that would leave it short over the limit, then the quote is refused and recorded; the RFQ is unchanged', async () => {
    const rfq = await openRfq(m.bank!.token, 'BUY', '3000000000', m.dealer!.participantId);
    const mark = await lastCheckId();
    const res = await rfqCall(m.dealer!.token, `/${rfq}/quotes`, { price: '100.0000' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({
      reason: 'SHORT_SALE_LIMIT_EXCEEDED',
      type: '/errors/regulatory/short-sale-limit-exceeded',
      errors: [{ field: 'quantity' }],
    });
    expect(await readRfq(m.bank!.token, rfq)).toMatchObject({ state: 'OPEN', quotes: [] });
    expect(
      (await checksSince(mark)).map((c) => [c.subjectType, c.participantId, c.side, c.passed, c.reasons]),
    ).toEqual([['RFQ_QUOTE', m.dealer!.participantId, 'SELL', false, 'SHORT_SALE_LIMIT_EXCEEDED']]);
  });

  test('when an FPI accepts a quote while its national limit is exhausted, then 422 names quote_id, nothing trades, and both sides are recorded', async () => {
    await corporateFiguresToday('100');
    const rfq = await openRfq(m.fpi!.token, 'BUY', '10000', m.dealer!.participantId);
    const quoted = await rfqCall(m.dealer!.token, `/${rfq}/quotes`, { price: '100.0000' });
    expect(quoted.status).toBe(200);
    const quoteId = (await quoted.json()).quotes[0].quote_id;
    const mark = await lastCheckId();
    const res = await rfqCall(m.fpi!.token, `/${rfq}/accept`, { quote_id: quoteId });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      reason: 'FPI_LIMIT_EXHAUSTED',
      errors: [{ field: 'quote_id' }],
    });
    expect(await readRfq(m.fpi!.token, rfq)).toMatchObject({
      state: 'QUOTED',
      trade: null,
      accepted_quote_id: null,
      quotes: [{ quote_id: quoteId, state: 'ACTIVE' }],
    });
    expect(await positionsInBond()).toBe(0);
    expect(
      (await checksSince(mark)).map((c) => [
        c.subjectType,
        c.participantId,
        c.side,
        c.isFpi,
        c.passed,
        c.reasons ?? null,
      ]),
    ).toEqual([
      ['RFQ_ACCEPT', m.fpi!.participantId, 'BUY', true, false, 'FPI_LIMIT_EXHAUSTED'],
      ['RFQ_ACCEPT', m.dealer!.participantId, 'SELL', false, true, null],
    ]);
    const dedupKey = `fpi-limit:${m.fpi!.participantId}:CORPORATE:${istDate(new Date())}`;
    const opened = await until(
      () => api.deps.orm.em.fork().find(ComplianceException, { dedupKey }),
      (rows) => rows.length > 0,
    );
    expect(opened).toMatchObject([{ kind: 'FPI_LIMIT', evidence: { subject_type: 'RFQ_ACCEPT' } }]);
  });

  test('when the FPI dealer\u2019s side fails only at acceptance, then the requester is refused without the dealer\u2019s figures; once the limit is free the trade is done', async () => {
    await corporateFiguresToday('50');
    const rfq = await openRfq(m.bank!.token, 'SELL', '20000', m.fpiDealer!.participantId);
    const quoted = await rfqCall(m.fpiDealer!.token, `/${rfq}/quotes`, { price: '99.5000' });
    expect(quoted.status).toBe(200);
    const quoteId = (await quoted.json()).quotes[0].quote_id;
    // The figures published since leave nothing free for the dealer's buy.
    await corporateFiguresToday('100');
    const refused = await rfqCall(m.bank!.token, `/${rfq}/accept`, { quote_id: quoteId });
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body).toMatchObject({
      reason: 'FPI_LIMIT_EXHAUSTED',
      party: 'COUNTERPARTY',
      errors: [{ field: 'quote_id' }],
    });
    expect(body.checks).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/paise|Rs /);
    expect((await readRfq(m.bank!.token, rfq)).trade).toBeNull();

    await corporateFiguresToday('50');
    const mark = await lastCheckId();
    const accepted = await rfqCall(m.bank!.token, `/${rfq}/accept`, { quote_id: quoteId });
    expect(accepted.status).toBe(200);
    const done = await accepted.json();
    // Reported as a negotiated trade, the FPI dealer as the buyer.
    const reported = await loadReportTradesByRef(api.deps.orm.em.fork(), [
      { source: 'TRADE', tradeRef: done.trade.trade_id },
    ]);
    expect(reported.get(`TRADE:${done.trade.trade_id}`)).toMatchObject({
      mechanism: 'NEGOTIATED',
      buyer: { participantCode: `RQFDL${suffix}`, category: 'FPI' },
    });
    expect(done).toMatchObject({
      state: 'ACCEPTED',
      trade: {
        buyer_participant_id: m.fpiDealer!.participantId,
        seller_participant_id: m.bank!.participantId,
      },
    });
    expect((await checksSince(mark)).map((c) => [c.subjectType, c.participantId, c.passed])).toEqual([
      ['RFQ_ACCEPT', m.bank!.participantId, true],
      ['RFQ_ACCEPT', m.fpiDealer!.participantId, true],
    ]);
  });
});
