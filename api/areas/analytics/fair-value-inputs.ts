import { Counter, Histogram } from 'prom-client';
import { poolSql } from '../../../db/fair-value/sql';
import {
  loadFamilyCurve,
  NoCurveError,
  type FamilyCurveSnapshot,
  type FittedFamilyCurve,
} from '../../../db/fair-value/fair-value-source';
import { loadCurveTouches, type CurveBond } from '../../../db/fair-value/curve-inputs';
import { FittedCurveCache, type BookTouch, type CurveFamily } from '../../../domain/fair-value';
import { tradingKeys } from '../../../platform/trading-transport';
import type { AppDeps } from '../../app-deps';
import { problems } from '../../http/problem';
import type { BookSnapshot } from '../trading/book-snapshot';

/** The touch of each bond whose book the matching worker has published with both sides (every order in it). */
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

/** How long a fit of unchanged inputs is reused: see FittedCurveCache for why this is safe. */
export const CURVE_CACHE_TTL_MS = 30_000;

interface CurveCache {
  cache: FittedCurveCache<FittedFamilyCurve>;
  requests: Counter;
  seconds: Histogram;
}
const caches = new WeakMap<AppDeps, CurveCache>();

/** One cache per API instance (its deps), with its hit/miss count and fit time as metrics. */
function curveCacheOf(deps: AppDeps): CurveCache {
  let c = caches.get(deps);
  if (!c) {
    const registers = [deps.metrics.registry];
    c = {
      cache: new FittedCurveCache(CURVE_CACHE_TTL_MS),
      requests: new Counter({
        name: 'bondx_fair_value_curve_requests_total',
        help: 'Family curves asked for, by family and whether the cached fit of the same inputs served',
        labelNames: ['family', 'cache'],
        registers,
      }),
      seconds: new Histogram({
        name: 'bondx_fair_value_curve_fit_seconds',
        help: 'Time to build a family curve from loaded inputs (observations and fit, or the cache lookup)',
        labelNames: ['cache'],
        buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
        registers,
      }),
    };
    caches.set(deps, c);
  }
  return c;
}

/**
 * The family's curve now, from trades, the resting orders (market makers' quotes left out) and
 * reference yields, reused while those are unchanged; 409 when none can be drawn.
 */
export async function familyCurveNow(deps: AppDeps, family: CurveFamily): Promise<FamilyCurveSnapshot> {
  const sql = poolSql(deps.pg);
  const c = curveCacheOf(deps);
  try {
    return await loadFamilyCurve(sql, family, {
      touches: (bonds) =>
        loadCurveTouches(
          sql,
          bonds.map((b) => b.id),
        ),
      cache: c.cache,
      onFit: ({ hit, seconds }) => {
        const cache = hit ? 'hit' : 'miss';
        c.requests.inc({ family, cache });
        c.seconds.observe({ cache }, seconds);
      },
    });
  } catch (err) {
    if (err instanceof NoCurveError) throw problems.conflict('no-curve', err.message);
    throw err;
  }
}
