import { startChaosStack, type ChaosProcess, type ChaosStack } from './support/chaos-stack';
import { postLimitOrder, sleep } from './support/drill-http';

// PostgreSQL stalls (SIGSTOP) and then dies (SIGKILL) under order entry. Clients retry with the
// same client_order_id, as a real member's gateway does. The API must answer 503 with Retry-After
// in bounded time instead of queueing without bound or crashing, /health must go red and come back
// without a restart, and every acknowledged order must exist exactly once and reach the book.
const STALL_SECONDS = Number(process.env.BONDX_CHAOS_STALL_SECONDS ?? 20);
// The API gives up on the database after its connect (2 s) and query (5 s) timeouts.
const MAX_ANSWER_MS = 12_000;

let stack: ChaosStack;
let api: ChaosProcess;
let matching: ChaosProcess;
let token: string;

beforeAll(async () => {
  stack = await startChaosStack();
  const env = { BONDX_HEALTH_REQUIRED_WORKERS: 'matching-worker' };
  [api, matching] = await Promise.all([stack.start('api', env), stack.start('matching-worker', env)]);
  token = await stack.login('pd1@bondx.local');
}, 180_000);
let stopLoad: (() => Promise<void>) | undefined;
afterAll(async () => {
  await stopLoad?.();
  await stack?.stop();
}, 60_000);

interface Outcome {
  clientOrderId: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  at: number;
}

