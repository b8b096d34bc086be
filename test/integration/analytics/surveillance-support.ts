import type { TestApi } from '../../support/api-harness';
import type { createMember } from '../../support/member-fixtures';
import {
  startTestWorker as startTemporalWorker,
  type TestWorker as TemporalWorker,
} from '../../support/temporal-worker';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

export type Member = Awaited<ReturnType<typeof createMember>>;

/** A limit order through the book; returns its id once the API has taken it. */
export async function placeLimitOrder(
  api: TestApi,
  m: Member,
  bondCode: string,
  side: 'BUY' | 'SELL',
  quantity: number,
  price: string,
  timeInForce = 'DAY',
): Promise<string> {
  const res = await api.call('POST', '/api/v1/trading/orders', {
    token: m.token,
    body: {
      bond_id: bondCode,
      side,
      order_type: 'LIMIT',
      time_in_force: timeInForce,
      quantity: String(quantity),
      price,
    },
  });
  if (res.status !== 201) throw new Error(`order: ${res.status} ${await res.text()}`);
  return (await res.json()).order_id as string;
}

/** The matching worker and a Temporal worker on the surveillance queue, each stopped if it was started. */
export class SurveillanceWorkers {
  private matching?: TestWorker;
  private temporal?: TemporalWorker;

  async start(api: TestApi): Promise<void> {
    this.matching = startTestWorker('matching-worker');
    this.temporal = await startTemporalWorker(api.deps.orm, api.deps.config, 'surveillance');
    await this.matching.started;
  }

  /** One surveillance scan, run to its end on the Temporal worker. */
  scan(workflowIdPrefix: string) {
    const temporal = this.temporal!;
    return temporal.client.workflow.execute('surveillanceScanWorkflow', {
      taskQueue: temporal.config.temporal.taskQueue,
      workflowId: `${workflowIdPrefix}-${Date.now()}`,
    });
  }

  async stop(): Promise<void> {
    await this.temporal?.close();
    await this.matching?.stop();
  }
}

/** The surveillance alerts as a compliance officer reads them; `query` narrows the list. */
export async function surveillanceAlerts<T>(
  api: TestApi,
  complianceToken: string,
  query: string,
): Promise<T[]> {
  const res = await api.call('GET', `/api/v1/analytics/surveillance/alerts?${query}`, {
    token: complianceToken,
  });
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

export async function expectMarketAbuseException(
  api: TestApi,
  complianceToken: string,
  exceptionId: number | null,
): Promise<void> {
  const exception = await api.call('GET', `/api/v1/compliance/exceptions/${exceptionId}`, {
    token: complianceToken,
  });
  expect(await exception.json()).toMatchObject({ kind: 'MARKET_ABUSE' });
}
