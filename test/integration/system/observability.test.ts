import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('observability and documentation', () => {
  test('when Prometheus scrapes /metrics, then HTTP latency histograms and business counters are there', async () => {
    await api.login('trader1@bondx.local');
    const text = await (await api.call('GET', '/metrics')).text();
    expect(text).toMatch(/bondx_http_request_duration_seconds_bucket\{.*route="\/auth\/login".*\}/);
    expect(text).toMatch(/bondx_logins_total\{outcome="success",service="api"\} [1-9]/);
    // Both pools of the API, the ORM's and the raw pg one, report their use against their size.
    for (const pool of ['orm', 'api'])
      expect(text).toMatch(
        new RegExp(`bondx_db_pool_connections\\{pool="${pool}",state="max"[^}]*\\} [1-9]`),
      );
  });

  test('when a request carries X-Request-Id, then the response echoes it; otherwise one is made', async () => {
    const given = await api.call('GET', '/metrics', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await api.call('GET', '/metrics');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('when /docs is opened, then the OpenAPI document lists every route of the table with its roles', async () => {
    const doc = await (await api.call('GET', '/docs/openapi.json')).json();
    expect(doc.paths['/api/v1/bonds/{bond_id}'].get.description).toMatch(/any signed-in user/);
    expect(doc.paths['/api/v1/users'].post.description).toMatch(/Roles: ADMIN/);
    expect(doc.components.schemas.Bond.properties.isin).toBeDefined();
    const page = await api.call('GET', '/docs/');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger-ui/i);
  });

  test('when a participant exceeds its request rate, then 429 with Retry-After', async () => {
    const limited = await (await import('../../support/api-harness')).startTestApi({ rateLimitPerSecond: 3 });
    try {
      const token = await limited.login('trader2@bondx.local');
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await limited.call('GET', '/api/v1/bonds?limit=1', { token })).status);
      expect(statuses).toContain(429);
      const res = await limited.call('GET', '/api/v1/bonds?limit=1', { token });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});

describe('bull-board', () => {
  test('when an OPERATIONS user opens it with a link token, then a board cookie is set and the board loads', async () => {
    const token = await api.login('ops@bondx.local');
    const first = await api.call('GET', `/admin/queues?access_token=${token}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/queues');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/bondx_board=.*HttpOnly/i);
    const board = await api.call('GET', '/admin/queues', { headers: { cookie: cookie.split(';')[0]! } });
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<div id="root">/);
    const queues = await api.call('GET', '/admin/queues/api/queues', {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(JSON.stringify(await queues.json())).toMatch(/risk-recompute/);
  });

  test('when a trader or nobody opens it, then 403 or 401', async () => {
    const trader = await api.login('trader1@bondx.local');
    expect((await api.call('GET', `/admin/queues?access_token=${trader}`)).status).toBe(403);
    expect((await api.call('GET', '/admin/queues')).status).toBe(401);
  });
});
