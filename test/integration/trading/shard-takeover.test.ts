import { hostname } from 'node:os';
import { checkFence, ShardFencedError, ShardLeases } from '../../../db/matching/shard-leases';
import { emptyOutputs } from '../../../workers/matching/batch-outputs';
import { MatchingJournal } from '../../../workers/matching/journal';
import { createMatchingPools } from '../../../workers/matching/matching-pools';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { copyBonds, expectAppliedOnce, orderLoad, untilApplied } from '../../support/matching-load';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Two matching shards, each a process of its own; bonds of this file only (copies of BOND_007's
// terms with consecutive ids, so one falls on each shard).
const SHARDS = 2;
const LEASE_MS = 2000;
const BONDS = ['SHARD_A', 'SHARD_B'];
const TRADERS = ['broker1', 'fund1', 'fpi1', 'pd1'];

let api: TestApi;
let tokens: string[];
let bondIds: Map<string, number>;
const workers: TestWorker[] = [];
/** The process left holding both shards by the first test. */
let survivor: TestWorker;

const q = async (sql: string, args: unknown[] = []) => (await api.deps.pg.query(sql, args)).rows;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ownerName = (w: TestWorker) => `${hostname()}:${w.pid}`;

function startShard(home: number): TestWorker {
  const w = startTestWorker('matching-worker', {
    BONDX_MATCHING_SHARDS: String(SHARDS),
    BONDX_MATCHING_WORKER_SHARDS: String(home),
    BONDX_MATCHING_LEASE_MS: String(LEASE_MS),
  });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  api = await startTestApi({ matchingShards: SHARDS });
  bondIds = await copyBonds(api.deps.pg, BONDS, 'INSHARD');
  tokens = await Promise.all(TRADERS.map((u) => api.login(`${u}@bondx.local`)));
});

