import { Check, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A compliance override of a refused pre-trade regulatory check (domain/compliance/check-overrides):
 * granted by a COMPLIANCE_OFFICER for one participant and check kind, on one bond or (FPI limit only)
 * one FPI category, for at most `maxPaise` of face value in total until `expiresAt`. Each use adds
 * to `usedPaise` in a guarded update, so concurrent orders can never take more than the maximum.
 */
@Entity({ tableName: 'regulatory_check_overrides' })
@Check({
  name: 'regulatory_check_overrides_amount_check',
  expression: 'max_paise > 0 and used_paise >= 0 and used_paise <= max_paise and uses >= 0',
})
@Check({
  name: 'regulatory_check_overrides_scope_check',
  expression: `(bond_id is null) <> (fpi_category is null) and (fpi_category is null or check_name = 'FPI_LIMIT')`,
})
@Check({
  name: 'regulatory_check_overrides_revoked_check',
  expression:
    '(revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revoke_reason is null)',
})
@Index({ name: 'regulatory_check_overrides_participant_index', properties: ['participantId', 'expiresAt'] })
export class CheckOverride {
  [OptionalProps]?:
    | 'bondId'
    | 'fpiCategory'
    | 'usedPaise'
    | 'uses'
    | 'grantedAt'
    | 'revokedAt'
    | 'revokedBy'
    | 'revokeReason';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  participantId!: number;

  /** FPI_LIMIT, POSITION_LIMIT or SHORT_SALE_LIMIT. */
  @Property({ type: 'string', length: 16 })
  checkName!: string;

  @Property({ type: 'integer', nullable: true })
  bondId?: number | null;

  @Property({ type: 'string', length: 16, nullable: true })
  fpiCategory?: string | null;

  @Property({ type: 'decimal', precision: 24, scale: 0 })
  maxPaise!: string;

  @Property({ type: 'decimal', precision: 24, scale: 0, default: 0 })
  usedPaise: string = '0';

  @Property({ type: 'integer', default: 0 })
  uses: number = 0;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'integer' })
  grantedBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  grantedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  revokedBy?: number | null;

  @Property({ type: 'text', nullable: true })
  revokeReason?: string | null;
}
