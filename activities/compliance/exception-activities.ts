import { changeException } from '../../db/compliance/exception-records';
import { ComplianceException } from '../../db/entities';
import { businessCounter } from '../../platform/metrics';
import type { ActivityDeps } from '../index';

export function createExceptionActivities({ orm, log, metrics }: ActivityDeps) {
  const escalations = businessCounter(
    metrics,
    'compliance_exception_escalations_total',
    'Compliance exceptions escalated for missing their acknowledgement SLA',
    ['kind', 'severity'],
  );
  return {
    /** Escalates the exception if it is still unacknowledged; false when it no longer needs it. */
    async escalateException(exceptionId: number, level: number): Promise<boolean> {
      const em = orm.em.fork();
      const e = await em.findOneOrFail(ComplianceException, exceptionId);
      if (e.status !== 'OPEN') return false;
      changeException(em, e, { action: 'ESCALATE', level }, {});
      await em.flush();
      escalations.inc({ kind: e.kind, severity: e.severity });
      log.warn(
        {
          exception_id: e.id,
          kind: e.kind,
          severity: e.severity,
          level,
          ack_due_at: e.ackDueAt.toISOString(),
        },
        'compliance exception escalated: not acknowledged within its SLA',
      );
      return true;
    },
  };
}
