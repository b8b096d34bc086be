import type { AppDeps } from '../app-deps';
import { liveInstances } from '../../platform/heartbeat';

export interface ComponentHealth {
  status: 'UP' | 'DOWN';
  latency_ms?: number;
  detail?: string;
  instances?: number;
}

const TIMEOUT_MS = 2000;

async function probe(fn: () => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { status: 'UP', latency_ms: Math.round((performance.now() - started) * 100) / 100 };
  } catch (err) {
    return { status: 'DOWN', detail: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Every dependency and every worker kind; the whole is UP only when each part is. */
export async function checkHealth(deps: AppDeps) {
  const heartbeatMaxAge = deps.config.workerHeartbeatSeconds * 3;
  const [postgres, redis, temporal] = await Promise.all([
    probe(() => deps.orm.em.fork().getConnection().execute('select 1')),
    probe(() => deps.redis.ping()),
    probe(() => deps.temporal.connection.workflowService.getSystemInfo({})),
  ]);
  const components: Record<string, ComponentHealth> = { postgres, redis, temporal };
  for (const kind of deps.config.healthRequiredWorkers) {
    if (redis.status === 'DOWN') {
      components[kind] = { status: 'DOWN', detail: 'unknown: heartbeats live in Redis' };
      continue;
    }
    const count = await liveInstances(deps.redis, deps.config.redisPrefix, kind, heartbeatMaxAge).catch(
      () => 0,
    );
    components[kind] =
      count > 0
        ? { status: 'UP', instances: count }
        : { status: 'DOWN', detail: `no heartbeat in ${heartbeatMaxAge} s` };
  }
  const up = Object.values(components).every((c) => c.status === 'UP');
  return { status: up ? 'UP' : 'DOWN', timestamp: new Date().toISOString(), components };
}
