import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import cors from 'cors';
import express from 'express';
import expressWs from 'express-ws';
import helmet from 'helmet';
import type { WebSocketServer } from 'ws';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { httpDurationHistogram } from '../platform/metrics';
import type { AppDeps } from './app-deps';
import { bullBoardRouter } from './admin/bull-board';
import { createAuthenticator } from './auth/authenticate';
import { mountRoutes } from './http/mount-routes';
import { notFoundHandler, problemHandler } from './http/problem';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { routeTable } from './route-table';
import { verifyWsClient } from './ws/ws-upgrade-auth';
import type { WsArea } from './ws/ws-channels';
import { handleWsSession } from './ws/ws-session';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const WS_MAX_MESSAGE_BYTES = 64 * 1024;

/** The Express app on a given HTTP server (express-ws needs the server for upgrades). */
export function createApp(deps: AppDeps, server: Server): { app: express.Express; wss: WebSocketServer } {
  const app = express();
  const { getWss } = expressWs(app, server, {
    // Client messages are small commands; a larger frame closes the socket (1009) before it is buffered.
    wsOptions: { verifyClient: verifyWsClient(deps), maxPayload: WS_MAX_MESSAGE_BYTES },
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');

  const httpDuration = httpDurationHistogram(deps.metrics.registry);
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Probes and scrapes every few seconds would drown the access log.
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // One short line per request; a token in a query string (bull-board, WebSockets) never reaches the log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(/access_token=[^&]+/, 'access_token=[redacted]'),
          remote_address: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ status_code: res.statusCode }),
      },
    }),
  );
  app.use((req, res, next) => {
    const end = httpDuration.startTimer({ method: req.method });
    // The route template, not the raw path, keeps label cardinality bounded.
    res.on('finish', () => end({ route: req.route?.path ?? 'unmatched', status_code: res.statusCode }));
    next();
  });
  app.use(
    helmet({
      // HSTS means something only over HTTPS; on plain HTTP (local development) it is left out.
      strictTransportSecurity: deps.config.tls ? { maxAge: 31536000, includeSubDomains: true } : false,
      contentSecurityPolicy: {
        // Swagger UI and bull-board ship inline bootstrapping scripts and styles.
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'", 'https:'],
        },
      },
    }),
  );
  app.use(
    cors({ origin: deps.config.corsOrigins.length ? deps.config.corsOrigins : false, credentials: true }),
  );

  const openApi = buildOpenApiDocument(routeTable, `http://localhost:${deps.config.port}`);
  app.get('/docs/openapi.json', (_req, res) => res.json(openApi));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApi, { customSiteTitle: 'BondX API' }));

  app.use(bullBoardRouter(deps));
  app.use(
    mountRoutes(routeTable, deps, {
      authenticate: createAuthenticator({
        tokens: deps.verifiedTokens,
        orm: deps.orm,
        sessions: deps.sessions,
        redisPrefix: deps.config.redisPrefix,
        rateLimitPerSecond: deps.config.rateLimitPerSecond,
      }),
    }),
  );
  (app as unknown as expressWs.Application).ws('/api/v1/:area/ws/:participant_id', (ws, req) =>
    handleWsSession(ws, req, deps.wsHub, deps.log, deps.wsSubscribeHooks[req.params.area as WsArea]),
  );

  // A protocol violation (an oversized frame, a bad opcode) is emitted as 'error' on the socket,
  // which ws then closes with the right code; unheard, it would take the whole process down.
  getWss().on('connection', (ws) =>
    ws.on('error', (err) => deps.log.warn({ err: { message: err.message } }, 'WebSocket protocol error')),
  );

  app.use(notFoundHandler);
  app.use(problemHandler(deps.log));
  return { app, wss: getWss() };
}
