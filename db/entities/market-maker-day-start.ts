import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Bond } from './bond';
import { Participant } from './participant';

export const DAY_START_MARK_SOURCES = ['FAIR_VALUE', 'AVERAGE_COST'] as const;
export type DayStartMarkSource = (typeof DAY_START_MARK_SOURCES)[number];

/**
 * Where a market maker's P&L day starts in one bond: the inventory its fills before the day's start
 * (the latest trading-day end) left it, and the mark that inventory is revalued from, recorded once
 * at the first look at its book after that instant. The mark is the fair value then; a carried
 * inventory with no fair value to be had is marked at its average cost. Never changed afterwards.
 */
@Entity({ tableName: 'market_maker_day_starts' })
@Check({
  name: 'market_maker_day_starts_mark_check',
  expression: `mark_price > 0 and (mark_source = 'FAIR_VALUE' or mark_source = 'AVERAGE_COST')`,
})
export class MarketMakerDayStart {
  [OptionalProps]?: 'recordedAt';

  @ManyToOne(() => Participant, { primary: true, deleteRule: 'restrict' })
  participant!: Participant;

  @ManyToOne(() => Bond, { primary: true, deleteRule: 'restrict' })
  bond!: Bond;

  @PrimaryKey({ type: 'datetime' })
  dayStart!: Date;

  /** Signed face value, long positive. */
  @Property({ type: 'decimal', precision: 20, scale: 2 })
  inventory!: string;

  /** Clean price per 100. */
  @Property({ type: 'decimal', precision: 12, scale: 4 })
  markPrice!: string;

  @Property({ type: 'string', length: 16 })
  markSource!: DayStartMarkSource;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
