import { Entity, OneToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Participant } from './participant';

/**
 * A member's rupee balance, the running sum of its cash ledger entries; never negative. `blocked`
 * is the part earmarked for settlements in progress: available = balance - blocked. The venue
 * operator has no row: its balance is the sum of its entries (see db/ledger/post-journal).
 */
@Entity({ tableName: 'cash_accounts' })
export class CashAccount {
  [OptionalProps]?: 'balance' | 'blocked' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @OneToOne(() => Participant, {
    owner: true,
    deleteRule: 'restrict',
    unique: 'cash_accounts_participant_id_unique',
  })
  participant!: Participant;

  @Property({ type: 'decimal', precision: 22, scale: 2, default: '0' })
  balance: string = '0';

  @Property({ type: 'decimal', precision: 22, scale: 2, default: '0' })
  blocked: string = '0';

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
