import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Append-only: the application role may insert and read, never update or delete (see db/setup). */
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['subjectType', 'subjectId'] })
export class AuditEvent {
  [OptionalProps]?: 'occurredAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Index()
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
