import { removeTodaysFpiLimits } from '../../support/fpi-limits';
import { CheckOverride, ComplianceException, RegulatoryCheckRecord } from '../../../db/entities';
import { istDate } from '../../../domain/compliance/reports/report-values';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { inSeconds } from '../../support/auction-harness';
import { auditTrail } from '../../support/audit-trail';
import { createCorporateBond } from '../../support/member-fixtures';
import type { TestWorker } from '../../support/temporal-worker';
import { onboard, startReportingWorker, until } from './reporting-fixtures';

let api: TestApi;
let worker: TestWorker;
let folders: Awaited<ReturnType<typeof startReportingWorker>>['folders'];
let admin: string;
let officer: string;
const suffix = String(process.pid % 100_000).padStart(5, '0');
const BOND = `OVR${suffix}`;
const PASSWORD = 'check-override-1';
let bondId: number;
let fpi: { participantId: number; token: string };
const today = istDate(new Date());

/** An FPI of the test's own with one TRADER user (each test that opens an FPI_LIMIT exception needs its own). */
async function fpiMember(code: string) {
  const participantId = await onboard(api, admin, code, 'FPI');
  const username = `${code.toLowerCase()}@test.bondx.local`;
  const user = await api.call('POST', '/api/v1/users', {
    token: admin,
    body: {
      username,
      display_name: code,
      password: PASSWORD,
      participant_id: participantId,
      roles: ['TRADER'],
    },
  });
  expect(user.status).toBe(201);
  return { participantId, token: await api.login(username, PASSWORD) };
}

beforeAll(async () => {
  api = await startTestApi();
  ({ folders, worker } = await startReportingWorker(api, 'check-overrides'));
  admin = await api.login('admin@bondx.local');
  officer = await api.login('compliance@bondx.local');
  await createCorporateBond(api, admin, BOND, `OV${suffix}0`.slice(0, 8), {
    rating: 'AA',
    coupon_pct: '8.20',
    maturity_date: '2032-06-30',
  });
  bondId = (await api.deps.pg.query('select id from bonds where code = $1', [BOND])).rows[0].id;
  await api.deps.pg.query('update bonds set reference_price = 100 where id = $1', [bondId]);
  fpi = await fpiMember(`OVFPI${suffix}`);
  // Today's CORPORATE national limit over-used by Rs 1 crore: every FPI buy of the bond is refused.
  const up = await api.call('POST', '/api/v1/compliance/fpi-limits', {
    token: admin,
    raw: `as_of,category,limit_crore,utilised_crore\n${today},CORPORATE,100,101\n`,
    headers: { 'content-type': 'text/csv' },
  });
  expect(up.status).toBe(200);
});
afterAll(async () => {
  await removeTodaysFpiLimits(api.deps.pg);
  await worker.close();
  await api.stop();
  folders.remove();
});

const buy = (quantity: string) =>
  api.call('POST', '/api/v1/trading/orders', {
    token: fpi.token,
    body: {
      bond_id: BOND,
      order_type: 'LIMIT',
      side: 'BUY',
      quantity,
      price: '100.00',
      time_in_force: 'DAY',
    },
  });
const grant = (body: Record<string, unknown>, token = officer) =>
  api.call('POST', '/api/v1/compliance/check-overrides', { token, body });
const fpiLimitOverride = (extra: Record<string, unknown> = {}) => ({
  participant_id: fpi.participantId,
  check: 'FPI_LIMIT',
  bond_id: BOND,
  max_quantity: '10000',
  reason: 'RBI approval of a one-off purchase',
  expires_at: inSeconds(3600),
  ...extra,
});
const lastCheck = async (participantId = fpi.participantId) =>
  (
    await api.deps.orm.em
      .fork()
      .find(RegulatoryCheckRecord, { participantId, bondId }, { orderBy: { id: 'desc' }, limit: 1 })
  )[0]!;
const listed = async (query = '') =>
  (
    await (
      await api.call(
        'GET',
        `/api/v1/compliance/check-overrides?participant_id=${fpi.participantId}${query}`,
        { token: officer },
      )
    ).json()
  ).items as Record<string, unknown>[];

