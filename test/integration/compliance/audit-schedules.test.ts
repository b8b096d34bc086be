import { Client } from 'pg';
import { AuditEvent, ComplianceException } from '../../../db/entities';
import { AuditAnchorStore } from '../../../platform/audit-anchor-store';
import { ensureAuditSchedules } from '../../../workers/compliance/audit-schedules';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { chainPendingAudit } from '../../support/audit-trail';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';

let api: TestApi;
let worker: TestWorker;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'audit-schedules');
  await ensureAuditSchedules(worker.client, worker.config);
});
afterAll(async () => {
  for (const id of ['audit-anchor', 'audit-verification', 'market-surveillance', 'compliance-risk-breaches'])
    await worker.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  await worker.close();
  await api.stop();
});

/** Fires a schedule now and waits for the run it started to finish. */
async function fire(scheduleId: string): Promise<unknown> {
  const handle = worker.client.schedule.getHandle(scheduleId);
  const seen = new Set(
    (await handle.describe()).info.recentActions.map((a) => a.action.workflow.firstExecutionRunId),
  );
  await handle.trigger();
  for (;;) {
    const started = (await handle.describe()).info.recentActions.find(
      (a) => !seen.has(a.action.workflow.firstExecutionRunId),
    );
    if (started) {
      const { workflowId, firstExecutionRunId } = started.action.workflow;
      return worker.client.workflow.getHandle(workflowId, firstExecutionRunId).result();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the audit trail schedules on Temporal', () => {
  test('when the anchor schedule fires, then the chain head is written outside the database', async () => {
    await api.login('compliance@bondx.local');
    await chainPendingAudit(api.deps.orm);
    const described = await worker.client.schedule.getHandle('audit-anchor').describe();
    expect(described.spec.intervals?.[0]?.every).toBe(60 * 60_000);

    const headId = await fire('audit-anchor');
    const [head] = await api.deps.orm.em.fork().find(AuditEvent, {}, { orderBy: { id: 'desc' }, limit: 1 });
    expect(headId).toBe(head!.id);
    expect(await new AuditAnchorStore(api.deps.config.audit.anchorDir).latest()).toMatchObject({
      kind: 'HEAD',
      head_id: head!.id,
      head_hash: head!.recordHash,
    });
  });

  test('when the anchored head is deleted behind the triggers, then the scheduled verification fails on it and opens one exception', async () => {
    await chainPendingAudit(api.deps.orm);
    await fire('audit-anchor');
    expect(await fire('audit-verification')).toBe(true);
    expect(await worker.metrics.getSingleMetricAsString('bondx_audit_chain_valid')).toMatch(
      /bondx_audit_chain_valid 1$/,
    );
    const anchor = (await new AuditAnchorStore(api.deps.config.audit.anchorDir).latest())!;
    // Truncating the tail leaves a chain that links up by itself: only the anchor can tell.
    const c = new Client({ connectionString: process.env.BONDX_DATABASE_ADMIN_URL });
    await c.connect();
    const removed = (await c.query('select * from audit_events where id >= $1 order by id', [anchor.head_id]))
      .rows;
    try {
      await c.query('set session_replication_role = replica');
      await c.query('delete from audit_events where id >= $1', [anchor.head_id]);
      expect(await fire('audit-verification')).toBe(false);
      expect(await worker.metrics.getSingleMetricAsString('bondx_audit_chain_valid')).toMatch(
        /bondx_audit_chain_valid 0$/,
      );
      const res = await api.call('POST', '/api/v1/compliance/audit/verify', {
        token: await api.login('compliance@bondx.local'),
      });
      expect((await res.json()).first_broken).toMatchObject({ id: anchor.head_id, reason: 'RECORD_MISSING' });
      const opened = await api.deps.orm.em.fork().find(ComplianceException, { kind: 'AUDIT_CHAIN_BROKEN' });
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatchObject({ severity: 'CRITICAL', status: 'OPEN', dedupKey: 'audit-chain' });
    } finally {
      await c.query('delete from audit_events where id >= $1', [anchor.head_id]);
      for (const r of removed) {
        await c.query(
          `insert into audit_events (id, occurred_at, actor_user_id, actor_participant_id, action, subject_type,
             subject_id, request_id, details, prev_hash, record_hash, chained_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            r.id,
            r.occurred_at,
            r.actor_user_id,
            r.actor_participant_id,
            r.action,
            r.subject_type,
            r.subject_id,
            r.request_id,
            r.details === null ? null : JSON.stringify(r.details),
            r.prev_hash,
            r.record_hash,
            r.chained_at,
          ],
        );
      }
      await c.end();
    }
  });
});
