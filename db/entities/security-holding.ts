import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Participant } from './participant';

/**
 * Rupees of face value of one ISIN held by one member: the running sum of its securities ledger
 * entries. The venue operator's side (what was issued through it) is the sum of its entries.
 */
@Entity({ tableName: 'security_holdings' })
@Check({ name: 'security_holdings_blocked_check', expression: `blocked >= 0` })
@Unique({ name: 'security_holdings_participant_isin_unique', properties: ['participant', 'isin'] })
export class SecurityHolding {
  [OptionalProps]?: 'quantity' | 'blocked' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'string', length: 12 })
  isin!: string;

  @Property({ type: 'decimal', precision: 22, scale: 2, default: '0' })
  quantity: string = '0';

  /** Earmarked for a delivery in settlement: not available to any other movement until released. */
  @Property({ type: 'decimal', precision: 22, scale: 2, default: '0' })
  blocked: string = '0';

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
