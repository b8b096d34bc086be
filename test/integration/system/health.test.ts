import { spawn, type ChildProcess } from 'node:child_process';
import { startTestApi, beatAsWorkers, type TestApi } from '../../support/api-harness';
import { freePort } from '../../support/free-port';

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    const { Redis } = await import('ioredis');
    const probe = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('redis-server did not start');
}

describe('GET /health', () => {
  test('when every dependency and worker kind is up, then 200 with each component UP', async () => {
    const api = await startTestApi();
    const beats = await beatAsWorkers(api);
    try {
      const res = await api.call('GET', '/health');
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.status).toBe('UP');
      for (const c of [
        'postgres',
        'redis',
        'temporal',
        'temporal-worker',
        'matching-worker',
        'risk-worker',
      ]) {
        expect(body.components[c].status).toBe('UP');
      }
    } finally {
      await Promise.all(beats.map((b) => b.stop()));
      await api.stop();
    }
  });

  test('when no worker has beaten recently, then 503 naming the missing worker kinds', async () => {
    const api: TestApi = await startTestApi();
    try {
      const res = await api.call('GET', '/health');
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.components['matching-worker'].status).toBe('DOWN');
      expect(body.components.postgres.status).toBe('UP');
    } finally {
      await api.stop();
    }
  });

  test('when Redis becomes unreachable, then 503 with redis DOWN; authenticated routes answer 503, not 500', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const api = await startTestApi({ redisUrl: `redis://127.0.0.1:${port}` });
    try {
      const beats = await beatAsWorkers(api);
      expect((await api.call('GET', '/health')).status).toBe(200);
      const token = await api.login('trader1@bondx.local');
      await Promise.all(beats.map((b) => b.stop()));
      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
      const res = await api.call('GET', '/health');
      expect(res.status).toBe(503);
      expect((await res.json()).components.redis.status).toBe('DOWN');
      const bonds = await api.call('GET', '/api/v1/bonds', { token });
      expect(bonds.status).toBe(503);
      expect(bonds.headers.get('retry-after')).toBeTruthy();
    } finally {
      redis.kill('SIGKILL');
      await api.stop();
    }
  });
});
