import pino from 'pino';
import { Registry } from 'prom-client';
import { businessCounter } from '../../../platform/metrics';
import { RedisCache } from '../../../platform/redis-cache';
import { createRedis } from '../../../platform/redis';

// A client that never connected: with no offline queue, every command fails at once, as when Redis is down.
const redis = createRedis('redis://127.0.0.1:1', 'command', 'bondx-test-cache-down');
afterAll(() => redis.disconnect());

describe('the Redis cache when Redis is unreachable', () => {
  test('when a read cannot reach Redis, then it answers from the source and counts an error; invalidating does not throw', async () => {
    const registry = new Registry();
    const requests = businessCounter(registry, 'cache_requests_total', 'test', ['cache', 'result']);
    const cache = new RedisCache(redis, 'test', requests, pino({ level: 'silent' }));
    const spec = { name: 'bonds', ttlSeconds: 60 };
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.read(spec, 'all', 'one:X', load)).toEqual({ n: 1 });
    expect(await cache.read(spec, 'all', 'one:X', load)).toEqual({ n: 2 });
    await expect(cache.invalidate(spec, 'all')).resolves.toBeUndefined();
    expect((await requests.get()).values).toEqual([
      { labels: { cache: 'bonds', result: 'error' }, value: 2 },
    ]);
  });
});
