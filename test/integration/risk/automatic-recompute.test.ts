import { AUTOMATIC_RECOMPUTE_JOB, requestAutomaticRecompute } from '../../../platform/queues';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestRiskWorker } from '../../support/risk-worker';
import { openWs } from '../../support/ws-client';

let api: TestApi;
let worker: Awaited<ReturnType<typeof startTestRiskWorker>> | undefined;
let trader1: string;
let sbin: number;
let portfolioId: number;
const base = '/api/v1/risk/portfolios';

beforeAll(async () => {
  api = await startTestApi();
  trader1 = await api.login('trader1@bondx.local');
  sbin = (await (await api.call('GET', '/auth/me', { token: trader1 })).json()).participant_id;
  const res = await api.call('POST', base, {
    token: trader1,
    body: { name: 'automatic book', positions: [{ bond_id: 'BOND_001', quantity: '10000000' }] },
  });
  portfolioId = (await res.json()).portfolio_id;
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
});

const queue = () => api.deps.queues[0]!;

async function automaticJobsOf(id: number) {
  const jobs = await queue().getJobs(['waiting', 'active', 'delayed', 'prioritized']);
  return jobs.filter((j) => j.name === AUTOMATIC_RECOMPUTE_JOB && j.data.portfolioId === id);
}

/** Polls GET .../risk until a completed run other than `after` is the latest. */
async function nextRun(after: string | null) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await api.call('GET', `${base}/${portfolioId}/risk`, { token: trader1 });
    if (res.status === 200) {
      const run = await res.json();
      if (run.run_id !== after) return run;
    }
    if (Date.now() > deadline) throw new Error('no new risk run within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('automatic recomputation', () => {
  test('when a burst of triggers arrives with no worker free, then one job waits for the portfolio and one run follows', async () => {
    for (let i = 0; i < 25; i++) await requestAutomaticRecompute(queue(), portfolioId, 'FILL');
    expect(await automaticJobsOf(portfolioId)).toHaveLength(1);

    worker = await startTestRiskWorker(api);
    const run = await nextRun(null);
    expect(run).toMatchObject({
      trigger: 'FILL',
      requested_by: null,
      method: 'HISTORICAL_SIMULATION',
      revaluation: 'FULL_REVALUATION',
      confidence_level: 0.99,
      status: 'COMPLETED',
    });
    const runs = await api.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>(
        "select count(*)::int as n from risk_runs where portfolio_id = ? and trigger = 'FILL'",
        [portfolioId],
      );
    expect(runs[0]!.n).toBe(1);
  });

  test('when a position changes, then an automatic run follows, its metrics change, and a limit breach reaches the WebSocket', async () => {
    const before = await nextRun(null);
    const limit = await api.call('POST', `${base}/${portfolioId}/limits`, {
      token: trader1,
      body: { limit_type: 'DV01', threshold: before.result.dv01 * 2.5 },
    });
    expect(limit.status).toBe(201);
    const ws = openWs(api.url, `/api/v1/risk/ws/${sbin}`, trader1);
    await ws.next('connected');
    ws.ws.send(JSON.stringify({ action: 'subscribe', channels: ['risk_alerts'] }));
    await ws.next('subscribed');

    const put = await api.call('PUT', `${base}/${portfolioId}/positions/BOND_001`, {
      token: trader1,
      body: { quantity: '30000000' },
    });
    expect(put.status).toBe(200);
    const after = await nextRun(before.run_id);
    expect(after.trigger).toBe('POSITION_CHANGE');
    expect(after.result.market_value).toBeCloseTo(3 * before.result.market_value, 2);
    expect(after.result.dv01).toBeCloseTo(3 * before.result.dv01, 4);
    expect(after.result.var).toBeGreaterThan(before.result.var);

    const alert = await ws.next('RISK_LIMIT_BREACH');
    expect(alert.data).toMatchObject({
      limit_type: 'DV01',
      run_id: after.run_id,
      portfolio_id: portfolioId,
      severity: 'BREACH',
    });
    ws.ws.close();
  });

  test('when the same explicit request is made twice at once, then both answers are the one run', async () => {
    const body = {
      method: 'MONTE_CARLO',
      confidence_level: 0.95,
      time_horizon: 1,
      simulations: 20000,
      seed: 5,
    };
    const [a, b] = await Promise.all([
      api.call('POST', `${base}/${portfolioId}/risk`, { token: trader1, body }),
      api.call('POST', `${base}/${portfolioId}/risk`, { token: trader1, body }),
    ]);
    const [ra, rb] = [await a.json(), await b.json()];
    expect(ra.run_id).toBe(rb.run_id);
    expect(ra.status).toBe('COMPLETED');
  });
});
