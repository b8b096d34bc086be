import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditOutboxEntry } from './entities';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  actorUserId?: number | null;
  actorParticipantId?: number | null;
  requestId?: string | null;
  /** What changed; by convention `before` and `after` for state changes. */
  details?: Record<string, unknown>;
}

/**
 * Queues the event in the unit of work, so it commits (or not) with the change it describes. It lands
 * in the audit outbox, a plain insert with no lock on the chain; the chain writer (db/audit) links
 * it onto the hash chain moments later, so recording an event never waits for the chain.
 */
export function appendAudit(em: EntityManager, entry: AuditEntry): void {
  em.create(AuditOutboxEntry, {
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId == null ? null : String(entry.subjectId),
    actorUserId: entry.actorUserId ?? null,
    actorParticipantId: entry.actorParticipantId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? null,
  });
}
