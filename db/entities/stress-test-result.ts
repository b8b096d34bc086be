import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Portfolio } from './portfolio';

export const STRESS_SCENARIO_TYPES = ['INTEREST_RATE', 'CREDIT_SPREAD', 'MARKET_CRASH', 'CUSTOM'] as const;
export type StressScenarioTypeName = (typeof STRESS_SCENARIO_TYPES)[number];

/**
 * One scenario applied to a portfolio as it stood: the scenario as given, the P&L in rupees (a loss is
 * negative) in total and per position, and the stressed VaR when a base VaR was known. A default-set
 * request stores one row per scenario under one `batchId`.
 */
@Entity({ tableName: 'stress_test_results' })
@Index({ name: 'stress_test_results_portfolio_id_index', properties: ['portfolio', 'id'] })
export class StressTestResult {
  [OptionalProps]?: 'baseVar' | 'stressedVar' | 'batchId' | 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Portfolio, { deleteRule: 'cascade' })
  portfolio!: Portfolio;

  @Property({ type: 'string', length: 100 })
  scenarioName!: string;

  @Enum({ items: () => [...STRESS_SCENARIO_TYPES], nativeEnumName: 'stress_scenario_type' })
  scenarioType!: StressScenarioTypeName;

  @Property({ type: 'jsonb' })
  scenario!: Record<string, unknown>;

  @Property({ type: 'double' })
  marketValue!: number;

  @Property({ type: 'double' })
  totalPnl!: number;

  @Property({ type: 'double', nullable: true })
  baseVar?: number | null;

  @Property({ type: 'double', nullable: true })
  stressedVar?: number | null;

  @Property({ type: 'jsonb' })
  positions!: Record<string, unknown>[];

  @Property({ type: 'jsonb' })
  unpricedPositions!: Record<string, unknown>[];

  @Property({ type: 'uuid', nullable: true })
  batchId?: string | null;

  @Property({ type: 'integer' })
  requestedBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
