import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client as TemporalClient } from '@temporalio/client';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Counter, Registry } from 'prom-client';
import type { Config } from '../platform/config';
import type { AccessTokens } from './auth/access-tokens';
import type { LoginThrottle } from './auth/login-throttle';
import type { SessionStore } from './auth/session-store';
import type { TokenKeys } from './auth/token-keys';
import type { PrivateEventFanout } from './ws/private-event-fanout';

/** Everything a route may touch, built once in api/server.ts (the composition root). */
export interface AppDeps {
  config: Config;
  log: Logger;
  orm: MikroORM;
  redis: Redis;
  temporal: TemporalClient;
  queues: Queue[];
  /** Events of the risk-recompute queue, so a request can wait for its job to finish. */
  riskQueueEvents: QueueEvents;
  metrics: { registry: Registry; logins: Counter };
  tokenKeys: TokenKeys;
  tokens: AccessTokens;
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  /** Private WebSocket events from every process, fanned out to this instance's sockets. */
  privateEvents: PrivateEventFanout;
}
