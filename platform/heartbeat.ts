import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

const key = (prefix: string, kind: string) => `${prefix}:heartbeats:${kind}`;

/**
 * Each worker process writes "I am alive at t" into a sorted set per kind; /health counts members
 * seen recently. A set (not one key per kind) lets several instances of a kind run side by side.
 */
export class Heartbeat {
  readonly instanceId = `${hostname()}:${process.pid}`;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly kind: string,
    private readonly intervalSeconds: number,
  ) {}

  async beat(): Promise<void> {
    await this.redis.zadd(key(this.prefix, this.kind), Date.now(), this.instanceId);
  }

  async start(onError: (err: unknown) => void): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => this.beat().catch(onError), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(key(this.prefix, this.kind), this.instanceId).catch(() => undefined);
  }
}

/** Instances of a kind whose last beat is no older than `maxAgeSeconds`. */
export async function liveInstances(
  redis: Redis,
  prefix: string,
  kind: string,
  maxAgeSeconds: number,
): Promise<number> {
  const k = key(prefix, kind);
  const cutoff = Date.now() - maxAgeSeconds * 1000;
  await redis.zremrangebyscore(k, '-inf', cutoff);
  return redis.zcount(k, cutoff, '+inf');
}
