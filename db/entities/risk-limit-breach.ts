import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { BreachSeverity } from '../../domain/risk/limit-types';
import { RiskLimit } from './risk-limit';

export const BREACH_SEVERITIES = [
  'WARNING',
  'BREACH',
  'CRITICAL',
] as const satisfies readonly BreachSeverity[];

/**
 * A limit found at or over its warning level by a risk run: evidence for compliance, so the
 * application role may only append (db/database-admin.ts APPEND_ONLY_TABLES).
 */
@Entity({ tableName: 'risk_limit_breaches' })
@Index({ name: 'risk_limit_breaches_participant_created_index', properties: ['participantId', 'createdAt'] })
export class RiskLimitBreach {
  [OptionalProps]?: 'subject' | 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => RiskLimit, { deleteRule: 'restrict' })
  limit!: RiskLimit;

  @Property({ type: 'integer' })
  portfolioId!: number;

  @Property({ type: 'integer' })
  participantId!: number;

  @Property({ type: 'uuid' })
  runId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  subject?: string | null;

  @Property({ type: 'double' })
  value!: number;

  @Property({ type: 'double' })
  threshold!: number;

  @Property({ type: 'double' })
  utilization!: number;

  @Enum({ items: () => [...BREACH_SEVERITIES], nativeEnumName: 'risk_breach_severity' })
  severity!: BreachSeverity;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
