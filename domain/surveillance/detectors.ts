import type { SurveillanceRule } from './rules';
import { SURVEILLANCE_THRESHOLDS as T } from './thresholds';

export type AlertSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface SurveillanceFinding {
  readonly rule: SurveillanceRule;
  readonly severity: AlertSeverity;
  readonly bondId: number;
  readonly participantId: number | null;
  readonly title: string;
  readonly description: string;
  readonly evidence: Record<string, unknown>;
  /** The same pattern found again names the same key, so it is recorded once. */
  readonly dedupKey: string;
}

export interface ScannedTrade {
  readonly id: string;
  readonly bondId: number;
  readonly bondCode: string;
  readonly price: number;
  readonly quantity: number;
  readonly executedAt: string;
  /** Null for an off-book (RFQ) trade. */
  readonly buyOrderId: string | null;
  readonly sellOrderId: string | null;
  readonly buyerParticipantId: number;
  readonly sellerParticipantId: number;
  readonly buyerUserId: number;
  readonly sellerUserId: number;
}

/** A trade with its yield and the fair yield it is judged against. */
export interface PricedTrade extends ScannedTrade {
  readonly yieldPct: number;
  readonly fairYieldPct: number;
  readonly sovereign: boolean;
}

export function offFairValue(trades: readonly PricedTrade[]): SurveillanceFinding[] {
  return trades.flatMap((t) => {
    const limitBp = t.sovereign ? T.offFairValue.sovereignBp : T.offFairValue.otherBp;
    const deviationBp = (t.yieldPct - t.fairYieldPct) * 100;
    if (Math.abs(deviationBp) < limitBp) return [];
    return [
      {
        rule: 'OFF_FAIR_VALUE' as const,
        severity: Math.abs(deviationBp) >= 2 * limitBp ? ('HIGH' as const) : ('MEDIUM' as const),
        bondId: t.bondId,
        participantId: null,
        title: `Trade in ${t.bondCode} ${Math.abs(deviationBp).toFixed(1)} bp off fair value`,
        description: `Traded at ${t.price} (yield ${t.yieldPct.toFixed(4)}%) against a fair yield of ${t.fairYieldPct.toFixed(4)}%; the threshold is ${limitBp} bp.`,
        evidence: {
          trade: t,
          deviation_bp: Number(deviationBp.toFixed(2)),
          threshold_bp: limitBp,
        },
        dedupKey: `OFF_FAIR_VALUE:${t.id}`,
      },
    ];
  });
}

/** Trades whose two sides are different participants with one beneficial owner. */
export function washTrades(
  trades: readonly ScannedTrade[],
  ownerOf: (participantId: number) => string,
): SurveillanceFinding[] {
  return trades.flatMap((t) => {
    const owner = ownerOf(t.buyerParticipantId);
    if (t.buyerParticipantId === t.sellerParticipantId || owner !== ownerOf(t.sellerParticipantId)) return [];
    return [
      {
        rule: 'WASH_TRADE' as const,
        severity: 'HIGH' as const,
        bondId: t.bondId,
        participantId: t.buyerParticipantId,
        title: `Wash trade in ${t.bondCode}: both sides owned by ${owner}`,
        description: `Participants ${t.buyerParticipantId} (buyer, user ${t.buyerUserId}) and ${t.sellerParticipantId} (seller, user ${t.sellerUserId}) share the beneficial owner ${owner}.`,
        evidence: { trade: t, beneficial_owner: owner },
        dedupKey: `WASH_TRADE:${t.id}`,
      },
    ];
  });
}

export interface ScannedOrder {
  readonly id: string;
  readonly bondId: number;
  readonly participantId: number;
  readonly side: 'BUY' | 'SELL';
  readonly price: number | null;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly status: string;
  readonly createdAt: string;
  /** When it left the book (its last update), for a cancelled order. */
  readonly updatedAt: string;
}

