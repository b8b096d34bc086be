import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { OBLIGATION_STATUSES, type ObligationStatus } from '../../domain/settlement/trade-states';
import { Participant } from './participant';
import { SettlementRun } from './settlement-run';

/**
 * A participant's DvP-III net in one asset (`INR` or an ISIN) for one netting round: positive
 * receives, negative delivers. A cash debit is BLOCKED before the round settles; a round that cannot
 * settle is RELEASED (its blocks given back) and the next round re-nets without the failed trades.
 */
@Entity({ tableName: 'settlement_obligations' })
@Unique({
  name: 'settlement_obligations_round_asset_unique',
  properties: ['run', 'attempt', 'round', 'participant', 'asset'],
})
export class SettlementObligation {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => SettlementRun, { deleteRule: 'restrict' })
  run!: SettlementRun;

  @Property({ type: 'integer' })
  attempt!: number;

  @Property({ type: 'integer' })
  round!: number;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'string', length: 12 })
  asset!: string;

  @Property({ type: 'decimal', precision: 22, scale: 2 })
  amount!: string;

  @Enum({
    items: () => [...OBLIGATION_STATUSES],
    nativeEnumName: 'settlement_obligation_status',
    default: 'PENDING',
  })
  status: ObligationStatus = 'PENDING';
}
