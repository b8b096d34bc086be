import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createPaymentActivities } from '../../../activities/corporate-actions/payment-activities';
import { istDate } from '../../../domain/auctions/settlement-date';
import { addDays, addMonths, formatCivilDate, parseCivilDate } from '../../../domain/bonds';
import { loadBusinessCalendar } from '../../../db/calendar/holiday-store';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail } from '../../support/audit-trail';
import { createTestBond, postBackdated, type TestBondTerms } from '../../support/post-trade';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';

// Demo participants: KOTAKB (5), SBIMF (6) and LICI (7) hold the test bonds; BONDX (1) is the paying agent.
const VENUE = 1;
const KOTAKB = 5;
const SBIMF = 6;
const LICI = 7;

let api: TestApi;
let worker: TestWorker;
let ops: string;
let trader: string;
const today = istDate(Date.now());
const shift = (date: string, days: number) => formatCivilDate(addDays(parseCivilDate(date), days));
const years = (date: string, n: number) => formatCivilDate(addMonths(parseCivilDate(date), 12 * n));

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'bond-payments');
  api.deps.config.temporal.taskQueue = worker.config.temporal.taskQueue;
  [ops, trader] = await Promise.all([api.login('ops@bondx.local'), api.login('trader1@bondx.local')]);
});

afterAll(async () => {
  await worker.close();
  await api.stop();
});

const cash = async (participantId: number) =>
  (
    await api.deps.pg.query('select balance::text as b from cash_accounts where participant_id = $1', [
      participantId,
    ])
  ).rows[0]?.b ?? '0.00';

const schedule = async (code: string) =>
  (await (await api.call('GET', `/api/v1/bonds/${code}/payments`, { token: trader })).json()).items as Array<
    Record<string, string>
  >;

const journal = async (reference: string) =>
  (
    await api.deps.pg.query(
      `select e.participant_id, e.asset, e.amount::text as amount from ledger_entries e
         join ledger_journals j on j.id = e.journal_id where j.reference = $1 order by e.asset, e.participant_id`,
      [reference],
    )
  ).rows;

/** A payment of the bond's schedule, asked for by operations. */
const pay = (code: string, kind: string, scheduledDate: string) =>
  api.call('POST', `/api/v1/bonds/${code}/payments`, {
    token: ops,
    body: { kind, scheduled_date: scheduledDate },
  });

const holderCash = async () => ({
  kotak: await cash(KOTAKB),
  sbimf: await cash(SBIMF),
  lic: await cash(LICI),
});

const testBond = async (terms: TestBondTerms) =>
  createTestBond(api, await api.login('admin@bondx.local'), terms);

const paymentActivities = () =>
  createPaymentActivities({
    orm: api.deps.orm,
    log: pino({ level: 'silent' }),
    config: api.deps.config,
    temporal: worker.client,
    wsEvents: api.deps.wsEvents,
    redis: api.deps.redis,
    riskQueue: api.deps.queues[0]!,
    metrics: new Registry(),
  });

/** Holdings of the ISIN moved by a journal posted at `postedAt`: [participant, quantity] pairs that net to zero. */
const moveHoldings = (isin: string, reference: string, postedAt: string, moves: [number, string][]) =>
  postBackdated(
    api,
    reference,
    postedAt,
    moves.map(([participantId, amount]) => ({ participantId, asset: isin, amount })),
  );

/** A record date's close is 18:30 UTC the evening before the next day in India. */
const beforeClose = (date: string, daysBefore: number) => `${shift(date, -daysBefore)}T06:00:00Z`;

