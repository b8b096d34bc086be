import type { MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { appendAudit } from '../../db/audit-log';
import { ReportRun } from '../../db/entities';
import { reportWorkflowId, type ReportType } from '../../domain/compliance/reporting';

export interface ReportRunDeps {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
}

export interface ReportTrigger {
  kind: 'USER' | 'SCHEDULE' | 'BACKFILL';
  userId?: number | null;
  scheduleId?: string | null;
  scheduleActionId?: number | null;
  participantId?: number | null;
  requestId?: string | null;
}

export interface StartReportRequest {
  reportType: ReportType;
  period: string;
  parameters: Record<string, unknown>;
  /** A deliberate re-run: a new version `...-v<n>`, keeping the old ones. */
  reason?: string;
  trigger: ReportTrigger;
}

async function startWorkflow(deps: ReportRunDeps, run: ReportRun): Promise<void> {
  try {
    await deps.temporal.workflow.start('reportRunWorkflow', {
      workflowId: run.workflowId,
      taskQueue: deps.taskQueue,
      args: [{ runId: run.id }],
      // A finished run is never run again under its id: a re-run is a new version.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * Starts a report run. Without a reason it is the period's first run: a second start for the same
 * period returns the existing run. With a reason it is a re-run: the next version, the old kept.
 * The run row and its audit record commit together, then the workflow starts (also for a found
 * RUNNING run, so a crash between the two never leaves a run without its workflow).
 */
export async function startReportRun(
  deps: ReportRunDeps,
  req: StartReportRequest,
): Promise<{ run: ReportRun; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const em = deps.orm.em.fork();
    const latest = await em.findOne(
      ReportRun,
      { reportType: req.reportType, period: req.period },
      { orderBy: { version: 'desc' } },
    );
    if (latest && !req.reason) {
      const first =
        latest.version === 1
          ? latest
          : await em.findOneOrFail(ReportRun, { reportType: req.reportType, period: req.period, version: 1 });
      if (first.status === 'RUNNING') await startWorkflow(deps, first);
      return { run: first, created: false };
    }
    const version = (latest?.version ?? 0) + 1;
    let run: ReportRun;
    try {
      run = await em.transactional(async (tx) => {
        const created = tx.create(ReportRun, {
          reportType: req.reportType,
          period: req.period,
          version,
          workflowId: reportWorkflowId(req.reportType, req.period, version),
          reason: req.reason ?? null,
          triggerKind: req.trigger.kind,
          triggeredByUserId: req.trigger.userId ?? null,
          scheduleId: req.trigger.scheduleId ?? null,
          scheduleActionId: req.trigger.scheduleActionId ?? null,
          parameters: req.parameters,
          progress: { stage: 'QUEUED' },
        });
        await tx.flush();
        appendAudit(tx, {
          action: version === 1 ? 'REPORT_RUN_STARTED' : 'REPORT_RERUN_STARTED',
          subjectType: 'report_run',
          subjectId: created.id,
          actorUserId: req.trigger.userId ?? null,
          actorParticipantId: req.trigger.participantId ?? null,
          requestId: req.trigger.requestId ?? null,
          details: {
            report_type: created.reportType,
            period: created.period,
            version,
            workflow_id: created.workflowId,
            reason: created.reason,
            trigger: created.triggerKind,
            schedule_id: created.scheduleId,
            parameters: created.parameters,
          },
        });
        return created;
      });
    } catch (err) {
      // Two starts of the same period or version side by side: the loser reads the winner's row.
      if (err instanceof UniqueConstraintViolationException && attempt < 5) continue;
      throw err;
    }
    await startWorkflow(deps, run);
    return { run, created: true };
  }
}
