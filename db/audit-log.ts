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

/** `appendAudit` for code on a plain pg transaction (the trading path): same outbox, same fields. */
export async function appendAuditOnPg(
  client: { query(sql: string, args: unknown[]): Promise<unknown> },
  entry: AuditEntry,
): Promise<void> {
  await client.query(
    `insert into audit_outbox (actor_user_id, actor_participant_id, action, subject_type, subject_id, request_id, details)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actorUserId ?? null,
      entry.actorParticipantId ?? null,
      entry.action,
      entry.subjectType,
      entry.subjectId == null ? null : String(entry.subjectId),
      entry.requestId ?? null,
      entry.details == null ? null : JSON.stringify(entry.details),
    ],
  );
}
