import { Worker } from '@temporalio/worker';
import { loadConfig } from '../../../platform/config';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { eventually } from '../../support/auction-harness';
import { startTestWorker, type TestWorker } from '../../support/worker-process';
import { SettlementFixtures } from './settlement-fixtures';

const taskQueue = `settlement-kill-${process.pid}`;
const TRADES = 120;
const HELD_LOTS = 110;

let api: TestApi;
const workers: TestWorker[] = [];
const startWorker = () => {
  const w = startTestWorker('temporal-worker', { BONDX_TEMPORAL_TASK_QUEUE: taskQueue });
  workers.push(w);
  return w;
};

beforeAll(async () => {
  api = await startTestApi({ temporal: { ...loadConfig().temporal, taskQueue } });
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await api.stop();
});

describe('the temporal worker killed mid-settlement', () => {
  test('when the worker is killed with SIGKILL while trades settle one by one and restarted, then every trade settles or fails exactly once, as without the kill', async () => {
    const fx = new SettlementFixtures(api.deps.orm);
    const bond = await fx.bond('CORPORATE');
    const [buyer, seller] = [await fx.participant('kill-buyer'), await fx.participant('kill-seller')];
    await fx.fund(buyer, '100000000.00');
    // The seller holds enough for the first HELD_LOTS trades only: the rest fail for securities.
    await fx.fund(seller, null, [[bond.isin, `${HELD_LOTS * 10000}.00`]]);
    const ids: string[] = [];
    for (let i = 0; i < TRADES; i++) {
      const at = new Date(Date.UTC(2002, 0, 7, 4, 0, i)).toISOString();
      ids.push(await fx.trade(bond, buyer, seller, '100.0000', '10000', at));
    }
    const buyerCash = await fx.cash(buyer);
    const ops = await api.login('ops@bondx.local');

    const first = startWorker();
    await first.started;
    const started = await api.call('POST', '/api/v1/settlement/settlements', {
      token: ops,
      body: { settlement_system: 'CLEARING_CORPORATION', settlement_date: '2002-01-08' },
    });
    expect(started.status).toBe(202);
    const { settlement_id: runId } = await started.json();
    const pg = api.deps.pg;
    const settledSoFar = async () =>
      Number(
        (await pg.query(`select count(*) as n from settlement_run_trades where run_id = $1`, [runId])).rows[0]
          .n,
      );
    await eventually(async () => (await settledSoFar()) >= 10, 60_000, 'settlement under way');
    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    const atKill = await settledSoFar();
    expect(atKill).toBeLessThan(TRADES);

    const second = startWorker();
    await second.started;
    const run = await eventually(
      async () => {
        const r = await (
          await api.call('GET', `/api/v1/settlement/settlements/${runId}`, { token: ops })
        ).json();
        return r.status !== 'RUNNING' && r;
      },
      150_000,
      'settlement finished after restart',
    );
    expect(run.status).toBe('PARTIAL');
    const outcomes = run.trades.map((t: { trade_id: string; outcome: string }) => [t.trade_id, t.outcome]);
    expect(outcomes).toEqual(ids.map((id, i) => [id, i < HELD_LOTS ? 'SETTLED' : 'FAILED']));
    // One journal per leg of each settled trade, none twice; balances are exactly what the settled trades moved.
    const journals = await pg.query(
      `select count(*)::int as n, count(distinct reference)::int as refs from ledger_journals where reference like $1`,
      [`settlement:${runId}:1:trade:%`],
    );
    expect(journals.rows[0]).toEqual({ n: 2 * HELD_LOTS, refs: 2 * HELD_LOTS });
    expect(run.legs).toHaveLength(2 * HELD_LOTS);
    expect(await fx.holding(buyer, bond.isin)).toBe(`${HELD_LOTS * 10000}.00`);
    expect(await fx.holding(seller, bond.isin)).toBe('0.00');
    const paid = Number(buyerCash.balance) - Number((await fx.cash(buyer)).balance);
    // The buyer paid exactly the settled trades' amounts (consideration + accrued to 2002-01-08).
    const due = await api.call(
      'GET',
      '/api/v1/settlement/obligations?date=2002-01-08&settlement_system=CLEARING_CORPORATION',
      { token: ops },
    );
    const settledAmounts = (await due.json()).trades
      .filter((t: { buyer_participant_id: number }) => t.buyer_participant_id === buyer)
      .map((t: { settlement_amount: string }) => Math.round(Number(t.settlement_amount) * 100));
    expect(settledAmounts).toHaveLength(HELD_LOTS);
    expect(Math.round(paid * 100)).toBe(settledAmounts.reduce((s: number, v: number) => s + v, 0));
    expect((await fx.cash(buyer)).blocked).toBe('0.00');
    expect(await fx.blockedHolding(seller, bond.isin)).toBe('0.00');
    for (const id of ids.slice(HELD_LOTS))
      expect(await fx.tradeRow(id)).toMatchObject({ settlement_rolls: 1, settlement_date: '2002-01-09' });
    const rec = await (await api.call('GET', '/api/v1/settlement/reconciliation', { token: ops })).json();
    expect(rec.balanced).toBe(true);

    // The history the two workers wrote replays without a determinism error.
    const history = await api.deps.temporal.workflow.getHandle(run.workflow_id).fetchHistory();
    const replayed = Worker.runReplayHistories({ workflowsPath: require.resolve('../../../workflows') }, [
      { workflowId: run.workflow_id, history },
    ]);
    for await (const result of replayed) expect(result.error).toBeUndefined();
  }, 300_000);
});
