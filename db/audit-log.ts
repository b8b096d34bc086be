import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from './entities';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  actorUserId?: number | null;
  actorParticipantId?: number | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** Queues the event in the unit of work, so it commits (or not) with the change it describes. */
export function appendAudit(em: EntityManager, entry: AuditEntry): void {
  em.create(AuditEvent, {
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId == null ? null : String(entry.subjectId),
    actorUserId: entry.actorUserId ?? null,
    actorParticipantId: entry.actorParticipantId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? null,
  });
}
