import { DomainError } from '../domain-error';

/** Cash is asset `INR` (rupees); securities are their ISIN (rupees of face value). */
export const CASH_ASSET = 'INR';

/** One leg of a journal: positive credits the participant, negative debits it. */
export interface JournalLine {
  participantId: number;
  asset: string;
  /** A decimal with at most 2 places. */
  amount: string;
}

export class UnbalancedJournalError extends DomainError {
  readonly code = 'LEDGER_UNBALANCED';
}

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Hundredths of the amount as a BigInt, exactly. */
export function hundredths(amount: string): bigint {
  const match = AMOUNT.exec(amount);
  if (!match) throw new UnbalancedJournalError(`amount ${amount} is not a decimal with at most 2 places`);
  const value = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -value : value;
}

/**
 * Checks that every asset's legs sum to zero, so posting the journal conserves the total of each
 * asset over all participants; a journal must have legs and none of zero.
 */
export function assertBalanced(lines: readonly JournalLine[]): void {
  if (lines.length === 0) throw new UnbalancedJournalError('a journal needs at least one line');
  const sums = new Map<string, bigint>();
  for (const line of lines) {
    const value = hundredths(line.amount);
    if (value === 0n) throw new UnbalancedJournalError(`a line of ${line.asset} moves nothing`);
    sums.set(line.asset, (sums.get(line.asset) ?? 0n) + value);
  }
  for (const [asset, sum] of sums) {
    if (sum !== 0n) throw new UnbalancedJournalError(`the ${asset} lines sum to ${sum} hundredths, not zero`);
  }
}

/** The same movement in the other direction (a compensation). */
export function reversed(lines: readonly JournalLine[]): JournalLine[] {
  return lines.map((line) => ({
    ...line,
    amount: line.amount.startsWith('-') ? line.amount.slice(1) : `-${line.amount}`,
  }));
}

/** Delivery versus payment of a primary allotment: face from the issuer's account, cash to it. */
export function allotmentLegs(
  issuerParticipantId: number,
  allotteeParticipantId: number,
  isin: string,
  faceAmount: string,
  cashAmount: string,
): { securities: JournalLine[]; cash: JournalLine[] } {
  return {
    securities: [
      { participantId: allotteeParticipantId, asset: isin, amount: faceAmount },
      { participantId: issuerParticipantId, asset: isin, amount: `-${faceAmount}` },
    ],
    cash: [
      { participantId: allotteeParticipantId, asset: CASH_ASSET, amount: `-${cashAmount}` },
      { participantId: issuerParticipantId, asset: CASH_ASSET, amount: cashAmount },
    ],
  };
}
