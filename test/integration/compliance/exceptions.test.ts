import { ComplianceException } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail } from '../../support/audit-trail';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';

let api: TestApi;
let worker: TestWorker;
let officer: string;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'exceptions');
  // The API starts exception workflows on the worker's own task queue.
  api.deps.config.temporal.taskQueue = worker.config.temporal.taskQueue;
  officer = await api.login('compliance@bondx.local');
});
afterAll(async () => {
  await worker.close();
  await api.stop();
});

const open = async (body: Record<string, unknown>) => {
  const res = await api.call('POST', '/api/v1/compliance/exceptions', { token: officer, body });
  expect(res.status).toBe(201);
  return res.json();
};

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('compliance exceptions', () => {
  test('when an exception is not acknowledged within its SLA, then its workflow escalates it, and acknowledging stops that', async () => {
    const opened = await open({
      kind: 'LIMIT_BREACH',
      severity: 'HIGH',
      title: 'Short sale over the limit',
      description: 'SBIN short 2.1% of outstanding in BOND_001',
      evidence: { participant: 'SBIN', bond_id: 'BOND_001', short_pct: '2.1000' },
      ack_sla_seconds: 2,
    });
    expect(opened).toMatchObject({
      status: 'OPEN',
      escalation_level: 0,
      workflow_id: `compliance-exception-${opened.exception_id}`,
    });

    const read = () => api.deps.orm.em.fork().findOneOrFail(ComplianceException, opened.exception_id);
    const escalated = await until(read, (e) => e.escalationLevel >= 1);
    expect(escalated.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(escalated.escalatedAt!.getTime()).toBeGreaterThanOrEqual(new Date(opened.ack_due_at).getTime());

    const acked = await api.call('POST', `/api/v1/compliance/exceptions/${opened.exception_id}/acknowledge`, {
      token: officer,
      body: {},
    });
    expect(acked.status).toBe(200);
    const level = (await acked.json()).escalation_level;
    await new Promise((r) => setTimeout(r, 3000));
    expect((await read()).escalationLevel).toBe(level);

    const commented = await api.call(
      'POST',
      `/api/v1/compliance/exceptions/${opened.exception_id}/comments`,
      {
        token: officer,
        body: { body: 'Desk confirms a fat-finger; position being covered.' },
      },
    );
    expect(commented.status).toBe(201);
    const resolved = await api.call('POST', `/api/v1/compliance/exceptions/${opened.exception_id}/resolve`, {
      token: officer,
      body: { resolution: 'Covered by 11:40 IST', evidence: { cover_trade: 'T-1' } },
    });
    expect(resolved.status).toBe(200);
    const body = await resolved.json();
    expect(body).toMatchObject({
      status: 'RESOLVED',
      resolution: 'Covered by 11:40 IST',
      owner_user_id: expect.any(Number),
    });
    expect(body.evidence).toMatchObject({ short_pct: '2.1000', cover_trade: 'T-1' });
    expect(body.comments).toEqual([
      expect.objectContaining({ body: 'Desk confirms a fat-finger; position being covered.' }),
    ]);

    const result = await worker.client.workflow.getHandle(opened.workflow_id).result();
    expect(result.escalations).toBe(level);
    const actions = (
      await auditTrail(api.deps.orm, {
        subjectType: 'compliance_exception',
        subjectId: String(opened.exception_id),
      })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'EXCEPTION_OPENED',
      ...Array(level).fill('EXCEPTION_ESCALATED'),
      'EXCEPTION_ACKNOWLEDGED',
      'EXCEPTION_COMMENTED',
      'EXCEPTION_RESOLVED',
    ]);
  });

  test('when a step comes out of order, then 409 and nothing changes; bad input is 422', async () => {
    const opened = await open({
      kind: 'OTHER',
      severity: 'LOW',
      title: 'Manual',
      description: 'A manual check',
    });
    const res = await api.call('POST', `/api/v1/compliance/exceptions/${opened.exception_id}/resolve`, {
      token: officer,
      body: { resolution: 'done' },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('/errors/exception-state');
    const bad = await api.call('POST', '/api/v1/compliance/exceptions', {
      token: officer,
      body: { kind: 'NOPE', severity: 'LOW', title: 't', description: 'd' },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('kind');
    const list = await (
      await api.call('GET', '/api/v1/compliance/exceptions?status=OPEN&kind=OTHER', { token: officer })
    ).json();
    expect(list.items.map((e: { exception_id: number }) => e.exception_id)).toContain(opened.exception_id);
    expect(list.items.every((e: { status: string }) => e.status === 'OPEN')).toBe(true);
  });
});
