import { DEFAULT_STRESS_SCENARIOS, LIMIT_TYPES, RISK_FACTORS } from '../../../domain/risk';
import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let trader: string;
let riskOfficer: string;
beforeAll(async () => {
  api = await startTestApi();
  trader = await api.login('trader1@bondx.local');
  riskOfficer = await api.login('risk@bondx.local');
});
afterAll(() => api.stop());

const BASE = '/api/v1/risk/analytics';
const post = (path: string, body: unknown, token = trader) =>
  api.call('POST', `${BASE}/${path}`, { token, body });
const get = (path: string, token = trader) => api.call('GET', `${BASE}/${path}`, { token });

/** Expects a 422 problem whose errors name exactly these fields. */
async function expectFieldErrors(resPromise: ReturnType<typeof post>, fields: string[]) {
  const res = await resPromise;
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const problem = await res.json();
  expect(problem).toMatchObject({ type: '/errors/validation', status: 422 });
  expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
  return problem;
}

// 7.18% semi-annual 30/360 bond, settled on a coupon date exactly seven years (14 periods) before maturity.
const parBond = {
  coupon_pct: '7.18',
  maturity_date: '2033-08-14',
  settlement_date: '2026-08-14',
  frequency: 2,
  day_count: '30/360',
  face_value: '100',
};

