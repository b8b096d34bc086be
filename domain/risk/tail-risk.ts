import type { ConfidenceLevel } from './confidence';

/** One scenario of the loss tail and its weight in the expected shortfall (weights sum to 1). */
export interface TailScenario {
  readonly scenario: number;
  readonly weight: number;
}

/** VaR and ES of a scenario set; both are losses, so positive when the tail loses money. */
export interface TailRisk {
  readonly confidence: ConfidenceLevel;
  readonly var: number;
  readonly es: number;
  readonly scenarioCount: number;
  /** k = ceil(N(1 - confidence)): VaR is the k-th worst loss. */
  readonly rank: number;
  /** w = N(1 - confidence), the Acerbi-Tasche tail weight. */
  readonly tailWeight: number;
  /** Index of the scenario at rank k (ties broken by the lower index). */
  readonly varScenario: number;
  /** The scenarios that make up the ES, worst first: ES = sum of weight x loss. */
  readonly tail: readonly TailScenario[];
}
