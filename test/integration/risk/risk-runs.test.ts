import { isinCheckDigit } from '../../../domain/reference-data/isin';
import { riskRunJobId } from '../../../platform/queues';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestRiskWorker } from '../../support/risk-worker';

let api: TestApi;
let worker: Awaited<ReturnType<typeof startTestRiskWorker>>;
let trader1: string; // SBIN
let trader2: string; // HDFCB
let portfolioId: number;
const base = '/api/v1/risk/portfolios';

beforeAll(async () => {
  api = await startTestApi();
  // The same processor the risk-worker process runs, consuming the API's queue in this process.
  worker = await startTestRiskWorker(api);
  trader1 = await api.login('trader1@bondx.local');
  trader2 = await api.login('trader2@bondx.local');
  const admin = await api.login('admin@bondx.local');
  // A bond without a reference yield, which the run must list as unpriced.
  const first11 = 'IN0020290' + '21';
  const bond = await api.call('POST', '/api/v1/bonds', {
    token: admin,
    body: {
      isin: `${first11}${isinCheckDigit(first11)}`,
      code: 'RISK_NOYIELD',
      name: '7.00% GS 2039',
      issuer: 'Government of India',
      issuer_type: 'CENTRAL_GOVERNMENT',
      bond_type: 'G_SEC',
      coupon_pct: '7.00',
      issue_date: '2029-01-15',
      maturity_date: '2039-01-15',
      coupon_frequency: 2,
      day_count: '30/360',
      face_value: '100',
      lot_size: '10000',
      tick_size: '0.0025',
      outstanding_amount: '100000000000',
    },
  });
  expect(bond.status).toBe(201);
  const res = await api.call('POST', base, {
    token: trader1,
    body: {
      name: 'risk run book',
      positions: [
        { bond_id: 'BOND_001', quantity: '10000000' },
        { bond_id: 'BOND_004', quantity: '5000000' },
        { bond_id: 'BOND_008', quantity: '2000000' },
        { bond_id: 'RISK_NOYIELD', quantity: '1000000' },
      ],
    },
  });
  expect(res.status).toBe(201);
  portfolioId = (await res.json()).portfolio_id;
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
});

const postRisk = (body: Record<string, unknown>, token = trader1, id = portfolioId) =>
  api.call('POST', `${base}/${id}/risk`, { token, body });

