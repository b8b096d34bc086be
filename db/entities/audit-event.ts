import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One record of the hash chain, written only by the audit chain writer (db/audit). Append-only: the
 * application role may insert and read, triggers refuse UPDATE, DELETE and TRUNCATE, and an insert
 * must link onto the head (see Migration20261124400000).
 */
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['subjectType', 'subjectId'] })
export class AuditEvent {
  [OptionalProps]?: 'chainedAt';

  /** The position in the chain: the head's id plus one, never a sequence with gaps. */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id!: string;

  @Property({ type: 'datetime' })
  @Index()
  occurredAt!: Date;

  @Property({ type: 'integer', nullable: true })
  actorUserId?: number | null;

  @Property({ type: 'integer', nullable: true })
  actorParticipantId?: number | null;

  @Property({ type: 'string', length: 64 })
  @Index()
  action!: string;

  @Property({ type: 'string', length: 32 })
  subjectType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  subjectId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  recordHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  chainedAt: Date = new Date();
}
