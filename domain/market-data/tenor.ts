import { MalformedCurveCsvError } from './errors';

/** A curve tenor: `1M`, `3M`, `1Y`, `30Y`. Months are the exact key; years are months / 12. */
export interface Tenor {
  readonly label: string;
  readonly months: number;
  readonly years: number;
}

const TENOR_LABEL = /^([1-9]\d{0,3})([MY])$/;
/** A smallint column holds it, and no curve quotes beyond 100 years. */
export const MAX_TENOR_MONTHS = 1200;

/** `"6M"` → 6 months, `"10Y"` → 120 months; undefined for anything else. */
export function tenorFromLabel(label: string): Tenor | undefined {
  const match = TENOR_LABEL.exec(label);
  if (!match) return undefined;
  const months = Number(match[1]) * (match[2] === 'Y' ? 12 : 1);
  if (months > MAX_TENOR_MONTHS) return undefined;
  return { label, months, years: months / 12 };
}

/** The canonical label of a month count: whole years as `NY`, anything else as `NM`. */
export function tenorFromMonths(months: number): Tenor {
  if (!Number.isInteger(months) || months < 1 || months > MAX_TENOR_MONTHS) {
    throw new RangeError(`not a tenor in months: ${months}`);
  }
  const label = months % 12 === 0 ? `${months / 12}Y` : `${months}M`;
  return { label, months, years: months / 12 };
}

/** Used by the CSV parser, which owns the line and column numbers. */
export function parseTenorHeader(label: string, line: number, column: number): Tenor {
  const tenor = tenorFromLabel(label);
  if (!tenor) {
    throw new MalformedCurveCsvError(
      `"${label}" is not a tenor such as 1M, 6M, 1Y or 30Y (at most ${MAX_TENOR_MONTHS / 12}Y)`,
      line,
      column,
    );
  }
  return tenor;
}