describe('portfolio risk runs', () => {
  test('when no run has completed yet, then GET answers 404', async () => {
    const res = await api.call('GET', `${base}/${portfolioId}/risk`, { token: trader1 });
    expect(res.status).toBe(404);
  });

  test.each(['HISTORICAL_SIMULATION', 'PARAMETRIC', 'MONTE_CARLO'])(
    'when %s is requested, then 200 with a positive VaR, ES >= VaR, the unpriced bond listed, and GET returns it',
    async (method) => {
      const res = await postRisk({ method, confidence_level: 0.99, time_horizon: 10 });
      expect(res.status).toBe(200);
      const run = await res.json();
      expect(run).toMatchObject({ status: 'COMPLETED', method, portfolio_id: portfolioId, time_horizon: 10 });
      const r = run.result;
      expect(r.var).toBeGreaterThan(0);
      expect(r.expected_shortfall).toBeGreaterThanOrEqual(r.var);
      expect(r.volatility).toBeGreaterThan(0);
      expect(r.market_value).toBeGreaterThan(0);
      expect(r.dv01).toBeGreaterThan(0);
      expect(r.modified_duration).toBeGreaterThan(0);
      expect(r.factor_count).toBe(5);
      expect(r.priced_positions).toBe(3);
      expect(r.unpriced_positions).toEqual([{ bond_id: 'RISK_NOYIELD', reason: 'no reference yield' }]);
      expect(r.observations).toBe(
        method === 'HISTORICAL_SIMULATION' ? 241 : method === 'MONTE_CARLO' ? 10_000 : 250,
      );
      const latest = await api.call('GET', `${base}/${portfolioId}/risk`, { token: trader1 });
      expect(latest.status).toBe(200);
      expect((await latest.json()).run_id).toBe(run.run_id);

      const job = await api.deps.queues[0]!.getJob(riskRunJobId(run.run_id));
      expect(await job!.getState()).toBe('completed');
    },
  );

  test('when MONTE_CARLO runs twice with the same seed, then the VaR is the same; another seed differs', async () => {
    const body = {
      method: 'MONTE_CARLO',
      confidence_level: 0.95,
      time_horizon: 1,
      simulations: 5000,
      seed: 11,
    };
    const a = (await (await postRisk(body)).json()).result;
    const b = (await (await postRisk(body)).json()).result;
    const c = (await (await postRisk({ ...body, seed: 12 })).json()).result;
    expect(b.var).toBe(a.var);
    expect(b.expected_shortfall).toBe(a.expected_shortfall);
    expect(c.var).not.toBe(a.var);
    expect(a.observations).toBe(5000);
  });

  test('when HISTORICAL_SIMULATION runs with full revaluation and with delta-gamma, then both are stored as asked and agree closely', async () => {
    const body = { method: 'HISTORICAL_SIMULATION', confidence_level: 0.99, time_horizon: 10 };
    const full = await (await postRisk(body)).json();
    const dg = await (await postRisk({ ...body, revaluation: 'DELTA_GAMMA' })).json();
    expect(full.revaluation).toBe('FULL_REVALUATION');
    expect(full.result.revaluation).toBe('FULL_REVALUATION');
    expect(dg.revaluation).toBe('DELTA_GAMMA');
    expect(full.result.var).not.toBe(dg.result.var);
    expect(Math.abs(full.result.var - dg.result.var)).toBeLessThan(0.02 * dg.result.var);
    const parametric = await (
      await postRisk({ method: 'PARAMETRIC', confidence_level: 0.99, time_horizon: 10 })
    ).json();
    expect(parametric.result.revaluation).toBeNull();
  });

  test('when the decomposition is asked for, then position and factor components sum to the latest run VaR', async () => {
    const run = await (
      await postRisk({ method: 'HISTORICAL_SIMULATION', confidence_level: 0.99, time_horizon: 1 })
    ).json();
    const res = await api.call('GET', `${base}/${portfolioId}/risk/decomposition`, { token: trader1 });
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d).toMatchObject({ run_id: run.run_id, method: 'HISTORICAL_SIMULATION', var: run.result.var });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(d.by_position.map((p: { component_var: number }) => p.component_var))).toBeCloseTo(d.var, 4);
    expect(sum(d.by_factor.map((f: { component_var: number }) => f.component_var))).toBeCloseTo(d.var, 4);
    expect(d.by_position.map((p: { bond_id: string }) => p.bond_id).sort()).toEqual(
      ['BOND_001', 'BOND_004', 'BOND_008'].sort(),
    );
    expect(d.by_factor.map((f: { factor: string }) => f.factor)).toEqual([
      '1Y',
      '2Y',
      '5Y',
      '10Y',
      '30Y',
      'SPREAD',
      'NONLINEAR',
    ]);

    const parametric = await api.call('GET', `${base}/${portfolioId}/risk/decomposition?method=PARAMETRIC`, {
      token: trader1,
    });
    expect((await parametric.json()).method).toBe('PARAMETRIC');
    const bad = await api.call('GET', `${base}/${portfolioId}/risk/decomposition?method=GUESS`, {
      token: trader1,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('query.method');
    const other = await api.call('GET', `${base}/${portfolioId}/risk/decomposition`, { token: trader2 });
    expect(other.status).toBe(404);
  });

  test('when another participant asks, then 404 for both POST and GET', async () => {
    expect(
      (await postRisk({ method: 'PARAMETRIC', confidence_level: 0.95, time_horizon: 1 }, trader2)).status,
    ).toBe(404);
    expect((await api.call('GET', `${base}/${portfolioId}/risk`, { token: trader2 })).status).toBe(404);
  });

  test.each([
    [{ method: 'VARIANCE', confidence_level: 0.95, time_horizon: 1 }, 'method'],
    [{ method: 'PARAMETRIC', confidence_level: 1.5, time_horizon: 1 }, 'confidence_level'],
    [{ method: 'PARAMETRIC', confidence_level: 0.95, time_horizon: 0 }, 'time_horizon'],
    [{ method: 'PARAMETRIC', confidence_level: 0.95, time_horizon: 1, lookback_days: 5 }, 'lookback_days'],
    [{ method: 'MONTE_CARLO', confidence_level: 0.95, time_horizon: 1, simulations: 10 }, 'simulations'],
    [{ method: 'MONTE_CARLO', confidence_level: 0.95, time_horizon: 1, revaluation: 'EXACT' }, 'revaluation'],
  ])('when the body is %j, then 422 naming %s', async (body, field) => {
    const res = await postRisk(body);
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  test('when the horizon is longer than the history, then the run fails as bad input: 422 naming time_horizon', async () => {
    const res = await postRisk({
      method: 'HISTORICAL_SIMULATION',
      confidence_level: 0.95,
      time_horizon: 30,
      lookback_days: 20,
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('time_horizon');
  });

  test('when the portfolio has no priced position, then 422 naming positions', async () => {
    const created = await api.call('POST', base, {
      token: trader1,
      body: { name: 'unpriced only', positions: [{ bond_id: 'RISK_NOYIELD', quantity: '10000' }] },
    });
    const id = (await created.json()).portfolio_id;
    const res = await postRisk(
      { method: 'PARAMETRIC', confidence_level: 0.95, time_horizon: 1 },
      trader1,
      id,
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('positions');
  });
});
