import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../../../platform/config';
import { until } from '../../support/member-fixtures';
import { startTestApi, type TestApi } from '../../support/api-harness';

const DIST = join(__dirname, '..', '..', '..', 'dist');
const HISTORIES = join(__dirname, '..', '..', 'fixtures', 'histories');
const taskQueue = `auctions-recovery-${process.pid}`;

/** The real worker process of `npm start`, on this test's task queue. */
function startWorker() {
  const child = spawn(process.execPath, [join(DIST, 'workers', 'temporal-worker.js')], {
    env: { ...process.env, BONDX_TEMPORAL_TASK_QUEUE: taskQueue, BONDX_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = until(
    'worker start',
    async () => output.includes('"temporal-worker started"'),
    Boolean,
    60_000,
  );
  return { child, exited, started };
}

let api: TestApi;
let admin: string;
const workers: ReturnType<typeof startWorker>[] = [];
beforeAll(async () => {
  api = await startTestApi({
    temporal: { ...loadConfig().temporal, taskQueue },
  });
  admin = await api.login('auctionadmin@bondx.local');
});
afterAll(async () => {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await w.exited;
  }
  await api.stop();
});

const stateOf = async (id: number) =>
  (await (await api.call('GET', `/api/v1/auctions/${id}`, { token: admin })).json()).state as string;

describe('the temporal worker killed mid-auction', () => {
  test('when the worker is killed with SIGKILL during bidding and restarted, then the auction ends with the same result', async () => {
    const first = startWorker();
    workers.push(first);
    await first.started;
    // Logged in before bidding opens: on a loaded machine the logins could otherwise eat the window.
    const tokens = [await api.login('trader1@bondx.local'), await api.login('trader2@bondx.local')];
    const code = `T_KILL_${Date.now()}`;
    const created = await api.call('POST', '/api/v1/auctions/', {
      token: admin,
      body: {
        auction_code: code,
        auction_name: 'Kill test',
        auction_type: 'DUTCH',
        bond_isin: 'BOND_001',
        total_lot_size: 1000000,
        minimum_lot_size: 10000,
        bidding_start_time: new Date(Date.now() + 1000).toISOString(),
        bidding_end_time: new Date(Date.now() + 15000).toISOString(),
        settlement_delay_seconds: 1,
      },
    });
    const { auction_id: id } = await created.json();
    await until(
      'bidding',
      () => stateOf(id),
      (s) => s === 'BIDDING',
      20_000,
    );
    await api.call('POST', `/api/v1/auctions/${id}/bids`, {
      token: tokens[0],
      body: { price: '99.50', amount: 600000 },
    });
    first.child.kill('SIGKILL');
    await first.exited;
    // Bids go to PostgreSQL, so bidding goes on while no worker runs.
    const late = await api.call('POST', `/api/v1/auctions/${id}/bids`, {
      token: tokens[1],
      body: { price: '99.25', amount: 600000 },
    });
    expect(late.status).toBe(201);
    await new Promise((r) => setTimeout(r, 8000));
    expect(await stateOf(id)).toBe('BIDDING');
    const second = startWorker();
    workers.push(second);
    await second.started;
    await until(
      'settled after restart',
      () => stateOf(id),
      (s) => s === 'SETTLED',
      60_000,
    );
    const alloc = await (
      await api.call('GET', `/api/v1/auctions/${id}/allocations`, { token: admin })
    ).json();
    expect(alloc.summary).toMatchObject({ cutoff_price: '99.2500', total_allotted: 1000000 });
    expect(alloc.allocations.map((l: { allotted_amount: number }) => l.allotted_amount).sort()).toEqual([
      400000, 600000,
    ]);
    expect(alloc.settlements.map((s: { status: string }) => s.status)).toEqual(['SETTLED', 'SETTLED']);

    // The histories the two workers wrote replay without a determinism error.
    const histories = await Promise.all(
      [`auction-${code}`, `settlement-${code}`].map(async (workflowId) => ({
        workflowId,
        history: await api.deps.temporal.workflow.getHandle(workflowId).fetchHistory(),
      })),
    );
    const replayed = Worker.runReplayHistories(
      { workflowsPath: require.resolve('../../../workflows') },
      histories,
    );
    for await (const result of replayed) expect(result.error).toBeUndefined();
    // BONDX_RECORD_HISTORIES=1 refreshes the committed histories that the unit replay test reads.
    if (process.env.BONDX_RECORD_HISTORIES) {
      for (const h of histories) {
        const name = h.workflowId.startsWith('auction') ? 'auction-dutch' : 'settlement-dutch';
        writeFileSync(join(HISTORIES, `${name}.json`), JSON.stringify(h.history));
      }
    }
  }, 120_000);
});
