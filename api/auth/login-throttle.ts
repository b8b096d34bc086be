import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../platform/config';

/**
 * Failed logins are counted per account and IP (locks a guessing client out), per account across
 * IPs (a distributed guess) and per IP across accounts (password spraying). Success clears the
 * account-and-IP counter only, so a spray cannot reset itself with one valid account.
 */
export class LoginThrottle {
  private readonly byAccountAndIp: RateLimiterRedis;
  private readonly byAccount: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(redis: Redis, prefix: string, login: Config['login']) {
    const common = { storeClient: redis, useRedisPackage: false };
    this.byAccountAndIp = new RateLimiterRedis({
      ...common,
      keyPrefix: `${prefix}:login:acct-ip`,
      points: login.maxFailures,
      duration: login.lockoutSeconds,
      blockDuration: login.lockoutSeconds,
    });
    this.byAccount = new RateLimiterRedis({
      ...common,
      keyPrefix: `${prefix}:login:acct`,
      points: login.maxFailures * 4,
      duration: 3600,
      blockDuration: 3600,
    });
    this.byIp = new RateLimiterRedis({
      ...common,
      keyPrefix: `${prefix}:login:ip`,
      points: 100,
      duration: 3600,
      blockDuration: 3600,
    });
  }

  private keys(username: string, ip: string) {
    return [
      [this.byAccountAndIp, `${username}|${ip}`],
      [this.byAccount, username],
      [this.byIp, ip],
    ] as const;
  }

  /** Seconds until the caller may try again, or 0 when it may try now. */
  async retryAfterSeconds(username: string, ip: string): Promise<number> {
    let wait = 0;
    for (const [limiter, key] of this.keys(username, ip)) {
      const res = await limiter.get(key);
      if (res && res.remainingPoints <= 0) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
    }
    return wait;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    for (const [limiter, key] of this.keys(username, ip)) {
      await limiter.consume(key).catch((err: unknown) => {
        if (!(err instanceof RateLimiterRes)) throw err;
      });
    }
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.byAccountAndIp.delete(`${username}|${ip}`);
  }
}
