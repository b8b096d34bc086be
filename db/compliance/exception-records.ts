import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  applyExceptionAction,
  DEFAULT_ACK_SLA_SECONDS,
  type ExceptionKind,
  type ExceptionSeverity,
} from '../../domain/compliance/exception-lifecycle';
import { appendAudit, type AuditEntry } from '../audit-log';
import { ComplianceException, ComplianceExceptionComment } from '../entities';

export interface OpenExceptionInput {
  kind: ExceptionKind;
  severity: ExceptionSeverity;
  title: string;
  description: string;
  /** What was detected: ids, figures, the rule; shown to the officer as is. */
  evidence: Record<string, unknown>;
  /** One unresolved exception per key: a repeated detection returns the open one. */
  dedupKey?: string;
  /** Default by severity (DEFAULT_ACK_SLA_SECONDS). */
  ackSlaSeconds?: number;
  ownerUserId?: number;
}

export type Actor = Pick<AuditEntry, 'actorUserId' | 'actorParticipantId' | 'requestId'>;

/** The state the audit trail records before and after each change. */
export const exceptionState = (e: ComplianceException) => ({
  status: e.status,
  owner_user_id: e.ownerUserId ?? null,
  escalation_level: e.escalationLevel,
  resolution: e.resolution ?? null,
});

/** Creates the exception (audited) or finds the unresolved one with the same key. */
export async function openExceptionRecord(
  em: EntityManager,
  input: OpenExceptionInput,
  actor: Actor = {},
): Promise<{ exception: ComplianceException; created: boolean }> {
  const existing = () =>
    input.dedupKey
      ? em.findOne(ComplianceException, { dedupKey: input.dedupKey, status: { $ne: 'RESOLVED' } })
      : Promise.resolve(null);
  const found = await existing();
  if (found) return { exception: found, created: false };
  const ackSlaSeconds = input.ackSlaSeconds ?? DEFAULT_ACK_SLA_SECONDS[input.severity];
  const openedAt = new Date();
  try {
    const exception = await em.transactional(async (tx) => {
      const e = tx.create(ComplianceException, {
        kind: input.kind,
        severity: input.severity,
        title: input.title,
        description: input.description,
        evidence: input.evidence,
        dedupKey: input.dedupKey ?? null,
        ownerUserId: input.ownerUserId ?? null,
        ackSlaSeconds,
        openedAt,
        ackDueAt: new Date(openedAt.getTime() + ackSlaSeconds * 1000),
      });
      await tx.flush();
      appendAudit(tx, {
        action: 'EXCEPTION_OPENED',
        subjectType: 'compliance_exception',
        subjectId: e.id,
        ...actor,
        details: { kind: e.kind, severity: e.severity, title: e.title, after: exceptionState(e) },
      });
      return e;
    });
    return { exception, created: true };
  } catch (err) {
    // Another detector opened the same cause a moment ago.
    const raced = err instanceof UniqueConstraintViolationException ? await existing() : null;
    if (!raced) throw err;
    return { exception: raced, created: false };
  }
}

export type ExceptionChange =
  | { action: 'ACKNOWLEDGE'; ownerUserId: number }
  | { action: 'RESOLVE'; resolution: string; evidence?: Record<string, unknown> }
  | { action: 'COMMENT'; body: string }
  | { action: 'ESCALATE'; level: number };

const AUDIT_ACTION: Record<ExceptionChange['action'], string> = {
  ACKNOWLEDGE: 'EXCEPTION_ACKNOWLEDGED',
  RESOLVE: 'EXCEPTION_RESOLVED',
  COMMENT: 'EXCEPTION_COMMENTED',
  ESCALATE: 'EXCEPTION_ESCALATED',
};

/**
 * Applies one lifecycle step to a loaded exception and records it on the audit trail, in the
 * caller's unit of work (flushed by the caller). Throws ExceptionStateError for a step out of order.
 */
export function changeException(
  em: EntityManager,
  e: ComplianceException,
  change: ExceptionChange,
  actor: Actor & { actorUserId?: number | null },
): void {
  const before = exceptionState(e);
  e.status = applyExceptionAction(e.status, change.action);
  const now = new Date();
  switch (change.action) {
    case 'ACKNOWLEDGE':
      e.acknowledgedAt = now;
      e.acknowledgedBy = actor.actorUserId ?? null;
      e.ownerUserId = change.ownerUserId;
      break;
    case 'RESOLVE':
      e.resolvedAt = now;
      e.resolvedBy = actor.actorUserId ?? null;
      e.resolution = change.resolution;
      if (change.evidence) e.evidence = { ...e.evidence, ...change.evidence };
      break;
    case 'COMMENT':
      em.create(ComplianceExceptionComment, {
        exception: e,
        authorUserId: actor.actorUserId!,
        body: change.body,
      });
      break;
    case 'ESCALATE':
      e.escalationLevel = change.level;
      e.escalatedAt = now;
      break;
  }
  appendAudit(em, {
    action: AUDIT_ACTION[change.action],
    subjectType: 'compliance_exception',
    subjectId: e.id,
    ...actor,
    details: {
      before,
      after: exceptionState(e),
      ...(change.action === 'COMMENT' ? { comment: change.body } : {}),
    },
  });
}
