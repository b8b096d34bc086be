import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import cookieParser from 'cookie-parser';
import { Router, type RequestHandler } from 'express';
import { hasAnyRole, type Role } from '../../domain/access/roles';
import type { AppDeps } from '../app-deps';
import { principalForToken } from '../auth/authenticate';
import { problems } from '../http/problem';

export const BOARD_PATH = '/admin/queues';
const COOKIE = 'bondx_board';
const BOARD_ROLES: Role[] = ['ADMIN', 'OPERATIONS'];

/**
 * A browser opening the board sends no Bearer header, so the first visit carries
 * `?access_token=...`, which we trade for an httpOnly cookie scoped to the board and lasting no
 * longer than the token itself; the redirect drops the token from the address bar.
 */
function boardAuth(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const fromQuery = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
    const header = req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
    const token = fromQuery ?? header ?? (req.cookies?.[COOKIE] as string | undefined);
    if (!token)
      return next(problems.unauthorized('Open the board with ?access_token=<an ADMIN or OPERATIONS token>.'));
    let payload;
    try {
      payload = deps.tokens.verify(token);
    } catch {
      return next(problems.unauthorized());
    }
    const principal = await principalForToken(payload, deps.orm, deps.sessions);
    if (!principal) return next(problems.unauthorized());
    if (!hasAnyRole(principal.roles, BOARD_ROLES)) return next(problems.forbidden());
    if (fromQuery) {
      res.cookie(COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.environment === 'production',
        path: BOARD_PATH,
        maxAge: Math.max(0, (payload.exp ?? 0) * 1000 - Date.now()),
      });
      const url = new URL(req.originalUrl, 'http://x');
      url.searchParams.delete('access_token');
      return res.redirect(303, url.pathname + url.search);
    }
    next();
  };
}

export function bullBoardRouter(deps: AppDeps): Router {
  const serverAdapter = new ExpressAdapter().setBasePath(BOARD_PATH);
  createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter });
  const router = Router();
  // The board is the only reader of cookies: the rest of the API takes Bearer tokens and parses none.
  router.use(BOARD_PATH, cookieParser(), boardAuth(deps), serverAdapter.getRouter());
  return router;
}
