import { ReportRun } from '../../../db/entities';
import { REPORT_TYPES, standingScheduleId } from '../../../domain/compliance/reporting';
import { istDate } from '../../../domain/compliance/reports/report-values';
import { ensureReportSchedules } from '../../../workers/compliance/report-schedules';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail } from '../../support/audit-trail';
import type { TestWorker } from '../../support/temporal-worker';
import { startReportingWorker, until } from './reporting-fixtures';

let api: TestApi;
let worker: TestWorker;
let officer: string;
let folders: Awaited<ReturnType<typeof startReportingWorker>>['folders'];
const tag = `t${process.pid}`;
const created: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  ({ folders, worker } = await startReportingWorker(api, 'report-schedules'));
  officer = await api.login('compliance@bondx.local');
});
afterAll(async () => {
  for (const id of [...created, ...REPORT_TYPES.map(standingScheduleId)])
    await worker.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  await worker.close();
  await api.stop();
  folders.remove();
});

const call = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { token: officer, body });

async function createSchedule(name: string, reportType: string, cron: string) {
  const res = await call('POST', '/api/v1/compliance/schedules', {
    name: `${tag}-${name}`,
    report_type: reportType,
    cron,
  });
  expect(res.status).toBe(201);
  const s = await res.json();
  created.push(s.schedule_id);
  return s as { schedule_id: string; cron: string; paused: boolean };
}

const runsOf = (scheduleId: string) =>
  api.deps.orm.em.fork().find(ReportRun, { scheduleId }, { orderBy: { period: 'asc', version: 'asc' } });

const allFinished = (runs: ReportRun[]) => runs.every((r) => r.status !== 'RUNNING');

describe('report schedules on Temporal', () => {
  test('when the worker starts, then every report type has its standing daily schedule, listed through the API', async () => {
    await ensureReportSchedules(worker.client, worker.config);
    const described = await worker.client.schedule
      .getHandle(standingScheduleId('SEBI_TRANSACTIONS'))
      .describe();
    expect(described.action).toMatchObject({ workflowType: 'reportLauncherWorkflow' });
    // The list comes from Temporal's visibility store, which catches up within moments.
    const listed = await until(
      async () =>
        (await (await call('GET', '/api/v1/compliance/schedules')).json()).items as {
          schedule_id: string;
          cron: string;
        }[],
      (items) => REPORT_TYPES.every((t) => items.some((s) => s.schedule_id === standingScheduleId(t))),
    );
    expect(listed.find((s) => s.schedule_id === 'reports-sebi-transactions-daily')).toMatchObject({
      cron: '15 18 * * *',
    });
  });

  test('when a schedule fires on its own, then it runs the report of its period, and it can be paused and resumed', async () => {
    const s = await createSchedule('every-minute', 'POSITION_LIMITS', '* * * * *');
    const runs = await until(
      () => runsOf(s.schedule_id),
      (r) => r.length > 0 && allFinished(r),
      75_000,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      triggerKind: 'SCHEDULE',
      version: 1,
      status: 'SUCCEEDED',
      period: istDate(runs[0]!.createdAt),
    });

    const paused = await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/pause`, {
      note: 'month-end freeze',
    });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ paused: true, note: 'month-end freeze' });
    const resumed = await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/resume`, {});
    expect(await resumed.json()).toMatchObject({ paused: false });
    await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/pause`, {});
    const one = await call('GET', `/api/v1/compliance/schedules/${s.schedule_id}`);
    expect((await one.json()).recent_actions.length).toBeGreaterThanOrEqual(1);
    const trail = await auditTrail(api.deps.orm, {
      subjectType: 'report_schedule',
      subjectId: s.schedule_id,
    });
    expect(trail.map((e) => e.action)).toEqual([
      'REPORT_SCHEDULE_CREATED',
      'REPORT_SCHEDULE_PAUSED',
      'REPORT_SCHEDULE_RESUMED',
      'REPORT_SCHEDULE_PAUSED',
    ]);
  }, 100_000);

  test('when a schedule is triggered by hand twice, then the period gets its run and then a new version with the reason', async () => {
    const s = await createSchedule('yearly', 'POLICY_CORRIDOR', '0 0 1 1 *');
    const first = await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/trigger`, {
      reason: 'first look',
    });
    expect(first.status).toBe(202);
    await until(
      () => runsOf(s.schedule_id),
      (r) => r.length === 1 && allFinished(r),
    );
    const second = await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/trigger`, {
      reason: 'rates revised',
    });
    expect(second.status).toBe(202);
    const runs = await until(
      () => runsOf(s.schedule_id),
      (r) => r.length === 2 && allFinished(r),
    );
    expect(runs.map((r) => [r.version, r.triggerKind, r.reason ?? null, r.status])).toEqual([
      [1, 'USER', null, 'SUCCEEDED'],
      [2, 'USER', 'rates revised', 'SUCCEEDED'],
    ]);
    expect(runs[1]!.workflowId).toBe(`report-policy-corridor-${runs[0]!.period}-v2`);
  });

  test('when a schedule is backfilled twice over three days, then each day gets its run and then a second version', async () => {
    const s = await createSchedule('backfill', 'SEBI_TRANSACTIONS', '15 18 * * *');
    const range = { from: '2026-04-06T00:00:00Z', to: '2026-04-08T23:59:00Z' };
    expect(
      (
        await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/backfill`, {
          ...range,
          reason: 'missed days',
        })
      ).status,
    ).toBe(202);
    await until(
      () => runsOf(s.schedule_id),
      (r) => r.length === 3 && allFinished(r),
    );
    expect(
      (
        await call('POST', `/api/v1/compliance/schedules/${s.schedule_id}/backfill`, {
          ...range,
          reason: 'corrected data',
        })
      ).status,
    ).toBe(202);
    const runs = await until(
      () => runsOf(s.schedule_id),
      (r) => r.length === 6 && allFinished(r),
    );
    expect(runs.map((r) => [r.period, r.version, r.triggerKind, r.reason ?? null])).toEqual([
      ['2026-04-06', 1, 'BACKFILL', null],
      ['2026-04-06', 2, 'BACKFILL', 'corrected data'],
      ['2026-04-07', 1, 'BACKFILL', null],
      ['2026-04-07', 2, 'BACKFILL', 'corrected data'],
      ['2026-04-08', 1, 'BACKFILL', null],
      ['2026-04-08', 2, 'BACKFILL', 'corrected data'],
    ]);
    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true);
  });

  test('when a schedule request is malformed or names no report schedule, then problem+json and nothing changes', async () => {
    const bad = await call('POST', '/api/v1/compliance/schedules', {
      name: `${tag}-bad`,
      report_type: 'SEBI_TRANSACTIONS',
      cron: 'daily',
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('cron');
    expect(
      (await call('POST', '/api/v1/compliance/schedules/reports-nope/trigger', { reason: 'x' })).status,
    ).toBe(404);
    expect((await call('POST', '/api/v1/compliance/schedules/audit-anchor/pause', {})).status).toBe(422);
    const noReason = await call(
      'POST',
      `/api/v1/compliance/schedules/${standingScheduleId('SEBI_TRANSACTIONS')}/backfill`,
      {
        from: '2026-04-06T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
        reason: 'x',
      },
    );
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).errors[0].field).toBe('to');
  });
});
