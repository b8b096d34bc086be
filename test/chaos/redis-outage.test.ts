import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startChaosStack, type ChaosStack } from './support/chaos-stack';
import { startScratchRedis } from './support/scratch-services';

// Redis is the transport, PostgreSQL the record: when Redis dies holding command-stream entries
// and risk jobs nobody has consumed yet, and comes back empty, everything that was acknowledged
// is re-driven from PostgreSQL. A Redis configured to evict keys is refused at start.

let stack: ChaosStack;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startChaosStack();
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: unknown[] } };
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
  explain: () => Promise<string> = async () => '',
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms ${await explain()}`);
    await sleep(500);
  }
}

describe('Redis dies with work pending', () => {
  test('then acknowledged orders and risk runs that only Redis knew to deliver are re-driven from PostgreSQL', async () => {
    const env = { BONDX_HEALTH_REQUIRED_WORKERS: 'matching-worker,risk-worker' };
    await stack.start('api', env);
    const token = await stack.login('pd1@bondx.local');

    // Nobody consumes yet: the orders sit in the command stream, the run in the queue.
    const orders: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await call(token, 'POST', '/api/v1/trading/orders', {
        bond_id: 'BOND_004',
        side: i % 2 ? 'SELL' : 'BUY',
        order_type: 'LIMIT',
        time_in_force: 'GTC',
        quantity: 10000,
        price: i % 2 ? '130.00' : '70.00',
        client_order_id: `chaos-redis-${i}`,
      });
      expect(res.status).toBe(201);
      orders.push(String(res.body.order_id));
    }
    const portfolio = await call(token, 'POST', '/api/v1/risk/portfolios', {
      name: 'Redis drill',
      positions: [{ bond_id: 'BOND_001', quantity: '30000000' }],
    });
    expect(portfolio.status).toBe(201);
    const portfolioId = Number(portfolio.body.portfolio_id);
    const run = await call(token, 'POST', `/api/v1/risk/portfolios/${portfolioId}/risk`, {
      method: 'PARAMETRIC',
      confidence_level: 0.95,
      time_horizon: 1,
      lookback_days: 20,
    });
    expect(run.status).toBe(202);
    const runId = String(run.body.run_id ?? run.body.id);

    stack.redis.signal('SIGKILL');
    await sleep(500);
    await stack.redis.restart();
    expect(
      execFileSync('redis-cli', ['-p', String(stack.redis.port), 'dbsize'], { encoding: 'utf8' }).trim(),
    ).toBe('0');

    const started = Date.now();
    const [, riskWorker] = await Promise.all([
      stack.start('matching-worker', env),
      stack.start('risk-worker', env),
    ]);
    await until('every acknowledged order in the book', async () => {
      const [row] = await stack.query<{ n: number }>(
        `select count(*)::int as n from orders where id = any($1::uuid[]) and status = 'NEW'`,
        [orders],
      );
      return row!.n === orders.length;
    });
    const ordersMs = Date.now() - started;
    await until(
      'the risk run completed',
      async () => {
        const [row] = await stack.query<{ status: string }>(
          `select status::text from risk_runs where id = $1`,
          [runId],
        );
        return row?.status === 'COMPLETED';
      },
      60_000,
      async () =>
        `run ${runId}: ${JSON.stringify(await stack.query('select status, error from risk_runs where id::text = $1', [runId]))}\n${riskWorker.output().slice(-3000)}`,
    );
    console.log(
      JSON.stringify({
        drill: 'redis lost',
        orders: orders.length,
        orders_redriven_ms: ordersMs,
        risk_run_redriven_ms: Date.now() - started,
      }),
    );

    // Each order applied once: one accepted event per order in the journal.
    const [events] = await stack.query<{ n: number; distinct_orders: number }>(
      `select count(*)::int as n, count(distinct order_id)::int as distinct_orders from order_events
        where order_id = any($1::uuid[]) and type = 'ACCEPTED'`,
      [orders],
    );
    expect(events).toEqual({ n: orders.length, distinct_orders: orders.length });
  }, 240_000);

  test('when Redis may evict keys, then a process refuses to start and says why', async () => {
    const evicting = await startScratchRedis(['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']);
    try {
      let output = '';
      try {
        execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'workers', 'risk-worker.js')], {
          env: { ...process.env, ...stack.env, BONDX_REDIS_URL: evicting.url },
          encoding: 'utf8',
          timeout: 60_000,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (err) {
        const e = err as { status: number; stdout: string; stderr: string };
        expect(e.status).not.toBe(0);
        output = e.stdout + e.stderr;
      }
      expect(output).toMatch(/maxmemory-policy allkeys-lru.*noeviction/);
    } finally {
      await evicting.stop();
    }
  }, 90_000);
});
