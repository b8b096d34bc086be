import {
  ConfigError,
  DEFAULT_ENCRYPTION_KEY,
  DEFAULT_SECRET_KEY,
  loadConfig,
} from '../../../platform/config';
import { workerConcurrency } from '../../../platform/temporal-worker-options';

const PRODUCTION_DATA_KEY = { BONDX_ENCRYPTION_KEY: `k2026:${Buffer.alloc(32, 7).toString('base64')}` };

describe('configuration', () => {
  test('when nothing is set, then local defaults are used', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ environment: 'development', port: 8000, redisUrl: 'redis://127.0.0.1:6379' });
    expect(c.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'bondx',
      uiUrl: 'http://127.0.0.1:8233',
      worker: {
        workflowTaskSlots: 8,
        activityTaskSlots: 20,
        workflowCacheSize: 1000,
        workflowPollers: 4,
        activityPollers: 4,
      },
    });
    expect(c.jwt.accessTokenTtlSeconds).toBe(900);
  });

  test('when the temporal worker concurrency is set, then the worker takes it, and a sticky cache needs 2 workflow pollers', () => {
    const c = loadConfig({
      BONDX_TEMPORAL_WORKFLOW_TASK_SLOTS: '3',
      BONDX_TEMPORAL_ACTIVITY_TASK_SLOTS: '12',
      BONDX_TEMPORAL_WORKFLOW_CACHE_SIZE: '0',
      BONDX_TEMPORAL_WORKFLOW_POLLERS: '6',
      BONDX_TEMPORAL_ACTIVITY_POLLERS: '2',
    });
    // Pollers beyond the slots would hold tasks nobody can run yet.
    expect(workerConcurrency(c.temporal.worker)).toEqual({
      maxConcurrentWorkflowTaskExecutions: 3,
      maxConcurrentActivityTaskExecutions: 12,
      maxCachedWorkflows: 0,
      maxConcurrentWorkflowTaskPolls: 3,
      maxConcurrentActivityTaskPolls: 2,
    });
    expect(() => loadConfig({ BONDX_TEMPORAL_WORKFLOW_POLLERS: '1' })).toThrow(
      /BONDX_TEMPORAL_WORKFLOW_POLLERS/,
    );
    expect(() => loadConfig({ BONDX_TEMPORAL_ACTIVITY_TASK_SLOTS: '0' })).toThrow(
      /BONDX_TEMPORAL_ACTIVITY_TASK_SLOTS/,
    );
  });

  test('when a variable is malformed, then the error names it', () => {
    expect(() => loadConfig({ BONDX_PORT: 'eighty' })).toThrow(/BONDX_PORT/);
    expect(() => loadConfig({ BONDX_DATABASE_URL: 'not a url' })).toThrow(/BONDX_DATABASE_URL/);
    expect(() => loadConfig({ BONDX_LOG_LEVEL: 'chatty' })).toThrow(/BONDX_LOG_LEVEL/);
  });

  test('when access tokens would live longer than 15 minutes, then configuration is refused', () => {
    expect(() => loadConfig({ BONDX_ACCESS_TOKEN_TTL_SECONDS: '3600' })).toThrow(
      /BONDX_ACCESS_TOKEN_TTL_SECONDS/,
    );
  });

  test('when production runs with a missing, default or short secret, then it refuses to start', () => {
    for (const secret of [undefined, DEFAULT_SECRET_KEY, 'short']) {
      const env = { BONDX_ENVIRONMENT: 'production', ...(secret ? { BONDX_SECRET_KEY: secret } : {}) };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/BONDX_SECRET_KEY/);
    }
    expect(
      loadConfig({
        BONDX_ENVIRONMENT: 'production',
        BONDX_SECRET_KEY: 'x'.repeat(40),
        ...PRODUCTION_DATA_KEY,
      }).environment,
    ).toBe('production');
  });

  test('when production runs with the development data key, or a key is malformed, then it refuses to start', () => {
    const prod = { BONDX_ENVIRONMENT: 'production', BONDX_SECRET_KEY: 'x'.repeat(40) };
    expect(() => loadConfig(prod)).toThrow(/BONDX_ENCRYPTION_KEY/);
    expect(() => loadConfig({ BONDX_ENCRYPTION_KEY: 'k1:c2hvcnQ=' })).toThrow(
      /BONDX_ENCRYPTION_KEY.*32 bytes/,
    );
    expect(() => loadConfig({ BONDX_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') })).toThrow(
      /BONDX_ENCRYPTION_KEY/,
    );
    const c = loadConfig({ ...PRODUCTION_DATA_KEY, BONDX_ENCRYPTION_OLD_KEYS: DEFAULT_ENCRYPTION_KEY });
    expect(c.encryption.current.id).toBe('k2026');
    expect(c.encryption.old.map((k) => k.id)).toEqual(['dev-1']);
  });

  test('when RS256 is chosen without key files, then both missing variables are named', () => {
    expect(() => loadConfig({ BONDX_JWT_ALGORITHM: 'RS256' })).toThrow(
      /BONDX_JWT_PRIVATE_KEY_FILE[\s\S]*BONDX_JWT_PUBLIC_KEY_FILE/,
    );
  });

  test('when a list variable is given, then it is split and trimmed; an empty variable means unset', () => {
    expect(loadConfig({ BONDX_CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(loadConfig({ BONDX_PORT: '' }).port).toBe(8000);
  });
});
