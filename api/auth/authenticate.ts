import type { RequestHandler } from 'express';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AccessTokens, principalFromClaims } from './access-tokens';
import type { Principal } from './principal';
import type { SessionStore } from './session-store';
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
  return (await sessions.isActive(orm.em.fork(), principal.sessionId)) ? principal : undefined;
}

export function createAuthenticator(
  tokens: AccessTokens,
  orm: MikroORM,
  sessions: SessionStore,
): RequestHandler {
  const strategyName = 'bondx-jwt';
  passport.use(
    strategyName,
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // passport-jwt hands the key to jsonwebtoken unchanged, which takes a KeyObject; its types predate that.
        secretOrKeyProvider: (_req, rawToken: string, done) => {
          try {
            done(null, tokens.keyFor(rawToken) as unknown as string);
          } catch (err) {
            done(err as Error);
          }
        },
        ...tokens.verifyOptions,
        // passport-jwt forwards only some options itself; the rest go through here.
        jsonWebTokenOptions: { clockTolerance: tokens.verifyOptions.clockTolerance },
      },
      (payload: Record<string, unknown>, done: (err: unknown, user?: Principal | false) => void) => {
        principalForToken(payload, orm, sessions).then(
          (p) => done(null, p ?? false),
          (err) => done(err),
        );
      },
    ),
  );
  return (req, res, next) =>
    passport.authenticate(strategyName, { session: false }, (err: unknown, principal: Principal | false) => {
      if (err) return next(problems.unavailable('Session store'));
      if (!principal) return next(problems.unauthorized());
      req.principal = principal;
      next();
    })(req, res, next);
}