describe('bond metrics', () => {
  test('when a bond on a coupon date is priced at a yield equal to its coupon, then it is at par with no accrued', async () => {
    const res = await post('bond-metrics', { ...parBond, yield_pct: '7.18' });
    expect(res.status).toBe(200);
    const m = await res.json();
    expect(m).toMatchObject({
      clean_price: 100,
      dirty_price: 100,
      accrued_interest: 0,
      yield_pct: 7.18,
      solved_for: 'clean_price',
      convention: 'STREET_COMPOUNDED',
    });
    // A par bond's modified duration is the annuity factor: (1 - (1 + y/2)^-14) / y.
    const modified = (1 - 1.0359 ** -14) / 0.0718;
    expect(m.modified_duration).toBeCloseTo(modified, 6);
    expect(m.macaulay_duration).toBeCloseTo(modified * 1.0359, 5);
    expect(m.convexity).toBeGreaterThan(0);
    expect(m.pv01).toBeCloseTo(modified / 100, 3);
    expect(m.inputs).toMatchObject({
      bond_id: null,
      coupon_pct: '7.1800',
      settlement_date: '2026-08-14',
      face_value: '100.00',
      yield_pct: '7.18',
      clean_price: null,
    });
  });

  test('when the same bond is given a clean price of 100 (as a number), then the yield is its coupon', async () => {
    const m = await (await post('bond-metrics', { ...parBond, clean_price: 100 })).json();
    expect(m.yield_pct).toBe(7.18);
    expect(m.solved_for).toBe('yield_pct');
  });

  test('when a G-sec is named by ISIN with a yield, then its terms come from the table and the price goes back to the yield', async () => {
    const byYield = await post('bond-metrics', {
      isin: 'IN0020230085',
      settlement_date: '2026-11-23',
      yield_pct: '6.42',
    });
    expect(byYield.status).toBe(200);
    const m = await byYield.json();
    expect(m.inputs).toMatchObject({
      bond_id: 'BOND_001',
      isin: 'IN0020230085',
      coupon_pct: '7.1800',
      maturity_date: '2033-08-14',
      frequency: 2,
      day_count: '30/360',
    });
    // 14 Aug to 23 Nov is 3 x 30 + 9 = 99 days of 30/360: accrued = 7.18 x 99 / 360 = 1.9745.
    expect(m.accrued_interest).toBe(1.9745);
    expect(m.clean_price).toBeGreaterThan(100); // coupon above yield
    expect(m.dirty_price).toBeCloseTo(m.clean_price + 1.9745, 9);

    const back = await (
      await post('bond-metrics', {
        isin: 'BOND_001',
        settlement_date: '2026-11-23',
        clean_price: m.clean_price,
      })
    ).json();
    expect(back.yield_pct).toBeCloseTo(6.42, 5);
    expect(back.modified_duration).toBeCloseTo(m.modified_duration, 5);
  });

  test('when no settlement date is given, then today (UTC) is used and echoed', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const m = await (await post('bond-metrics', { isin: 'BOND_001', yield_pct: 6.42 })).json();
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(m.inputs.settlement_date);
  });

  test('when a T-bill is named, then the RBI 365-day simple-yield convention prices it', async () => {
    // 91 DTB maturing 2027-01-28, settled 2026-11-23: 7 + 31 + 28 = 66 days.
    const res = await post('bond-metrics', {
      isin: 'BOND_009',
      settlement_date: '2026-11-23',
      yield_pct: '5.45',
    });
    expect(res.status).toBe(200);
    const m = await res.json();
    const price = 100 / (1 + (0.0545 * 66) / 365);
    expect(m.convention).toBe('T_BILL_SIMPLE_365');
    expect(m.clean_price).toBeCloseTo(price, 6);
    expect(m.dirty_price).toBe(m.clean_price);
    expect(m.accrued_interest).toBe(0);
    expect(m.macaulay_duration).toBeCloseTo(66 / 365, 6);
    expect(m.modified_duration).toBeCloseTo(66 / 365 / (1 + (0.0545 * 66) / 365), 6);

    const back = await (
      await post('bond-metrics', {
        isin: 'BOND_009',
        settlement_date: '2026-11-23',
        clean_price: m.clean_price,
      })
    ).json();
    expect(back.yield_pct).toBeCloseTo(5.45, 4);
  });

  test('when neither price nor yield is given, then 422 naming clean_price', async () => {
    const problem = await expectFieldErrors(post('bond-metrics', parBond), ['clean_price']);
    expect(problem.errors[0].message).toMatch(/exactly one of clean_price and yield_pct/);
  });

  test('when both price and yield are given, then 422 naming yield_pct', async () => {
    await expectFieldErrors(post('bond-metrics', { ...parBond, clean_price: '100', yield_pct: '7' }), [
      'yield_pct',
    ]);
  });

  test('when the day count is unknown, then 422 naming day_count', async () => {
    await expectFieldErrors(post('bond-metrics', { ...parBond, day_count: 'ACT/ACT-ISDA', yield_pct: '7' }), [
      'day_count',
    ]);
  });

  test('when terms are missing, or given beside an ISIN, then 422 naming each', async () => {
    const { maturity_date: _m, frequency: _f, ...partial } = parBond;
    await expectFieldErrors(post('bond-metrics', { ...partial, yield_pct: '7' }), [
      'frequency',
      'maturity_date',
    ]);
    await expectFieldErrors(post('bond-metrics', { isin: 'BOND_001', coupon_pct: '7', yield_pct: '7' }), [
      'coupon_pct',
    ]);
  });

  test('when the ISIN is unknown, then 422 naming isin', async () => {
    await expectFieldErrors(post('bond-metrics', { isin: 'IN9999999999', yield_pct: '7' }), ['isin']);
  });

  test('when the domain refuses the input (settlement after maturity), then 422 naming its field', async () => {
    const problem = await expectFieldErrors(
      post('bond-metrics', { ...parBond, settlement_date: '2034-01-01', yield_pct: '7' }),
      ['settlement_date'],
    );
    expect(problem.errors[0].message).toMatch(/SETTLEMENT_NOT_BEFORE_MATURITY/);
  });

  test('when a price carries a float artefact, then it is refused rather than rounded', async () => {
    await expectFieldErrors(post('bond-metrics', { ...parBond, clean_price: 0.1 + 0.2 }), ['clean_price']);
  });
});

// Hand-worked: the worst losses are 15 (index 7), 12 (index 0), 9, 7, 6, ...
const PNL = [-12, 5, 3, -7, 8, -2, 1, -15, 4, 6, -1, 2, -9, 7, 0, -4, 3, -3, 10, -6];

