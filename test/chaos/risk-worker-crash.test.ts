import { startChaosStack, type ChaosStack } from './support/chaos-stack';
import { apiCall, sleep, until } from './support/drill-http';

// The risk worker is killed (-9) while it computes. BullMQ finds the job stalled once the dead
// worker's lock lapses and hands it to the restarted worker: every run must then complete exactly
// once, with the result a fault-free run of the same parameters gives, and one breach per run and
// limit. (Identical requests join one run, so each run has a seed of its own.)
const RUNS = 6;
const RUN_BODY = {
  method: 'MONTE_CARLO',
  confidence_level: 0.99,
  time_horizon: 1,
  lookback_days: 20,
  revaluation: 'FULL_REVALUATION',
  simulations: 100_000,
};

let stack: ChaosStack;
beforeAll(async () => {
  stack = await startChaosStack();
  await stack.start('api');
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

interface RunRow {
  id: string;
  status: string;
  seed: number;
  var: number | null;
  completed_at: Date | null;
}

describe('the risk worker dies mid-job', () => {
  test('then the job runs again and its effect (result, breaches) is applied once', async () => {
    const token = await stack.login('insurer1@bondx.local');
    const call = (method: string, path: string, body?: unknown) =>
      apiCall(stack.apiUrl, token, method, path, body);
    // Every demo bond held, so a full revaluation of 100,000 paths takes a while on this machine.
    const bonds = await stack.query<{ code: string }>(`select code from bonds order by id`);
    const portfolio = await call('POST', '/api/v1/risk/portfolios', {
      name: 'Risk worker drill',
      positions: bonds.map((b) => ({ bond_id: b.code, quantity: '10000000' })),
    });
    expect(portfolio.status).toBe(201);
    const portfolioId = Number(portfolio.body.portfolio_id);
    // A VaR limit of one rupee: every run breaches it, so each run must leave exactly one breach.
    const limit = await call('POST', `/api/v1/risk/portfolios/${portfolioId}/limits`, {
      limit_type: 'VAR',
      threshold: 1,
    });
    expect(limit.status).toBe(201);

    // Queued while no worker runs (each POST waits for a worker, then answers 202).
    const request = (seed: number) =>
      call('POST', `/api/v1/risk/portfolios/${portfolioId}/risk`, { ...RUN_BODY, seed });
    const requests = Array.from({ length: RUNS }, (_, i) => request(i + 1));
    const runRows = () =>
      stack.query<RunRow>(
        `select id::text, status::text, seed::int, (result->>'var')::float8 as var, completed_at from risk_runs
          where portfolio_id = $1 order by created_at`,
        [portfolioId],
      );
    await until(
      'every run stored',
      async () => (await runRows()).length === RUNS,
      60_000,
      async () => JSON.stringify(await requests[0]),
    );

    const first = await stack.start('risk-worker');
    let running: RunRow[] = [];
    await until(
      'a run in progress',
      async () => (running = (await runRows()).filter((r) => r.status === 'RUNNING')).length > 0,
      90_000,
      () => first.output().slice(-2000),
    );
    await first.kill('SIGKILL');
    const killedAt = Date.now();
    const killedRuns = running.map((r) => r.id);
    const answers = await Promise.all(requests);
    expect(answers.map((a) => a.status).filter((s) => s !== 202 && s !== 200)).toEqual([]);

    await sleep(500);
    const second = await stack.start('risk-worker');
    await until(
      'every run completed',
      async () => (await runRows()).every((r) => r.status === 'COMPLETED'),
      150_000,
      async () => `${JSON.stringify(await runRows())}\n${second.output().slice(-2000)}`,
    );
    const interrupted = (await runRows()).filter((r) => killedRuns.includes(r.id));
    // The fault-free answer: the same requests again, on a worker left alone.
    await Promise.all(interrupted.map((r) => request(r.seed)));
    await until('the fault-free runs completed', async () =>
      (await runRows()).every((r) => r.status === 'COMPLETED'),
    );
    const rows = await runRows();
    const breaches = await stack.query<{ run_id: string; n: number }>(
      `select run_id::text, count(*)::int as n from risk_limit_breaches where portfolio_id = $1 group by 1`,
      [portfolioId],
    );
    console.log(
      JSON.stringify({
        drill: 'risk worker kill -9',
        runs: rows.length,
        running_when_killed: killedRuns.length,
        killed_runs_completed_after_ms: Math.max(
          ...rows.filter((r) => killedRuns.includes(r.id)).map((r) => r.completed_at!.getTime() - killedAt),
        ),
        breaches: breaches.reduce((n, b) => n + b.n, 0),
      }),
    );

    // The killed runs ran again, after the kill, in the second worker.
    for (const id of killedRuns)
      expect(rows.find((r) => r.id === id)!.completed_at!.getTime()).toBeGreaterThan(killedAt);
    // Each interrupted run has the answer of its fault-free twin.
    for (const r of interrupted) {
      const twins = rows.filter((t) => t.seed === r.seed).map((t) => t.var);
      expect(twins).toEqual([r.var, r.var]);
    }
    expect(Math.min(...rows.map((r) => r.var!))).toBeGreaterThan(1);
    // One breach per run and limit: nothing applied twice, nothing lost.
    expect(breaches.sort((a, b) => a.run_id.localeCompare(b.run_id))).toEqual(
      rows.map((r) => ({ run_id: r.id, n: 1 })).sort((a, b) => a.run_id.localeCompare(b.run_id)),
    );
  }, 300_000);
});
