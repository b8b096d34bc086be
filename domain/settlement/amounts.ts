import { accruedInterestRupees } from '../bonds/accrued-interest';
import { parseCivilDate } from '../bonds/civil-date';
import { ExactDecimal, roundHalfUp } from '../bonds/rounding';
import type { BondTerms } from '../bonds/types';
import { hundredths } from '../ledger/journal';

/** What a trade's buyer pays on its settlement date, each part in paise. */
export interface TradeAmounts {
  considerationPaise: bigint;
  accruedPaise: bigint;
  /** Consideration + accrued interest: the cash leg. */
  cashPaise: bigint;
}

/**
 * Consideration = face x clean price / 100 + accrued interest to the settlement date, each rounded
 * half-up to the paisa (CONVENTIONS.md). `terms` is null for a zero-coupon bill, which accrues nothing.
 */
export function tradeAmounts(
  terms: BondTerms | null,
  settlementDate: string,
  price: string,
  face: string,
): TradeAmounts {
  const considerationPaise = hundredths(roundHalfUp(new ExactDecimal(face).times(price).dividedBy(100), 2));
  const accruedPaise =
    terms === null
      ? 0n
      : hundredths(accruedInterestRupees(terms, parseCivilDate(settlementDate, 'settlement_date'), face));
  return { considerationPaise, accruedPaise, cashPaise: considerationPaise + accruedPaise };
}

/** Hundredths (paise, or hundredths of a rupee of face) as a 2-decimal string. */
export function fromHundredths(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
