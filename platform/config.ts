import { z } from 'zod';
import {
  IST_OFFSET_MINUTES,
  parseTimeOfDay,
  WEEKDAY_NAMES,
  type TradingDaySchedule,
} from '../domain/trading/trading-day';
import { parseEncryptionKey, type EncryptionKey } from './field-encryption';
import type { ConfirmSchedule } from '../domain/compliance/delivery-confirmation';

// Every setting comes from a BONDX_* variable, validated once at start so a typo fails loudly
// with the variable's name instead of surfacing later as a confusing connection error.
export const DEFAULT_SECRET_KEY = 'bondx-local-development-secret-not-for-production';
/** 32 bytes of base64 that everyone can read: fine for a laptop, refused in production. */
export const DEFAULT_ENCRYPTION_KEY = `dev-1:${Buffer.from('bondx-development-only-data-key!').toString('base64')}`;

const encryptionKey = z.string().transform((text, ctx) => {
  const parsed = parseEncryptionKey(text);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  return typeof parsed === 'string' ? z.NEVER : parsed;
});

const port = z.coerce.number().int().min(0).max(65535);
const csv = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );

const schema = z
  .object({
    BONDX_ENVIRONMENT: z.enum(['development', 'test', 'staging', 'production']).default('development'),
    BONDX_DATABASE_URL: z.url().default('postgresql://bondx_app:bondx_app@127.0.0.1:5432/bondx'),
    BONDX_DATABASE_ADMIN_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/bondx'),
    BONDX_DB_POOL_MAX: z.coerce.number().int().positive().default(10),
    BONDX_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    BONDX_DB_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
    BONDX_REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    BONDX_REDIS_PREFIX: z.string().default('bondx'),
    BONDX_TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    BONDX_TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    BONDX_TEMPORAL_TASK_QUEUE: z.string().min(1).default('bondx'),
    BONDX_TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
    BONDX_TEMPORAL_WORKFLOW_TASK_SLOTS: z.coerce.number().int().min(2).max(1000).default(8),
    BONDX_TEMPORAL_ACTIVITY_TASK_SLOTS: z.coerce.number().int().min(1).max(1000).default(20),
    BONDX_TEMPORAL_WORKFLOW_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(1000),
    BONDX_TEMPORAL_WORKFLOW_POLLERS: z.coerce.number().int().min(2).max(100).default(4),
    BONDX_TEMPORAL_ACTIVITY_POLLERS: z.coerce.number().int().min(1).max(100).default(4),
    BONDX_SECRET_KEY: z.string().default(DEFAULT_SECRET_KEY),
    BONDX_ENCRYPTION_KEY: encryptionKey.prefault(DEFAULT_ENCRYPTION_KEY),
    BONDX_ENCRYPTION_OLD_KEYS: csv().pipe(z.array(encryptionKey)),
    BONDX_JWT_ALGORITHM: z.enum(['HS256', 'RS256']).default('HS256'),
    BONDX_JWT_PRIVATE_KEY_FILE: z.string().optional(),
    BONDX_JWT_PUBLIC_KEY_FILE: z.string().optional(),
    BONDX_JWT_KID: z.string().default('bondx-1'),
    BONDX_JWT_ISSUER: z.string().default('bondx'),
    BONDX_JWT_AUDIENCE: z.string().default('bondx-api'),
    BONDX_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
    BONDX_REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(7 * 24 * 3600),
    BONDX_LOG_LEVEL: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
      .default('info'),
    BONDX_PORT: port.default(8000),
    BONDX_API_INSTANCES: z.coerce.number().int().min(1).max(32).default(1),
    BONDX_TLS_CERT: z.string().optional(),
    BONDX_TLS_KEY: z.string().optional(),
    BONDX_METRICS_PORT: port.optional(),
    BONDX_CORS_ORIGINS: csv(),
    BONDX_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().default(200),
    BONDX_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    BONDX_LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(900),
    BONDX_DEMO_PASSWORD: z.string().min(8).default('bondx-demo'),
    BONDX_WORKER_HEARTBEAT_SECONDS: z.coerce.number().positive().default(5),
    BONDX_HEALTH_REQUIRED_WORKERS: csv('temporal-worker,matching-worker,risk-worker'),
    BONDX_AUDIT_PURGE_DATABASE_URL: z
      .url()
      .default('postgresql://bondx_audit_purge:bondx_audit_purge@127.0.0.1:5432/bondx'),
    BONDX_AUDIT_ANCHOR_DIR: z.string().min(1).default('var/audit-anchors'),
    BONDX_AUDIT_ANCHOR_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(60).default(60),
    BONDX_AUDIT_VERIFY_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(1440),
    BONDX_AUDIT_RETENTION_YEARS: z.coerce.number().int().min(1).default(10),
    BONDX_AUDIT_WRITER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    BONDX_REPORT_DIR: z.string().min(1).default('var/reports'),
    BONDX_REPORT_SCHEDULE_CRON: z.string().min(9).default('15 18 * * *'),
    BONDX_REPORTING_GATEWAY: z.enum(['local', 'http']).default('local'),
    BONDX_REPORTING_GATEWAY_DIR: z.string().min(1).default('var/reporting-gateway'),
    BONDX_REPORTING_GATEWAY_URL: z.url().optional(),
    BONDX_REPORTING_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    BONDX_REPORTING_CONFIRM_POLL_SECONDS: z.coerce.number().min(0.1).max(300).default(5),
    BONDX_REPORTING_CONFIRM_TIMEOUT_SECONDS: z.coerce.number().min(1).max(86_400).default(3600),
    BONDX_TRADE_REPORT_ALERT_SECONDS: z.coerce.number().int().min(1).max(900).default(600),
    BONDX_TRADE_REPORT_POLL_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
    BONDX_TRADE_REPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    BONDX_POLICY_CORRIDOR: z
      .string()
      .regex(
        /^\d{1,2}\.\d{1,4},\d{1,2}\.\d{1,4},\d{1,2}\.\d{1,4}$/,
        'SDF,repo,MSF in percent, e.g. 5.25,5.50,5.75',
      )
      .default('5.25,5.50,5.75'),
    BONDX_MATCHING_SHARDS: z.coerce.number().int().min(1).max(256).default(1),
    BONDX_MATCHING_WORKER_SHARDS: csv(),
    BONDX_TRADING_DAY_END: z
      .string()
      .transform((text, ctx) => {
        const second = parseTimeOfDay(text);
        if (second === null) ctx.addIssue({ code: 'custom', message: 'must be HH:MM or HH:MM:SS (IST)' });
        return second ?? z.NEVER;
      })
      .default(17 * 3600),
    BONDX_TRADING_WEEKDAYS: csv('MON,TUE,WED,THU,FRI').pipe(z.array(z.enum(WEEKDAY_NAMES)).min(1)),
    BONDX_MATCHING_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(5000),
    BONDX_RECORD_DATE_BUSINESS_DAYS: z.coerce.number().int().min(0).max(30).default(1),
    BONDX_SETTLEMENT_MAX_ROLLS: z.coerce.number().int().min(0).max(30).default(3),
    BONDX_SETTLEMENT_LAUNCH_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
      .default('17:00'),
  })
  .superRefine((c, ctx) => {
    if (c.BONDX_ENVIRONMENT === 'production' && c.BONDX_JWT_ALGORITHM === 'HS256') {
      if (c.BONDX_SECRET_KEY === DEFAULT_SECRET_KEY || c.BONDX_SECRET_KEY.length < 32) {
        ctx.addIssue({
          code: 'custom',
          path: ['BONDX_SECRET_KEY'],
          message: 'production needs its own secret of at least 32 characters (not the development default)',
        });
      }
    }
    if (c.BONDX_ENVIRONMENT === 'production' && c.BONDX_ENCRYPTION_KEY.id === 'dev-1') {
      ctx.addIssue({
        code: 'custom',
        path: ['BONDX_ENCRYPTION_KEY'],
        message: 'production needs its own data key (not the development default)',
      });
    }
    if (c.BONDX_REPORTING_GATEWAY === 'http' && !c.BONDX_REPORTING_GATEWAY_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['BONDX_REPORTING_GATEWAY_URL'],
        message: 'the http reporting gateway needs the platform URL',
      });
    }
    if (Boolean(c.BONDX_TLS_CERT) !== Boolean(c.BONDX_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.BONDX_TLS_CERT ? 'BONDX_TLS_KEY' : 'BONDX_TLS_CERT'],
        message: 'BONDX_TLS_CERT and BONDX_TLS_KEY are set together (PEM file paths)',
      });
    }
    for (const shard of c.BONDX_MATCHING_WORKER_SHARDS) {
      const n = Number(shard);
      if (!Number.isInteger(n) || n < 0 || n >= c.BONDX_MATCHING_SHARDS) {
        ctx.addIssue({
          code: 'custom',
          path: ['BONDX_MATCHING_WORKER_SHARDS'],
          message: `"${shard}" is not a shard number from 0 to BONDX_MATCHING_SHARDS - 1`,
        });
      }
    }
    if (c.BONDX_JWT_ALGORITHM === 'RS256') {
      for (const key of ['BONDX_JWT_PRIVATE_KEY_FILE', 'BONDX_JWT_PUBLIC_KEY_FILE'] as const) {
        if (!c[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'required when BONDX_JWT_ALGORITHM=RS256' });
      }
    }
  });