describe('what-if VaR', () => {
  test('when 20 P&L values are taken at 0.95, then k = ceil(20 x 0.05) = 1 exactly: VaR = ES = the worst loss', async () => {
    const res = await post('var', { method: 'HISTORICAL_SIMULATION', pnl: PNL, confidence_level: 0.95 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      method: 'HISTORICAL_SIMULATION',
      confidence_level: 0.95,
      var: 15,
      expected_shortfall: 15,
      observations: 20,
      var_rank: 1,
      tail_weight: 1,
      var_observation_index: 7,
      conventions: expect.stringMatching(/ceil\(N\(1 - c\)\).*Acerbi-Tasche/),
    });
  });

  test('when the tail weight is fractional (0.925: w = 1.5), then ES is the Acerbi-Tasche weighted average', async () => {
    const r = await (
      await post('var', { method: 'HISTORICAL_SIMULATION', pnl: PNL, confidence_level: '0.925' })
    ).json();
    // k = ceil(1.5) = 2: VaR = 12; ES = (15 + 0.5 x 12) / 1.5 = 14.
    expect(r).toMatchObject({ var: 12, expected_shortfall: 14, var_rank: 2, tail_weight: 1.5 });
  });

  test('when two correlated assets are worked by hand, then VaR = z sqrt(e1^2 s1^2 + e2^2 s2^2 + 2 rho e1 e2 s1 s2) sqrt(h)', async () => {
    const body = {
      method: 'PARAMETRIC',
      exposures: [1e6, 2e6],
      volatilities: [0.01, 0.02],
      correlations: [
        [1, 0.5],
        [0.5, 1],
      ],
      confidence_level: 0.99,
    };
    // variance = 10,000^2 + 40,000^2 + 2 x 0.5 x 10,000 x 40,000 = 2.1e9.
    const sigma = Math.sqrt(2.1e9);
    const z99 = 2.3263478740408408;
    const oneDay = await (await post('var', body, riskOfficer)).json();
    expect(oneDay).toMatchObject({ method: 'PARAMETRIC', time_horizon: 1, assets: 2 });
    expect(oneDay.standard_deviation).toBeCloseTo(sigma, 5);
    expect(oneDay.z).toBeCloseTo(z99, 12);
    expect(oneDay.var).toBeCloseTo(z99 * sigma, 5);
    expect(oneDay.expected_shortfall).toBeCloseTo(
      (sigma * Math.exp(-(z99 ** 2) / 2)) / Math.sqrt(2 * Math.PI) / 0.01,
      5,
    );

    const tenDay = await (await post('var', { ...body, time_horizon: 10 })).json();
    expect(tenDay.var).toBeCloseTo(z99 * sigma * Math.sqrt(10), 4);
  });

  test('when exposures and volatilities differ in length, then 422 naming volatilities', async () => {
    await expectFieldErrors(
      post('var', {
        method: 'PARAMETRIC',
        exposures: [1, 2],
        volatilities: [0.01],
        correlations: [
          [1, 0],
          [0, 1],
        ],
        confidence_level: 0.99,
      }),
      ['volatilities'],
    );
  });

  test('when the correlations are not positive semi-definite, then 422 naming correlations', async () => {
    const problem = await expectFieldErrors(
      post('var', {
        method: 'PARAMETRIC',
        exposures: [1, 1, 1],
        volatilities: [0.01, 0.01, 0.01],
        correlations: [
          [1, 0.9, -0.9],
          [0.9, 1, 0.9],
          [-0.9, 0.9, 1],
        ],
        confidence_level: 0.99,
      }),
      ['correlations'],
    );
    expect(problem.errors[0].message).toMatch(/positive semi-definite/);
  });

  test('when the correlations are asymmetric, off the unit diagonal or outside [-1, 1], then 422 naming each', async () => {
    const base = {
      method: 'PARAMETRIC',
      exposures: [1, 1],
      volatilities: [0.01, 0.01],
      confidence_level: 0.99,
    };
    await expectFieldErrors(
      post('var', {
        ...base,
        correlations: [
          [1, 0.2],
          [0.3, 1],
        ],
      }),
      ['correlations'],
    );
    await expectFieldErrors(
      post('var', {
        ...base,
        correlations: [
          [0.9, 1.5],
          [1.5, 1],
        ],
      }),
      ['correlations.0.0', 'correlations.0.1', 'correlations.1.0'],
    );
    await expectFieldErrors(post('var', { ...base, correlations: [[1, 0]] }), ['correlations']);
    await expectFieldErrors(post('var', { ...base, correlations: [[1, 0], [0]] }), ['correlations.1']);
  });

  test('when the P&L vector is short, the confidence is not a fraction or the method unknown, then 422 naming the field', async () => {
    await expectFieldErrors(
      post('var', { method: 'HISTORICAL_SIMULATION', pnl: PNL.slice(0, 9), confidence_level: 0.95 }),
      ['pnl'],
    );
    await expectFieldErrors(post('var', { method: 'HISTORICAL_SIMULATION', pnl: PNL, confidence_level: 1 }), [
      'confidence_level',
    ]);
    await expectFieldErrors(post('var', { method: 'MONTE_CARLO', pnl: PNL, confidence_level: 0.95 }), [
      'method',
    ]);
  });
});

