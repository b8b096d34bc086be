import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestRiskWorker } from '../../support/risk-worker';

let api: TestApi;
let worker: Awaited<ReturnType<typeof startTestRiskWorker>>;
let admin: string;
let riskOfficer: string;
let trader1: string;
let portfolioId: number;
const CODE = 'INR_OPS_TEST';

/** 40 business-like days of the five key rates, moving by a fixed pattern. */
function syntheticCsv(days = 40): string {
  const lines = ['date,1Y,2Y,5Y,10Y,30Y'];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    const wave = Math.round(Math.sin(d) * 50) / 10000;
    lines.push(
      [date, 6.5, 6.6, 6.8, 7.0, 7.2]
        .map((v, i) => (i === 0 ? v : (Number(v) + wave * i).toFixed(4)))
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const upload = (body: Record<string, unknown>, token = admin) =>
  api.call('POST', '/api/v1/risk/market-data/curves', {
    token,
    body: { code: CODE, name: 'Synthetic INR par curve', currency: 'INR', source: 'test', ...body },
  });

const curveCount = async () =>
  (
    await api.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>('select count(*)::int as n from yield_curves where code = ?', [CODE])
  )[0]!.n;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestRiskWorker(api);
  admin = await api.login('admin@bondx.local');
  riskOfficer = await api.login('risk@bondx.local');
  trader1 = await api.login('trader1@bondx.local');
  const res = await api.call('POST', '/api/v1/risk/portfolios', {
    token: trader1,
    body: { name: 'curve book', positions: [{ bond_id: 'BOND_001', quantity: '10000000' }] },
  });
  portfolioId = (await res.json()).portfolio_id;
});

afterAll(async () => {
  // Later suites in this run price against the shipped curve again.
  const conn = api.deps.orm.em.fork().getConnection();
  await conn.execute(
    'delete from yield_curve_points where curve_id in (select id from yield_curves where code = ?)',
    [CODE],
  );
  await conn.execute('delete from yield_curves where code = ?', [CODE]);
  await worker?.stop();
  await api?.stop();
});

describe('risk operations', () => {
  test('when staff ask for the status, then queue depth, workers and the risk curve are reported', async () => {
    const res = await api.call('GET', '/api/v1/risk/status', { token: riskOfficer });
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.queue).toMatchObject({ name: 'risk-recompute' });
    expect(s.queue.workers).toBeGreaterThanOrEqual(1);
    expect(typeof s.queue.waiting).toBe('number');
    expect(s.risk_curve).toEqual({ code: 'UST_PAR', is_stand_in: true });
    expect((await api.call('GET', '/api/v1/risk/status', { token: trader1 })).status).toBe(403);
  });

  test.each([
    [{ csv: 'date,1Y,2Y,5Y,10Y,30Y\n2026-01-01,6.5,abc,6.8,7.0,7.2\n' }, 'csv', /line 2, column 3/],
    [{ csv: 'date,1Y,2Y,5Y,10Y\n2026-01-01,6.5,6.6,6.8,7.0\n' }, 'csv', /30Y/],
    [{ csv: syntheticCsv(), currency: 'rupees' }, 'currency', /ISO 4217/],
  ])(
    'when the upload is bad (%#), then 422 naming %s and no curve is created',
    async (body, field, message) => {
      const res = await upload(body);
      expect(res.status).toBe(422);
      const problem = await res.json();
      expect(problem.errors[0].field).toBe(field);
      expect(problem.errors[0].message).toMatch(message);
      expect(await curveCount()).toBe(0);
    },
  );

  test('when an admin loads a real curve, then risk runs use it and every portfolio with positions is recomputed', async () => {
    expect((await upload({ csv: syntheticCsv() }, riskOfficer)).status).toBe(403);
    const res = await upload({ csv: syntheticCsv() });
    expect(res.status).toBe(201);
    const loaded = await res.json();
    expect(loaded).toMatchObject({ code: CODE, dates: 40, points: 200, written: 200, used_for_risk: true });
    expect(loaded.recompute_requested).toBeGreaterThanOrEqual(1);

    const again = await (await upload({ csv: syntheticCsv() })).json();
    expect(again.written).toBe(0);

    const status = await (await api.call('GET', '/api/v1/risk/status', { token: riskOfficer })).json();
    expect(status.risk_curve).toEqual({ code: CODE, is_stand_in: false });

    const run = await (
      await api.call('POST', `/api/v1/risk/portfolios/${portfolioId}/risk`, {
        token: trader1,
        body: { method: 'PARAMETRIC', confidence_level: 0.95, time_horizon: 1, lookback_days: 20 },
      })
    ).json();
    expect(run.status).toBe('COMPLETED');
    expect(run.result.history_to).toBe('2026-02-09');
    expect(run.result.observations).toBe(20);

    const deadline = Date.now() + 60_000;
    let triggers: string[] = [];
    while (!triggers.includes('MARKET_DATA') && Date.now() < deadline) {
      const rows = await api.deps.orm.em
        .fork()
        .getConnection()
        .execute<{ trigger: string }[]>(
          "select trigger::text as trigger from risk_runs where portfolio_id = ? and status = 'COMPLETED'",
          [portfolioId],
        );
      triggers = rows.map((r) => r.trigger);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(triggers).toContain('MARKET_DATA');
  });
});
