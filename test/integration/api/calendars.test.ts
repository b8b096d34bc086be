import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let admin: string;
let trader: string;
beforeAll(async () => {
  api = await startTestApi();
  [admin, trader] = await Promise.all([api.login('admin@bondx.local'), api.login('trader1@bondx.local')]);
});
afterAll(() => api.stop());

const csv = (text: string, token: string) =>
  api.call('POST', '/api/v1/calendars/RBI_SGL/holidays', {
    token,
    raw: text,
    headers: { 'content-type': 'text/csv' },
  });

describe('settlement calendars', () => {
  test('when the seed has run, then this year carries the fixed-date holidays and T+1 skips them', async () => {
    const year = new Date().getUTCFullYear();
    const list = await (
      await api.call('GET', `/api/v1/calendars/RBI_SGL/holidays?year=${year}`, { token: trader })
    ).json();
    expect(list.items).toContainEqual({ date: `${year}-01-26`, name: 'Republic Day' });
    const systems = await (await api.call('GET', '/api/v1/calendars', { token: trader })).json();
    expect(systems.items).toContainEqual({
      settlement_system: 'CLEARING_CORPORATION',
      bond_types: ['CORPORATE'],
    });
  });

  test('when an admin loads a year from CSV, then it replaces that year and T+n follows it', async () => {
    const first = await csv('date,name\n2030-01-25,Temporary\n2030-01-28,Closure\n', admin);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      settlement_system: 'RBI_SGL',
      years: [2030],
      loaded: 2,
      removed: 0,
    });
    const second = await (await csv('date,name\r\n2030-01-28,"Closure, corrected"\r\n', admin)).json();
    expect(second).toMatchObject({ loaded: 1, removed: 2 });
    const list = await (
      await api.call('GET', '/api/v1/calendars/RBI_SGL/holidays?year=2030', { token: trader })
    ).json();
    expect(list.items).toEqual([{ date: '2030-01-28', name: 'Closure, corrected' }]);
    // 2030-01-25 is a Friday; Monday the 28th is now a holiday.
    const t1 = await (
      await api.call('GET', '/api/v1/calendars/RBI_SGL/settlement-date?trade_date=2030-01-25', {
        token: trader,
      })
    ).json();
    expect(t1).toEqual({ trade_date: '2030-01-25', days: 1, settlement_date: '2030-01-29' });
    const other = await (
      await api.call('GET', '/api/v1/calendars/CLEARING_CORPORATION/settlement-date?trade_date=2030-01-25', {
        token: trader,
      })
    ).json();
    expect(other.settlement_date).toBe('2030-01-28');
  });

  test('when the CSV is bad, then 422 names the line and nothing changes', async () => {
    const res = await csv('date,name\n2031-01-02,Fine\n2031-02-30,Impossible\n', admin);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const body = await res.json();
    expect(body.errors[0]).toMatchObject({ field: 'body', message: expect.stringMatching(/^line 3:/) });
    const list = await (
      await api.call('GET', '/api/v1/calendars/RBI_SGL/holidays?year=2031', { token: trader })
    ).json();
    expect(list.items).toEqual([]);
  });

  test('when the body is JSON, the caller is not an admin or the system is unknown, then it is refused', async () => {
    const json = await api.call('POST', '/api/v1/calendars/RBI_SGL/holidays', {
      token: admin,
      body: { a: 1 },
    });
    expect(json.status).toBe(415);
    expect((await csv('date,name\n2032-01-01,X\n', trader)).status).toBe(403);
    const unknown = await api.call('GET', '/api/v1/calendars/NOPE/holidays', { token: trader });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0].field).toBe('path.settlement_system');
    const badDate = await api.call('GET', '/api/v1/calendars/RBI_SGL/settlement-date?trade_date=2030-02-30', {
      token: trader,
    });
    expect(badDate.status).toBe(422);
  });

  test('when an upload is too large, then only an allowed caller learns it: the body is read after the checks', async () => {
    const big = `date,name\n${'2033-01-03,Padding\n'.repeat(300_000)}`;
    expect((await csv(big, '')).status).toBe(401);
    expect((await csv(big, trader)).status).toBe(403);
    const tooLarge = await csv(big, admin);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