describe('catalogues', () => {
  test('when the VaR methods are asked for, then every domain method comes back with its conventions', async () => {
    const res = await get('var-methods');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((m: { method: string }) => m.method).sort()).toEqual([
      'HISTORICAL_SIMULATION',
      'MONTE_CARLO',
      'PARAMETRIC',
    ]);
    const mc = body.items.find((m: { method: string }) => m.method === 'MONTE_CARLO');
    expect(mc.conventions).toMatch(/Seedable/);
    const z99 = body.normal_quantiles.find((q: { confidence_level: number }) => q.confidence_level === 0.99);
    expect(z99.z).toBeCloseTo(2.3263478740408408, 14);
  });

  test('when the stress scenarios are asked for, then the default set comes back with its parameters', async () => {
    const body = await (await get('stress-test-scenarios', riskOfficer)).json();
    expect(body.items.map((s: { scenario_name: string }) => s.scenario_name)).toEqual(
      DEFAULT_STRESS_SCENARIOS.map((s) => s.scenario_name),
    );
    expect(body.items).toContainEqual(
      expect.objectContaining({
        scenario_name: 'MARKET_CRASH_2008',
        parameters: expect.objectContaining({ rate_shock: 150, liquidity_haircut_pct: 2 }),
      }),
    );
    expect(body.items.map((s: { scenario_name: string }) => s.scenario_name)).toContain('IRRBB_STEEPENER');
  });

  test('when the risk metrics are asked for, then bond metrics, limit types and factors are defined with units', async () => {
    const body = await (await get('risk-metrics')).json();
    expect(body.bond_metrics.map((m: { metric: string }) => m.metric)).toEqual(
      expect.arrayContaining(['clean_price', 'yield_pct', 'modified_duration', 'convexity', 'pv01']),
    );
    expect(body.portfolio_metrics.map((m: { metric: string }) => m.metric)).toEqual([...LIMIT_TYPES]);
    expect(body.risk_factors.map((f: { factor: string }) => f.factor)).toEqual([...RISK_FACTORS]);
    expect(body.risk_factors[0]).toMatchObject({ factor: '1Y', unit: 'bp', tenor_years: 1 });
  });

  test('when the OpenAPI document is read, then it lists the routes and states the rounding', async () => {
    const doc = await (await api.call('GET', '/docs/openapi.json')).json();
    const bondMetrics = doc.paths[`${BASE}/bond-metrics`].post;
    expect(bondMetrics.responses['200'].description).toMatch(/clean_price 6 dp.*pv01 8 dp/);
    expect(doc.paths[`${BASE}/var`].post).toBeDefined();
  });
});

describe('access', () => {
  test.each([
    ['POST', 'bond-metrics'],
    ['POST', 'var'],
    ['GET', 'var-methods'],
    ['GET', 'stress-test-scenarios'],
    ['GET', 'risk-metrics'],
  ])('when %s %s is called without a token, then 401 problem+json', async (method, path) => {
    const res = await api.call(method, `${BASE}/${path}`, method === 'POST' ? { body: {} } : {});
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
