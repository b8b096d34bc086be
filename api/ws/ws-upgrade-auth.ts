import type { IncomingMessage } from 'node:http';
import type { VerifyClientCallbackAsync } from 'ws';
import type { AppDeps } from '../app-deps';
import { principalForToken } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { WS_PATH, type WsArea } from './ws-channels';

export interface WsAuthContext {
  principal: Principal;
  area: WsArea;
  participantId: number;
  expiresAtMs: number;
}

// Set before the handshake completes, read by the session handler. A WeakMap rather than an
// augmentation of IncomingMessage, whose type the HTTP stack's own augmentations already extend.
const contexts = new WeakMap<IncomingMessage, WsAuthContext>();

export function wsAuthOf(req: IncomingMessage): WsAuthContext | undefined {
  return contexts.get(req);
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  return (
    req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1] ??
    url.searchParams.get('access_token') ??
    undefined
  );
}

/**
 * Browsers send Origin on every upgrade and let any page open a socket to any host: only our own
 * host and the configured CORS origins may (cross-site WebSocket hijacking). Other clients send none.
 */
function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Runs before the handshake completes, so a bad token gets a real HTTP 401 (or 403 for another
 * participant's stream) instead of an accepted socket that is closed right after.
 */
export function verifyWsClient(deps: AppDeps): VerifyClientCallbackAsync<IncomingMessage> {
  return (info, done) => {
    const url = new URL(info.req.url ?? '/', 'http://localhost');
    const match = WS_PATH.exec(url.pathname);
    if (!match) return done(false, 404, 'Not Found');
    if (!originAllowed(info.req, deps.config.corsOrigins)) return done(false, 403, 'Forbidden');
    const token = tokenOf(info.req, url);
    if (!token) return done(false, 401, 'Unauthorized');
    let payload;
    try {
      payload = deps.tokens.verify(token);
    } catch {
      return done(false, 401, 'Unauthorized');
    }
    principalForToken(payload, deps.orm, deps.sessions).then(
      (principal) => {
        if (!principal) return done(false, 401, 'Unauthorized');
        const participantId = Number(match[2]);
        if (!principal.isVenueStaff && principal.participantId !== participantId)
          return done(false, 403, 'Forbidden');
        contexts.set(info.req, {
          principal,
          area: match[1] as WsArea,
          participantId,
          expiresAtMs: (payload.exp ?? 0) * 1000,
        });
        done(true);
      },
      () => done(false, 503, 'Service Unavailable'),
    );
  };
}
