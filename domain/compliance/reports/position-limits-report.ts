import { shortSaleLimitPaise, type ShortSaleLimits } from '../regulatory-checks';

export interface PositionInput {
  participantCode: string;
  isin: string;
  /** Net face value held, negative when short. */
  netPaise: bigint;
}

export interface SecurityInput {
  isin: string;
  outstandingPaise: bigint;
  liquid: boolean;
}

export interface PositionLimitsInput {
  date: string;
  positions: readonly PositionInput[];
  securities: readonly SecurityInput[];
  /** Configured long limits by `participantCode|isin`; none means no long limit. */
  longLimitsPaise: ReadonlyMap<string, bigint>;
  /** Configured short limits by `participantCode|isin`; the lower of it and the short-sale limit applies. */
  shortLimitsPaise?: ReadonlyMap<string, bigint>;
  shortSale?: ShortSaleLimits;
}

export type PositionStatus = 'WITHIN' | 'LONG_LIMIT_BREACH' | 'SHORT_LIMIT_BREACH';

export interface PositionLimitRow {
  report_date: string;
  participant_code: string;
  isin: string;
  net_position_paise: string;
  long_limit_paise: string | null;
  short_limit_paise: string;
  /** Use of the applicable limit in basis points (long use of the long limit, short use of the short). */
  utilisation_bps: string | null;
  status: PositionStatus;
}

export interface PositionLimitsReport {
  rows: PositionLimitRow[];
  control: {
    report_date: string;
    record_count: number;
    breach_count: number;
    total_long_paise: string;
    total_short_paise: string;
  };
}

/**
 * The position and short-sale limits report: one row per participant and security held, sorted by
 * participant then ISIN, against the configured long limit and the regulatory short-sale limit (or
 * a lower configured short limit).
 * A position exactly at a limit is within it.
 */
export function buildPositionLimitsReport(input: PositionLimitsInput): PositionLimitsReport {
  const securities = new Map(input.securities.map((s) => [s.isin, s]));
  let totalLong = 0n;
  let totalShort = 0n;
  const rows = [...input.positions]
    .filter((p) => p.netPaise !== 0n)
    .sort((a, b) => a.participantCode.localeCompare(b.participantCode) || a.isin.localeCompare(b.isin))
    .map((p): PositionLimitRow => {
      const security = securities.get(p.isin);
      if (!security) throw new RangeError(`no outstanding amount for ${p.isin}`);
      const key = `${p.participantCode}|${p.isin}`;
      const regulatoryShort = shortSaleLimitPaise(
        security.outstandingPaise,
        security.liquid,
        input.shortSale,
      );
      const configuredShort = input.shortLimitsPaise?.get(key);
      const shortLimit =
        configuredShort !== undefined && configuredShort < regulatoryShort
          ? configuredShort
          : regulatoryShort;
      const longLimit = input.longLimitsPaise.get(key) ?? null;
      let status: PositionStatus = 'WITHIN';
      let utilisation: bigint | null = null;
      if (p.netPaise > 0n) {
        totalLong += p.netPaise;
        if (longLimit !== null) {
          utilisation = longLimit === 0n ? null : (p.netPaise * 10_000n) / longLimit;
          if (p.netPaise > longLimit) status = 'LONG_LIMIT_BREACH';
        }
      } else {
        const short = -p.netPaise;
        totalShort += short;
        utilisation = shortLimit === 0n ? null : (short * 10_000n) / shortLimit;
        if (short > shortLimit) status = 'SHORT_LIMIT_BREACH';
      }
      return {
        report_date: input.date,
        participant_code: p.participantCode,
        isin: p.isin,
        net_position_paise: p.netPaise.toString(),
        long_limit_paise: longLimit?.toString() ?? null,
        short_limit_paise: shortLimit.toString(),
        utilisation_bps: utilisation?.toString() ?? null,
        status,
      };
    });
  return {
    rows,
    control: {
      report_date: input.date,
      record_count: rows.length,
      breach_count: rows.filter((r) => r.status !== 'WITHIN').length,
      total_long_paise: totalLong.toString(),
      total_short_paise: totalShort.toString(),
    },
  };
}
