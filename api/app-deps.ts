import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client as TemporalClient } from '@temporalio/client';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Counter, Registry } from 'prom-client';
import type { Config } from '../platform/config';
import type { VerifiedTokens } from './auth/verified-tokens';
import type { AccessTokens } from './auth/access-tokens';
import type { LoginThrottle } from './auth/login-throttle';
import type { SessionStore } from './auth/session-store';
import type { TokenKeys } from './auth/token-keys';
import type { RedisCache } from '../platform/redis-cache';
import type { WsEventBus } from '../platform/ws-events';
import type { OrderInserts } from './areas/trading/order-inserts';
import type { OrderContexts } from './areas/trading/trading-context';
import type { WsHub } from './ws/ws-hub';
import type { WsSubscribeHook } from './ws/ws-session';
import type { WsArea } from './ws/ws-channels';

/** Everything a route may touch, built once in api/server.ts (the composition root). */
export interface AppDeps {
  config: Config;
  log: Logger;
  orm: MikroORM;
  /** Plain SQL for the trading hot path (set-based statements the ORM does not express). */
  pg: Pool;
  redis: Redis;
  /** Read-through cache of reference and market data, shared by every instance. */
  cache: RedisCache;
  temporal: TemporalClient;
  queues: Queue[];
  /** Events of the risk-recompute queue, so a request can wait for its job to finish. */
  riskQueueEvents: QueueEvents;
  metrics: { registry: Registry; logins: Counter; bids: Counter; orders: Counter };
  tokenKeys: TokenKeys;
  tokens: AccessTokens;
  /** Verified access tokens kept until they expire (HTTP requests check them here). */
  verifiedTokens: VerifiedTokens;
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  /** Publishes WebSocket events (through Redis, so every instance delivers them). */
  wsEvents: WsEventBus;
  /** This instance's sockets, fed from Redis. */
  wsHub: WsHub;
  /** Commits new orders in shared statements under load (the order path's group commit). */
  orderInserts: OrderInserts;
  /** Reads what new orders are checked against, in shared statements under load. */
  orderContexts: OrderContexts;
  /** What an area adds to subscriptions (trading: bond filters and snapshots). */
  wsSubscribeHooks: Partial<Record<WsArea, WsSubscribeHook>>;
}
