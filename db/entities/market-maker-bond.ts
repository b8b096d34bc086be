import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Bond } from './bond';
import { Participant } from './participant';

/**
 * How a market maker quotes one bond. Spreads and thresholds are basis points of yield (turned into
 * price by the bond's PV01); sizes and the inventory limit are rupees of face value.
 */
@Entity({ tableName: 'market_maker_bonds' })
@Unique({ name: 'market_maker_bonds_participant_bond_unique', properties: ['participant', 'bond'] })
export class MarketMakerBond {
  [OptionalProps]?: 'enabled' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  quoteSize!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  maxInventory!: string;

  @Property({ type: 'decimal', precision: 9, scale: 4 })
  baseSpreadBp!: string;

  /** Extra half-spread per basis point of the fair yield's recent volatility. */
  @Property({ type: 'decimal', precision: 9, scale: 4 })
  volatilityMultiplier!: string;

  /** Extra half-spread when the book shows less than two quote sizes on a side. */
  @Property({ type: 'decimal', precision: 9, scale: 4 })
  thinBookSpreadBp!: string;

  /** How far the quotes' centre moves (bp) at a full inventory, against the position. */
  @Property({ type: 'decimal', precision: 9, scale: 4 })
  inventorySkewBp!: string;

  /** Requote when the fair yield has moved this far (bp) since the quotes were placed. */
  @Property({ type: 'decimal', precision: 9, scale: 4 })
  refreshThresholdBp!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
