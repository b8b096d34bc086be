import type { AppDeps } from '../app-deps';
import { listShardLeases } from '../../db/matching/shard-leases';
import { liveInstances } from '../../platform/heartbeat';

export interface ComponentHealth {
  status: 'UP' | 'DOWN';
  latency_ms?: number;
  detail?: string;
  instances?: number;
  shards?: ShardOwnership[];
}

/** Who holds a matching shard's lease now (owner null: no live lease, its bonds wait for a takeover). */
export interface ShardOwnership {
  shard: number;
  owner: string | null;
  fencing_token: string | null;
  lease_expires_in_ms: number | null;
}

async function shardOwnership(deps: AppDeps): Promise<ShardOwnership[]> {
  const rows = new Map((await listShardLeases(deps.pg)).map((r) => [r.shard, r]));
  return Array.from({ length: deps.config.matchingShards }, (_, shard) => {
    const r = rows.get(shard);
    const live = r !== undefined && r.expiredForMs <= 0;
    return {
      shard,
      owner: live ? r.owner : null,
      fencing_token: live ? r.token : null,
      lease_expires_in_ms: live ? -r.expiredForMs : null,
    };
  });
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
  // Ownership is shown, not judged: a shard waits a lease period for its takeover, and the API
  // stays ready meanwhile (its orders are journaled and applied by the next owner).
  if (components['matching-worker'] && postgres.status === 'UP') {
    components['matching-worker'].shards = await shardOwnership(deps).catch(() => undefined);
  }
  const up = Object.values(components).every((c) => c.status === 'UP');
  return { status: up ? 'UP' : 'DOWN', timestamp: new Date().toISOString(), components };
}
