import { hostname } from 'node:os';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { copyBonds, expectAppliedOnce, orderLoad, untilApplied } from '../../support/matching-load';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// A bond of this file only, on the single shard of the default configuration.
const BOND = 'PGLOSS_A';

let api: TestApi;
let worker: TestWorker;
let bondIds: number[];

beforeAll(async () => {
  api = await startTestApi();
  bondIds = [...(await copyBonds(api.deps.pg, [BOND], 'INPGLOSS')).values()];
  worker = startTestWorker('matching-worker', { BONDX_MATCHING_LEASE_MS: '2000' });
  await worker.started;
});

afterAll(async () => {
  await worker.stop();
  await api.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends every session of the worker's pool in this test database, idle or mid-query, as a server restart does. */
async function dropWorkerConnections(): Promise<number> {
  const r = await api.deps.pg.query(
    `select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = 'bondx-matching' and datname = current_database()`,
  );
  return r.rows[0].n;
}

describe('matching worker and PostgreSQL connection loss', () => {
  test("when the database ends the worker's connections under order load, idle and busy, then the process stays up, rebuilds what failed and applies every acknowledged order once", async () => {
    const tokens = await Promise.all(['broker1', 'fund1'].map((u) => api.login(`${u}@bondx.local`)));
    const owner = `${hostname()}:${worker.pid}`;
    const deadline = Date.now() + 60_000;
    while (
      (await (await api.call('GET', '/health')).json()).components['matching-worker'].shards[0].owner !==
      owner
    ) {
      if (Date.now() > deadline) throw new Error(`the worker never took shard 0:\n${worker.output()}`);
      await sleep(100);
    }
    const load = orderLoad(api, tokens, [BOND], 'pg-loss');
    await load.more(20);
    let dropped = 0;
    for (let i = 0; i < 5; i++) {
      dropped += await dropWorkerConnections();
      await load.more(10);
    }
    const acked = await load.stop();
    expect(dropped).toBeGreaterThan(0);
    await untilApplied(api.deps.pg, bondIds, () => worker.output().slice(-5000));
    await expectAppliedOnce(api.deps.pg, acked, bondIds);
    // Still the same process: no exit on a client error, and its lease kept or retaken.
    process.kill(worker.pid, 0);
    expect(worker.output()).not.toContain('"failed to start"');
  }, 120_000);
});