type Env = z.infer<typeof schema>;

export interface Config {
  environment: Env['BONDX_ENVIRONMENT'];
  databaseUrl: string;
  databaseAdminUrl: string;
  /**
   * Per process pool size, and how long to wait for a connection or an answer before giving up: a
   * stalled database must turn into 503s, not requests queued without bound.
   */
  database: { poolMax: number; connectTimeoutMs: number; queryTimeoutMs: number };
  redisUrl: string;
  redisPrefix: string;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiUrl: string;
    /** The temporal worker's concurrency: task slots, cached workflow runs, and pollers per kind. */
    worker: {
      workflowTaskSlots: number;
      activityTaskSlots: number;
      workflowCacheSize: number;
      workflowPollers: number;
      activityPollers: number;
    };
  };
  jwt: {
    algorithm: Env['BONDX_JWT_ALGORITHM'];
    secretKey: string;
    privateKeyFile?: string;
    publicKeyFile?: string;
    kid: string;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  /** Encrypts personal and account data at rest; old keys only decrypt (until rotated away). */
  encryption: { current: EncryptionKey; old: EncryptionKey[] };
  logLevel: Env['BONDX_LOG_LEVEL'];
  port: number;
  /** API processes `npm start` runs, on ports `port`, `port + 1`, ... */
  apiInstances: number;
  /** PEM files; when set the API serves HTTPS and WSS only, with HSTS. */
  tls?: { certFile: string; keyFile: string };
  metricsPort?: number;
  corsOrigins: string[];
  rateLimitPerSecond: number;
  login: { maxFailures: number; lockoutSeconds: number };
  demoPassword: string;
  workerHeartbeatSeconds: number;
  healthRequiredWorkers: string[];
  audit: {
    purgeDatabaseUrl: string;
    anchorDir: string;
    anchorIntervalMinutes: number;
    verifyIntervalMinutes: number;
    retentionYears: number;
    writerPollMs: number;
  };
  reporting: {
    /** Where report runs store their artifacts. */
    reportDir: string;
    /** Cron (UTC) of the standing daily report schedules. */
    scheduleCron: string;
    gateway: { kind: 'local' | 'http'; dir: string; url?: string; timeoutMs: number };
    /**
     * A delivery the platform took as pending is polled from `pollSeconds`, doubling up to
     * `maxPollSeconds`, until confirmed or rejected; unconfirmed after `timeoutSeconds` it fails.
     */
    confirm: ConfirmSchedule;
    /** Trade reports: the alert this long after execution (the deadline is 15 minutes). */
    tradeAlertSeconds: number;
    tradePollSeconds: number;
    tradeBatchSize: number;
    /** SDF, repo and MSF rates in percent, as decimal text. */
    policyCorridor: { sdf: string; repo: string; msf: string };
  };
  /** Bonds are spread over this many command streams, each consumed in order by one matching worker. */
  matchingShards: number;
  /**
   * This matching worker's home shards (all when empty): taken whenever free and asked back from
   * another holder. Any shard whose lease ran out is taken over by some live worker.
   */
  matchingWorkerShards: number[];
  /** When each trading day ends (India time): DAY orders expire then, closed session or not. */
  tradingDay: TradingDaySchedule;
  /** How long a shard lease lasts unless renewed (every fifth of it): the takeover time after a crash. */
  matchingLeaseMs: number;
  /** Coupons and redemptions go to the holders at the close of this many business days before payment. */
  recordDateBusinessDays: number;
  settlement: {
    /** A failed trade rolls this many times to the next business day, then is closed out. */
    maxRolls: number;
    /** When the daily launcher starts the day's settlements, India time (HH:MM). */
    launchTime: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "unset", as in most twelve-factor tools.
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('BONDX_') && v !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    environment: e.BONDX_ENVIRONMENT,
    databaseUrl: e.BONDX_DATABASE_URL,
    databaseAdminUrl: e.BONDX_DATABASE_ADMIN_URL,
    database: {
      poolMax: e.BONDX_DB_POOL_MAX,
      connectTimeoutMs: e.BONDX_DB_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: e.BONDX_DB_QUERY_TIMEOUT_MS,
    },
    redisUrl: e.BONDX_REDIS_URL,
    redisPrefix: e.BONDX_REDIS_PREFIX,
    temporal: {
      address: e.BONDX_TEMPORAL_ADDRESS,
      namespace: e.BONDX_TEMPORAL_NAMESPACE,
      taskQueue: e.BONDX_TEMPORAL_TASK_QUEUE,
      uiUrl: e.BONDX_TEMPORAL_UI_URL,
      worker: {
        workflowTaskSlots: e.BONDX_TEMPORAL_WORKFLOW_TASK_SLOTS,
        activityTaskSlots: e.BONDX_TEMPORAL_ACTIVITY_TASK_SLOTS,
        workflowCacheSize: e.BONDX_TEMPORAL_WORKFLOW_CACHE_SIZE,
        workflowPollers: e.BONDX_TEMPORAL_WORKFLOW_POLLERS,
        activityPollers: e.BONDX_TEMPORAL_ACTIVITY_POLLERS,
      },
    },
    jwt: {
      algorithm: e.BONDX_JWT_ALGORITHM,
      secretKey: e.BONDX_SECRET_KEY,
      privateKeyFile: e.BONDX_JWT_PRIVATE_KEY_FILE,
      publicKeyFile: e.BONDX_JWT_PUBLIC_KEY_FILE,
      kid: e.BONDX_JWT_KID,
      issuer: e.BONDX_JWT_ISSUER,
      audience: e.BONDX_JWT_AUDIENCE,
      accessTokenTtlSeconds: e.BONDX_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.BONDX_REFRESH_TOKEN_TTL_SECONDS,
    },
    encryption: { current: e.BONDX_ENCRYPTION_KEY, old: e.BONDX_ENCRYPTION_OLD_KEYS },
    logLevel: e.BONDX_LOG_LEVEL,
    port: e.BONDX_PORT,
    apiInstances: e.BONDX_API_INSTANCES,
    tls:
      e.BONDX_TLS_CERT && e.BONDX_TLS_KEY
        ? { certFile: e.BONDX_TLS_CERT, keyFile: e.BONDX_TLS_KEY }
        : undefined,
    metricsPort: e.BONDX_METRICS_PORT,
    corsOrigins: e.BONDX_CORS_ORIGINS,
    rateLimitPerSecond: e.BONDX_RATE_LIMIT_PER_SECOND,
    login: { maxFailures: e.BONDX_LOGIN_MAX_FAILURES, lockoutSeconds: e.BONDX_LOGIN_LOCKOUT_SECONDS },
    demoPassword: e.BONDX_DEMO_PASSWORD,
    workerHeartbeatSeconds: e.BONDX_WORKER_HEARTBEAT_SECONDS,
    healthRequiredWorkers: e.BONDX_HEALTH_REQUIRED_WORKERS,
    audit: {
      purgeDatabaseUrl: e.BONDX_AUDIT_PURGE_DATABASE_URL,
      anchorDir: e.BONDX_AUDIT_ANCHOR_DIR,
      anchorIntervalMinutes: e.BONDX_AUDIT_ANCHOR_INTERVAL_MINUTES,
      verifyIntervalMinutes: e.BONDX_AUDIT_VERIFY_INTERVAL_MINUTES,
      retentionYears: e.BONDX_AUDIT_RETENTION_YEARS,
      writerPollMs: e.BONDX_AUDIT_WRITER_POLL_MS,
    },
    reporting: {
      reportDir: e.BONDX_REPORT_DIR,
      scheduleCron: e.BONDX_REPORT_SCHEDULE_CRON,
      gateway: {
        kind: e.BONDX_REPORTING_GATEWAY,
        dir: e.BONDX_REPORTING_GATEWAY_DIR,
        url: e.BONDX_REPORTING_GATEWAY_URL,
        timeoutMs: e.BONDX_REPORTING_GATEWAY_TIMEOUT_MS,
      },
      confirm: {
        pollSeconds: e.BONDX_REPORTING_CONFIRM_POLL_SECONDS,
        maxPollSeconds: Math.max(e.BONDX_REPORTING_CONFIRM_POLL_SECONDS, 300),
        timeoutSeconds: e.BONDX_REPORTING_CONFIRM_TIMEOUT_SECONDS,
      },
      tradeAlertSeconds: e.BONDX_TRADE_REPORT_ALERT_SECONDS,
      tradePollSeconds: e.BONDX_TRADE_REPORT_POLL_SECONDS,
      tradeBatchSize: e.BONDX_TRADE_REPORT_BATCH_SIZE,
      policyCorridor: (([sdf, repo, msf]) => ({ sdf: sdf!, repo: repo!, msf: msf! }))(
        e.BONDX_POLICY_CORRIDOR.split(','),
      ),
    },
    matchingShards: e.BONDX_MATCHING_SHARDS,
    matchingWorkerShards: e.BONDX_MATCHING_WORKER_SHARDS.map(Number),
    tradingDay: {
      endSecond: e.BONDX_TRADING_DAY_END,
      weekdays: e.BONDX_TRADING_WEEKDAYS.map((d) => WEEKDAY_NAMES.indexOf(d)),
      utcOffsetMinutes: IST_OFFSET_MINUTES,
    },
    matchingLeaseMs: e.BONDX_MATCHING_LEASE_MS,
    recordDateBusinessDays: e.BONDX_RECORD_DATE_BUSINESS_DAYS,
    settlement: { maxRolls: e.BONDX_SETTLEMENT_MAX_ROLLS, launchTime: e.BONDX_SETTLEMENT_LAUNCH_TIME },
  };
}
