import { hostname } from 'node:os';
import { riskRunJobId } from '../../../platform/queues';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Risk workers scale by adding processes: two built risk-worker processes consume one queue.
const RUNS = 8;

let api: TestApi;
let workers: TestWorker[];
let token: string;
let portfolioId: number;

beforeAll(async () => {
  api = await startTestApi();
  workers = [startTestWorker('risk-worker'), startTestWorker('risk-worker')];
  await Promise.all(workers.map((w) => w.started));
  token = await api.login('trader2@bondx.local');
  const res = await api.call('POST', '/api/v1/risk/portfolios', {
    token,
    body: {
      name: 'two risk workers book',
      positions: [
        { bond_id: 'BOND_001', quantity: '10000000' },
        { bond_id: 'BOND_004', quantity: '5000000' },
      ],
    },
  });
  expect(res.status).toBe(201);
  portfolioId = (await res.json()).portfolio_id;
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await api.stop();
});

describe('two risk worker processes', () => {
  test('when a batch of risk runs is queued, then both processes run some of them and each run is processed exactly once', async () => {
    const answers = await Promise.all(
      // Distinct parameters: identical requests would share one run.
      Array.from({ length: RUNS }, (_, i) =>
        api.call('POST', `/api/v1/risk/portfolios/${portfolioId}/risk`, {
          token,
          body: { method: 'PARAMETRIC', confidence_level: 0.99, time_horizon: i + 1 },
        }),
      ),
    );
    const runs = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'COMPLETED'));
    expect(new Set(runs.map((r) => r.run_id)).size).toBe(RUNS);

    const jobs = await Promise.all(runs.map((r) => api.deps.queues[0]!.getJob(riskRunJobId(r.run_id))));
    expect(await Promise.all(jobs.map((j) => j!.getState()))).toEqual(jobs.map(() => 'completed'));
    // One attempt each: no job ran twice (a second processor would add an attempt or fail the lock).
    expect(jobs.map((j) => j!.attemptsMade)).toEqual(jobs.map(() => 1));
    const names = workers.map((w) => `${hostname()}:${w.pid}`);
    const byWorker = new Map(names.map((n) => [n, 0]));
    for (const j of jobs) byWorker.set(j!.processedBy!, (byWorker.get(j!.processedBy!) ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual([...names].sort());
    expect([...byWorker.values()].every((n) => n > 0)).toBe(true);
    const stored = await api.deps.pg.query(
      `select count(*)::int as n from risk_runs where id = any($1::uuid[]) and status = 'COMPLETED'`,
      [runs.map((r) => r.run_id)],
    );
    expect(stored.rows[0].n).toBe(RUNS);
  }, 120_000);
});
