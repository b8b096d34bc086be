import { poolSql } from '../../../db/fair-value/sql';
import {
  loadFamilyCurve,
  NoCurveError,
  type FamilyCurveSnapshot,
} from '../../../db/fair-value/fair-value-source';
import type { CurveBond } from '../../../db/fair-value/curve-inputs';
import type { BookTouch, CurveFamily } from '../../../domain/fair-value';
import { tradingKeys } from '../../../platform/trading-transport';
import type { AppDeps } from '../../app-deps';
import { problems } from '../../http/problem';
import type { BookSnapshot } from '../trading/book-snapshot';

/** The touch of each bond whose book the matching worker has published with both sides. */
export async function readTouches(deps: AppDeps, bonds: readonly CurveBond[]): Promise<BookTouch[]> {
  if (!bonds.length) return [];
  const keys = tradingKeys(deps.config.redisPrefix);
  const snapshots = await deps.redis.mget(...bonds.map((b) => keys.bookSnapshot(b.id)));
  const touches: BookTouch[] = [];
  snapshots.forEach((json, i) => {
    if (!json) return;
    const book = JSON.parse(json) as BookSnapshot;
    const [bid, ask] = [book.bids[0], book.asks[0]];
    if (!bid || !ask) return;
    touches.push({
      bondId: bonds[i]!.id,
      bid: Number(bid.price),
      ask: Number(ask.price),
      quantity: Math.min(Number(bid.quantity), Number(ask.quantity)),
      atMs: book.updated_at ? Date.parse(book.updated_at) : Date.now(),
    });
  });
  return touches;
}

/** The family's curve now, from trades, the live books and reference yields; 409 when none can be drawn. */
export async function familyCurveNow(deps: AppDeps, family: CurveFamily): Promise<FamilyCurveSnapshot> {
  try {
    return await loadFamilyCurve(poolSql(deps.pg), family, { touches: (bonds) => readTouches(deps, bonds) });
  } catch (err) {
    if (err instanceof NoCurveError) throw problems.conflict('no-curve', err.message);
    throw err;
  }
}
