import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let trader: string;
beforeAll(async () => {
  api = await startTestApi();
  trader = await api.login('trader1@bondx.local');
});
afterAll(() => api.stop());

describe('bonds', () => {
  test('when a trader lists bonds, then the demo instruments come back newest first with a cursor', async () => {
    const first = await api.call('GET', '/api/v1/bonds?limit=5', { token: trader });
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.items).toHaveLength(5);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const second = await (
      await api.call('GET', `/api/v1/bonds?limit=5&cursor=${page1.next_cursor}`, { token: trader })
    ).json();
    const ids = [...page1.items, ...second.items].map((b: { isin: string }) => b.isin);
    expect(new Set(ids).size).toBe(10);
  });

  test('when a bond is asked for by ISIN or by short code, then it is the same bond', async () => {
    const byCode = await (await api.call('GET', '/api/v1/bonds/BOND_001', { token: trader })).json();
    const byIsin = await (await api.call('GET', '/api/v1/bonds/IN0020230085', { token: trader })).json();
    expect(byCode).toEqual(byIsin);
    expect(byCode).toMatchObject({
      name: '7.18% GS 2033',
      day_count: '30/360',
      coupon_frequency: 2,
      face_value: '100.00',
    });
  });

  test('when filtering by type, then only that type comes back', async () => {
    const res = await (await api.call('GET', '/api/v1/bonds?bond_type=T_BILL', { token: trader })).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((b: { bond_type: string }) => b.bond_type === 'T_BILL')).toBe(true);
  });

  test('when a bond does not exist, then 404 problem+json', async () => {
    const res = await api.call('GET', '/api/v1/bonds/IN9999999999', { token: trader });
    expect(res.status).toBe(404);
  });
});
