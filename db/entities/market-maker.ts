import { Entity, Enum, OneToOne, OptionalProps, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Participant } from './participant';

export const MARKET_MAKER_STATUSES = ['RUNNING', 'STOPPED', 'HALTED'] as const;
export type MarketMakerStatus = (typeof MARKET_MAKER_STATUSES)[number];

/**
 * A participant's automated market maker: whether it should quote (RUNNING), was stopped by a
 * person (STOPPED) or stopped itself at a limit (HALTED, with the reason), and its book-wide limits.
 * The market-maker process reads it every cycle; the API changes it.
 */
@Entity({ tableName: 'market_makers' })
export class MarketMaker {
  [PrimaryKeyProp]?: 'participant';
  [OptionalProps]?: 'status' | 'stopReason' | 'maxDv01' | 'maxDailyLoss' | 'updatedAt' | 'version';

  @OneToOne(() => Participant, { primary: true, deleteRule: 'restrict' })
  participant!: Participant;

  @Enum({
    items: () => [...MARKET_MAKER_STATUSES],
    nativeEnumName: 'market_maker_status',
    default: 'STOPPED',
  })
  status: MarketMakerStatus = 'STOPPED';

  @Property({ type: 'string', length: 500, nullable: true })
  stopReason?: string | null;

  /** Rupees per basis point over every bond it makes a market in. */
  @Property({ type: 'decimal', precision: 20, scale: 2, default: '50000' })
  maxDv01: string = '50000';

  /** Rupees: today's P&L (realised plus marked to fair value) may not fall below minus this. */
  @Property({ type: 'decimal', precision: 20, scale: 2, default: '1000000' })
  maxDailyLoss: string = '1000000';

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
