import type { CreditRating } from './position';
import type { KeyRateTenor } from './risk-factors';
import type { Revaluation } from './var-types';

/** Spread move in bp per rating bucket; a rating not listed (and an unrated position) does not move. */
export type SpreadShockByRating = Readonly<Partial<Record<CreditRating, number>>>;

// Scenarios are stored and served as data, so their fields keep the API's snake_case names
// (`rate_shock`, `volatility_multiplier`) and the spec's examples load verbatim.

/** `volatility_multiplier` scales volatilities, so the stressed VaR is the base VaR times it. */
interface ScenarioCommon {
  readonly scenario_name: string;
  readonly description?: string;
}

export interface InterestRateScenario extends ScenarioCommon {
  readonly scenario_type: 'INTEREST_RATE';
  /** Parallel shift of every key rate, in bp. */
  readonly parameters: { readonly rate_shock: number; readonly volatility_multiplier?: number };
}

export interface CreditSpreadScenario extends ScenarioCommon {
  readonly scenario_type: 'CREDIT_SPREAD';
  readonly parameters: {
    readonly spread_shock_by_rating: SpreadShockByRating;
    readonly volatility_multiplier?: number;
  };
}

export interface MarketCrashScenario extends ScenarioCommon {
  readonly scenario_type: 'MARKET_CRASH';
  readonly parameters: {
    readonly rate_shock: number;
    readonly spread_shock_by_rating: SpreadShockByRating;
    /** Fire-sale discount on every position's absolute value, in percent. */
    readonly liquidity_haircut_pct: number;
    readonly volatility_multiplier?: number;
  };
}

export interface CustomScenario extends ScenarioCommon {
  readonly scenario_type: 'CUSTOM';
  readonly parameters: {
    readonly tenor_shocks: Readonly<Partial<Record<KeyRateTenor, number>>>;
    readonly spread_shock_by_rating?: SpreadShockByRating;
    readonly volatility_multiplier?: number;
  };
}

export type StressScenario =
  InterestRateScenario | CreditSpreadScenario | MarketCrashScenario | CustomScenario;
export type StressScenarioType = StressScenario['scenario_type'];

export interface StressOptions {
  /** Default FULL_REVALUATION: a position's own `revalue` where it has one, delta-gamma otherwise. */
  readonly revaluation?: Revaluation;
  /** Today's VaR, which `volatility_multiplier` scales into a stressed VaR. */
  readonly baseVar?: number;
}

export interface PositionStressPnl {
  readonly positionId: string;
  readonly pnl: number;
}

export interface StressResult {
  readonly scenarioName: string;
  readonly scenarioType: StressScenarioType;
  readonly totalPnl: number;
  readonly positions: readonly PositionStressPnl[];
  /** baseVar x volatility_multiplier, when both are known. */
  readonly stressedVar: number | null;
}
