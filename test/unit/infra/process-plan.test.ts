import { processPlan } from '../../../infra/up/process-plan';

describe('npm start process plan', () => {
  test('by default one of each process, on the configured port', () => {
    const plan = processPlan({ apiInstances: 1, port: 8000, matchingShards: 1 });
    expect(plan.map((p) => p.name)).toEqual([
      'api',
      'temporal-worker',
      'matching-worker',
      'risk-worker',
      'market-maker',
    ]);
    expect(plan[0]!.env).toEqual({ BONDX_PORT: '8000' });
    expect(plan.find((p) => p.name === 'matching-worker')!.env).toEqual({
      BONDX_MATCHING_WORKER_SHARDS: '0',
    });
  });

  test('with 3 API instances and 2 shards, APIs on consecutive ports and one matching process per home shard on its own metrics port', () => {
    const plan = processPlan({ apiInstances: 3, port: 9000, matchingShards: 2 });
    const apis = plan.filter((p) => p.script === 'api');
    expect(apis.map((p) => [p.name, p.env.BONDX_PORT])).toEqual([
      ['api', '9000'],
      ['api-2', '9001'],
      ['api-3', '9002'],
    ]);
    const matching = plan.filter((p) => p.script === 'matching-worker');
    expect(matching.map((p) => [p.name, p.env])).toEqual([
      ['matching-worker', { BONDX_MATCHING_WORKER_SHARDS: '0' }],
      ['matching-worker-1', { BONDX_MATCHING_WORKER_SHARDS: '1', BONDX_METRICS_PORT: '9121' }],
    ]);
    expect(new Set(plan.map((p) => p.name)).size).toBe(plan.length);
  });
});
