import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Bond } from './bond';

export const ORDER_COMMAND_KINDS = [
  'NEW',
  'MODIFY',
  'CANCEL',
  'MASS_CANCEL',
  'PRE_OPEN',
  'OPEN',
  'CLOSE',
  'HALT',
  'RESUME',
  'TIME',
] as const;
export type OrderCommandKind = (typeof ORDER_COMMAND_KINDS)[number];

/**
 * The input journal: every command the API accepted for a bond's book, committed before the API
 * answers. The matching worker stamps `appliedSeq` (the per-bond order in which it applied them)
 * in the same commit as the command's outputs, so replaying a bond's applied commands in that
 * order rebuilds its book exactly; rows still without it are re-driven from here.
 */
@Entity({ tableName: 'order_commands' })
@Unique({ name: 'order_commands_bond_applied_seq_unique', properties: ['bond', 'appliedSeq'] })
@Index({
  name: 'order_commands_unapplied_index',
  expression:
    'create index "order_commands_unapplied_index" on "order_commands" ("bond_id", "id") where "applied_seq" is null',
})
export class OrderCommand {
  [OptionalProps]?: 'orderId' | 'participantId' | 'appliedSeq' | 'appliedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Enum({ items: () => [...ORDER_COMMAND_KINDS], nativeEnumName: 'order_command_kind' })
  kind!: OrderCommandKind;

  @Property({ type: 'uuid', nullable: true })
  orderId?: string | null;

  @Property({ type: 'integer', nullable: true })
  participantId?: number | null;

  /** The command in engine units (ticks, lots), as the worker applies it. */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The engine's clock for this command, stamped by the API: time is an input, never read inside. */
  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Property({ type: 'bigint', nullable: true })
  appliedSeq?: string | null;

  @Property({ type: 'datetime', nullable: true })
  appliedAt?: Date | null;
}
