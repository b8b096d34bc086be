import type { AppDeps } from '../../app-deps';
import { ALL_BONDS, BOND_CACHE } from '../../../platform/redis-cache';
import { bondJson } from './bond-json';
import { findBond } from './find-bond';

export interface CachedBond {
  /** The database id, for keys of other caches (market data) that hang off the bond. */
  id: number;
  json: ReturnType<typeof bondJson>;
}

/** A bond by ISIN or short code (404 when there is none; absence is not cached). */
export function cachedBond(deps: AppDeps, bondId: string): Promise<CachedBond> {
  return deps.cache.read(BOND_CACHE, ALL_BONDS, `one:${bondId.toUpperCase()}`, async () => {
    const bond = await findBond(deps.orm.em.fork(), bondId);
    return { id: bond.id, json: bondJson(bond) };
  });
}

/** A page of the bond list, cached under its normalised query. */
export function cachedBondPage<T>(deps: AppDeps, query: Record<string, unknown>, load: () => Promise<T>) {
  const key = Object.keys(query)
    .sort()
    .map((k) => `${k}=${String(query[k] ?? '')}`)
    .join('&');
  return deps.cache.read(BOND_CACHE, ALL_BONDS, `page:${key}`, load);
}

/** After a bond row is inserted or updated and committed. */
export function invalidateBonds(deps: AppDeps): Promise<void> {
  return deps.cache.invalidate(BOND_CACHE, ALL_BONDS);
}
