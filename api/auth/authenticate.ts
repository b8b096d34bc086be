import type { RequestHandler } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { principalFromClaims } from './access-tokens';
import type { Principal } from './principal';
import type { SessionStore } from './session-store';
import type { VerifiedTokens } from './verified-tokens';
import { problems } from '../http/problem';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** A verified token is not enough: its session must still be live (logout, disable, reset end it). */
export async function principalForToken(
  payload: Record<string, unknown>,
  orm: MikroORM,
  sessions: SessionStore,
): Promise<Principal | undefined> {
  const principal = principalFromClaims(payload);
  if (!principal) return undefined;
  return (await sessions.isActive(() => orm.em.fork(), principal.sessionId)) ? principal : undefined;
}

/** The Bearer token of an Authorization header (the scheme in any case). */
function bearerToken(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^(\S+)\s+(\S+)$/.exec(header);
  return m && m[1]!.toLowerCase() === 'bearer' ? m[2] : undefined;
}

export interface AuthenticatorOptions {
  tokens: VerifiedTokens;
  orm: MikroORM;
  sessions: SessionStore;
  redisPrefix: string;
  /** Requests per second per participant, shared by every API instance through Redis. */
  rateLimitPerSecond: number;
}

/**
 * The guard of authenticated routes: a verified token whose session is live, and on rate-limited
 * routes one more request counted for the participant (429 past the limit). The session check
 * and the count share one Redis round trip, so revocation is seen on the very next request.
 */
export function createAuthenticator(o: AuthenticatorOptions): (rateLimited: boolean) => RequestHandler {
  const fork = () => o.orm.em.fork();
  const limit = o.rateLimitPerSecond;
  return (rateLimited) => (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    const principal = token === undefined ? undefined : o.tokens.principalOf(token);
    if (!principal) return next(problems.unauthorized());
    if (!rateLimited) {
      o.sessions.isActive(fork, principal.sessionId).then(
        (live) => {
          if (!live) return next(problems.unauthorized());
          req.principal = principal;
          next();
        },
        () => next(problems.unavailable('Session store')),
      );
      return;
    }
    o.sessions
      .isActiveCounting(fork, principal.sessionId, `${o.redisPrefix}:rl:api:${principal.participantId}`)
      .then(
        ({ live, rate }) => {
          if (!live) return next(problems.unauthorized());
          if (rate!.count > limit) return next(problems.tooManyRequests(rate!.msLeft / 1000));
          res.set('RateLimit-Limit', String(limit)).set('RateLimit-Remaining', String(limit - rate!.count));
          req.principal = principal;
          next();
        },
        () => next(problems.unavailable('Session store')),
      );
  };
}
