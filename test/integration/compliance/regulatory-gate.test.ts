import { removeTodaysFpiLimits } from '../../support/fpi-limits';
import { enforceRegulatoryChecks } from '../../../api/areas/compliance/regulatory-gate';
import { Problem } from '../../../api/http/problem';
import { RegulatoryCheckRecord } from '../../../db/entities';
import { istDate } from '../../../domain/compliance/reports/report-values';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { insertTrade, onboard } from './reporting-fixtures';

let api: TestApi;
let admin: string;
const suffix = String(process.pid % 100_000);
const ids: Record<string, number> = {};

beforeAll(async () => {
  api = await startTestApi();
  const rows = (
    await api.deps.pg.query(
      `select (select id from participants where code = 'NORFPI') as fpi, (select id from participants where code = 'KOTAKB') as bank,
            (select id from bonds where code = 'BOND_006') as sdl, (select id from bonds where code = 'BOND_010') as corporate`,
    )
  ).rows[0];
  Object.assign(ids, rows);
  // Today's published figures: the SDL limit over-used by Rs 1 crore (other suites' FPI trades of
  // today move it by less), about Rs 1 lakh left of the corporate one (read back with today's flows).
  admin = await api.login('admin@bondx.local');
  const today = istDate(new Date());
  const up = await api.call('POST', '/api/v1/compliance/fpi-limits', {
    token: admin,
    raw: `as_of,category,limit_crore,utilised_crore\n${today},SDL,100,101\n${today},CORPORATE,100,99.99\n`,
    headers: { 'content-type': 'text/csv' },
  });
  expect(up.status).toBe(200);
});
afterAll(async () => {
  await removeTodaysFpiLimits(api.deps.pg);
  await api.stop();
});

const checksOf = (participantId: number, bondId: number) =>
  api.deps.orm.em.fork().find(RegulatoryCheckRecord, { participantId, bondId }, { orderBy: { id: 'asc' } });

/** Today's CORPORATE figures as the compliance API shows them (published plus BondX flows since). */
const corporateToday = async () => {
  const res = await api.call('GET', '/api/v1/compliance/fpi-limits', { token: admin });
  const { items } = await res.json();
  return items.find((l: { category: string }) => l.category === 'CORPORATE') as Record<string, string>;
};
const rupees = (paise: bigint) => `${paise / 100n}.${String(paise % 100n).padStart(2, '0')}`;

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Problem);
  return (err as Problem).toJSON();
};