describe('compliance overrides of pre-trade checks', () => {
  test('when an officer overrides a refused FPI limit, then the order passes once, the check is marked with the override, the trail and the FPI report show it', async () => {
    const refused = await buy('10000');
    expect(refused.status).toBe(422);
    expect((await refused.json()).reason).toBe('FPI_LIMIT_EXHAUSTED');

    const granted = await grant(fpiLimitOverride());
    expect(granted.status).toBe(201);
    const override = await granted.json();
    expect(override).toMatchObject({
      participant_id: fpi.participantId,
      check: 'FPI_LIMIT',
      fpi_category: null,
      max_quantity: '10000.00',
      used_quantity: '0.00',
      status: 'ACTIVE',
    });

    expect((await buy('10000')).status).toBe(201);
    const check = await lastCheck();
    expect(check).toMatchObject({ subjectType: 'ORDER', passed: true, overridden: true, reasons: null });
    expect((check.outcomes as Record<string, unknown>[])[0]).toMatchObject({
      check: 'FPI_LIMIT',
      passed: true,
      reason: 'FPI_LIMIT_EXHAUSTED',
      overrideId: override.override_id,
    });
    // Used up: the next buy is refused again.
    expect((await buy('10000')).status).toBe(422);
    expect(await listed()).toContainEqual(
      expect.objectContaining({
        override_id: override.override_id,
        used_quantity: '10000.00',
        uses: 1,
        status: 'USED_UP',
      }),
    );
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'check_override',
      subjectId: String(override.override_id),
    });
    expect(trail.map((e) => e.action)).toEqual(['CHECK_OVERRIDE_GRANTED', 'CHECK_OVERRIDE_USED']);
    expect(trail[1]!.details).toMatchObject({
      subject_type: 'ORDER',
      participant_id: fpi.participantId,
      face_value_paise: '1000000',
      used_paise: '1000000',
    });

    // Today's FPI report: the one overridden check (no other suite grants overrides).
    const start = await api.call('POST', '/api/v1/compliance/reports', {
      token: officer,
      body: { report_type: 'FPI_UTILISATION', period: today },
    });
    let run = await start.json();
    if (start.status === 200) {
      const rerun = await api.call('POST', `/api/v1/compliance/reports/${run.report_run_id}/rerun`, {
        token: officer,
        body: { reason: 'count today\u2019s overridden checks' },
      });
      expect(rerun.status).toBe(201);
      run = await rerun.json();
    }
    const done = await until(
      async () =>
        (await api.call('GET', `/api/v1/compliance/reports/${run.report_run_id}`, { token: officer })).json(),
      (r) => r.status !== 'RUNNING',
    );
    expect(done.status).toBe('SUCCEEDED');
    const report = await (
      await api.call('GET', `/api/v1/compliance/reports/${run.report_run_id}/download?format=json`, {
        token: officer,
      })
    ).json();
    expect(report.evidence.overridden).toBe(1);
  });

  test('when several orders race for one override, then exactly one passes and it is used once', async () => {
    const override = await (await grant(fpiLimitOverride({ reason: 'race' }))).json();
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => buy('10000')))).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 422, 422, 422, 422, 422]);
    const [used] = await api.deps.orm.em.fork().find(CheckOverride, override.override_id);
    expect(used).toMatchObject({ usedPaise: '1000000', uses: 1 });
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'check_override',
      subjectId: String(override.override_id),
    });
    expect(trail.map((e) => e.action)).toEqual(['CHECK_OVERRIDE_GRANTED', 'CHECK_OVERRIDE_USED']);
  });

  test('when an override has expired or is revoked, then it lifts nothing; revoking is audited once', async () => {
    const expiring = await (await grant(fpiLimitOverride({ reason: 'expires' }))).json();
    await api.deps.orm.em
      .fork()
      .nativeUpdate(CheckOverride, expiring.override_id, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await buy('10000');
    expect(expired.status).toBe(422);
    expect((await expired.json()).reason).toBe('FPI_LIMIT_EXHAUSTED');

    // Scoped to the FPI category this time: it would cover the bond.
    const toRevoke = await (
      await grant(fpiLimitOverride({ bond_id: undefined, fpi_category: 'CORPORATE', reason: 'revoked' }))
    ).json();
    const revoke = (id: number, token = officer) =>
      api.call('POST', `/api/v1/compliance/check-overrides/${id}/revoke`, {
        token,
        body: { reason: 'approval withdrawn' },
      });
    const revoked = await revoke(toRevoke.override_id);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ status: 'REVOKED', revoke_reason: 'approval withdrawn' });
    expect((await buy('10000')).status).toBe(422);
    expect(await lastCheck()).toMatchObject({ passed: false, overridden: false });
    expect((await revoke(toRevoke.override_id)).status).toBe(409);
    expect((await revoke(99_999_999)).status).toBe(404);

    expect((await listed('&status=EXPIRED')).map((o) => o.override_id)).toEqual([expiring.override_id]);
    expect((await listed('&status=REVOKED')).map((o) => o.override_id)).toEqual([toRevoke.override_id]);
    expect(await listed('&status=ACTIVE')).toEqual([]);
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'check_override',
      subjectId: String(toRevoke.override_id),
    });
    expect(trail.map((e) => e.action)).toEqual(['CHECK_OVERRIDE_GRANTED', 'CHECK_OVERRIDE_REVOKED']);
  });

  test('when anyone but a compliance officer grants, lists or revokes, then 403; bad input names the field', async () => {
    const trader = await api.login('trader1@bondx.local');
    expect((await grant(fpiLimitOverride(), trader)).status).toBe(403);
    expect((await grant(fpiLimitOverride(), admin)).status).toBe(403);
    expect((await api.call('GET', '/api/v1/compliance/check-overrides', { token: trader })).status).toBe(403);
    expect(
      (
        await api.call('POST', '/api/v1/compliance/check-overrides/1/revoke', {
          token: trader,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);

    const bank = await onboard(api, admin, `OVBNK${suffix}`, 'BANK');
    const cases: [Record<string, unknown>, string][] = [
      [fpiLimitOverride({ reason: ' ' }), 'reason'],
      [fpiLimitOverride({ expires_at: new Date(Date.now() - 60_000).toISOString() }), 'expires_at'],
      [fpiLimitOverride({ max_quantity: '0' }), 'max_quantity'],
      [fpiLimitOverride({ check: 'PRICE_BAND' }), 'check'],
      [fpiLimitOverride({ fpi_category: 'CORPORATE' }), 'bond_id'],
      [
        fpiLimitOverride({ check: 'POSITION_LIMIT', bond_id: undefined, fpi_category: 'SDL' }),
        'fpi_category',
      ],
      [fpiLimitOverride({ bond_id: 'NO_SUCH_BOND' }), 'bond_id'],
      [fpiLimitOverride({ participant_id: bank }), 'participant_id'],
    ];
    for (const [body, field] of cases) {
      const res = await grant(body);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await res.json()).errors[0].field).toBe(field);
    }
  });

  test('when an FPI bid is refused by the national limit, then an FPI_LIMIT exception opens; with an override the bid is placed and the use consumed', async () => {
    const bidder = await fpiMember(`OVBID${suffix}`);
    const auctionAdmin = await api.login('auctionadmin@bondx.local');
    const created = await api.call('POST', '/api/v1/auctions/', {
      token: auctionAdmin,
      body: {
        auction_code: `T_OVR_${suffix}_${Date.now()}`,
        auction_name: 'Override bid test',
        auction_type: 'DUTCH',
        bond_isin: BOND,
        total_lot_size: 1000000,
        minimum_lot_size: 10000,
        reserve_price: 95.5,
        bidding_start_time: inSeconds(1),
        // Long enough that it never clears during the suite (no allotment moves the FPI flows).
        bidding_end_time: inSeconds(6 * 3600),
        settlement_delay_seconds: 0,
      },
    });
    expect(created.status).toBe(201);
    const auction = await created.json();
    await until(
      async () =>
        (await api.call('GET', `/api/v1/auctions/${auction.auction_id}`, { token: auctionAdmin })).json(),
      (a) => a.state === 'BIDDING',
    );
    const bid = (clientBidId: string) =>
      api.call('POST', `/api/v1/auctions/${auction.auction_id}/bids`, {
        token: bidder.token,
        body: { client_bid_id: clientBidId, price: '99.50', amount: 10000 },
      });

    const refused = await bid('ovr-1');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      reason: 'FPI_LIMIT_EXHAUSTED',
      errors: [{ field: 'amount' }],
    });
    expect(await lastCheck(bidder.participantId)).toMatchObject({
      subjectType: 'BID',
      passed: false,
      reasons: 'FPI_LIMIT_EXHAUSTED',
    });
    const dedupKey = `fpi-limit:${bidder.participantId}:CORPORATE:${today}`;
    const [exception] = await until(
      () => api.deps.orm.em.fork().find(ComplianceException, { dedupKey }),
      (rows) => rows.length > 0,
    );
    expect(exception).toMatchObject({ kind: 'FPI_LIMIT', status: 'OPEN' });
    expect(exception!.evidence).toMatchObject({
      participant_id: bidder.participantId,
      bond_id: bondId,
      subject_type: 'BID',
      fpi_category: 'CORPORATE',
      reason: 'FPI_LIMIT_EXHAUSTED',
      face_value_paise: '1000000',
    });

    const override = await (
      await grant(
        fpiLimitOverride({
          participant_id: bidder.participantId,
          bond_id: undefined,
          fpi_category: 'CORPORATE',
          reason: 'auction',
        }),
      )
    ).json();
    expect((await bid('ovr-2')).status).toBe(201);
    const check = await lastCheck(bidder.participantId);
    expect(check).toMatchObject({ subjectType: 'BID', passed: true, overridden: true });
    expect((check.outcomes as Record<string, unknown>[])[0]).toMatchObject({
      overrideId: override.override_id,
    });
    expect((await bid('ovr-3')).status).toBe(422);
    const [used] = await api.deps.orm.em.fork().find(CheckOverride, override.override_id);
    expect(used).toMatchObject({ usedPaise: '1000000', uses: 1 });
  });
});
