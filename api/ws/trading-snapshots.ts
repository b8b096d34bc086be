import type { Pool } from 'pg';
import { OPEN_ORDER_STATUSES } from '../../domain/trading';
import { marketDataTopic } from '../../platform/trading-transport';
import type { AppDeps } from '../app-deps';
import { Problem } from '../http/problem';
import { readBookSnapshot } from '../areas/trading/book-snapshot';
import { ORDER_SELECT, orderJson, type OrderRow } from '../areas/trading/order-rows';
import { findTradingBond, type TradingBond } from '../areas/trading/trading-context';
import type { WsSubscribeHook } from './ws-session';

/**
 * Trading's part of the shared WebSocket session: `bond_ids` (code or ISIN) narrow `market_data`
 * to those bonds' topics, subscribing to `orders` sends the open orders with the sequence they
 * are current at (events after it may repeat what the snapshot shows, never miss), and to
 * `market_data` the book of each named bond.
 */
export function tradingSubscribeHook(deps: Pick<AppDeps, 'redis' | 'pg' | 'config'>): WsSubscribeHook {
  return {
    async subscribed({ action, participantId, channels, bondIds, sequence }) {
      const bonds: TradingBond[] = [];
      const unknown: string[] = [];
      for (const id of bondIds) {
        const bond = await findTradingBond(deps.pg, id).catch((err: unknown) => {
          if (err instanceof Problem) return null;
          throw err;
        });
        if (bond) bonds.push(bond);
        else unknown.push(id);
      }
      const messages: Array<{ type: string; data: unknown }> = [];
      if (action === 'subscribe' && channels.includes('orders')) {
        const orders = await openOrders(deps.pg, participantId);
        messages.push({ type: 'orders_snapshot', data: { sequence, orders: orders.map(orderJson) } });
      }
      if (action === 'subscribe' && channels.includes('market_data')) {
        for (const bond of bonds) {
          messages.push({
            type: 'market_data_snapshot',
            data: await readBookSnapshot(deps as AppDeps, bond),
          });
        }
      }
      return {
        topics: bonds.map((b) => marketDataTopic(b.id)),
        messages,
        ...(unknown.length ? { error: `unknown bond(s) ${unknown.join(', ')}` } : {}),
      };
    },
  };
}

async function openOrders(pg: Pool, participantId: number): Promise<OrderRow[]> {
  const r = await pg.query<OrderRow>(
    `${ORDER_SELECT} where o.participant_id = $1 and o.status = any($2::order_status[]) order by o.engine_id`,
    [participantId, OPEN_ORDER_STATUSES],
  );
  return r.rows;
}
