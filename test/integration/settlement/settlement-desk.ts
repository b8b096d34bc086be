import type { TestApi } from '../../support/api-harness';
import { eventually } from '../../support/auction-harness';

/**
 * The settlement API as the tests drive it: operations start a run and wait for it to finish,
 * compliance reads the reconciliation.
 */
export class SettlementDesk {
  constructor(
    private readonly api: TestApi,
    private readonly ops: string,
    private readonly compliance: string,
  ) {}

  call(method: string, path: string, token: string, body?: unknown) {
    return this.api.call(method, path, { token, body });
  }

  /** Starts a run for the system and date as operations, and returns it once it is no longer RUNNING. */
  async settle(system: string, date: string) {
    const started = await this.call('POST', '/api/v1/settlement/settlements', this.ops, {
      settlement_system: system,
      settlement_date: date,
    });
    expect(started.status).toBe(202);
    const { settlement_id: id } = await started.json();
    return this.finished(id);
  }

  finished(id: number) {
    return eventually(
      async () => {
        const run = await (await this.call('GET', `/api/v1/settlement/settlements/${id}`, this.ops)).json();
        return run.status !== 'RUNNING' && run;
      },
      60_000,
      `settlement ${id}`,
    );
  }

  async reconciliation() {
    return (await this.call('GET', '/api/v1/settlement/reconciliation', this.compliance)).json();
  }
}