/** Order entry by `clients` members' gateways, each retrying its current order until acknowledged. */
function orderLoad(clients: number) {
  const outcomes: Outcome[] = [];
  const acked = new Map<string, string>();
  let running = true;
  const client = async (c: number) => {
    for (let n = 0; running; n++) {
      const clientOrderId = `chaos-db-${c}-${n}`;
      for (;;) {
        const started = Date.now();
        let status = 0;
        let retryAfter: string | null = null;
        try {
          const res = await postLimitOrder(stack.apiUrl, token, {
            bondId: 'BOND_003',
            side: c % 2 ? 'SELL' : 'BUY',
            price: c % 2 ? '120.00' : '80.00',
            clientOrderId,
            timeoutMs: 30_000,
          });
          status = res.status;
          retryAfter = res.headers.get('retry-after');
          if (status === 200 || status === 201)
            acked.set(clientOrderId, ((await res.json()) as { order_id: string }).order_id);
          else await res.arrayBuffer();
        } catch {
          status = -1;
        }
        outcomes.push({ clientOrderId, status, ms: Date.now() - started, retryAfter, at: started });
        if (status === 200 || status === 201) break;
        if (!running) return;
        await sleep(status === 503 ? 500 : 200);
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return {
    outcomes,
    acked,
    async stop() {
      running = false;
      await done;
    },
  };
}

async function healthStatus(): Promise<number> {
  try {
    return (await fetch(`${stack.apiUrl}/health`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return -1;
  }
}

async function untilHealthy(timeoutMs: number): Promise<number> {
  const started = Date.now();
  while ((await healthStatus()) !== 200) {
    if (Date.now() - started > timeoutMs) {
      const body = await (await fetch(`${stack.apiUrl}/health`)).text().catch(String);
      throw new Error(
        `health still red after ${timeoutMs} ms: ${body}\nmatching worker:\n${matching.output().slice(-2000)}`,
      );
    }
    await sleep(250);
  }
  return Date.now() - started;
}

describe('PostgreSQL stalls and dies under order entry', () => {
  test('then the API answers 503 with Retry-After in bounded time, health goes red and recovers, and every acknowledged order exists once and reaches the book', async () => {
    const apiPid = api.pid;
    const load = orderLoad(4);
    stopLoad = load.stop;
    await sleep(3000);
    const ackedBefore = load.acked.size;
    expect(ackedBefore).toBeGreaterThan(0);

    // Stall: the server process is frozen, connections hang rather than fail.
    const stallStart = Date.now();
    stack.pg.signal('SIGSTOP');
    let redDuringStall = false;
    while (Date.now() - stallStart < STALL_SECONDS * 1000) {
      if ((await healthStatus()) === 503) redDuringStall = true;
      await sleep(1000);
    }
    stack.pg.signal('SIGCONT');
    await superviseMatching();
    const stallRecoveryMs = await untilHealthy(60_000);
    await sleep(3000);

    // Crash: the server dies and comes back on the same data directory (crash recovery from WAL).
    const crashStart = Date.now();
    stack.pg.signal('SIGKILL');
    await sleep(3000);
    const redDuringCrash = (await healthStatus()) === 503;
    await stack.pg.restart();
    await superviseMatching();
    const crashRecoveryMs = await untilHealthy(60_000);
    await sleep(3000);
    await load.stop();

    const during = (from: number, to: number) => load.outcomes.filter((o) => o.at >= from && o.at < to);
    const stalled = during(stallStart + 1000, stallStart + STALL_SECONDS * 1000);
    const crashed = during(crashStart + 500, crashStart + 3000);
    const statuses = (os: Outcome[]) => [...new Set(os.map((o) => o.status))].sort();
    const maxMs = (os: Outcome[]) => Math.max(0, ...os.map((o) => o.ms));
    console.log(
      JSON.stringify({
        drill: 'postgres stall and crash',
        requests: load.outcomes.length,
        acknowledged: load.acked.size,
        stall: {
          seconds: STALL_SECONDS,
          requests: stalled.length,
          statuses: statuses(stalled),
          max_answer_ms: maxMs(stalled),
          health_recovery_ms: stallRecoveryMs,
        },
        matching_worker_restarts: matchingRestarts,
        crash: {
          requests: crashed.length,
          statuses: statuses(crashed),
          max_answer_ms: maxMs(crashed),
          health_recovery_ms: crashRecoveryMs,
        },
      }),
    );

    // Bounded, explicit refusals while the database is away; never a crash of the API.
    expect(redDuringStall).toBe(true);
    expect(redDuringCrash).toBe(true);
    expect(api.pid).toBe(apiPid);
    for (const o of [...stalled, ...crashed]) {
      expect(o.ms).toBeLessThan(MAX_ANSWER_MS);
      expect([200, 201, 503]).toContain(o.status);
      if (o.status === 503) expect(Number(o.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(stalled.some((o) => o.status === 503)).toBe(true);
    expect(load.acked.size).toBeGreaterThan(ackedBefore);

    // Nothing acknowledged is lost or doubled, and the matching worker applied every order.
    const rows = await stack.query<{ client_order_id: string; id: string; status: string }>(
      `select client_order_id, id::text, status::text from orders where client_order_id like 'chaos-db-%'`,
    );
    const byClientId = new Map<string, string[]>();
    for (const r of rows)
      byClientId.set(r.client_order_id, [...(byClientId.get(r.client_order_id) ?? []), r.id]);
    for (const [clientOrderId, orderId] of load.acked)
      expect(byClientId.get(clientOrderId)).toEqual([orderId]);
    await superviseMatching();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pending = await stack.query<{ n: number }>(
        `select count(*)::int as n from orders where client_order_id like 'chaos-db-%' and status = 'PENDING_NEW'`,
      );
      if (pending[0]!.n === 0) break;
      if (Date.now() > deadline)
        throw new Error(`${pending[0]!.n} acknowledged orders never reached the book`);
      await sleep(500);
    }
  }, 300_000);
});

/**
 * A worker may exit when its database vanishes (it cannot vouch for its books without it); the
 * orchestrator restarts it, and so does the drill, which counts the restarts.
 */
let matchingRestarts = 0;
async function superviseMatching(): Promise<void> {
  try {
    process.kill(matching.pid, 0);
  } catch {
    matchingRestarts++;
    await matching.restart();
  }
}
