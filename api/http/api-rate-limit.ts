import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { problems } from './problem';

/** Requests per second per participant, shared by every API instance through Redis. */
export function participantRateLimit(redis: Redis, prefix: string, perSecond: number): RequestHandler {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: false,
    keyPrefix: `${prefix}:rl:api`,
    points: perSecond,
    duration: 1,
  });
  return async (req, res, next) => {
    const participantId = req.principal?.participantId;
    if (participantId === undefined) return next();
    try {
      const r = await limiter.consume(String(participantId));
      res.set('RateLimit-Limit', String(perSecond)).set('RateLimit-Remaining', String(r.remainingPoints));
      next();
    } catch (err) {
      if (err instanceof RateLimiterRes) return next(problems.tooManyRequests(err.msBeforeNext / 1000));
      next(problems.unavailable('Rate limiting (Redis)'));
    }
  };
}
