import { CASH_ASSET } from '../ledger/journal';

/** A trade as settlement sees it: amounts in hundredths (face in hundredths of a rupee, cash in paise). */
export interface SettlementTrade {
  id: string;
  isin: string;
  buyerId: number;
  sellerId: number;
  faceHundredths: bigint;
  cashPaise: bigint;
  /** ISO time of execution: earlier trades have priority to settle. */
  executedAt: string;
  /** Venue fees each side pays on settlement, in paise (none when absent). */
  buyerFeePaise?: bigint;
  sellerFeePaise?: bigint;
}

/** What a trade costs a participant in cash when it settles (negative: it receives cash), fees included. */
export function cashCost(t: SettlementTrade, participantId: number): bigint {
  let cost = 0n;
  if (t.buyerId === participantId) cost += t.cashPaise + (t.buyerFeePaise ?? 0n);
  if (t.sellerId === participantId) cost += (t.sellerFeePaise ?? 0n) - t.cashPaise;
  return cost;
}

/** One participant's net in one asset (`INR` or an ISIN): positive receives, negative delivers. */
export interface NetLine {
  participantId: number;
  asset: string;
  amount: bigint;
}

const key = (participantId: number, asset: string) => `${participantId}\u0000${asset}`;

/**
 * DvP-III multilateral netting: per participant, the sum over its trades of securities received
 * minus delivered per ISIN, and of cash received minus paid, fees included (paid into
 * `feeAccountId`, the venue's fee income, which must be given when any trade carries a fee). Zero
 * nets are left out; lines come back ordered by participant, then cash before securities, then ISIN.
 */
export function netObligations(trades: readonly SettlementTrade[], feeAccountId?: number): NetLine[] {
  const sums = new Map<string, NetLine>();
  const add = (participantId: number, asset: string, amount: bigint) => {
    const k = key(participantId, asset);
    const line = sums.get(k);
    if (line) line.amount += amount;
    else sums.set(k, { participantId, asset, amount });
  };
  for (const t of trades) {
    add(t.buyerId, t.isin, t.faceHundredths);
    add(t.sellerId, t.isin, -t.faceHundredths);
    add(t.buyerId, CASH_ASSET, -t.cashPaise);
    add(t.sellerId, CASH_ASSET, t.cashPaise);
    const fees = (t.buyerFeePaise ?? 0n) + (t.sellerFeePaise ?? 0n);
    if (fees === 0n) continue;
    if (feeAccountId === undefined)
      throw new Error(`trade ${t.id} carries fees but no fee account was given`);
    add(t.buyerId, CASH_ASSET, -(t.buyerFeePaise ?? 0n));
    add(t.sellerId, CASH_ASSET, -(t.sellerFeePaise ?? 0n));
    add(feeAccountId, CASH_ASSET, fees);
  }
  return [...sums.values()].filter((l) => l.amount !== 0n).sort(compareLines);
}

export function compareLines(a: NetLine, b: NetLine): number {
  if (a.participantId !== b.participantId) return a.participantId - b.participantId;
  if (a.asset === b.asset) return 0;
  if (a.asset === CASH_ASSET) return -1;
  if (b.asset === CASH_ASSET) return 1;
  return a.asset < b.asset ? -1 : 1;
}

/** The sum of every asset's lines: all zero for any set of trades (what one side gives the other gets). */
export function totalsByAsset(lines: readonly NetLine[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const l of lines) totals.set(l.asset, (totals.get(l.asset) ?? 0n) + l.amount);
  return totals;
}
