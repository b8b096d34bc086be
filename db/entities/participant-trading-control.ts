import { Entity, Enum, OneToOne, OptionalProps, Property } from '@mikro-orm/core';
import { STP_MODE_NAMES, type StpModeName } from '../../domain/trading/order-names';
import { Participant } from './participant';

/**
 * A participant's trading settings: its kill switch (cancels everything and blocks new orders
 * until released), maximum order size and default self-trade prevention. No row means defaults.
 */
@Entity({ tableName: 'participant_trading_controls' })
export class ParticipantTradingControl {
  [OptionalProps]?: 'killSwitch' | 'maxOrderQuantity' | 'stpMode' | 'updatedBy' | 'updatedAt';

  @OneToOne(() => Participant, { primary: true, deleteRule: 'cascade' })
  participant!: Participant;

  @Property({ type: 'boolean', default: false })
  killSwitch: boolean = false;

  /** Rupees of face value; null for no limit. */
  @Property({ type: 'decimal', precision: 20, scale: 2, nullable: true })
  maxOrderQuantity?: string | null;

  @Enum({ items: () => [...STP_MODE_NAMES], nativeEnumName: 'stp_mode', default: 'CANCEL_INCOMING' })
  stpMode: StpModeName = 'CANCEL_INCOMING';

  @Property({ type: 'integer', nullable: true })
  updatedBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
