import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  openExceptionRecord,
  type Actor,
  type OpenExceptionInput,
} from '../../db/compliance/exception-records';
import type { ComplianceException } from '../../db/entities';
import {
  exceptionWorkflowId,
  type ExceptionWorkflowInput,
} from '../../workflows/compliance/exception-messages';

export interface ExceptionDeps {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
}

/**
 * Opens a compliance exception: the one function every detector calls (a late trade report, a risk
 * limit breach, an FPI limit, a price outside band or corridor, a broken audit chain). It records
 * the exception and its audit entry, then starts its SLA workflow `compliance-exception-<id>`.
 * Repeated detections of one cause with the same `dedupKey` return the exception already open.
 *
 *   await openComplianceException(deps, {
 *     kind: 'RISK_LIMIT_BREACH', severity: 'HIGH', title: 'VaR limit breached: SBIN',
 *     description: '1-day 99% VaR 12.4 cr over the 10 cr limit',
 *     evidence: { portfolio_id: 7, var: '124000000.00', limit: '100000000.00' },
 *     dedupKey: 'risk-limit:7:VAR_1D_99',
 *   });
 */
export async function openComplianceException(
  deps: ExceptionDeps,
  input: OpenExceptionInput,
  actor: Actor = {},
): Promise<{ exception: ComplianceException; created: boolean }> {
  const opened = await openExceptionRecord(deps.orm.em.fork(), input, actor);
  const args: [ExceptionWorkflowInput] = [
    { exceptionId: opened.exception.id, ackSlaSeconds: opened.exception.ackSlaSeconds },
  ];
  try {
    // Also for a found one: a crash between the commit and this start must not leave it without its timer.
    await deps.temporal.workflow.start('complianceExceptionWorkflow', {
      workflowId: exceptionWorkflowId(opened.exception.id),
      taskQueue: deps.taskQueue,
      args,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return opened;
}
