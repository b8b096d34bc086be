import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SETTLEMENT_LEG_KINDS, type SettlementLegKind } from '../../domain/settlement/trade-states';
import { Participant } from './participant';
import { SettlementRun } from './settlement-run';
import { Trade } from './trade';

/**
 * One leg of a DvP-I trade that settled: the securities (seller to buyer) or the funds (buyer to
 * seller), each its own balanced journal. Both legs of a trade are written in the one transaction
 * that moves them, so a trade has both or neither.
 */
@Entity({ tableName: 'settlement_legs' })
@Check({ name: 'settlement_legs_amount_check', expression: `amount > 0` })
@Unique({ name: 'settlement_legs_trade_leg_unique', properties: ['run', 'attempt', 'trade', 'leg'] })
@Index({ name: 'settlement_legs_trade_id_index', properties: ['trade'] })
export class SettlementLeg {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => SettlementRun, { deleteRule: 'restrict' })
  run!: SettlementRun;

  @Property({ type: 'integer' })
  attempt!: number;

  @ManyToOne(() => Trade, { deleteRule: 'restrict' })
  trade!: Trade;

  @Enum({ items: () => [...SETTLEMENT_LEG_KINDS], nativeEnumName: 'settlement_leg_kind' })
  leg!: SettlementLegKind;

  @ManyToOne(() => Participant, { deleteRule: 'restrict', fieldName: 'from_participant_id' })
  fromParticipant!: Participant;

  @ManyToOne(() => Participant, { deleteRule: 'restrict', fieldName: 'to_participant_id' })
  toParticipant!: Participant;

  @Property({ type: 'string', length: 12 })
  asset!: string;

  @Property({ type: 'decimal', precision: 22, scale: 2 })
  amount!: string;

  @Property({ type: 'string', length: 200 })
  journalReference!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  settledAt: Date = new Date();
}
