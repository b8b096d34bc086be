import type { Counter } from 'prom-client';
import type { Logger } from 'pino';
import type { Redis } from './redis';

/** A named cache: its entries' lifetime, the backstop for a change nobody invalidated. */
export interface CacheSpec {
  name: string;
  ttlSeconds: number;
}

export type CacheResult = 'hit' | 'miss' | 'stale' | 'error';

/** Bond reference data: one scope for all bonds, since a change to one can change any list page. */
export const BOND_CACHE: CacheSpec = { name: 'bonds', ttlSeconds: 300 };
export const ALL_BONDS = 'all';

const generationKey = (prefix: string, spec: CacheSpec, scope: string) =>
  `${prefix}:cache:${spec.name}:${scope}:gen`;

/**
 * Drops every entry of the scope, on every instance (call it after the change is committed). The
 * change stands even if Redis is unreachable, so that is logged, not thrown: entries then live out
 * their TTL. Processes without a RedisCache (the temporal worker) invalidate through this too.
 */
export async function invalidateCacheScope(
  redis: Redis,
  prefix: string,
  spec: CacheSpec,
  scope: string,
  log: Logger,
): Promise<void> {
  await redis
    .incr(generationKey(prefix, spec, scope))
    .catch((err: unknown) =>
      log.error({ err, cache: spec.name, scope }, 'cache invalidation failed; entries expire by TTL'),
    );
}

// One round trip: the scope's generation, then the entry stored under it. Entries live under
// their generation, so invalidating is one INCR, and a reader that loaded before an invalidation
// writes under the old generation, where nobody reads it again (no stale write can win a race).
const READ_SCRIPT = `
local gen = redis.call('GET', KEYS[1]) or '0'
return {gen, redis.call('GET', ARGV[1] .. gen .. ':' .. ARGV[2])}
`;
const READ_COMMAND = 'bondxCacheRead';
type WithRead = Redis & {
  [READ_COMMAND](genKey: string, base: string, key: string): Promise<[string, string | null]>;
};

/**
 * Read-through cache in Redis, shared by every API instance. A scope (e.g. one bond) is invalidated
 * explicitly on change; `isFresh` lets a reader reject an entry built from an older source version.
 * Redis trouble never fails a read: it falls through to the source, counted as `error`.
 */
export class RedisCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly requests: Counter,
    private readonly log: Logger,
  ) {
    if (!(READ_COMMAND in redis)) redis.defineCommand(READ_COMMAND, { numberOfKeys: 1, lua: READ_SCRIPT });
  }

  private generationKey(spec: CacheSpec, scope: string): string {
    return generationKey(this.prefix, spec, scope);
  }

  private entryBase(spec: CacheSpec, scope: string): string {
    return `${this.prefix}:cache:${spec.name}:${scope}:`;
  }

  async read<T>(
    spec: CacheSpec,
    scope: string,
    key: string,
    load: () => Promise<T>,
    isFresh: (value: T) => boolean = () => true,
  ): Promise<T> {
    const base = this.entryBase(spec, scope);
    let generation: string;
    try {
      const [gen, json] = await (this.redis as WithRead)[READ_COMMAND](
        this.generationKey(spec, scope),
        base,
        key,
      );
      generation = gen;
      if (json !== null) {
        const cached = JSON.parse(json) as T;
        const fresh = isFresh(cached);
        this.record(spec, fresh ? 'hit' : 'stale');
        if (fresh) return cached;
      } else this.record(spec, 'miss');
    } catch (err) {
      this.log.warn({ err, cache: spec.name }, 'cache read failed; reading the source');
      this.record(spec, 'error');
      return load();
    }
    const value = await load();
    await this.redis
      .set(`${base}${generation}:${key}`, JSON.stringify(value), 'EX', spec.ttlSeconds)
      .catch((err: unknown) => this.log.warn({ err, cache: spec.name }, 'cache write failed'));
    return value;
  }

  /** Drops every entry of the scope, on every instance (see invalidateCacheScope). */
  invalidate(spec: CacheSpec, scope: string): Promise<void> {
    return invalidateCacheScope(this.redis, this.prefix, spec, scope, this.log);
  }

  private record(spec: CacheSpec, result: CacheResult): void {
    this.requests.inc({ cache: spec.name, result });
  }
}
