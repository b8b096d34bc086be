import { z } from 'zod';

// Every setting comes from a BONDX_* variable, validated once at start so a typo fails loudly
// with the variable's name instead of surfacing later as a confusing connection error.
export const DEFAULT_SECRET_KEY = 'bondx-local-development-secret-not-for-production';

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
    BONDX_REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    BONDX_REDIS_PREFIX: z.string().default('bondx'),
    BONDX_TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    BONDX_TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    BONDX_TEMPORAL_TASK_QUEUE: z.string().min(1).default('bondx'),
    BONDX_TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
    BONDX_SECRET_KEY: z.string().default(DEFAULT_SECRET_KEY),
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
    BONDX_METRICS_PORT: port.optional(),
    BONDX_CORS_ORIGINS: csv(),
    BONDX_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().default(200),
    BONDX_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    BONDX_LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(900),
    BONDX_DEMO_PASSWORD: z.string().min(8).default('bondx-demo'),
    BONDX_WORKER_HEARTBEAT_SECONDS: z.coerce.number().positive().default(5),
    BONDX_HEALTH_REQUIRED_WORKERS: csv('temporal-worker,matching-worker,risk-worker'),
    BONDX_MATCHING_SHARDS: z.coerce.number().int().min(1).max(256).default(1),
    BONDX_MATCHING_WORKER_SHARDS: csv(),
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
  redisUrl: string;
  redisPrefix: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string };
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
  logLevel: Env['BONDX_LOG_LEVEL'];
  port: number;
  metricsPort?: number;
  corsOrigins: string[];
  rateLimitPerSecond: number;
  login: { maxFailures: number; lockoutSeconds: number };
  demoPassword: string;
  workerHeartbeatSeconds: number;
  healthRequiredWorkers: string[];
  /** Bonds are spread over this many command streams, each consumed in order by one matching worker. */
  matchingShards: number;
  /** The shards this matching worker consumes; all when empty. */
  matchingWorkerShards: number[];
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
    redisUrl: e.BONDX_REDIS_URL,
    redisPrefix: e.BONDX_REDIS_PREFIX,
    temporal: {
      address: e.BONDX_TEMPORAL_ADDRESS,
      namespace: e.BONDX_TEMPORAL_NAMESPACE,
      taskQueue: e.BONDX_TEMPORAL_TASK_QUEUE,
      uiUrl: e.BONDX_TEMPORAL_UI_URL,
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
    logLevel: e.BONDX_LOG_LEVEL,
    port: e.BONDX_PORT,
    metricsPort: e.BONDX_METRICS_PORT,
    corsOrigins: e.BONDX_CORS_ORIGINS,
    rateLimitPerSecond: e.BONDX_RATE_LIMIT_PER_SECOND,
    login: { maxFailures: e.BONDX_LOGIN_MAX_FAILURES, lockoutSeconds: e.BONDX_LOGIN_LOCKOUT_SECONDS },
    demoPassword: e.BONDX_DEMO_PASSWORD,
    workerHeartbeatSeconds: e.BONDX_WORKER_HEARTBEAT_SECONDS,
    healthRequiredWorkers: e.BONDX_HEALTH_REQUIRED_WORKERS,
    matchingShards: e.BONDX_MATCHING_SHARDS,
    matchingWorkerShards: e.BONDX_MATCHING_WORKER_SHARDS.map(Number),
  };
}
