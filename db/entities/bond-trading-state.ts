import { Entity, Enum, OneToOne, OptionalProps, Property } from '@mikro-orm/core';
import { SESSION_NAMES, type SessionName } from '../../domain/trading/order-names';
import { Bond } from './bond';

/**
 * A bond's book state as of the matching worker's last commit: what pre-trade checks and the
 * session routes read. Written only by the worker; a bond without a row is CONTINUOUS.
 */
@Entity({ tableName: 'bond_trading_states' })
export class BondTradingState {
  [OptionalProps]?: 'lastPrice' | 'lastTradeAt' | 'updatedAt';

  @OneToOne(() => Bond, { primary: true, deleteRule: 'cascade' })
  bond!: Bond;

  @Enum({ items: () => [...SESSION_NAMES], nativeEnumName: 'trading_session' })
  session!: SessionName;

  @Property({ type: 'boolean' })
  halted!: boolean;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  lastPrice?: string | null;

  @Property({ type: 'datetime', nullable: true })
  lastTradeAt?: Date | null;

  /** The last applied command sequence of the bond. */
  @Property({ type: 'bigint' })
  appliedSeq!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
