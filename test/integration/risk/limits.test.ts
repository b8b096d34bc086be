import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestRiskWorker } from '../../support/risk-worker';
import { openWs } from '../../support/ws-client';

let api: TestApi;
let worker: Awaited<ReturnType<typeof startTestRiskWorker>>;
let trader1: string; // SBIN
let trader2: string; // HDFCB
let riskOfficer: string;
let sbin: number;
let venue: number;
let portfolioId: number;
const base = '/api/v1/risk/portfolios';

const me = async (token: string) =>
  (await (await api.call('GET', '/auth/me', { token })).json()).participant_id as number;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestRiskWorker(api);
  trader1 = await api.login('trader1@bondx.local');
  trader2 = await api.login('trader2@bondx.local');
  riskOfficer = await api.login('risk@bondx.local');
  sbin = await me(trader1);
  venue = await me(riskOfficer);
  const res = await api.call('POST', base, {
    token: trader1,
    body: {
      name: 'limits book',
      positions: [
        { bond_id: 'BOND_001', quantity: '10000000' },
        { bond_id: 'BOND_010', quantity: '5000000' },
      ],
    },
  });
  portfolioId = (await res.json()).portfolio_id;
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
});

const setLimit = (body: unknown, token = trader1) =>
  api.call('POST', `${base}/${portfolioId}/limits`, { token, body });

describe('risk limits', () => {
  test.each([
    [{ limit_type: 'LEVERAGE', threshold: 1 }, 'limit_type'],
    [{ limit_type: 'VAR', threshold: -5 }, 'threshold'],
    [{ limit_type: 'VAR', threshold: 5, scope: 'BOND_001' }, 'scope'],
    [{ limit_type: 'VAR', threshold: 5, warning_ratio: 1.5 }, 'warning_ratio'],
  ])('when the body is %j, then 422 naming %s and no limit is stored', async (body, field) => {
    const res = await setLimit(body);
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    const list = await (await api.call('GET', `${base}/${portfolioId}/limits`, { token: trader1 })).json();
    expect(list.items).toEqual([]);
  });

  test('when another participant sets or reads limits, then 404; compliance may read but not set', async () => {
    expect((await setLimit({ limit_type: 'VAR', threshold: 1 }, trader2)).status).toBe(404);
    expect((await api.call('GET', `${base}/${portfolioId}/limits`, { token: trader2 })).status).toBe(404);
    const compliance = await api.login('compliance@bondx.local');
    expect((await setLimit({ limit_type: 'VAR', threshold: 1 }, compliance)).status).toBe(403);
    expect((await api.call('GET', `${base}/${portfolioId}/limits`, { token: compliance })).status).toBe(200);
  });

  test('when a run breaks a limit, then the breach is recorded and alerts reach the owner and venue risk staff over the WebSocket', async () => {
    const varLimit = await (await setLimit({ limit_type: 'VAR', threshold: 1 })).json();
    expect(varLimit).toMatchObject({ limit_type: 'VAR', threshold: 1, scope: null });
    await setLimit({ limit_type: 'DURATION', threshold: 100 });
    await setLimit({ limit_type: 'POSITION_SIZE', threshold: 1000, scope: 'BOND_010' });
    const listed = await (await api.call('GET', `${base}/${portfolioId}/limits`, { token: trader1 })).json();
    expect(listed.items).toHaveLength(3);

    const owner = openWs(api.url, `/api/v1/risk/ws/${sbin}`, trader1);
    await owner.next('connected');
    owner.ws.send(JSON.stringify({ action: 'subscribe', channels: ['risk_alerts', 'risk_metrics'] }));
    await owner.next('subscribed');
    const staff = openWs(api.url, `/api/v1/risk/ws/${venue}`, riskOfficer);
    await staff.next('connected');
    staff.ws.send(JSON.stringify({ action: 'subscribe', channels: ['risk_alerts'] }));
    await staff.next('subscribed');
    const rival = openWs(api.url, `/api/v1/risk/ws/${await me(trader2)}`, trader2);
    // Its stream may already hold events of earlier suites (risk runs of its HOUSE portfolio).
    const rivalStart = (await rival.next('connected')).sequence;
    rival.ws.send(JSON.stringify({ action: 'subscribe', channels: ['risk_alerts'] }));
    await rival.next('subscribed');

    const run = await (
      await api.call('POST', `${base}/${portfolioId}/risk`, {
        token: trader1,
        body: { method: 'PARAMETRIC', confidence_level: 0.99, time_horizon: 1 },
      })
    ).json();
    expect(run.status).toBe('COMPLETED');

    const first = await owner.next('RISK_LIMIT_BREACH');
    const second = await owner.next('RISK_LIMIT_BREACH');
    const alerts = [first, second].map((m) => m.data);
    expect(alerts.map((a) => a.limit_type).sort()).toEqual(['POSITION_SIZE', 'VAR']);
    const varAlert = alerts.find((a) => a.limit_type === 'VAR')!;
    expect(varAlert).toMatchObject({
      portfolio_id: portfolioId,
      participant_id: sbin,
      run_id: run.run_id,
      severity: 'CRITICAL',
      value: run.result.var,
      threshold: 1,
    });
    expect(alerts.find((a) => a.limit_type === 'POSITION_SIZE')!.subject).toBe('BOND_010');
    expect(second.sequence).toBe(first.sequence + 1);
    const metrics = await owner.next('RISK_METRICS_UPDATED');
    expect(metrics.data).toMatchObject({
      portfolio_id: portfolioId,
      run_id: run.run_id,
      var: run.result.var,
    });
    expect(metrics.sequence).toBe(second.sequence + 1);
    const staffAlert = await staff.next('RISK_LIMIT_BREACH');
    expect(staffAlert.data.participant_id).toBe(sbin);

    const rows = await api.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ run_id: string }[]>(
        'select limit_id, severity, run_id from risk_limit_breaches where portfolio_id = ?',
        [portfolioId],
      );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.run_id === run.run_id)).toBe(true);
    await expect(
      api.deps.orm.em.fork().getConnection().execute('delete from risk_limit_breaches'),
    ).rejects.toThrow(/permission denied/);

    // A client that missed events asks for them again from a sequence on.
    owner.ws.send(JSON.stringify({ action: 'resync', from_sequence: first.sequence }));
    const replayed = [
      await owner.next('RISK_LIMIT_BREACH'),
      await owner.next('RISK_LIMIT_BREACH'),
      await owner.next('RISK_METRICS_UPDATED'),
    ];
    expect(replayed.map((m) => m.sequence)).toEqual([first.sequence, second.sequence, metrics.sequence]);

    // Nothing of SBIN's reached HDFCB's stream.
    rival.ws.send(JSON.stringify({ action: 'ping' }));
    expect((await rival.next('pong')).sequence).toBe(rivalStart);
    for (const c of [owner, staff, rival]) c.ws.close();
  });
});
