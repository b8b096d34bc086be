import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Bond } from './bond';

/**
 * The output journal: the engine's events for a bond with a gap-free per-bond `sequence`, written
 * in the group commit that applied their command and published only after that commit.
 * The worker re-publishes messages of events past the bond's published watermark on recovery.
 */
@Entity({ tableName: 'order_events' })
export class OrderEvent {
  @ManyToOne(() => Bond, { deleteRule: 'restrict', primary: true })
  bond!: Bond;

  @PrimaryKey({ type: 'bigint' })
  sequence!: string;

  @Property({ type: 'bigint' })
  commandId!: string;

  @Property({ type: 'string', length: 24 })
  type!: string;

  @Property({ type: 'uuid', nullable: true })
  orderId?: string | null;

  @Property({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** The WebSocket messages the event produced (for re-publication after a crash). */
  @Property({ type: 'jsonb', nullable: true })
  messages?: unknown[] | null;
}
