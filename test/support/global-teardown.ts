import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { dropDatabase } from '../../db/database-admin';
import type { DevServer } from '../../infra/temporal/dev-server';
import { readTestEnv } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const env = readTestEnv();
  await ((globalThis as Record<string, unknown>).__bondxTemporal as DevServer | undefined)?.stop();
  const redis = new Redis(process.env.BONDX_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${env.BONDX_REDIS_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  if (env.BONDX_AUDIT_ANCHOR_DIR) rmSync(env.BONDX_AUDIT_ANCHOR_DIR, { recursive: true, force: true });
  if (env.BONDX_TEST_WORKFLOW_BUNDLE) rmSync(env.BONDX_TEST_WORKFLOW_BUNDLE, { force: true });
  if (!process.env.BONDX_KEEP_TEST_DB) await dropDatabase(env.BONDX_DATABASE_ADMIN_URL!);
}
