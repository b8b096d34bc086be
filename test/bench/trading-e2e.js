'use strict';
// End to end: authenticated POST /api/v1/trading/orders under load (autocannon) against the real
// API and matching worker processes, PostgreSQL, Redis and a Temporal dev server, all on this
// machine. Reports orders/s, acknowledgement p50/p99 and request-to-`trade`-message p50/p99.
// Goals: 2,000 orders/s, both p99 under 10 ms. Build first (npm run build); bench.sh does.
const net = require('node:net');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const autocannon = require('autocannon');
const WebSocket = require('ws');
const { build } = require('hdr-histogram-js');

const DIST = path.join(__dirname, '../../dist');
const { dropDatabase } = require(path.join(DIST, 'db/database-admin.js'));
const { ensureTemporalCli } = require(path.join(DIST, 'infra/temporal/temporal-cli.js'));
const { startTemporalDevServer } = require(path.join(DIST, 'infra/temporal/dev-server.js'));

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const RATE = Number(process.env.BENCH_ORDERS_PER_SECOND ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const pgBase = (process.env.BONDX_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');

function child(script, env) {
  // BENCH_PROFILE_DIR=dir writes a CPU profile of the API and the matching worker there.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const p = spawn(process.execPath, [...profile, path.join(DIST, script)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (out += d));
  return { p, out: () => out };
}

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen in ${timeoutMs} ms`);
}

async function main() {
  const database = `bondx_bench_${process.pid}`;
  const app = new URL(pgBase);
  app.username = 'bondx_bench_app';
  app.password = 'bondx_bench_app';
  app.pathname = `/${database}`;
  const [apiPort, temporalPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    BONDX_ENVIRONMENT: 'test',
    BONDX_DATABASE_ADMIN_URL: `${pgBase}/${database}`,
    BONDX_DATABASE_URL: app.toString(),
    BONDX_REDIS_PREFIX: `bondx-bench-${process.pid}`,
    BONDX_TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    BONDX_LOG_LEVEL: 'warn',
    BONDX_SECRET_KEY: 'benchmark-secret-of-a-sufficient-length',
    BONDX_RATE_LIMIT_PER_SECOND: '100000',
    BONDX_PORT: String(apiPort),
    BONDX_METRICS_PORT: '0',
  };
  await dropDatabase(env.BONDX_DATABASE_ADMIN_URL);
  for (const cli of ['migrate.js', 'seed.js']) {
    execFileSync(process.execPath, [path.join(DIST, 'db/cli', cli)], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const temporal = await startTemporalDevServer({
    cliPath: ensureTemporalCli((m) => console.log(m)),
    port: temporalPort,
    headless: true,
  });
  const api = child('workers/api.js', env);
  const worker = child('workers/matching-worker.js', { ...env, BONDX_LOG_LEVEL: 'info' });
  const base = `http://127.0.0.1:${apiPort}`;
  try {
    await waitFor('api', async () => (await fetch(`${base}/docs/openapi.json`)).ok);
    await waitFor('matching worker', async () => worker.out().includes('"matching-worker started"'));
    const login = async (username) =>
      (
        await (
          await fetch(`${base}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'bondx-demo' }),
          })
        ).json()
      ).access_token;
    const [buyer, seller] = [await login('trader1@bondx.local'), await login('trader2@bondx.local')];

    // Request-to-trade: each order's send time by client_order_id, closed by its own `trade` message
    // as aggressor on the participant's WebSocket.
    const sentAt = new Map();
    const tradeLatency = build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60_000_000,
      numberOfSignificantValueDigits: 3,
    });
    let trades = 0;
    const sockets = [
      [2, buyer],
      [3, seller],
    ].map(([participant, token]) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/trading/ws/${participant}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString());
        if (m.type !== 'trade' || !m.data.aggressor) return;
        const t0 = sentAt.get(m.data.client_order_id);
        if (t0 === undefined) return;
        sentAt.delete(m.data.client_order_id);
        trades++;
        tradeLatency.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
      });
      return new Promise((resolve) => ws.once('open', () => resolve(ws)));
    });
    const open = await Promise.all(sockets);

    let n = 0;
    const run = (opts) =>
      new Promise((resolve, reject) => {
        const instance = autocannon(
          {
            url: base,
            connections: 32,
            pipelining: 1,
            ...opts,
            requests: [
              {
                method: 'POST',
                path: '/api/v1/trading/orders',
                setupRequest(req) {
                  const i = n++;
                  const buy = i % 2 === 0;
                  const id = `bench-${process.pid}-${i}`;
                  sentAt.set(id, performance.now());
                  return {
                    ...req,
                    headers: {
                      'content-type': 'application/json',
                      authorization: `Bearer ${buy ? buyer : seller}`,
                    },
                    body: JSON.stringify({
                      bond_id: 'BOND_002',
                      side: buy ? 'BUY' : 'SELL',
                      order_type: 'LIMIT',
                      time_in_force: 'DAY',
                      quantity: '10000',
                      price: '99.0000',
                      client_order_id: id,
                    }),
                  };
                },
              },
            ],
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        autocannon.track(instance, {
          renderProgressBar: false,
          renderResultsTable: false,
          renderLatencyTable: false,
        });
      });

    const report = (label, r) => {
      const ok = r['2xx'];
      console.log(
        `${label}: ${ok} orders acknowledged (non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}) ` +
          `in ${r.duration.toFixed(1)} s = ${(ok / r.duration).toFixed(0)} orders/s; ` +
          `acknowledgement p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
      );
    };
    await run({ duration: 3, overallRate: 500 }); // warm-up: JIT, pools, first book
    tradeLatency.reset();
    trades = 0;
    const steady = await run({ duration: SECONDS, overallRate: RATE });
    await new Promise((r) => setTimeout(r, 1000));
    report(`fixed rate ${RATE}/s for ${SECONDS} s`, steady);
    const pct = (p) => (tradeLatency.getValueAtPercentile(p) / 1000).toFixed(2);
    console.log(
      `request-to-trade (aggressor's own trade message): ${trades} trades, p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`,
    );
    tradeLatency.reset();
    trades = 0;
    const flat = await run({ duration: 10 });
    await new Promise((r) => setTimeout(r, 1000));
    report('unthrottled, 32 connections, 10 s', flat);
    console.log(`request-to-trade unthrottled: ${trades} trades, p50 ${pct(50)} ms, p99 ${pct(99)} ms`);
    open.forEach((ws) => ws.close());
  } finally {
    api.p.kill('SIGTERM');
    worker.p.kill('SIGTERM');
    await Promise.all(
      [api.p, worker.p].map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)))),
    );
    await temporal.stop();
    await dropDatabase(env.BONDX_DATABASE_ADMIN_URL);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