afterAll(async () => {
  // A test that failed mid-drill may leave a process stopped (SIGSTOP), deaf to SIGTERM.
  for (const w of workers) {
    try {
      process.kill(w.pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
  await Promise.all(workers.map((w) => w.stop()));
  // A killed process cannot withdraw its heartbeat; later tests of /health must not count it.
  await api.deps.redis.zrem(
    `${api.deps.config.redisPrefix}:heartbeats:matching-worker`,
    ...workers.map(ownerName),
  );
  await api.stop();
});

interface Shard {
  shard: number;
  owner: string | null;
  fencing_token: string | null;
}

async function ownership(): Promise<Shard[]> {
  const body = await (await api.call('GET', '/health')).json();
  return body.components['matching-worker'].shards;
}

/** Waits until /health shows `owners` (shard index -> owning process), returns the ownership. */
async function untilOwned(owners: TestWorker[], timeoutMs = 30_000): Promise<Shard[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shards = await ownership();
    if (shards.every((s, i) => s.owner === ownerName(owners[i]!))) return shards;
    if (Date.now() > deadline)
      throw new Error(
        `ownership ${JSON.stringify(shards)} never became ${owners.map(ownerName)}\n${owners.map((w) => w.output().slice(-3000)).join('\n')}`,
      );
    await sleep(100);
  }
}

/** Crossing limit orders on both bonds from four members until stopped; returns the acknowledged ids. */
const shardOf = (code: string) => bondIds.get(code)! % SHARDS;
const diagnostics = () => workers.map((w) => w.output().slice(-3000)).join('\n');

describe('matching shards', () => {
  test('when two matching processes share the bonds and the owner of one shard is killed under load, then the other takes its bonds over and every acknowledged order is applied once, none lost, sequences gap-free', async () => {
    expect(new Set(BONDS.map(shardOf)).size).toBe(SHARDS);
    const [w0, w1] = [startShard(0), startShard(1)];
    await Promise.all([w0.started, w1.started]);
    const before = await untilOwned([w0, w1]);
    expect(before.every((s) => s.fencing_token !== null)).toBe(true);

    const load = orderLoad(api, tokens, BONDS, 'shard-takeover');
    await load.more(80);
    process.kill(w0.pid, 'SIGKILL');
    await w0.exited;
    const after = await untilOwned([w1, w1]);
    // The takeover is a new grant: its token is past the dead owner's.
    expect(BigInt(after[0]!.fencing_token!)).toBeGreaterThan(BigInt(before[0]!.fencing_token!));
    await load.more(80);
    const acked = await load.stop();
    await untilApplied(api.deps.pg, [...bondIds.values()], diagnostics);
    await expectAppliedOnce(api.deps.pg, acked, [...bondIds.values()]);
    const trades = await q('select count(*)::int as n from trades where bond_id = any($1::int[])', [
      [...bondIds.values()],
    ]);
    expect(trades[0].n).toBeGreaterThan(0);
    expect(w1.output()).toContain('"shard lease acquired"');
    survivor = w1;
  }, 120_000);

  test('when a shard owner is frozen (SIGSTOP) past its lease and resumed, then another process has taken over and the old owner cannot write: its fence is refused and nothing is doubled or lost', async () => {
    // The survivor of the previous test holds both shards; a new process whose home is shard 0 asks for it back.
    const w1 = survivor;
    const w2 = startShard(0);
    await w2.started;
    const handedBack = await untilOwned([w2, w1]);
    expect(w1.output()).toContain('"shard lease handed back"');
    const staleFence = { shard: 0, token: handedBack[0]!.fencing_token! };

    const load = orderLoad(api, tokens, BONDS, 'shard-takeover');
    await load.more(40);
    process.kill(w2.pid, 'SIGSTOP');
    const taken = await untilOwned([w1, w1]);
    expect(BigInt(taken[0]!.fencing_token!)).toBeGreaterThan(BigInt(staleFence.token));
    await load.more(40);
    process.kill(w2.pid, 'SIGCONT');
    // The resumed process finds its lease gone and stops its loop (any write it tried was refused).
    const deadline = Date.now() + 60_000;
    while (
      !w2.output().includes(`"token":"${staleFence.token}"`) ||
      !w2.output().includes('"shard lease lost"')
    ) {
      if (Date.now() > deadline)
        throw new Error(`the stale owner never gave up:\n${w2.output().slice(-3000)}`);
      await sleep(50);
    }
    const acked = await load.stop();
    await untilApplied(api.deps.pg, [...bondIds.values()], diagnostics);
    await expectAppliedOnce(api.deps.pg, acked, [...bondIds.values()]);

    // The stale owner's token is refused for every journal write, whatever it holds in memory.
    const journal = new MatchingJournal(api.deps.pg, staleFence);
    const bondOnShard0 = bondIds.get(BONDS.find((b) => shardOf(b) === 0)!)!;
    const timeCommands = async () =>
      (
        await q(`select count(*)::int as n from order_commands where kind = 'TIME' and bond_id = $1`, [
          bondOnShard0,
        ])
      )[0].n;
    const timeBefore = await timeCommands();
    await expect(
      journal.timeCommands([{ bondId: bondOnShard0, dayEnd: null }], new Date()),
    ).rejects.toBeInstanceOf(ShardFencedError);
    await expect(journal.commit(emptyOutputs())).rejects.toBeInstanceOf(ShardFencedError);
    expect(await timeCommands()).toBe(timeBefore);
  }, 120_000);

  test('when a shard owner freezes inside a journal transaction (its lease row held FOR SHARE), then the server ends that session within a lease, another process takes the shard over, and its renewals of the shards it holds go on meanwhile', async () => {
    await Promise.all(workers.map((w) => w.stop()));
    // The frozen owner: a session of the matching worker's own journal pool, stopped after its
    // fence check, exactly where a process frozen mid-commit leaves the lease row.
    const pools = createMatchingPools({ ...api.deps.config, matchingLeaseMs: LEASE_MS });
    try {
      const frozenLeases = new ShardLeases(pools.leases, 'frozen-owner', LEASE_MS);
      const token = await frozenLeases.acquire(0);
      expect(token).not.toBeNull();
      const frozen = await pools.journal.connect();
      frozen.on('error', () => undefined);
      await frozen.query('begin');
      await checkFence(frozen, { shard: 0, token: token! });

      const w3 = startShard(1);
      await w3.started;
      const load = orderLoad(api, tokens, BONDS, 'shard-frozen-commit');
      await load.more(40);
      const owned = await untilOwned([w3, w3]);
      expect(BigInt(owned[0]!.fencing_token!)).toBeGreaterThan(BigInt(token!));
      // The server ended the frozen session; its transaction wrote nothing.
      await expect(frozen.query('select 1')).rejects.toThrow();
      frozen.release(true);
      expect(w3.output()).not.toContain('"shard lease lost"');
      await load.more(40);
      const acked = await load.stop();
      await untilApplied(api.deps.pg, [...bondIds.values()], diagnostics);
      await expectAppliedOnce(api.deps.pg, acked, [...bondIds.values()]);
    } finally {
      await Promise.all([pools.journal.end(), pools.leases.end()]);
    }
  }, 120_000);
});
