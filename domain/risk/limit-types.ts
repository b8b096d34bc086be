export const LIMIT_TYPES = [
  'VAR',
  'ES',
  'DV01',
  'DURATION',
  'ISSUER_CONCENTRATION_PCT',
  'POSITION_SIZE',
] as const;
export type LimitType = (typeof LIMIT_TYPES)[number];

export type BreachSeverity = 'WARNING' | 'BREACH' | 'CRITICAL';

export interface RiskLimit {
  readonly limitType: LimitType;
  /** Largest allowed absolute value (rupees, years, or percent for ISSUER_CONCENTRATION_PCT). */
  readonly threshold: number;
  /** For ISSUER_CONCENTRATION_PCT an issuer, for POSITION_SIZE a position id; absent means every one. */
  readonly scope?: string;
  /** Utilisation (value / threshold) from which a WARNING is raised; default 0.9. */
  readonly warningRatio?: number;
  /** Utilisation from which a breach is CRITICAL; default 1.25. */
  readonly criticalRatio?: number;
}

/** The measured side; a metric left out is not checked. */
export interface LimitMetrics {
  readonly var?: number;
  readonly es?: number;
  readonly dv01?: number;
  readonly duration?: number;
  readonly issuerConcentrationPct?: Readonly<Record<string, number>>;
  /** Rupees of market value per position id. */
  readonly positionSizes?: Readonly<Record<string, number>>;
}

export interface LimitBreach {
  readonly limit: RiskLimit;
  /** The issuer or position the value belongs to, for the per-name limits. */
  readonly subject?: string;
  readonly value: number;
  readonly threshold: number;
  readonly utilization: number;
  readonly severity: BreachSeverity;
}
