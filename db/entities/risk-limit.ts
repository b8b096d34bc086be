import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { LIMIT_TYPES, type LimitType } from '../../domain/risk/limit-types';
import { Portfolio } from './portfolio';

/**
 * A risk limit on one portfolio, checked after every risk run: thresholds in rupees (VAR, ES, DV01,
 * POSITION_SIZE), years (DURATION) or percent of value (ISSUER_CONCENTRATION_PCT). `scope` narrows a
 * per-name limit to one issuer or bond.
 */
@Entity({ tableName: 'risk_limits' })
@Index({ name: 'risk_limits_portfolio_id_index', properties: ['portfolio', 'id'] })
export class RiskLimit {
  [OptionalProps]?: 'scope' | 'warningRatio' | 'criticalRatio' | 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Portfolio, { deleteRule: 'cascade' })
  portfolio!: Portfolio;

  @Enum({ items: () => [...LIMIT_TYPES], nativeEnumName: 'risk_limit_type' })
  limitType!: LimitType;

  @Property({ type: 'double' })
  threshold!: number;

  @Property({ type: 'string', length: 200, nullable: true })
  scope?: string | null;

  @Property({ type: 'double', nullable: true })
  warningRatio?: number | null;

  @Property({ type: 'double', nullable: true })
  criticalRatio?: number | null;

  @Property({ type: 'integer' })
  createdBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
