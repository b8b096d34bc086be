import { Check, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { EXECUTION_MECHANISMS, type ExecutionMechanism } from '../../domain/rfq/execution-mechanism';
import { PARTICIPANT_KINDS, type ParticipantKind } from '../../domain/reference-data/participant-kinds';
import { User } from './user';

/**
 * One entry of the venue's fee schedule (`domain/settlement/fees.ts`): entries are only added, never
 * changed, so the fee any past trade paid can be explained from the history.
 */
@Entity({ tableName: 'fee_schedule' })
@Check({ name: 'fee_schedule_amounts_check', expression: `rate_bp >= 0 and minimum >= 0` })
@Unique({
  name: 'fee_schedule_entry_unique',
  properties: ['executionMechanism', 'participantKind', 'effectiveFrom'],
})
export class FeeScheduleRow {
  [OptionalProps]?: 'minimum' | 'createdAt' | 'participantKind' | 'note' | 'createdBy';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => [...EXECUTION_MECHANISMS], nativeEnumName: 'execution_mechanism' })
  executionMechanism!: ExecutionMechanism;

  @Enum({ items: () => [...PARTICIPANT_KINDS], nativeEnumName: 'participant_kind', nullable: true })
  participantKind?: ParticipantKind | null;

  @Property({ type: 'decimal', precision: 8, scale: 4 })
  rateBp!: string;

  /** Rupees (2 decimals): the least fee per trade and side. */
  @Property({ type: 'decimal', precision: 14, scale: 2, default: 0 })
  minimum!: string;

  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  note?: string | null;

  @ManyToOne(() => User, { deleteRule: 'restrict', nullable: true, fieldName: 'created_by' })
  createdBy?: User | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
