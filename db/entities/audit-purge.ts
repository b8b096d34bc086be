import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What one executed retention purge removed (a prefix of the chain, ids `removedFromId` to
 * `removedToId`) and the chain it left: verification starts at `firstKeptId`, whose `prev_hash`
 * must be `lastRemovedHash`.
 */
@Entity({ tableName: 'audit_purges' })
export class AuditPurge {
  [OptionalProps]?: 'purgedAt' | 'stoppedByHoldId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  purgedAt: Date = new Date();

  @Property({ type: 'string', length: 64 })
  executedBy!: string;

  @Property({ type: 'datetime' })
  cutoff!: Date;

  @Property({ type: 'bigint' })
  removedFromId!: string;

  @Property({ type: 'bigint' })
  removedToId!: string;

  @Property({ type: 'integer' })
  removedCount!: number;

  @Property({ type: 'string', length: 64 })
  lastRemovedHash!: string;

  @Property({ type: 'bigint' })
  firstKeptId!: string;

  @Property({ type: 'bigint' })
  headId!: string;

  @Property({ type: 'string', length: 64 })
  headHash!: string;

  @Property({ type: 'integer', nullable: true })
  stoppedByHoldId?: number | null;
}
