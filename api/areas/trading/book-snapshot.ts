import type { AppDeps } from '../../app-deps';
import { tradingKeys } from '../../../platform/trading-transport';
import type { TradingBond } from './trading-context';

export interface BookLevel {
  price: string;
  quantity: string;
  orders: number;
}

export interface BookSnapshot {
  bond_id: string;
  isin: string;
  session: TradingBond['session'];
  halted: boolean;
  sequence: number;
  last_price: string | null;
  bids: BookLevel[];
  asks: BookLevel[];
  updated_at: string | null;
}

/**
 * The book as the matching worker last published it after a commit (Redis), or an empty book in
 * the committed session when the worker has published none for the bond yet.
 */
export async function readBookSnapshot(deps: AppDeps, bond: TradingBond): Promise<BookSnapshot> {
  const json = await deps.redis.get(tradingKeys(deps.config.redisPrefix).bookSnapshot(bond.id));
  if (json) return JSON.parse(json) as BookSnapshot;
  return {
    bond_id: bond.code,
    isin: bond.isin,
    session: bond.session,
    halted: bond.halted,
    sequence: 0,
    last_price: bond.lastPrice,
    bids: [],
    asks: [],
    updated_at: null,
  };
}
