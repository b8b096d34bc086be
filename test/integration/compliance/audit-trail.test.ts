import { Client } from 'pg';
import { AuditEvent } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail, chainPendingAudit } from '../../support/audit-trail';

const adminUrl = () => process.env.BONDX_DATABASE_ADMIN_URL!;
const appUrl = () => process.env.BONDX_DATABASE_URL!;

async function sql(url: string, text: string, params: unknown[] = []) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

/** What an attacker with superuser rights does: switch the triggers off for the session, then write. */
async function tamper(statement: string, params: unknown[]) {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query('set session_replication_role = replica');
    await c.query(statement, params);
  } finally {
    await c.end();
  }
}

let api: TestApi;
let officer: string;

beforeAll(async () => {
  api = await startTestApi();
  officer = await api.login('compliance@bondx.local');
  await chainPendingAudit(api.deps.orm);
});
afterAll(() => api.stop());

const verify = async () => {
  const res = await api.call('POST', '/api/v1/compliance/audit/verify', { token: officer });
  expect(res.status).toBe(200);
  return res.json();
};

describe('the audit trail as a hash chain', () => {
  test('when users log in and an admin changes roles, then the chained trail shows who, what and before/after', async () => {
    const admin = await api.login('admin@bondx.local');
    const users = await (await api.call('GET', '/api/v1/users?limit=1000', { token: admin })).json();
    const ops = users.items.find((u: { username: string }) => u.username === 'ops@bondx.local');
    const patched = await api.call('PATCH', `/api/v1/users/${ops.user_id}`, {
      token: admin,
      body: { roles: ['OPERATIONS', 'RISK_OFFICER'] },
    });
    expect(patched.status).toBe(200);
    await api.call('PATCH', `/api/v1/users/${ops.user_id}`, {
      token: admin,
      body: { roles: ['OPERATIONS'] },
    });

    const [change] = await auditTrail(api.deps.orm, {
      action: 'USER_UPDATED',
      subjectId: String(ops.user_id),
    });
    expect(change!.details).toMatchObject({
      before: { roles: ['OPERATIONS'] },
      after: { roles: ['OPERATIONS', 'RISK_OFFICER'] },
    });
    const res = await api.call(
      'GET',
      `/api/v1/compliance/audit?action=USER_UPDATED&subject_type=user&subject_id=${ops.user_id}&limit=1`,
      { token: officer },
    );
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ action: 'USER_UPDATED', actor_user_id: expect.any(Number) });
    expect(page.items[0].details.after.roles).toEqual(['OPERATIONS']);
    expect(page.items[0].record_hash).toMatch(/^[0-9a-f]{64}$/);
    const next = await (
      await api.call(
        'GET',
        `/api/v1/compliance/audit?action=USER_UPDATED&subject_id=${ops.user_id}&limit=1&cursor=${page.next_cursor}`,
        { token: officer },
      )
    ).json();
    expect(next.items[0].details.after.roles).toEqual(['OPERATIONS', 'RISK_OFFICER']);
    expect(BigInt(next.items[0].id)).toBeLessThan(BigInt(page.items[0].id));

    const logins = await (
      await api.call('GET', '/api/v1/compliance/audit?action=LOGIN&limit=1000', { token: officer })
    ).json();
    expect(logins.items.length).toBeGreaterThanOrEqual(2);
  });

  test('when a filter is malformed, then 422 names the field', async () => {
    const res = await api.call('GET', '/api/v1/compliance/audit?from=yesterday', { token: officer });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('query.from');
  });

  test('when the application role tries UPDATE, DELETE or TRUNCATE, then each fails; an unlinked insert fails too', async () => {
    await expect(sql(appUrl(), "update audit_events set action = 'FORGED'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql(appUrl(), 'delete from audit_events')).rejects.toThrow(/permission denied/);
    await expect(sql(appUrl(), 'truncate audit_events')).rejects.toThrow(/permission denied/);
    await expect(
      sql(
        appUrl(),
        `insert into audit_events (id, occurred_at, action, subject_type, prev_hash, record_hash)
         values (1000000, now(), 'FORGED', 'x', repeat('0', 64), repeat('1', 64))`,
      ),
    ).rejects.toThrow(/does not link onto the chain head/);
  });

  test('when even a superuser updates, deletes or truncates with the triggers on, then the triggers refuse', async () => {
    await expect(sql(adminUrl(), "update audit_events set action = 'FORGED'")).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(sql(adminUrl(), 'delete from audit_events')).rejects.toThrow(/append-only: DELETE/);
    await expect(sql(adminUrl(), 'truncate audit_events')).rejects.toThrow(/append-only: TRUNCATE/);
  });

  test('when a superuser alters a record behind the triggers, then verify finds it as the first broken link', async () => {
    await chainPendingAudit(api.deps.orm);
    const intact = await verify();
    expect(intact).toMatchObject({ valid: true, first_broken: null });
    expect(intact.checked).toBeGreaterThan(3);

    const [victim] = await api.deps.orm.em
      .fork()
      .find(AuditEvent, { action: 'LOGIN' }, { orderBy: { id: 'asc' }, limit: 1 });
    await tamper('update audit_events set actor_user_id = 999 where id = $1', [victim!.id]);
    try {
      const broken = await verify();
      expect(broken.valid).toBe(false);
      expect(broken.first_broken).toMatchObject({
        id: victim!.id,
        reason: 'RECORD_ALTERED',
        actual: victim!.recordHash,
      });
    } finally {
      await tamper('update audit_events set actor_user_id = $2 where id = $1', [
        victim!.id,
        victim!.actorUserId,
      ]);
    }

    await tamper('delete from audit_events where id = $1', [victim!.id]);
    try {
      const gap = await verify();
      expect(gap.first_broken).toMatchObject({ id: victim!.id, reason: 'RECORD_MISSING' });
    } finally {
      await tamper(
        `insert into audit_events (id, occurred_at, actor_user_id, actor_participant_id, action, subject_type,
           subject_id, request_id, details, prev_hash, record_hash, chained_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          victim!.id,
          victim!.occurredAt,
          victim!.actorUserId,
          victim!.actorParticipantId,
          victim!.action,
          victim!.subjectType,
          victim!.subjectId,
          victim!.requestId,
          victim!.details === null ? null : JSON.stringify(victim!.details),
          victim!.prevHash,
          victim!.recordHash,
          victim!.chainedAt,
        ],
      );
    }
    await chainPendingAudit(api.deps.orm);
    expect((await verify()).valid).toBe(true);
  });
});
