import { Registry } from 'prom-client';
import { exportOrmPoolUse, exportPoolUse } from '../../../platform/pool-metrics';

const value = async (registry: Registry, pool: string, state: string) =>
  (await registry.getSingleMetric('bondx_db_pool_connections')!.get()).values.find(
    (v) => v.labels.pool === pool && v.labels.state === state,
  )?.value;

describe('pool use metrics', () => {
  test('when two pools of one process export their use, then one gauge carries both, read at the scrape', async () => {
    const registry = new Registry();
    let waiting = 0;
    exportPoolUse(registry, 'api', () => ({ total: 3, idle: 1, waiting, max: 10 }));
    const tarn = { numUsed: () => 2, numFree: () => 5, numPendingAcquires: () => 4 };
    exportOrmPoolUse(
      registry,
      'orm',
      { em: { getConnection: () => ({ getKnex: () => ({ client: { pool: tarn } }) }) } },
      8,
    );
    waiting = 6;
    expect(await value(registry, 'api', 'waiting')).toBe(6);
    expect(await value(registry, 'api', 'total')).toBe(3);
    expect(await value(registry, 'orm', 'total')).toBe(7);
    expect(await value(registry, 'orm', 'idle')).toBe(5);
    expect(await value(registry, 'orm', 'waiting')).toBe(4);
    expect(await value(registry, 'orm', 'max')).toBe(8);
  });

  test('when the ORM has not opened its pool yet, then it reports nothing in use and its size', async () => {
    const registry = new Registry();
    exportOrmPoolUse(
      registry,
      'orm',
      { em: { getConnection: () => ({ getKnex: () => ({ client: {} }) }) } },
      4,
    );
    expect(await value(registry, 'orm', 'total')).toBe(0);
    expect(await value(registry, 'orm', 'max')).toBe(4);
  });
});
