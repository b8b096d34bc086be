import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { LedgerJournal } from './ledger-journal';
import { Participant } from './participant';

/**
 * One leg of a journal (append-only): `asset` is `INR` for cash (amount in rupees) or an ISIN
 * (amount in rupees of face value); positive credits the participant. A journal's entries sum to zero
 * per asset, so the total of every asset over all participants never changes.
 */
@Entity({ tableName: 'ledger_entries' })
@Index({ name: 'ledger_entries_participant_asset_index', properties: ['participant', 'asset'] })
export class LedgerEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => LedgerJournal, { deleteRule: 'restrict' })
  journal!: LedgerJournal;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'string', length: 12 })
  asset!: string;

  @Property({ type: 'decimal', precision: 22, scale: 2 })
  amount!: string;
}
