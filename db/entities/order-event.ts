import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Bond } from './bond';

/**
 * The output journal: the engine's events for a bond with a gap-free per-bond `sequence`, written
 * in the group commit that applied their command and published only after that commit.
 * The worker re-publishes messages of events past the bond's published watermark on recovery.
 * A stop's TRIGGERED event is the only record that it entered the book (its order row does not
 * change), so those are indexed by order for the fair-value curve's touches.
 */
@Entity({ tableName: 'order_events' })
@Index({
  name: 'order_events_triggered_order_index',
  expression: `create index "order_events_triggered_order_index" on "order_events" ("order_id") where "type" = 'TRIGGERED'`,
})
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
