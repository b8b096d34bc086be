import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Context } from '@temporalio/activity';
import { appendAudit } from '../../db/audit-log';
import { ReportRun, ReportScheduleAction, type ReportArtifact } from '../../db/entities';
import type { ReportDelivery } from '../../domain/compliance/delivery-confirmation';
import type { ReportType } from '../../domain/compliance/reporting';
import { istDate } from '../../domain/compliance/reports/report-values';
import { businessCounter } from '../../platform/metrics';
import type { ActivityDeps } from '../index';
import { openComplianceException } from './open-exception';
import { artifactDigest, REPORT_BUILDERS } from './report-builds';
import { startReportRun } from './report-runs';
import { createReportingGateway, type GatewayAck, type GatewayConfirmation } from './reporting-gateway';

export interface LaunchScheduledReportInput {
  reportType: ReportType;
  scheduleId: string;
  /** The time the schedule meant to fire (a backfill's past times included), ISO. */
  scheduledAt: string;
  parameters?: Record<string, unknown>;
}

/** A manual trigger is matched to the launch it caused within this window. */
const TRIGGER_MATCH_MS = 10 * 60_000;

/** Report runs: produce (gather, build, store), deliver through the gateway, finish; and the schedules' launcher. */
export function createReportActivities({ orm, log, config, temporal, metrics }: ActivityDeps) {
  const gateway = createReportingGateway(config.reporting.gateway);
  const runsFinished = businessCounter(
    metrics,
    'report_runs_total',
    'Report runs finished, by type and outcome',
    ['report_type', 'status'],
  );
  const exceptionDeps = { orm, temporal, taskQueue: config.temporal.taskQueue };
  const baseDir = resolve(config.reporting.reportDir);

  const setProgress = async (runId: number, progress: Record<string, unknown>) => {
    await orm.em.fork().nativeUpdate(ReportRun, { id: runId }, { progress });
    Context.current().heartbeat(progress);
  };

  return {
    async launchScheduledReport(input: LaunchScheduledReportInput): Promise<string> {
      const scheduledAt = new Date(input.scheduledAt);
      const period = istDate(scheduledAt);
      const em = orm.em.fork();
      // A compliance officer's backfill or trigger-now asked for this launch: a new version with its reason.
      const backfill = await em.findOne(
        ReportScheduleAction,
        {
          scheduleId: input.scheduleId,
          action: 'BACKFILL',
          rangeStart: { $lte: scheduledAt },
          rangeEnd: { $gte: scheduledAt },
        },
        { orderBy: { id: 'desc' } },
      );
      const alreadyForBackfill =
        backfill &&
        (await em.count(ReportRun, { reportType: input.reportType, period, scheduleActionId: backfill.id }));
      let action = backfill && !alreadyForBackfill ? backfill : null;
      if (!action) {
        const [trigger] = (await em.getConnection().execute(
          `update report_schedule_actions set consumed_at = now()
            where id = (select id from report_schedule_actions
                         where schedule_id = ? and action = 'TRIGGER' and consumed_at is null and created_at >= ?
                         order by id limit 1 for update skip locked)
            returning id`,
          [input.scheduleId, new Date(scheduledAt.getTime() - TRIGGER_MATCH_MS)],
        )) as { id: number }[];
        if (trigger) action = await em.findOneOrFail(ReportScheduleAction, trigger.id);
      }
      const periodHasRun = (await em.count(ReportRun, { reportType: input.reportType, period })) > 0;
      const { run } = await startReportRun(exceptionDeps, {
        reportType: input.reportType,
        period,
        parameters: input.parameters ?? {},
        reason: action && periodHasRun ? action.reason : undefined,
        trigger: {
          kind: action?.action === 'BACKFILL' ? 'BACKFILL' : action ? 'USER' : 'SCHEDULE',
          userId: action?.requestedBy ?? null,
          scheduleId: input.scheduleId,
          scheduleActionId: action?.id ?? null,
        },
      });
      return run.workflowId;
    },

    /** Gathers the period's data from the tables, builds with the pure builder, stores CSV and JSON. */
    async produceReport(runId: number): Promise<void> {
      const em = orm.em.fork();
      const run = await em.findOneOrFail(ReportRun, runId);
      if (run.artifacts) return; // stored by an earlier attempt
      const built = await REPORT_BUILDERS[run.reportType as ReportType]({
        em,
        config,
        period: run.period,
        version: run.version,
        parameters: run.parameters,
        progress: (stage, done, total) => setProgress(runId, { stage, done, total }),
      });
      await setProgress(runId, { stage: 'STORING' });
      const dir = join(baseDir, run.reportType.toLowerCase(), run.period, `v${run.version}`);
      await mkdir(dir, { recursive: true });
      const artifacts: ReportArtifact[] = [];
      for (const f of built.files) {
        const path = join(dir, f.name);
        await writeFile(`${path}.tmp`, f.body);
        await rename(`${path}.tmp`, path);
        artifacts.push({ name: f.name, format: f.format, path, ...artifactDigest(f.body) });
      }
      await orm.em.fork().nativeUpdate(
        ReportRun,
        { id: runId },
        {
          artifacts,
          rowCounts: built.rowCounts,
          controlTotals: built.controlTotals,
          progress: { stage: 'STORED' },
        },
      );
      if (built.findings) {
        await openComplianceException(exceptionDeps, {
          kind: built.findings.kind,
          severity: 'HIGH',
          title: `${run.reportType} ${run.period}: ${built.findings.count} ${built.findings.kind === 'LIMIT_BREACH' ? 'positions over their limits' : 'trades outside the policy corridor'}`,
          description: `Found by report run ${run.workflowId}.`,
          evidence: { report_run_id: run.id, items: built.findings.evidence },
          dedupKey: `report:${run.reportType}:${run.period}`,
        });
      }
    },

    /**
     * Sends the stored artifacts through the reporting gateway and records its acknowledgement;
     * when the platform took them pending, the confirmation schedule to poll it on.
     */
    async deliverReport(runId: number): Promise<ReportDelivery> {
      const em = orm.em.fork();
      const run = await em.findOneOrFail(ReportRun, runId);
      const delivered = (ack: GatewayAck): ReportDelivery =>
        ack.status === 'PENDING' ? { pending: true, confirm: config.reporting.confirm } : { pending: false };
      if (run.delivery) return delivered(run.delivery as unknown as GatewayAck);
      await setProgress(runId, { stage: 'DELIVERING' });
      const files = [];
      for (const a of run.artifacts ?? []) {
        const body = await readFile(a.path, 'utf8');
        // Whatever is delivered is exactly what the run recorded.
        if (artifactDigest(body).sha256 !== a.sha256)
          throw new Error(`artifact ${a.path} no longer matches its SHA-256`);
        files.push({
          name: a.name,
          contentType: a.format === 'csv' ? ('text/csv' as const) : ('application/json' as const),
          body,
        });
      }
      const ack = await gateway.submit({ kind: 'REPORT', reference: run.workflowId, files });
      await orm.em.fork().nativeUpdate(
        ReportRun,
        { id: runId },
        {
          delivery: { ...ack },
          progress: { stage: ack.status === 'PENDING' ? 'AWAITING_CONFIRMATION' : 'DELIVERED' },
        },
      );
      return delivered(ack);
    },

    /** Asks the platform about a pending delivery; a confirmation or rejection is recorded on the run. */
    async checkReportDelivery(
      runId: number,
    ): Promise<{ status: GatewayConfirmation['status']; reason?: string }> {
      const em = orm.em.fork();
      const run = await em.findOneOrFail(ReportRun, runId);
      const ack = run.delivery as unknown as GatewayAck;
      if (ack.status === 'CONFIRMED') return { status: 'CONFIRMED' };
      const answer = await gateway.poll(ack);
      const polls = Number((run.delivery as { polls?: number }).polls ?? 0) + 1;
      const now = new Date().toISOString();
      const delivery =
        answer.status === 'PENDING'
          ? { ...run.delivery, polls, lastPolledAt: now }
          : {
              ...run.delivery,
              polls,
              lastPolledAt: now,
              status: answer.status,
              ...(answer.status === 'CONFIRMED'
                ? { confirmationId: answer.confirmationId ?? ack.ackId, confirmedAt: now }
                : { rejectedAt: now, rejectionReason: answer.reason ?? null }),
            };
      await em.nativeUpdate(
        ReportRun,
        { id: runId },
        {
          delivery,
          progress: {
            stage: answer.status === 'CONFIRMED' ? 'DELIVERED' : `DELIVERY_${answer.status}`,
            polls,
          },
        },
      );
      log.info({ run_id: runId, status: answer.status, polls }, 'report delivery polled');
      return { status: answer.status, reason: answer.reason };
    },

    /** Ends the run SUCCEEDED, or FAILED with the error (then a REPORT_FAILED exception), audited. */
    async finishReportRun(runId: number, error: string | null): Promise<void> {
      const em = orm.em.fork();
      const run = await em.findOneOrFail(ReportRun, runId);
      if (run.status !== 'RUNNING') return;
      run.status = error ? 'FAILED' : 'SUCCEEDED';
      run.error = error;
      run.completedAt = new Date();
      run.progress = { stage: run.status };
      appendAudit(em, {
        action: error ? 'REPORT_RUN_FAILED' : 'REPORT_RUN_SUCCEEDED',
        subjectType: 'report_run',
        subjectId: run.id,
        details: {
          workflow_id: run.workflowId,
          row_counts: run.rowCounts,
          control_totals: run.controlTotals,
          artifacts: run.artifacts?.map((a) => ({ name: a.name, sha256: a.sha256 })),
          delivery: run.delivery,
          error,
        },
      });
      await em.flush();
      runsFinished.inc({ report_type: run.reportType, status: run.status });
      if (error) {
        log.error({ run_id: run.id, workflow_id: run.workflowId, error }, 'report run failed');
        await openComplianceException(exceptionDeps, {
          kind: 'REPORT_FAILED',
          severity: 'HIGH',
          title: `Report ${run.workflowId} failed`,
          description: error,
          evidence: { report_run_id: run.id },
          dedupKey: `report-failed:${run.workflowId}`,
        });
      } else
        log.info(
          { run_id: run.id, workflow_id: run.workflowId, row_counts: run.rowCounts },
          'report run succeeded',
        );
    },
  };
}
