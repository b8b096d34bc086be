import { divHalfUp, formatFixed4, formatHundredths, parseFixed4 } from './fixed-point';
import type { BidAllotment } from './types';

/** What one participant was allotted across its bids: face, cash to pay, and the average price. */
export interface AllotteeTotal {
  participantId: number;
  faceAmount: number;
  /** Sum of the settlement amounts (consideration + accrued), rupees with 2 decimals. */
  cashAmount: string;
  /** Allotment-weighted price per 100, half-up to 4 decimals. */
  averagePrice: string;
}

interface Sum {
  face: number;
  paise: number;
  /** Face x price units, exact: one line can exceed 2^53, so the sum is a BigInt. */
  cost: bigint;
}

/** Money "123.45" as paise; the clearing wrote it, so it always has exactly 2 decimals. */
function paiseOf(money: string): number {
  return (parseFixed4(money) as number) / 100;
}

/**
 * Totals per participant of the allotted lines, in participant order (allottees' HOUSE positions are
 * locked in that order, so clearings side by side never deadlock). Exact integer arithmetic.
 */
export function allotteeTotals(allotments: readonly BidAllotment[]): AllotteeTotal[] {
  const sums = new Map<number, Sum>();
  for (const line of allotments) {
    if (line.allottedAmount === 0) continue;
    const participantId = Number(line.participantId);
    let sum = sums.get(participantId);
    if (!sum) sums.set(participantId, (sum = { face: 0, paise: 0, cost: 0n }));
    sum.face += line.allottedAmount;
    sum.paise += paiseOf(line.settlementAmount);
    // An allotted line always has a price paid.
    sum.cost += BigInt(line.allottedAmount) * BigInt(parseFixed4(line.pricePaid as string) as number);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([participantId, sum]) => ({
      participantId,
      faceAmount: sum.face,
      cashAmount: formatHundredths(sum.paise),
      averagePrice: formatFixed4(divHalfUp(sum.cost, BigInt(sum.face))),
    }));
}
