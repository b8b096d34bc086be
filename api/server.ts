import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { Queue, QueueEvents } from 'bullmq';
import { createPgPool } from '../platform/postgres-pool';
import { loadConfig, type Config } from '../platform/config';
import { createLogger } from '../platform/logger';
import { businessCounter, createMetricsRegistry } from '../platform/metrics';
import { QUEUES } from '../platform/queues';
import { RedisCache } from '../platform/redis-cache';
import { connectRedis, createRedis } from '../platform/redis';
import { connectTemporalClient } from '../platform/temporal';
import { WsEventBus } from '../platform/ws-events';
import { ormConfig } from '../db/orm-config';
import type { AppDeps } from './app-deps';
import { createApp } from './app';
import { AccessTokens } from './auth/access-tokens';
import { VerifiedTokens } from './auth/verified-tokens';
import { LoginThrottle } from './auth/login-throttle';
import { SessionStore } from './auth/session-store';
import { loadTokenKeys } from './auth/token-keys';
import { tradingSubscribeHook } from './ws/trading-snapshots';
import { OrderInserts } from './areas/trading/order-inserts';
import { OrderContexts } from './areas/trading/trading-context';
import { WsHub } from './ws/ws-hub';
import { exportOrmPoolUse } from '../platform/pool-metrics';

export interface RunningApi {
  url: string;
  port: number;
  server: Server;
  deps: AppDeps;
  stop(): Promise<void>;
}

/** Builds every dependency, listens, and returns a handle whose stop() releases them all. */
export async function start(overrides: Partial<Config> = {}): Promise<RunningApi> {
  const config = { ...loadConfig(), ...overrides };
  const log = createLogger(config, 'api');
  const registry = createMetricsRegistry('api');
  const timeouts = { connectMs: config.database.connectTimeoutMs, queryMs: config.database.queryTimeoutMs };
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: config.databaseUrl, poolMax: config.database.poolMax, timeouts }),
  );
  exportOrmPoolUse(registry, 'orm', orm, config.database.poolMax);
  const pg = createPgPool(config, 'api', registry);
  // The order path's statements go in batches (two in flight at most of each kind).
  const orderPathPg = createPgPool(config, 'api-order-path', registry, 4, { genericPlans: true });
  const redis = await connectRedis(
    createRedis(config.redisUrl, 'command', 'bondx-api', true),
    config.redisUrl,
  );
  const temporal = await connectTemporalClient(config.temporal);
  const queueConnection = createRedis(config.redisUrl, 'command', 'bondx-api-queues');
  const queues = [
    new Queue(QUEUES.riskRecompute, { connection: queueConnection, prefix: config.redisPrefix }),
  ];
  const queueEventsConnection = createRedis(config.redisUrl, 'blocking', 'bondx-api-queue-events');
  const riskQueueEvents = new QueueEvents(QUEUES.riskRecompute, {
    connection: queueEventsConnection,
    prefix: config.redisPrefix,
  });
  await riskQueueEvents.waitUntilReady();
  const tokenKeys = loadTokenKeys(config.jwt);
  const tokens = new AccessTokens(tokenKeys, config.jwt);
  const wsEvents = new WsEventBus(redis, config.redisPrefix);
  const wsHub = new WsHub(createRedis(config.redisUrl, 'blocking', 'bondx-api-ws-events'), wsEvents, log);
  await wsHub.start();
  const deps: AppDeps = {
    config,
    log,
    orm,
    pg,
    redis,
    cache: new RedisCache(
      redis,
      config.redisPrefix,
      businessCounter(
        registry,
        'cache_requests_total',
        'Cache reads by cache and result (hit, miss, stale, error)',
        ['cache', 'result'],
      ),
      log,
    ),
    temporal,
    queues,
    riskQueueEvents,
    metrics: {
      registry,
      logins: businessCounter(registry, 'logins_total', 'Login attempts by outcome', ['outcome']),
      bids: businessCounter(registry, 'auction_bids_total', 'Auction bids by outcome', ['outcome']),
      orders: businessCounter(registry, 'orders_total', 'Order submissions by outcome', ['outcome']),
    },
    tokenKeys,
    tokens,
    verifiedTokens: new VerifiedTokens(tokens),
    sessions: new SessionStore(
      redis,
      config.redisPrefix,
      config.jwt.refreshTokenTtlSeconds,
      config.jwt.accessTokenTtlSeconds,
    ),
    loginThrottle: new LoginThrottle(redis, config.redisPrefix, config.login),
    wsEvents,
    wsHub,
    orderInserts: new OrderInserts(orderPathPg),
    orderContexts: new OrderContexts(orderPathPg),
    wsSubscribeHooks: { trading: tradingSubscribeHook({ config, redis, pg }) },
  };
  const server = config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) })
    : createHttpServer();
  const { app, wss } = createApp(deps, server);
  server.on('request', app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '0.0.0.0', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, tls: Boolean(config.tls) }, 'api listening');
  return {
    url: `${config.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    deps,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        // Upgraded sockets are no longer HTTP connections: close them ourselves (1001 = going away).
        for (const client of wss.clients) client.close(1001, 'server shutting down');
        setTimeout(() => wss.clients.forEach((c) => c.terminate()), 2000).unref();
      });
      // QueueEvents waits on its blocking read; with Redis gone that never returns, so give it 2 s.
      await Promise.race([
        riskQueueEvents.close(),
        new Promise((resolve) => setTimeout(resolve, 2000).unref()),
      ]);
      queueEventsConnection.disconnect();
      await wsHub.stop();
      await Promise.all(queues.map((q) => q.close()));
      queueConnection.disconnect();
      await temporal.connection.close();
      redis.disconnect();
      await Promise.all([pg.end(), orderPathPg.end()]);
      await orm.close();
      log.info('api stopped');
    },
  };
}
