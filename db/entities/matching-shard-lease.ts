import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Who owns a matching shard (bond id modulo BONDX_MATCHING_SHARDS) until when. The token grows by
 * one at every change of owner; the owner's journal writes check it (workers/matching/shard-leases.ts).
 */
@Entity({ tableName: 'matching_shard_leases' })
export class MatchingShardLease {
  [OptionalProps]?: 'acquiredAt' | 'requestedBy';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  shard!: number;

  /** `host:pid` of the owning process, as its heartbeat names it. */
  @Property({ type: 'string', length: 200 })
  owner!: string;

  @Property({ type: 'bigint' })
  token!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  acquiredAt: Date = new Date();

  /** A worker whose home shard this is, asking the current (non-home) owner to hand it back. */
  @Property({ type: 'string', length: 200, nullable: true })
  requestedBy?: string | null;
}
