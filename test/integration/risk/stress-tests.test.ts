import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let trader1: string; // SBIN
let trader2: string; // HDFCB
let portfolioId: number;
const base = '/api/v1/risk/portfolios';

beforeAll(async () => {
  api = await startTestApi();
  trader1 = await api.login('trader1@bondx.local');
  trader2 = await api.login('trader2@bondx.local');
  const res = await api.call('POST', base, {
    token: trader1,
    body: {
      name: 'stress book',
      positions: [
        { bond_id: 'BOND_001', quantity: '10000000' },
        { bond_id: 'BOND_010', quantity: '5000000' },
      ],
    },
  });
  expect(res.status).toBe(201);
  portfolioId = (await res.json()).portfolio_id;
});

afterAll(() => api?.stop());

const stress = (body: unknown, token = trader1) =>
  api.call('POST', `${base}/${portfolioId}/stress-test`, { token, body });

describe('stress tests', () => {
  test("when the spec's +100 bp interest rate shock is applied, then the book loses, each position loses, and the result is stored", async () => {
    const res = await stress({
      scenario_name: 'Interest Rate Shock',
      scenario_type: 'INTEREST_RATE',
      parameters: { rate_shock: 100, volatility_multiplier: 2.0 },
    });
    expect(res.status).toBe(201);
    const r = await res.json();
    expect(r).toMatchObject({ scenario_name: 'Interest Rate Shock', scenario_type: 'INTEREST_RATE' });
    expect(r.total_pnl).toBeLessThan(0);
    expect(r.positions).toHaveLength(2);
    for (const p of r.positions) expect(p.pnl).toBeLessThan(0);
    expect(r.pnl_pct).toBeCloseTo((100 * r.total_pnl) / r.market_value, 10);
    // No risk run yet: nothing for the multiplier to scale.
    expect(r.base_var).toBeNull();

    const down = await (
      await stress({
        scenario_name: 'down',
        scenario_type: 'INTEREST_RATE',
        parameters: { rate_shock: -100 },
      })
    ).json();
    // Convexity: a fall gains more than the same rise loses.
    expect(down.total_pnl).toBeGreaterThan(-r.total_pnl);

    const list = await api.call('GET', `${base}/${portfolioId}/stress-test/results`, { token: trader1 });
    const items = (await list.json()).items;
    expect(items[0].result_id).toBe(down.result_id);
    expect(items[1].result_id).toBe(r.result_id);
  });

  test('when spreads widen, then only the rated corporate bond moves; CUSTOM moves only the tenors given', async () => {
    const spread = await (
      await stress({
        scenario_name: 'AAA wider',
        scenario_type: 'CREDIT_SPREAD',
        parameters: { spread_shock_by_rating: { AAA: 100 } },
      })
    ).json();
    const byBond = Object.fromEntries(
      spread.positions.map((p: { bond_id: string; pnl: number }) => [p.bond_id, p.pnl]),
    );
    expect(byBond.BOND_001).toBeCloseTo(0, 6);
    expect(byBond.BOND_010).toBeLessThan(0);

    const custom = await (
      await stress({
        scenario_name: '30Y only',
        scenario_type: 'CUSTOM',
        parameters: { tenor_shocks: { '30Y': 50 } },
      })
    ).json();
    expect(custom.total_pnl).toBeCloseTo(0, 6);
  });

  test('when the default set is run, then every standard scenario is stored under one batch and listed by it', async () => {
    const res = await api.call('POST', `${base}/${portfolioId}/stress-test/default`, { token: trader1 });
    expect(res.status).toBe(201);
    const { items } = await res.json();
    const names = items.map((i: { scenario_name: string }) => i.scenario_name);
    expect(names).toEqual(
      expect.arrayContaining([
        'PARALLEL_UP_100BP',
        'PARALLEL_DOWN_200BP',
        'IRRBB_PARALLEL_UP',
        'IRRBB_STEEPENER',
        'IRRBB_SHORT_RATE_DOWN',
        'CREDIT_SPREAD_WIDENING',
        'MARKET_CRASH_2008',
      ]),
    );
    expect(items).toHaveLength(12);
    const batch = items[0].batch_id;
    expect(items.every((i: { batch_id: string }) => i.batch_id === batch)).toBe(true);
    const byName = Object.fromEntries(items.map((i: { scenario_name: string }) => [i.scenario_name, i]));
    expect(byName.IRRBB_PARALLEL_UP.total_pnl).toBeLessThan(byName.PARALLEL_UP_200BP.total_pnl);
    const listed = await api.call(
      'GET',
      `${base}/${portfolioId}/stress-test/results?batch_id=${batch}&limit=5`,
      { token: trader1 },
    );
    const page = await listed.json();
    expect(page.items).toHaveLength(5);
    expect(page.next_cursor).not.toBeNull();
  });

  test.each([
    [{ scenario_name: 'x', scenario_type: 'WEATHER', parameters: {} }, 'scenario_type'],
    [{ scenario_name: 'x', scenario_type: 'INTEREST_RATE', parameters: {} }, 'parameters.rate_shock'],
    [
      {
        scenario_name: 'x',
        scenario_type: 'INTEREST_RATE',
        parameters: { rate_shock: 100, volatility_multiplier: -1 },
      },
      'parameters.volatility_multiplier',
    ],
    [
      { scenario_name: 'x', scenario_type: 'CUSTOM', parameters: { tenor_shocks: { '7Y': 10 } } },
      'parameters.tenor_shocks',
    ],
    [{ scenario_type: 'INTEREST_RATE', parameters: { rate_shock: 1 } }, 'scenario_name'],
  ])('when the body is %j, then 422 naming %s and nothing is stored', async (body, field) => {
    const before = (
      await (await api.call('GET', `${base}/${portfolioId}/stress-test/results`, { token: trader1 })).json()
    ).items.length;
    const res = await stress(body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    const after = (
      await (await api.call('GET', `${base}/${portfolioId}/stress-test/results`, { token: trader1 })).json()
    ).items.length;
    expect(after).toBe(before);
  });

  test('when another participant asks, then 404 for the stress routes', async () => {
    expect(
      (
        await stress(
          { scenario_name: 'x', scenario_type: 'INTEREST_RATE', parameters: { rate_shock: 1 } },
          trader2,
        )
      ).status,
    ).toBe(404);
    expect(
      (await api.call('GET', `${base}/${portfolioId}/stress-test/results`, { token: trader2 })).status,
    ).toBe(404);
  });
});
