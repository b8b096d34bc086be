import { fairValueOf, type FamilyCurveSnapshot } from '../../../db/fair-value/fair-value-source';
import { curveFamilyOf, type CurveFamily } from '../../../domain/fair-value';
import { fillsPnl, type Fill } from '../../../domain/market-making';
import type { BondType } from '../../../domain/reference-data/bond-types';
import type { AppDeps } from '../../app-deps';
import { familyCurveNow } from '../analytics/fair-value-inputs';
import { MM_ORDER_PREFIX } from './market-maker-owner';

export interface BondBook {
  bondId: number;
  code: string;
  inventory: number;
  averagePrice: number | null;
  realisedPnl: number;
  unrealisedPnl: number;
  dailyPnl: number;
  fairPrice: number | null;
  fairYieldPct: number | null;
  pv01: number | null;
  /** Rupees per bp of the inventory. */
  dv01: number;
}

interface FillRow {
  bond_id: number;
  side: 'BUY' | 'SELL';
  price: string;
  quantity: string;
  executed_at: Date;
}

/** Every fill of the participant's market-maker orders, oldest first (one row per side it was on). */
export async function marketMakerFills(deps: AppDeps, participantId: number): Promise<FillRow[]> {
  return (
    await deps.pg.query<FillRow>(
      `select t.bond_id, s.side, t.price::text, t.quantity::text, t.executed_at
         from trades t
         cross join lateral (values (t.buy_order_id, 'BUY', t.buyer_participant_id),
                                    (t.sell_order_id, 'SELL', t.seller_participant_id)) as s(order_id, side, participant_id)
         join orders o on o.id = s.order_id
        where s.participant_id = $1 and o.participant_id = $1 and o.client_order_id like $2
        order by t.executed_at, t.sequence`,
      [participantId, `${MM_ORDER_PREFIX}%`],
    )
  ).rows;
}

/**
 * The market maker's book per bond it quotes or has traded: inventory and average cost from its own
 * fills (not the whole HOUSE position, which other desks move), P&L marked at fair value, and DV01.
 * Today's P&L counts today's fills only, by average cost, with what they left open marked at fair value.
 */
export async function marketMakerBook(deps: AppDeps, participantId: number): Promise<BondBook[]> {
  const fills = await marketMakerFills(deps, participantId);
  const bonds = (
    await deps.pg.query(
      `select b.id, b.code, b.bond_type::text, b.rating from bonds b
        where b.id in (select bond_id from market_maker_bonds where participant_id = $1) or b.id = any($2::int[])
        order by b.id`,
      [participantId, [...new Set(fills.map((f) => f.bond_id))]],
    )
  ).rows as { id: number; code: string; bond_type: BondType; rating: string | null }[];
  const curves = new Map<CurveFamily, Promise<FamilyCurveSnapshot | null>>();
  const curveOf = (family: CurveFamily) => {
    if (!curves.has(family))
      curves.set(
        family,
        familyCurveNow(deps, family).catch(() => null),
      );
    return curves.get(family)!;
  };
  const startOfDay = new Date(new Date().toISOString().slice(0, 10)).getTime();
  return Promise.all(
    bonds.map(async (b) => {
      const snapshot = await curveOf(curveFamilyOf(b.bond_type, b.rating));
      const curveBond = snapshot?.bonds.find((x) => x.id === b.id);
      const fair = snapshot && curveBond ? fairValueOf(snapshot, curveBond) : null;
      const own = fills.filter((f) => f.bond_id === b.id);
      const toFill = (f: FillRow): Fill => ({
        side: f.side,
        price: Number(f.price),
        quantity: Number(f.quantity),
      });
      const all = fillsPnl(own.map(toFill), fair?.fairPrice ?? null);
      const today = fillsPnl(
        own.filter((f) => f.executed_at.getTime() >= startOfDay).map(toFill),
        fair?.fairPrice ?? null,
      );
      return {
        bondId: b.id,
        code: b.code,
        inventory: all.inventory,
        averagePrice: all.averagePrice,
        realisedPnl: all.realisedPnl,
        unrealisedPnl: all.unrealisedPnl,
        dailyPnl: today.realisedPnl + today.unrealisedPnl,
        fairPrice: fair?.fairPrice ?? null,
        fairYieldPct: fair?.fairYieldPct ?? null,
        pv01: fair?.pv01 ?? null,
        dv01: fair ? (all.inventory / 100) * fair.pv01 : 0,
      };
    }),
  );
}
