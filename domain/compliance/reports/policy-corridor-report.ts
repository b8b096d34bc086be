import { divideHalfUp, fixed4, istTimestamp } from './report-values';

/** A trade as the monitoring report needs it; yields in units of 0.0001 percent. */
export interface CorridorTrade {
  tradeId: string;
  isin: string;
  executedAt: Date;
  /** Residual maturity in days at execution, for the tenor bucket. */
  residualDays: number;
  faceValuePaise: bigint;
  yieldUnits: bigint;
}

/** The RBI policy corridor: SDF (floor), repo, MSF (ceiling), in units of 0.0001 percent. */
export interface PolicyCorridor {
  sdfUnits: bigint;
  repoUnits: bigint;
  msfUnits: bigint;
}

export const TENOR_BUCKETS = ['UP_TO_91D', '92D_TO_1Y', '1Y_TO_5Y', '5Y_TO_10Y', 'OVER_10Y'] as const;
export type TenorBucket = (typeof TENOR_BUCKETS)[number];

export function tenorBucket(residualDays: number): TenorBucket {
  if (residualDays <= 91) return 'UP_TO_91D';
  if (residualDays <= 365) return '92D_TO_1Y';
  if (residualDays <= 5 * 365) return '1Y_TO_5Y';
  if (residualDays <= 10 * 365) return '5Y_TO_10Y';
  return 'OVER_10Y';
}

export interface CorridorAggregate {
  trade_count: number;
  volume_paise: string;
  /** Volume-weighted, rounded half-up to 4 decimals. */
  weighted_average_yield: string;
  spread_to_repo: string;
  trades_outside_corridor: number;
}

export interface PolicyCorridorReport {
  by_security: Array<{ isin: string } & CorridorAggregate>;
  by_tenor: Array<{ tenor_bucket: TenorBucket } & CorridorAggregate>;
  flagged: Array<{
    trade_id: string;
    isin: string;
    executed_at: string;
    yield: string;
    breach: 'BELOW_SDF' | 'ABOVE_MSF';
  }>;
  control: {
    report_date: string;
    trade_count: number;
    volume_paise: string;
    flagged_count: number;
    sdf: string;
    repo: string;
    msf: string;
  };
}

type CorridorBreach = 'BELOW_SDF' | 'ABOVE_MSF';

const breachOf = (t: CorridorTrade, c: PolicyCorridor): CorridorBreach | null =>
  t.yieldUnits < c.sdfUnits ? 'BELOW_SDF' : t.yieldUnits > c.msfUnits ? 'ABOVE_MSF' : null;

function aggregate(trades: readonly CorridorTrade[], corridor: PolicyCorridor): CorridorAggregate {
  const volume = trades.reduce((s, t) => s + t.faceValuePaise, 0n);
  const wavg = divideHalfUp(
    trades.reduce((s, t) => s + t.yieldUnits * t.faceValuePaise, 0n),
    volume,
  );
  return {
    trade_count: trades.length,
    volume_paise: volume.toString(),
    weighted_average_yield: fixed4(wavg),
    spread_to_repo: fixed4(wavg - corridor.repoUnits),
    trades_outside_corridor: trades.filter((t) => breachOf(t, corridor)).length,
  };
}

function groupBy<K extends string>(
  trades: readonly CorridorTrade[],
  key: (t: CorridorTrade) => K,
): Map<K, CorridorTrade[]> {
  const groups = new Map<K, CorridorTrade[]>();
  for (const t of trades) groups.set(key(t), [...(groups.get(key(t)) ?? []), t]);
  return groups;
}

/**
 * Monetary-policy and liquidity monitoring for one day: volume and volume-weighted average yield
 * per security and per tenor bucket, their spread to repo, and each trade whose yield is outside
 * the SDF-MSF corridor (a yield exactly on SDF or MSF is inside).
 */
export function buildPolicyCorridorReport(
  date: string,
  trades: readonly CorridorTrade[],
  corridor: PolicyCorridor,
): PolicyCorridorReport {
  const bySecurity = [...groupBy(trades, (t) => t.isin)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([isin, group]) => ({ isin, ...aggregate(group, corridor) }));
  const byTenor = TENOR_BUCKETS.flatMap((bucket) => {
    const group = trades.filter((t) => tenorBucket(t.residualDays) === bucket);
    return group.length ? [{ tenor_bucket: bucket, ...aggregate(group, corridor) }] : [];
  });
  const flagged = trades.flatMap((t) => {
    const breach = breachOf(t, corridor);
    return breach
      ? [
          {
            trade_id: t.tradeId,
            isin: t.isin,
            executed_at: istTimestamp(t.executedAt),
            yield: fixed4(t.yieldUnits),
            breach,
          },
        ]
      : [];
  });
  return {
    by_security: bySecurity,
    by_tenor: byTenor,
    flagged,
    control: {
      report_date: date,
      trade_count: trades.length,
      volume_paise: trades.reduce((s, t) => s + t.faceValuePaise, 0n).toString(),
      flagged_count: flagged.length,
      sdf: fixed4(corridor.sdfUnits),
      repo: fixed4(corridor.repoUnits),
      msf: fixed4(corridor.msfUnits),
    },
  };
}
