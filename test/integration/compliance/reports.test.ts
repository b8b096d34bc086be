import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComplianceException, TradeReportObligation } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail } from '../../support/audit-trail';
import type { TestWorker } from '../../support/temporal-worker';
import { insertTrade, onboard, setHousePosition, startReportingWorker, until } from './reporting-fixtures';

let api: TestApi;
let worker: TestWorker;
let officer: string;
let admin: string;
let folders: Awaited<ReturnType<typeof startReportingWorker>>['folders'];
const suffix = String(process.pid % 100_000);
const ids: Record<string, number> = {};
// A past day no other suite trades on.
const PERIOD = '2026-03-02';
const FPI_REGISTRATION = `INSGFP${suffix.padStart(6, '0')}`;
const at = (hhmm: string) => new Date(`${PERIOD}T${hhmm}:00+05:30`);

beforeAll(async () => {
  api = await startTestApi();
  ({ folders, worker } = await startReportingWorker(api, 'reports'));
  officer = await api.login('compliance@bondx.local');
  admin = await api.login('admin@bondx.local');
  ids.bank = await onboard(api, admin, `RPBANK${suffix}`, 'BANK');
  ids.fpi = await onboard(api, admin, `RPFPI${suffix}`, 'FPI', { fpi_registration: FPI_REGISTRATION });
  await insertTrade(api.deps.orm, {
    bondCode: 'BOND_001',
    buyerId: ids.fpi!,
    sellerId: ids.bank!,
    price: '99.5000',
    quantity: '5000000.00',
    executedAt: at('10:15'),
  });
  await insertTrade(api.deps.orm, {
    bondCode: 'BOND_001',
    buyerId: ids.bank!,
    sellerId: ids.fpi!,
    price: '99.7500',
    quantity: '2000000.00',
    executedAt: at('11:30'),
  });
});
afterAll(async () => {
  await worker.close();
  await api.stop();
  folders.remove();
});

const start = (body: Record<string, unknown>) =>
  api.call('POST', '/api/v1/compliance/reports', { token: officer, body });
const get = async (id: number) =>
  (await api.call('GET', `/api/v1/compliance/reports/${id}`, { token: officer })).json();
const finished = (id: number) =>
  until(
    () => get(id),
    (r) => r.status !== 'RUNNING',
  );

