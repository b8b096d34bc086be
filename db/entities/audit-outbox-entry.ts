import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An audit record waiting for the chain writer: inserted in the transaction of the change it
 * describes (so it commits or not with it), moved onto `audit_events` by the writer in batches.
 */
@Entity({ tableName: 'audit_outbox' })
export class AuditOutboxEntry {
  [OptionalProps]?: 'occurredAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  actorUserId?: number | null;

  @Property({ type: 'integer', nullable: true })
  actorParticipantId?: number | null;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 32 })
  subjectType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  subjectId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;
}
