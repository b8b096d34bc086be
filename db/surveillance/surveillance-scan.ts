import {
  fairValueOf,
  loadFamilyCurve,
  NoCurveError,
  type FamilyCurveSnapshot,
} from '../fair-value/fair-value-source';
import type { Sql } from '../fair-value/sql';
import { bondYieldAt, curveFamilyOf, type CurveFamily } from '../../domain/fair-value';
import {
  layering,
  offFairValue,
  unusualVolume,
  washTrades,
  SURVEILLANCE_THRESHOLDS,
  type PricedTrade,
  type ScannedOrder,
  type ScannedTrade,
  type SurveillanceFinding,
} from '../../domain/surveillance';

/**
 * Reads the window's trades and orders, the beneficial owners and the volume history, and runs
 * every rule. Fair values are those of each family's curve as it stood at the window's start, so
 * a print is never judged against a curve it moved itself.
 */
export async function scanForFindings(sql: Sql, since: Date, now: Date): Promise<SurveillanceFinding[]> {
  const trades: ScannedTrade[] = (
    await sql(
      `select t.id, t.bond_id, b.code, t.price::text, t.quantity::text, t.executed_at, t.buy_order_id, t.sell_order_id,
              t.buyer_participant_id, t.seller_participant_id,
              coalesce(bo.user_id, case r.side when 'BUY' then r.requester_user_id else q.dealer_user_id end) as buyer_user_id,
              coalesce(so.user_id, case r.side when 'SELL' then r.requester_user_id else q.dealer_user_id end) as seller_user_id
         from trades t join bonds b on b.id = t.bond_id
         left join orders bo on bo.id = t.buy_order_id left join orders so on so.id = t.sell_order_id
         -- An off-book RFQ trade has no orders: its users are the requester and the accepted quote's dealer.
         left join rfqs r on r.id = t.rfq_id left join rfq_quotes q on q.id = r.accepted_quote_id
        where t.executed_at >= ? and t.executed_at < ? order by t.executed_at`,
      [since, now],
    )
  ).map((r) => ({
    id: r.id,
    bondId: r.bond_id,
    bondCode: r.code,
    price: Number(r.price),
    quantity: Number(r.quantity),
    executedAt: new Date(r.executed_at).toISOString(),
    buyOrderId: r.buy_order_id,
    sellOrderId: r.sell_order_id,
    buyerParticipantId: r.buyer_participant_id,
    sellerParticipantId: r.seller_participant_id,
    buyerUserId: r.buyer_user_id,
    sellerUserId: r.seller_user_id,
  }));
  const layeringLead = new Date(since.getTime() - SURVEILLANCE_THRESHOLDS.layering.windowSeconds * 1000);
  const orders: ScannedOrder[] = (
    await sql(
      `select id, bond_id, participant_id, side::text, price::text, quantity::text, filled_quantity::text, status::text,
              created_at, updated_at
         from orders where created_at >= ? and created_at < ? and status = 'CANCELLED' and filled_quantity = 0`,
      [layeringLead, now],
    )
  ).map((r) => ({
    id: r.id,
    bondId: r.bond_id,
    participantId: r.participant_id,
    side: r.side,
    price: r.price === null ? null : Number(r.price),
    quantity: Number(r.quantity),
    filledQuantity: Number(r.filled_quantity),
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  const owners = new Map<number, string>(
    (await sql('select participant_id, owner_code from beneficial_owners')).map((r) => [
      r.participant_id,
      r.owner_code,
    ]),
  );
  const bondIds = [...new Set(trades.map((t) => t.bondId))];
  const bonds = new Map(
    (
      await sql(
        `select id, code, bond_type::text, rating, tick_size::text from bonds where id = any(?::int[])`,
        [bondIds],
      )
    ).map((r) => [r.id as number, r]),
  );
  const curves = new Map<CurveFamily, Promise<FamilyCurveSnapshot | null>>();
  const curveOf = (family: CurveFamily) => {
    if (!curves.has(family)) {
      curves.set(
        family,
        loadFamilyCurve(sql, family, { now: since }).catch((err) => {
          if (err instanceof NoCurveError) return null;
          throw err;
        }),
      );
    }
    return curves.get(family)!;
  };
  const priced: PricedTrade[] = [];
  for (const t of trades) {
    const bond = bonds.get(t.bondId);
    const family = curveFamilyOf(bond.bond_type, bond.rating);
    const snapshot = await curveOf(family);
    const curveBond = snapshot?.bonds.find((b) => b.id === t.bondId);
    if (!snapshot || !curveBond) continue;
    try {
      priced.push({
        ...t,
        yieldPct: bondYieldAt(curveBond.terms, snapshot.settlementDate, t.price),
        fairYieldPct: fairValueOf(snapshot, curveBond).fairYieldPct,
        sovereign: family === 'G_SEC' || family === 'SDL',
      });
    } catch {
      // A price with no yield is left to the price band checks.
    }
  }
  const findings = [
    ...offFairValue(priced),
    ...washTrades(trades, (p) => owners.get(p) ?? `participant:${p}`),
    ...layering(trades, orders, (id) => Number(bonds.get(id)?.tick_size ?? 0)),
  ];
  const day = now.toISOString().slice(0, 10);
  const history = await sql(
    `select bond_id, (executed_at at time zone 'UTC')::date::text as day, sum(quantity)::text as volume
       from trades where executed_at >= (?::date - ?::int) and bond_id = any(?::int[])
      group by 1, 2`,
    [day, SURVEILLANCE_THRESHOLDS.unusualVolume.historyDays, bondIds],
  );
  for (const id of bondIds) {
    const rows = history.filter((h) => h.bond_id === id);
    const today = rows.find((h) => h.day === day);
    if (!today) continue;
    findings.push(
      ...unusualVolume(
        id,
        bonds.get(id).code,
        day,
        Number(today.volume),
        rows.filter((h) => h.day !== day).map((h) => ({ day: h.day, volume: Number(h.volume) })),
        trades.filter((t) => t.bondId === id),
      ),
    );
  }
  return findings;
}
