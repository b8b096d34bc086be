import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** How far a compliance detector has read an append-only source (e.g. `risk_limit_breaches` by id). */
@Entity({ tableName: 'compliance_cursors' })
export class ComplianceCursor {
  [OptionalProps]?: 'position' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  name!: string;

  @Property({ type: 'bigint', default: 0 })
  position: string = '0';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
