import { CASH_ASSET } from '../ledger/journal';
import { cashCost, netObligations, type NetLine, type SettlementTrade } from './netting';

/** What each participant can deliver: available cash (balance - blocked) and holdings per ISIN. */
export interface Availability {
  cash: ReadonlyMap<number, bigint>;
  /** Keyed by `holdingKey(participant, isin)`. */
  securities: ReadonlyMap<string, bigint>;
}

export const holdingKey = (participantId: number, isin: string) => `${participantId}:${isin}`;

export interface FailedTrade {
  trade: SettlementTrade;
  /** The participant whose shortfall failed it. */
  participantId: number;
  asset: string;
  /** How much of `asset` the participant lacked when the trade was dropped (hundredths). */
  shortfall: bigint;
}

export interface IsolationResult {
  settling: SettlementTrade[];
  failed: FailedTrade[];
  /** The nets of `settling`: every participant can cover each of its debits. */
  nets: NetLine[];
}

function available(avail: Availability, participantId: number, asset: string): bigint {
  return asset === CASH_ASSET
    ? (avail.cash.get(participantId) ?? 0n)
    : (avail.securities.get(holdingKey(participantId, asset)) ?? 0n);
}

const newestFirst = (a: SettlementTrade, b: SettlementTrade) =>
  a.executedAt === b.executedAt ? (a.id < b.id ? 1 : -1) : a.executedAt < b.executedAt ? 1 : -1;

/**
 * Failure isolation for DvP-III: a participant short of cash or of an ISIN fails only its own
 * trades, and only as many as make up the shortfall; everyone else settles what they can.
 *
 * Repeat until no participant is short: net the trades still settling; take the first shortfall
 * (participant, then cash before ISINs); drop that participant's trades which consume the asset
 * (for cash, those that cost it cash fees included: its buys, and a sale whose fee exceeds its
 * proceeds; for securities, its sales of the ISIN), newest first, until its net debit fits
 * what it has. Dropping a trade can make its counterparty short (it was counting on the delivery), which
 * a later pass handles the same way. Each pass drops at least one trade (a net debit above what is
 * available implies a trade consuming it), so this ends after at most one pass per trade.
 */
export function isolateFailures(
  trades: readonly SettlementTrade[],
  avail: Availability,
  feeAccountId?: number,
): IsolationResult {
  let settling = [...trades];
  const failed: FailedTrade[] = [];
  for (;;) {
    const nets = netObligations(settling, feeAccountId);
    const short = nets.find((l) => l.amount < 0n && -l.amount > available(avail, l.participantId, l.asset));
    if (!short) return { settling, failed, nets };
    const { participantId, asset } = short;
    let shortfall = -short.amount - available(avail, participantId, asset);
    const consuming = settling
      .filter((t) =>
        asset === CASH_ASSET
          ? cashCost(t, participantId) > 0n
          : t.sellerId === participantId && t.isin === asset,
      )
      .sort(newestFirst);
    const dropped = new Set<string>();
    for (const t of consuming) {
      if (shortfall <= 0n) break;
      dropped.add(t.id);
      failed.push({ trade: t, participantId, asset, shortfall });
      shortfall -= asset === CASH_ASSET ? cashCost(t, participantId) : t.faceHundredths;
    }
    settling = settling.filter((t) => !dropped.has(t.id));
  }
}