describe('report runs on Temporal', () => {
  test('when the SEBI transaction report runs for a day, then it holds every trade of the day with its control record, stored and delivered with SHA-256s, and reconciles the trade reports', async () => {
    // One of the two trades was confirmed by the platform, the other was reported but not confirmed yet.
    const em = api.deps.orm.em.fork();
    const obligations = await em.find(
      TradeReportObligation,
      { executedAt: { $gte: at('00:00'), $lt: at('23:59') } },
      { orderBy: { executedAt: 'asc' } },
    );
    const ours = obligations.filter((o) => o.source === 'TRADE');
    expect(ours.map((o) => o.deadlineAt.getTime() - o.executedAt.getTime())).toEqual([900_000, 900_000]);
    await em.nativeUpdate(
      TradeReportObligation,
      { id: ours[0]!.id },
      { status: 'CONFIRMED', reportedAt: new Date(), confirmedAt: new Date() },
    );
    await em.nativeUpdate(
      TradeReportObligation,
      { id: ours[1]!.id },
      { status: 'REPORTED', reportedAt: new Date() },
    );

    const res = await start({ report_type: 'SEBI_TRANSACTIONS', period: PERIOD });
    expect(res.status).toBe(201);
    const started = await res.json();
    expect(started).toMatchObject({
      version: 1,
      workflow_id: `report-sebi-transactions-${PERIOD}`,
      triggered_by: { kind: 'USER' },
    });
    const run = await finished(started.report_run_id);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.row_counts).toEqual({ records: 2 });
    expect(run.control_totals).toMatchObject({
      report_date: PERIOD,
      batch_number: 1,
      record_count: 2,
      total_quantity_paise: '700000000',
      // 99.50 x 50 lakh + 99.75 x 20 lakh, clean.
      total_consideration_paise: String(4_975_000_00 + 1_995_000_00),
      reconciliation: { reported: 2, acknowledged: 1, unacknowledged: 1, not_yet_reported: 0 },
    });
    const csv = await api.call('GET', `/api/v1/compliance/reports/${run.report_run_id}/download`, {
      token: officer,
    });
    expect(csv.status).toBe(200);
    const body = await csv.text();
    const sha = createHash('sha256').update(body).digest('hex');
    expect(csv.headers.get('x-content-sha256')).toBe(sha);
    expect(run.artifacts.find((a: { format: string }) => a.format === 'csv').sha256).toBe(sha);
    const lines = body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      new RegExp(`^D,.*,CONTINUOUS,${PERIOD}T10:15:00.000\\+05:30,IN0020230085,500000000,99.5000,`),
    );
    // The FPI buyer's SEBI registration, the bank seller's left empty.
    expect(lines[1]).toContain(`,RPFPI${suffix},FPI,,${FPI_REGISTRATION},RPBANK${suffix},BANK,,,`);
    expect(lines[3]).toBe(
      `C,${PERIOD},1,2,700000000,697000000,${run.control_totals.total_accrued_interest_paise}`,
    );
    const json = await (
      await api.call('GET', `/api/v1/compliance/reports/${run.report_run_id}/download?format=json`, {
        token: officer,
      })
    ).json();
    expect(json.rows).toHaveLength(2);
    // The local gateway received exactly the stored files and acknowledged them.
    expect(run.delivery).toMatchObject({ gateway: 'local', reference: run.workflow_id });
    expect(
      readFileSync(join(folders.reporting.gateway.dir, run.workflow_id, 'sebi-transactions.csv'), 'utf8'),
    ).toBe(body);
    expect(existsSync(join(folders.reporting.gateway.dir, run.workflow_id, 'ack.json'))).toBe(true);
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'report_run',
      subjectId: String(run.report_run_id),
    });
    expect(trail.map((e) => e.action)).toEqual(['REPORT_RUN_STARTED', 'REPORT_RUN_SUCCEEDED']);
  });

  test('when the same period is started twice, then there is one run; a re-run with a reason is the next version and keeps the old', async () => {
    const [a, b] = await Promise.all([
      start({ report_type: 'POLICY_CORRIDOR', period: PERIOD, parameters: { msf: '9.00' } }),
      start({ report_type: 'POLICY_CORRIDOR', period: PERIOD, parameters: { msf: '9.00' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [first, second] = [await a.json(), await b.json()];
    expect(second.report_run_id).toBe(first.report_run_id);
    const run = await finished(first.report_run_id);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      control_totals: { trade_count: 2, msf: '9.0000', flagged_count: 0 },
    });

    const again = await start({ report_type: 'POLICY_CORRIDOR', period: PERIOD });
    expect(again.status).toBe(200);
    expect((await again.json()).report_run_id).toBe(first.report_run_id);

    const rerun = await api.call('POST', `/api/v1/compliance/reports/${first.report_run_id}/rerun`, {
      token: officer,
      body: { reason: 'corridor rates corrected', parameters: { sdf: '5.25', repo: '5.50', msf: '5.75' } },
    });
    expect(rerun.status).toBe(201);
    const v2 = await finished((await rerun.json()).report_run_id);
    expect(v2).toMatchObject({
      version: 2,
      workflow_id: `report-policy-corridor-${PERIOD}-v2`,
      reason: 'corridor rates corrected',
      status: 'SUCCEEDED',
      control_totals: { flagged_count: 2 },
    });
    // Trades outside the corridor open one exception for the report's day.
    const exceptions = await api.deps.orm.em
      .fork()
      .find(ComplianceException, { dedupKey: `report:POLICY_CORRIDOR:${PERIOD}` });
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]!.kind).toBe('PRICE_OUTSIDE_CORRIDOR');
    expect((await get(first.report_run_id)).status).toBe('SUCCEEDED');
    const list = await (
      await api.call(
        'GET',
        `/api/v1/compliance/reports?report_type=POLICY_CORRIDOR&period_from=${PERIOD}&period_to=${PERIOD}`,
        { token: officer },
      )
    ).json();
    expect(list.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
  });

  test('when national FPI limits are uploaded, then the FPI utilisation report sets them beside the FPI\u2019s buys and sells', async () => {
    const csv = `as_of,category,limit_crore,utilised_crore\n${PERIOD},GSEC_GENERAL,1000,400.5\n${PERIOD},FAR,,12\n`;
    const up = await api.call('POST', '/api/v1/compliance/fpi-limits', {
      token: admin,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ loaded: 2, dates: [PERIOD] });
    const limits = await (
      await api.call('GET', `/api/v1/compliance/fpi-limits?date=${PERIOD}`, { token: officer })
    ).json();
    // The FPI bought Rs 50 lakh and sold Rs 20 lakh on BondX on the publication day: Rs 30 lakh more used.
    expect(limits.items).toContainEqual({
      category: 'GSEC_GENERAL',
      as_of: PERIOD,
      limit_paise: '1000000000000',
      published_utilised_paise: '400500000000',
      bondx_net_since_paise: '300000000',
      utilised_paise: '400800000000',
      free_paise: '599200000000',
    });
    const started = await (await start({ report_type: 'FPI_UTILISATION', period: PERIOD })).json();
    const run = await finished(started.report_run_id);
    expect(run.status).toBe('SUCCEEDED');
    const json = await (
      await api.call('GET', `/api/v1/compliance/reports/${run.report_run_id}/download?format=json`, {
        token: officer,
      })
    ).json();
    expect(json.fpis).toContainEqual(
      expect.objectContaining({
        participant_code: `RPFPI${suffix}`,
        fpi_registration: FPI_REGISTRATION,
        category: 'GSEC_GENERAL',
        bondx_buys_paise: '500000000',
        bondx_sells_paise: '200000000',
      }),
    );
    expect(json.categories.find((c: { category: string }) => c.category === 'GSEC_GENERAL')).toMatchObject({
      published_as_of: PERIOD,
      national_utilised_paise: '400500000000',
      bondx_net_since_publication_paise: '300000000',
      utilised_paise: '400800000000',
      utilisation_bps: '4008',
    });

    const bad = await api.call('POST', '/api/v1/compliance/fpi-limits', {
      token: admin,
      raw: 'as_of,category,limit_crore,utilised_crore\n2026-03-02,NOPE,1,1\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('body');
  });

  test('when a short position is over the short-sale limit, then the position limits report shows the breach and opens an exception', async () => {
    // BOND_002 is a liquid G-sec: the limit is the higher of 2% of Rs 1,54,000 crore outstanding and Rs 500 crore.
    await setHousePosition(api.deps.orm, ids.bank!, 'BOND_002', '-60000000000.00');
    const started = await (await start({ report_type: 'POSITION_LIMITS', period: PERIOD })).json();
    const run = await finished(started.report_run_id);
    expect(run.status).toBe('SUCCEEDED');
    const csv = await (
      await api.call('GET', `/api/v1/compliance/reports/${run.report_run_id}/download`, { token: officer })
    ).text();
    expect(csv).toMatch(
      new RegExp(`${PERIOD},RPBANK${suffix},\\w+,-6000000000000,,\\d+,\\d+,SHORT_LIMIT_BREACH`),
    );
    const exceptions = await api.deps.orm.em
      .fork()
      .find(ComplianceException, { dedupKey: `report:POSITION_LIMITS:${PERIOD}` });
    expect(exceptions[0]).toMatchObject({ kind: 'LIMIT_BREACH' });
  });

  test('when a request is malformed, then problem+json names the field and nothing starts', async () => {
    const bad = await start({ report_type: 'SEBI_TRANSACTIONS', period: '2026-02-30' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('period');
    const noReason = await api.call('POST', '/api/v1/compliance/reports/1/rerun', {
      token: officer,
      body: {},
    });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).errors[0].field).toBe('reason');
    expect((await api.call('GET', '/api/v1/compliance/reports/99999999', { token: officer })).status).toBe(
      404,
    );
    const trader = await api.login('trader1@bondx.local');
    expect((await api.call('GET', '/api/v1/compliance/reports', { token: trader })).status).toBe(403);
  });
});