describe('coupons and redemptions', () => {
  test('when a coupon falls due, then the holders of record at the record date are paid by hand-checked amounts in one balanced journal, once', async () => {
    // A 7% semi-annual 30/360 bond whose latest coupon date was four days ago (within the run's look-back).
    const lastCoupon = shift(today, -4);
    const bond = await testBond({
      code: 'CPN_GS_TEST',
      isinStem: 'IN0020CPN01',
      couponPct: '7.00',
      issueDate: years(lastCoupon, -5),
      maturityDate: years(lastCoupon, 5),
    });
    const due = (await schedule(bond.code)).find(
      (p) => p.kind === 'COUPON' && p.scheduled_date === lastCoupon,
    )!;
    expect(due).toMatchObject({ status: 'DUE', amount_per_100: '3.500000' });
    // The calendar decides: the payment is on or before the date of the terms, the record date a business day earlier.
    const calendar = await loadBusinessCalendar(api.deps.orm.em.fork() as EntityManager, 'RBI_SGL');
    expect(calendar.isBusinessDay(parseCivilDate(due.payment_date!))).toBe(true);
    expect(due.payment_date! <= lastCoupon).toBe(true);
    expect(calendar.settlementDate(due.record_date!, 1)).toBe(due.payment_date);

    // KOTAKB and SBIMF held before the record date; LICI bought after it and gets nothing.
    await moveHoldings(bond.isin, `test:cpn:${bond.isin}:1`, beforeClose(due.record_date!, 5), [
      [KOTAKB, '100000.00'],
      [SBIMF, '50000.00'],
      [VENUE, '-150000.00'],
    ]);
    await moveHoldings(bond.isin, `test:cpn:${bond.isin}:2`, new Date().toISOString(), [
      [LICI, '30000.00'],
      [VENUE, '-30000.00'],
    ]);
    const before = await holderCash();

    // The daily run would find it.
    const acts = paymentActivities();
    expect(await acts.duePayments()).toContainEqual({
      bondId: bond.id,
      isin: bond.isin,
      kind: 'COUPON',
      scheduledDate: lastCoupon,
    });

    const paid = await pay(bond.code, 'COUPON', lastCoupon);
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ total_amount: '5250.00', holder_count: 2, paid_now: true });
    // 100,000 x 3.5% = 3,500.00; 50,000 x 3.5% = 1,750.00, from the paying agent's 5,250.00.
    expect(await journal(`coupon:${bond.isin}:${lastCoupon}`)).toEqual([
      { participant_id: VENUE, asset: 'INR', amount: '-5250.00' },
      { participant_id: KOTAKB, asset: 'INR', amount: '3500.00' },
      { participant_id: SBIMF, asset: 'INR', amount: '1750.00' },
    ]);
    expect(Number(await cash(KOTAKB)) - Number(before.kotak)).toBeCloseTo(3500, 2);
    expect(Number(await cash(SBIMF)) - Number(before.sbimf)).toBeCloseTo(1750, 2);
    expect(await cash(LICI)).toBe(before.lic);

    const again = await pay(bond.code, 'COUPON', lastCoupon);
    expect(await again.json()).toMatchObject({ total_amount: '5250.00', paid_now: false });
    expect(await journal(`coupon:${bond.isin}:${lastCoupon}`)).toHaveLength(3);
    expect((await schedule(bond.code)).find((p) => p.scheduled_date === lastCoupon)).toMatchObject({
      status: 'PAID',
      total_amount: '5250.00',
    });

    // A coupon not yet due is refused, naming the date.
    const future = (await schedule(bond.code)).find((p) => p.status === 'SCHEDULED')!;
    const early = await pay(bond.code, 'COUPON', future.scheduled_date!);
    expect(early.status).toBe(422);
    expect((await early.json()).errors[0].field).toBe('scheduled_date');
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'bond',
      subjectId: bond.isin,
      action: 'BOND_COUPON_PAID',
    });
    expect(trail).toHaveLength(1);
  });

  test('when a bond matures, then holders of record get the last coupon and the face value, and every holding is extinguished', async () => {
    const maturity = shift(today, -3);
    const bond = await testBond({
      code: 'RED_GS_TEST',
      isinStem: 'IN0020RED01',
      couponPct: '7.00',
      issueDate: years(maturity, -2),
      maturityDate: maturity,
    });
    const items = await schedule(bond.code);
    const redemption = items.find((p) => p.kind === 'REDEMPTION')!;
    expect(redemption).toMatchObject({
      scheduled_date: maturity,
      amount_per_100: '100.000000',
      status: 'DUE',
    });
    await moveHoldings(bond.isin, `test:red:${bond.isin}`, beforeClose(redemption.record_date!, 5), [
      [KOTAKB, '20000.00'],
      [VENUE, '-20000.00'],
    ]);
    const listed = async () =>
      (await (await api.call('GET', `/api/v1/bonds/${bond.code}`, { token: ops })).json()).is_tradable;
    // Read once so the bond is in the reference-data cache: the redemption must invalidate it.
    expect(await listed()).toBe(true);
    const before = await cash(KOTAKB);
    for (const kind of ['COUPON', 'REDEMPTION']) {
      const res = await pay(bond.code, kind, maturity);
      expect(res.status).toBe(200);
    }
    // 700.00 of coupon and 20,000.00 of principal.
    expect(Number(await cash(KOTAKB)) - Number(before)).toBeCloseTo(20700, 2);
    expect(await journal(`redemption:${bond.isin}:${maturity}`)).toEqual([
      { participant_id: VENUE, asset: bond.isin, amount: '20000.00' },
      { participant_id: KOTAKB, asset: bond.isin, amount: '-20000.00' },
      { participant_id: VENUE, asset: 'INR', amount: '-20000.00' },
      { participant_id: KOTAKB, asset: 'INR', amount: '20000.00' },
    ]);
    const holding = await api.deps.pg.query(
      'select quantity::text as q from security_holdings where isin = $1 and participant_id = $2',
      [bond.isin, KOTAKB],
    );
    expect(holding.rows[0].q).toBe('0.00');
    // Securities are conserved: every entry in the ISIN nets to zero over all accounts.
    const total = await api.deps.pg.query(
      'select sum(amount)::text as s from ledger_entries where asset = $1',
      [bond.isin],
    );
    expect(Number(total.rows[0].s)).toBe(0);
    const tradable = await api.deps.pg.query('select is_tradable from bonds where id = $1', [bond.id]);
    expect(tradable.rows[0].is_tradable).toBe(false);
    expect(await listed()).toBe(false);
  });

  test('when holdings moved after the record date, then the redemption is refused; once they are back as of record, the holders of record are paid and exactly their holdings extinguished', async () => {
    const maturity = shift(today, -2);
    const bond = await testBond({
      code: 'RED_SHUT_TEST',
      isinStem: 'IN0020RSH01',
      couponPct: '6.00',
      issueDate: years(maturity, -3),
      maturityDate: maturity,
    });
    const redemption = (await schedule(bond.code)).find((p) => p.kind === 'REDEMPTION')!;
    await moveHoldings(bond.isin, `test:rsh:${bond.isin}:1`, beforeClose(redemption.record_date!, 5), [
      [KOTAKB, '30000.00'],
      [SBIMF, '10000.00'],
      [VENUE, '-40000.00'],
    ]);
    // In the shut period SBIMF passes 10,000 to LICI: paying SBIMF (of record) but extinguishing LICI's would disagree.
    await moveHoldings(bond.isin, `test:rsh:${bond.isin}:2`, new Date().toISOString(), [
      [SBIMF, '-10000.00'],
      [LICI, '10000.00'],
    ]);
    const before = await holderCash();
    const redeem = () => pay(bond.code, 'REDEMPTION', maturity);
    const refused = await redeem();
    expect(refused.status).toBe(422);
    const problem = await refused.json();
    expect(problem.errors[0]).toMatchObject({ field: 'scheduled_date' });
    expect(problem.errors[0].message).toContain(
      `participant(s) ${SBIMF}, ${LICI} differ from the record date's`,
    );
    expect(await journal(`redemption:${bond.isin}:${maturity}`)).toEqual([]);
    expect(await cash(KOTAKB)).toBe(before.kotak);

    // Operations undo the movement; the holders of record are paid and only their holdings go.
    await moveHoldings(bond.isin, `test:rsh:${bond.isin}:3`, new Date().toISOString(), [
      [LICI, '-10000.00'],
      [SBIMF, '10000.00'],
    ]);
    const paid = await redeem();
    // The workflow id of the refused attempt is reused for the retry.
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ total_amount: '40000.00', holder_count: 2, paid_now: true });
    expect(await journal(`redemption:${bond.isin}:${maturity}`)).toEqual([
      { participant_id: VENUE, asset: bond.isin, amount: '40000.00' },
      { participant_id: KOTAKB, asset: bond.isin, amount: '-30000.00' },
      { participant_id: SBIMF, asset: bond.isin, amount: '-10000.00' },
      { participant_id: VENUE, asset: 'INR', amount: '-40000.00' },
      { participant_id: KOTAKB, asset: 'INR', amount: '30000.00' },
      { participant_id: SBIMF, asset: 'INR', amount: '10000.00' },
    ]);
    expect(await cash(LICI)).toBe(before.lic);
    const left = await api.deps.pg.query(
      'select participant_id, quantity::text as q from security_holdings where isin = $1 and quantity <> 0',
      [bond.isin],
    );
    expect(left.rows).toEqual([]);
  });

  test('when a bond reaches its redemption record date, then the daily run halts trading in it; one before its record date trades on', async () => {
    const admin = await api.login('admin@bondx.local');
    const calendar = await loadBusinessCalendar(api.deps.orm.em.fork() as EntityManager, 'RBI_SGL');
    // SHUT_NOW matures on the next business day (record date: today); SHUT_LATER three business days on.
    const later = calendar.settlementDate(today, 3);
    const soon = await createTestBond(api, admin, {
      code: 'SHUT_NOW_TEST',
      isinStem: 'IN0020SHN01',
      issueDate: years(today, -2),
      maturityDate: calendar.settlementDate(today, 1),
    });
    const notYet = await createTestBond(api, admin, {
      code: 'SHUT_LATER_TEST',
      isinStem: 'IN0020SHL01',
      issueDate: years(today, -2),
      maturityDate: later,
    });
    const acts = paymentActivities();
    const apiSays = async (code: string) =>
      (await (await api.call('GET', `/api/v1/bonds/${code}`, { token: admin })).json()).is_tradable;
    // Read through the API's bond cache first: the halt in the worker must drop that entry.
    expect(await apiSays(soon.code)).toBe(true);
    const halted = await acts.haltShutPeriodTrading();
    expect(await apiSays(soon.code)).toBe(false);
    expect(halted).toContain(soon.isin);
    expect(halted).not.toContain(notYet.isin);
    const tradable = await api.deps.pg.query(
      'select isin, is_tradable from bonds where id = any($1::int[]) order by isin',
      [[soon.id, notYet.id]],
    );
    expect(Object.fromEntries(tradable.rows.map((r) => [r.isin, r.is_tradable]))).toEqual({
      [soon.isin]: false,
      [notYet.isin]: true,
    });
    expect(await acts.haltShutPeriodTrading()).not.toContain(soon.isin);
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'bond',
      subjectId: soon.isin,
      action: 'BOND_TRADING_HALTED',
    });
    expect(trail).toHaveLength(1);
  });
});
