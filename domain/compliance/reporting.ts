import type { BondType } from '../reference-data/bond-types';
import { DomainError } from '../domain-error';
import { FPI_CATEGORIES, type FpiCategory, type FpiLimitPosition } from './regulatory-checks';

/** The scheduled regulatory reports, each built by its pure builder in ./reports. */
export const REPORT_TYPES = [
  'SEBI_TRANSACTIONS',
  'FPI_UTILISATION',
  'POSITION_LIMITS',
  'POLICY_CORRIDOR',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

const slug = (type: ReportType) => type.toLowerCase().replace(/_/g, '-');

/** `report-<type>-<period>` for the first run of a period, `...-v<n>` for a deliberate re-run. */
export function reportWorkflowId(type: ReportType, period: string, version: number): string {
  return `report-${slug(type)}-${period}${version > 1 ? `-v${version}` : ''}`;
}

/** The standing schedule of a report type, and the prefix every report schedule id carries. */
export const REPORT_SCHEDULE_PREFIX = 'reports-';
export const standingScheduleId = (type: ReportType) => `${REPORT_SCHEDULE_PREFIX}${slug(type)}-daily`;

/**
 * The RBI FPI debt category a security's purchases count against. Treasury bills and dated G-secs
 * outside the fully accessible route use the general G-sec limit; FAR-eligible and long-term
 * classifications are notified per ISIN and are not distinguished by bond type.
 */
export function fpiCategoryOfBond(bondType: BondType): FpiCategory {
  switch (bondType) {
    case 'SDL':
      return 'SDL';
    case 'CORPORATE':
      return 'CORPORATE';
    default:
      return 'GSEC_GENERAL';
  }
}

/** Short-sale liquidity class: central government paper is treated as liquid, the rest is not. */
export const isLiquidSecurity = (bondType: BondType) => bondType === 'G_SEC' || bondType === 'T_BILL';

export class MalformedFpiLimitsCsvError extends DomainError {
  readonly code = 'MALFORMED_FPI_LIMITS_CSV';

  constructor(reason: string, line: number) {
    super(`line ${line}: ${reason}`, 'body');
  }
}

/** Exact decimal text to an integer of `scale` decimals ("12.5", 2 -> 1250n); null when it is not one. */
export function scaledDecimal(text: string, scale: number): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[3]?.length ?? 0) > scale) return null;
  const v = BigInt(m[2]! + (m[3] ?? '').padEnd(scale, '0'));
  return m[1] ? -v : v;
}

const CRORE_IN_PAISE_DECIMALS = 9;

export interface FpiLimitUpload extends FpiLimitPosition {
  asOf: string;
}

/**
 * The RBI's published FPI limit utilisation as CSV: `as_of,category,limit_crore,utilised_crore`
 * (rupees crore, as published; an empty limit means none, as for FAR). One row per category and date.
 */
export function parseFpiLimitsCsv(text: string): FpiLimitUpload[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.replace(/\s/g, '').toLowerCase() !== 'as_of,category,limit_crore,utilised_crore')
    throw new MalformedFpiLimitsCsvError('the header must be as_of,category,limit_crore,utilised_crore', 1);
  const seen = new Set<string>();
  const rows = lines.slice(1).map((line, i) => {
    const n = i + 2;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 4) throw new MalformedFpiLimitsCsvError('expected 4 fields', n);
    const [asOf, category, limit, utilised] = cells as [string, string, string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
      throw new MalformedFpiLimitsCsvError(`as_of ${asOf} is not a date`, n);
    if (!(FPI_CATEGORIES as readonly string[]).includes(category))
      throw new MalformedFpiLimitsCsvError(`category must be one of ${FPI_CATEGORIES.join(', ')}`, n);
    const limitPaise = limit === '' ? null : scaledDecimal(limit, CRORE_IN_PAISE_DECIMALS);
    const utilisedPaise = scaledDecimal(utilised, CRORE_IN_PAISE_DECIMALS);
    if (limit !== '' && (limitPaise === null || limitPaise < 0n))
      throw new MalformedFpiLimitsCsvError('limit_crore must be a non-negative amount or empty', n);
    if (utilisedPaise === null || utilisedPaise < 0n)
      throw new MalformedFpiLimitsCsvError('utilised_crore must be a non-negative amount', n);
    const key = `${asOf}|${category}`;
    if (seen.has(key)) throw new MalformedFpiLimitsCsvError(`${category} on ${asOf} appears twice`, n);
    seen.add(key);
    return { asOf, category: category as FpiCategory, limitPaise, utilisedPaise };
  });
  if (!rows.length) throw new MalformedFpiLimitsCsvError('no rows', 2);
  return rows;
}
