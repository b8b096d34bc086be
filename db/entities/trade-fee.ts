import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { FeeScheduleRow } from './fee-schedule-entry';
import { Participant } from './participant';
import { SettlementRun } from './settlement-run';
import { Trade } from './trade';

/**
 * The venue fee one side of a settled trade paid, written in the transaction whose journal moved it
 * (`journalReference`), with the schedule entry, rate and minimum that priced it.
 */
@Entity({ tableName: 'trade_fees' })
@Check({ name: 'trade_fees_side_check', expression: `(side = 'BUY' or side = 'SELL') and amount > 0` })
@Unique({ name: 'trade_fees_trade_side_unique', properties: ['trade', 'side'] })
@Index({ name: 'trade_fees_participant_id_index', properties: ['participant', 'chargedAt'] })
export class TradeFee {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Trade, { deleteRule: 'restrict' })
  trade!: Trade;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'string', length: 4 })
  side!: 'BUY' | 'SELL';

  @ManyToOne(() => SettlementRun, { deleteRule: 'restrict' })
  run!: SettlementRun;

  @Property({ type: 'integer' })
  attempt!: number;

  @ManyToOne(() => FeeScheduleRow, { deleteRule: 'restrict', fieldName: 'fee_schedule_id' })
  feeSchedule!: FeeScheduleRow;

  @Property({ type: 'decimal', precision: 22, scale: 2 })
  consideration!: string;

  @Property({ type: 'decimal', precision: 8, scale: 4 })
  rateBp!: string;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  minimum!: string;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Property({ type: 'string', length: 200 })
  journalReference!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  chargedAt: Date = new Date();
}
