import { Redis } from 'ioredis';

export type { Redis };

/**
 * 'command' clients fail fast while Redis is down (requests get a 503, not a hang);
 * 'blocking' clients (BullMQ workers, stream readers) wait and retry forever, as BullMQ requires.
 * `autoPipelining` sends the commands issued in one event-loop turn in one write: under load a
 * busy client (the API's session checks and stream entries) makes far fewer system calls.
 */
export function createRedis(
  url: string,
  purpose: 'command' | 'blocking',
  connectionName: string,
  autoPipelining = false,
): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectionName,
    connectTimeout: 2000,
    enableAutoPipelining: autoPipelining,
    ...(purpose === 'command'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
      : { maxRetriesPerRequest: null }),
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * Queues, streams, sessions and sequences live in Redis: a server allowed to evict keys would drop
 * them silently under memory pressure, so anything but `noeviction` is refused at start.
 */
export class EvictingRedisError extends Error {}

export async function assertNoEviction(redis: Redis, url: string): Promise<void> {
  const policy = /maxmemory_policy:(\S+)/.exec(await redis.info('memory'))?.[1];
  if (policy !== 'noeviction') {
    throw new EvictingRedisError(
      `Redis at BONDX_REDIS_URL=${url} has maxmemory-policy ${policy ?? 'unknown'}; BondX needs noeviction ` +
        '(it would lose queued jobs and stream entries). Set `maxmemory-policy noeviction`.',
    );
  }
}

export async function connectRedis(redis: Redis, url: string): Promise<Redis> {
  try {
    await redis.connect();
    await redis.ping();
    await assertNoEviction(redis, url);
    return redis;
  } catch (err) {
    if (err instanceof EvictingRedisError) {
      redis.disconnect();
      throw err;
    }
    redis.disconnect();
    throw new Error(
      `Redis unreachable at BONDX_REDIS_URL=${url} (${(err as Error).message}). Start it, e.g. ` +
        `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  }
}
