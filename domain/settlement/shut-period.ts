import type { BusinessCalendar } from '../calendar/business-calendar';
import { redemptionDates } from '../corporate-actions/payment-schedule';
import type { BondType } from '../reference-data/bond-types';

/**
 * Why a transfer of a bond settling on `date` is refused, or null: from the business day after the
 * redemption's record date on (the shut period, as in RBI's SGL), the holders of record are final,
 * since they are paid the face value and their holdings extinguished. Such a trade cannot settle on
 * any later day either, so it is closed out rather than rolled.
 */
export function shutPeriodReason(
  calendar: BusinessCalendar,
  bond: { isin: string; bondType: BondType; maturityDate: string },
  recordDays: number,
  date: string,
): string | null {
  const { paymentDate, recordDate } = redemptionDates(calendar, bond, recordDays);
  return date > recordDate
    ? `shut period: ${bond.isin} redeems on ${paymentDate} to the holders of record on ${recordDate}`
    : null;
}