describe('pre-trade regulatory checks', () => {
  test('when an FPI buys a security whose national limit is exhausted, then the order is refused with the reason and the check is recorded', async () => {
    const fpi = await api.login('fpi1@bondx.local');
    const clientOrderId = `reg-${process.pid}`;
    const res = await api.call('POST', '/api/v1/trading/orders', {
      token: fpi,
      body: {
        bond_id: 'BOND_006',
        order_type: 'LIMIT',
        side: 'BUY',
        quantity: '10000',
        price: '100.50',
        time_in_force: 'DAY',
        client_order_id: clientOrderId,
      },
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({
      reason: 'FPI_LIMIT_EXHAUSTED',
      type: '/errors/regulatory/fpi-limit-exhausted',
    });
    expect(body.errors[0]).toMatchObject({ field: 'quantity' });
    expect(body.detail).toMatch(/national limit for SDL is exhausted/);
    const orders = await api.deps.pg.query('select 1 from orders where client_order_id = $1', [
      clientOrderId,
    ]);
    expect(orders.rowCount).toBe(0);
    const [check] = (await checksOf(ids.fpi!, ids.sdl!)).slice(-1);
    expect(check).toMatchObject({
      subjectType: 'ORDER',
      side: 'BUY',
      passed: false,
      isFpi: true,
      fpiCategory: 'SDL',
      reasons: 'FPI_LIMIT_EXHAUSTED',
      faceValuePaise: '1000000',
    });
  });

  test('when an FPI bids up to the free limit exactly, then it passes, and a paisa over is refused; both are recorded', async () => {
    const free = BigInt((await corporateToday()).free_paise!);
    await enforceRegulatoryChecks(api.deps.pg, {
      subjectType: 'BID',
      participantId: ids.fpi!,
      bondId: ids.corporate!,
      side: 'BUY',
      faceValue: rupees(free),
      field: 'amount',
    });
    const over = await refusal(
      enforceRegulatoryChecks(api.deps.pg, {
        subjectType: 'BID',
        participantId: ids.fpi!,
        bondId: ids.corporate!,
        side: 'BUY',
        faceValue: rupees(free + 1n),
        field: 'amount',
      }),
    );
    expect(over).toMatchObject({
      status: 422,
      reason: 'FPI_LIMIT_INSUFFICIENT',
      errors: [{ field: 'amount' }],
    });
    const checks = (await checksOf(ids.fpi!, ids.corporate!)).slice(-2);
    expect(checks.map((c) => [c.subjectType, c.passed, c.reasons ?? null])).toEqual([
      ['BID', true, null],
      ['BID', false, 'FPI_LIMIT_INSUFFICIENT'],
    ]);
  });

  test('when a sale would leave a short over the limit, then it is refused; a domestic buy is not FPI-checked', async () => {
    // BOND_006 is an SDL (not liquid): the higher of 1% of Rs 3,000 crore and Rs 250 crore.
    const short = await refusal(
      enforceRegulatoryChecks(api.deps.pg, {
        subjectType: 'ORDER',
        participantId: ids.bank!,
        bondId: ids.sdl!,
        side: 'SELL',
        faceValue: '2500000100.00',
        field: 'quantity',
      }),
    );
    expect(short).toMatchObject({ reason: 'SHORT_SALE_LIMIT_EXCEEDED' });
    await enforceRegulatoryChecks(api.deps.pg, {
      subjectType: 'ORDER',
      participantId: ids.bank!,
      bondId: ids.sdl!,
      side: 'BUY',
      faceValue: '10000',
      field: 'quantity',
    });
    const [last] = (await checksOf(ids.bank!, ids.sdl!)).slice(-1);
    expect(last).toMatchObject({ passed: true, isFpi: false, fpiCategory: null });
    expect((last!.outcomes as { check: string }[]).map((o) => o.check)).toEqual(['SHORT_SALE_LIMIT']);
  });

  test('when FPIs bought on BondX since the figures were published, then the free limit is less by their net purchases', async () => {
    const fpi = await onboard(api, admin, `RGFPI${suffix}`, 'FPI');
    const bank = await onboard(api, admin, `RGBANK${suffix}`, 'BANK');
    const before = await corporateToday();
    // Today, after the publication date's start: the FPI buys Rs 50,000 and sells Rs 20,000 back.
    for (const [buyerId, sellerId, quantity] of [
      [fpi, bank, '50000.00'],
      [bank, fpi, '20000.00'],
    ] as const)
      await insertTrade(api.deps.orm, {
        bondCode: 'BOND_010',
        buyerId,
        sellerId,
        price: '100.0000',
        quantity,
        executedAt: new Date(),
      });
    const after = await corporateToday();
    expect(after.published_utilised_paise).toBe(before.published_utilised_paise);
    expect(BigInt(after.bondx_net_since_paise!) - BigInt(before.bondx_net_since_paise!)).toBe(3_000_000n);
    expect(BigInt(before.free_paise!) - BigInt(after.free_paise!)).toBe(3_000_000n);
    expect(BigInt(after.utilised_paise!)).toBe(
      BigInt(after.published_utilised_paise!) + BigInt(after.bondx_net_since_paise!),
    );
    // The gate counts them too: the old free amount is now Rs 30,000 too much.
    const over = await refusal(
      enforceRegulatoryChecks(api.deps.pg, {
        subjectType: 'ORDER',
        participantId: fpi,
        bondId: ids.corporate!,
        side: 'BUY',
        faceValue: rupees(BigInt(before.free_paise!)),
        field: 'quantity',
      }),
    );
    expect(over).toMatchObject({ reason: 'FPI_LIMIT_INSUFFICIENT' });
    const [check] = (await checksOf(fpi, ids.corporate!)).slice(-1);
    expect((check!.outcomes as { figures: Record<string, string> }[])[0]!.figures).toMatchObject({
      bondx_net_since_paise: after.bondx_net_since_paise,
      free_paise: after.free_paise,
    });
  });
});
