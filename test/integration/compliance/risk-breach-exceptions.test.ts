import { randomUUID } from 'node:crypto';
import { ComplianceException } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';
import { onboard } from './reporting-fixtures';

let api: TestApi;
let worker: TestWorker;
let portfolioId: number;
let limitId: number;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.deps.orm, api.deps.config, 'risk-breaches');
  const participantId = await onboard(
    api,
    await api.login('admin@bondx.local'),
    `RBBANK${process.pid % 100_000}`,
    'BANK',
  );
  const conn = api.deps.orm.em.fork().getConnection();
  const house = (await conn.execute(`select id from portfolios where participant_id = ? and kind = 'HOUSE'`, [
    participantId,
  ])) as { id: number }[];
  portfolioId = house[0]!.id;
  const limit = (await conn.execute(
    `insert into risk_limits (portfolio_id, limit_type, threshold, created_by) values (?, 'VAR', 10000000, 1) returning id`,
    [portfolioId],
  )) as { id: number }[];
  limitId = limit[0]!.id;
});
afterAll(async () => {
  await worker.close();
  await api.stop();
});

/** A breach as the risk worker appends it after a run. */
const breach = (severity: string, value: number) =>
  api.deps.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into risk_limit_breaches (limit_id, portfolio_id, participant_id, run_id, value, threshold, utilization, severity)
       select ?, ?, participant_id, ?, ?, 10000000, ? / 10000000.0, ? from portfolios where id = ?`,
      [limitId, portfolioId, randomUUID(), value, value, severity, portfolioId],
    );

const detect = () =>
  worker.client.workflow.execute('riskBreachExceptionsWorkflow', {
    workflowId: `risk-breaches-${randomUUID()}`,
    taskQueue: worker.config.temporal.taskQueue,
  });

const exceptionsOfLimit = () =>
  api.deps.orm.em.fork().find(ComplianceException, { dedupKey: `risk-limit:${portfolioId}:${limitId}` });

describe('risk limit breaches open compliance exceptions', () => {
  test('when the risk worker records a breach, then one RISK_LIMIT_BREACH exception opens; warnings and repeats open none', async () => {
    await breach('WARNING', 9_000_000);
    await detect();
    expect(await exceptionsOfLimit()).toHaveLength(0);

    await breach('CRITICAL', 13_000_000);
    expect(await detect()).toBeGreaterThanOrEqual(1);
    const [opened] = await exceptionsOfLimit();
    expect(opened).toMatchObject({ kind: 'RISK_LIMIT_BREACH', severity: 'CRITICAL', status: 'OPEN' });
    expect(opened!.evidence).toMatchObject({
      portfolio_id: portfolioId,
      limit_id: limitId,
      value: 13_000_000,
    });

    // The same limit breached again while the exception is open joins it; nothing is read twice.
    await breach('BREACH', 12_000_000);
    await detect();
    await detect();
    expect(await exceptionsOfLimit()).toHaveLength(1);
  });
});
