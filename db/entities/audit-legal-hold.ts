import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Keeps matching audit records past their retention: every given criterion must match (a hold with
 * none holds everything). Released holds stay as history.
 */
@Entity({ tableName: 'audit_legal_holds' })
export class AuditLegalHold {
  [OptionalProps]?: 'createdAt' | 'releasedAt' | 'releasedBy' | 'version';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  subjectType?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  subjectId?: string | null;

  @Property({ type: 'datetime', nullable: true })
  occurredFrom?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  occurredTo?: Date | null;

  @Property({ type: 'integer' })
  createdBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  releasedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  releasedBy?: number | null;

  @Property({ type: 'integer', version: true, default: 1 })
  version!: number;
}