/**
 * Layering/spoofing: a participant trades on one side while large orders of its own on the other
 * side, behind the trade's price, are placed and pulled around it without ever trading.
 * (The touch at each instant is not kept, so the participant's own trade price stands for it.)
 */
export function layering(
  trades: readonly ScannedTrade[],
  orders: readonly ScannedOrder[],
  tickOf: (bondId: number) => number,
): SurveillanceFinding[] {
  const L = T.layering;
  const found: SurveillanceFinding[] = [];
  for (const t of trades) {
    for (const [participantId, side] of [
      [t.buyerParticipantId, 'BUY'],
      [t.sellerParticipantId, 'SELL'],
    ] as const) {
      const at = Date.parse(t.executedAt);
      const away = L.minTicksAway * tickOf(t.bondId);
      const layers = orders.filter((o) => {
        if (o.participantId !== participantId || o.bondId !== t.bondId || o.side === side || o.price === null)
          return false;
        const placed = Date.parse(o.createdAt);
        const pulled = Date.parse(o.updatedAt);
        return (
          o.status === 'CANCELLED' &&
          o.filledQuantity === 0 &&
          o.quantity >= L.minSizeMultiple * t.quantity &&
          Math.abs(placed - at) <= L.windowSeconds * 1000 &&
          pulled - placed <= L.maxLifetimeSeconds * 1000 &&
          placed <= at &&
          // Behind the trade: spoof bids below a sale, spoof offers above a purchase.
          (side === 'SELL' ? o.price <= t.price - away : o.price >= t.price + away)
        );
      });
      if (layers.length < L.minOrders) continue;
      found.push({
        rule: 'LAYERING',
        severity: 'HIGH',
        bondId: t.bondId,
        participantId,
        title: `Layering in ${t.bondCode}: ${layers.length} large ${layers[0]!.side} orders pulled around a ${side}`,
        description: `Participant ${participantId} ${side === 'SELL' ? 'sold' : 'bought'} ${t.quantity} at ${t.price} while ${layers.length} orders of at least ${L.minSizeMultiple}x that size on the other side, ${L.minTicksAway}+ ticks behind, were placed and cancelled unfilled.`,
        evidence: { trade: t, orders: layers, thresholds: L },
        dedupKey: `LAYERING:${t.id}:${participantId}`,
      });
    }
  }
  return found;
}

/** Trades of one alert's evidence at most: the newest, beside the count of all. */
export const MAX_EVIDENCE_TRADES = 100;

/**
 * Today's volume against the bond's recent daily volumes (days without trades are not counted).
 * `trades` are the bond's trades the scan saw, given as evidence with their times.
 */
export function unusualVolume(
  bondId: number,
  bondCode: string,
  day: string,
  todayVolume: number,
  history: readonly { day: string; volume: number }[],
  trades: readonly ScannedTrade[] = [],
): SurveillanceFinding[] {
  const U = T.unusualVolume;
  if (history.length < U.minHistoryDays) return [];
  const mean = history.reduce((a, h) => a + h.volume, 0) / history.length;
  const sd = Math.sqrt(history.reduce((s, h) => s + (h.volume - mean) ** 2, 0) / (history.length - 1));
  if (todayVolume < U.multiple * mean || todayVolume < mean + U.sigmas * sd) return [];
  return [
    {
      rule: 'UNUSUAL_VOLUME',
      severity: 'MEDIUM',
      bondId,
      participantId: null,
      title: `Unusual volume in ${bondCode}: ${(todayVolume / mean).toFixed(1)}x its daily mean`,
      description: `Traded ${todayVolume} today against a mean of ${mean.toFixed(0)} (sd ${sd.toFixed(0)}) over ${history.length} trading days.`,
      evidence: {
        day,
        volume: todayVolume,
        mean,
        sd,
        history,
        thresholds: U,
        trade_count: trades.length,
        trades: trades.slice(-MAX_EVIDENCE_TRADES),
      },
      dedupKey: `UNUSUAL_VOLUME:${bondId}:${day}`,
    },
  ];
}
