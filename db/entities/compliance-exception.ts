import {
  Collection,
  Entity,
  Enum,
  Index,
  OneToMany,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import {
  EXCEPTION_KINDS,
  EXCEPTION_SEVERITIES,
  EXCEPTION_STATUSES,
  type ExceptionKind,
  type ExceptionSeverity,
  type ExceptionStatus,
} from '../../domain/compliance/exception-lifecycle';
import { ComplianceExceptionComment } from './compliance-exception-comment';

/**
 * A detected violation being worked: OPEN -> ACKNOWLEDGED -> RESOLVED, with its SLA timer and
 * escalations driven by the workflow `compliance-exception-<id>`. `dedupKey` keeps one open
 * exception per cause (a partial unique index, see Migration20261124400100).
 */
@Entity({ tableName: 'compliance_exceptions' })
@Index({ properties: ['status', 'openedAt'] })
@Unique({
  name: 'compliance_exceptions_open_dedup_key_unique',
  expression:
    'create unique index "compliance_exceptions_open_dedup_key_unique" on "compliance_exceptions" ("dedup_key") where "status" <> \'RESOLVED\'',
})
export class ComplianceException {
  [OptionalProps]?:
    | 'status'
    | 'openedAt'
    | 'escalationLevel'
    | 'version'
    | 'ownerUserId'
    | 'dedupKey'
    | 'acknowledgedAt'
    | 'acknowledgedBy'
    | 'resolvedAt'
    | 'resolvedBy'
    | 'resolution'
    | 'escalatedAt'
    | 'comments';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => [...EXCEPTION_KINDS], nativeEnumName: 'compliance_exception_kind' })
  kind!: ExceptionKind;

  @Enum({ items: () => [...EXCEPTION_SEVERITIES], nativeEnumName: 'compliance_exception_severity' })
  severity!: ExceptionSeverity;

  @Enum({
    items: () => [...EXCEPTION_STATUSES],
    nativeEnumName: 'compliance_exception_status',
    default: 'OPEN',
  })
  status: ExceptionStatus = 'OPEN';

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'json' })
  evidence!: Record<string, unknown>;

  @Property({ type: 'string', length: 200, nullable: true })
  dedupKey?: string | null;

  @Property({ type: 'integer', nullable: true })
  ownerUserId?: number | null;

  @Property({ type: 'integer' })
  ackSlaSeconds!: number;

  @Property({ type: 'datetime' })
  ackDueAt!: Date;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  openedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  acknowledgedBy?: number | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  resolvedBy?: number | null;

  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Property({ type: 'integer', default: 0 })
  escalationLevel: number = 0;

  @Property({ type: 'datetime', nullable: true })
  escalatedAt?: Date | null;

  @Property({ type: 'integer', version: true, default: 1 })
  version!: number;

  @OneToMany(() => ComplianceExceptionComment, (c) => c.exception, { orderBy: { id: 'asc' } })
  comments = new Collection<ComplianceExceptionComment>(this);
}
