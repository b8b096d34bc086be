'use strict';
// A whole BondX for load runs: the built API and worker processes on the machine's PostgreSQL
// (a throw-away database bondx_bench_<pid>) and Redis (a prefix of its own), with a Temporal dev
// server of its own; plus the order load generator and the WebSocket latency probe that
// bench:load and soak share. Build first (npm run build).
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { spawn, execFileSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const autocannon = require('autocannon');
const WebSocket = require('ws');
const { Client } = require('pg');
const { Redis } = require('ioredis');
const { Queue } = require('bullmq');
const { build } = require('hdr-histogram-js');

const DIST = path.join(__dirname, '../../../dist');
const { dropDatabase } = require(path.join(DIST, 'db/database-admin.js'));
const { ensureTemporalCli } = require(path.join(DIST, 'infra/temporal/temporal-cli.js'));
const { startTemporalDevServer } = require(path.join(DIST, 'infra/temporal/dev-server.js'));
const { QUEUES } = require(path.join(DIST, 'platform/queues.js'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitFor(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not happen in ${timeoutMs} ms`);
}

/** Resident memory of a process in MiB, from /proc (0 once it is gone). */
function rssMiB(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return line ? Number(line[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * `nodeArgs` go to every BondX process's node (e.g. --cpu-prof); `apiLogLevel` is the API's log
 * level (workers log at info: their start line is what the stack waits for); `rateLimitPerSecond`
 * is the API's per-participant limit (high by default: the order load sends as two members).
 */
async function startBenchStack({
  workers = ['matching-worker'],
  nodeArgs = [],
  apiLogLevel = 'info',
  rateLimitPerSecond = 100_000,
} = {}) {
  const pgBase = (process.env.BONDX_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const database = `bondx_bench_${process.pid}`;
  const app = new URL(pgBase);
  app.username = 'bondx_bench_app';
  app.password = 'bondx_bench_app';
  app.pathname = `/${database}`;
  const [apiPort, temporalPort] = [await freePort(), await freePort()];
  const prefix = `bondx-bench-${process.pid}`;
  const env = {
    ...process.env,
    BONDX_ENVIRONMENT: 'test',
    BONDX_DATABASE_ADMIN_URL: `${pgBase}/${database}`,
    BONDX_DATABASE_URL: app.toString(),
    BONDX_REDIS_PREFIX: prefix,
    BONDX_TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    BONDX_LOG_LEVEL: 'warn',
    BONDX_SECRET_KEY: 'benchmark-secret-of-a-sufficient-length',
    BONDX_RATE_LIMIT_PER_SECOND: String(rateLimitPerSecond),
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
  const processes = new Map();
  const launch = (kind) => {
    const p = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'workers', `${kind}.js`)], {
      env: { ...env, BONDX_LOG_LEVEL: kind === 'api' ? apiLogLevel : 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // Only the start line matters; the rest is dropped so a long soak does not hoard logs.
    const keep = (d) => {
      if (out.length < 20_000) out += d;
    };
    p.stdout.on('data', keep);
    p.stderr.on('data', keep);
    processes.set(kind, { p, out: () => out });
    return processes.get(kind);
  };
  const base = `http://127.0.0.1:${apiPort}`;
  const admin = new Client({ connectionString: env.BONDX_DATABASE_ADMIN_URL });
  const redis = new Redis(process.env.BONDX_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const riskQueue = new Queue(QUEUES.riskRecompute, { connection: redis, prefix });
  const stack = {
    base,
    env,
    prefix,
    riskQueue,
    async startWorker(kind) {
      const w = launch(kind);
      await waitFor(kind, async () => w.out().includes(`"${kind} started"`));
    },
    async login(username, password = 'bondx-demo') {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
      return (await res.json()).access_token;
    },
    /** One authenticated API call with a JSON body (the caller reads the answer). */
    call(method, path, { token, body } = {}) {
      return fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    /** The process id of a started BondX process ('api' or a worker's name). */
    pid(kind) {
      return processes.get(kind).p.pid;
    },
    async query(sql, args = []) {
      return (await admin.query(sql, args)).rows;
    },
    /** RSS in MiB of each BondX process and of the Temporal server. */
    memory() {
      const out = {};
      for (const [kind, { p }] of processes) out[kind] = rssMiB(p.pid);
      out.temporal = rssMiB(temporal.process.pid);
      return out;
    },
    /** Connections to this run's database, whoever holds them. */
    async databaseConnections() {
      const [row] = await stack.query(
        'select count(*)::int as n from pg_stat_activity where datname = current_database()',
      );
      return row.n - 1;
    },
    /**
     * Risk jobs waiting or running; matching commands not yet applied (each stream's consumer-group
     * lag plus its pending entries); and the entries the streams retain (trimmed only at a cap).
     */
    async queues() {
      const counts = await riskQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const streams = await redis.keys(`${prefix}:trading:commands:*`);
      let backlog = 0;
      let retained = 0;
      for (const key of streams) {
        retained += await redis.xlen(key);
        for (const group of await redis.xinfo('GROUPS', key)) {
          const field = (name) => Number(group[group.indexOf(name) + 1] ?? 0);
          backlog += field('pending') + field('lag');
        }
      }
      return {
        risk_jobs: counts.waiting + counts.active + counts.delayed + counts.prioritized,
        command_backlog: backlog,
        stream_entries_retained: retained,
      };
    },
    async stop() {
      for (const { p } of processes.values()) p.kill('SIGTERM');
      await Promise.all(
        [...processes.values()].map(
          ({ p }) =>
            new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', r))),
        ),
      );
      await riskQueue.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await admin.end();
      await temporal.stop();
      await dropDatabase(env.BONDX_DATABASE_ADMIN_URL);
    },
  };
  launch('api');
  await waitFor('api', async () => (await fetch(`${base}/docs/openapi.json`)).ok);
  await admin.connect();
  for (const kind of workers) await stack.startWorker(kind);
  return stack;
}

/** CPU time (user + system, ms) a process has used so far: unlike wall-clock latency it does not grow
 * when other processes load the machine, so it compares request costs across noisy runs. Linux only. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const histogram = () =>
  build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });

/** POSTs one order over a keep-alive agent; its status code, or null when the request failed. */
function postOrder(agent, url, o) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/v1/trading/orders',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(o.body),
          authorization: `Bearer ${o.token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(null));
    req.end(o.body);
  });
}

/**
 * Crossing limit orders on one bond from two members, evenly paced at a fixed rate (or closed loop
 * through autocannon), with each order's first private WebSocket event that `timed` accepts (any,
 * unless told) timed from its send: the acknowledgement latency in the answer, the delivery latency
 * (microseconds) in the histogram `delivery`. Each step waits `settleMs` for late events before it answers.
 */
async function orderLoad(stack, { bond = 'BOND_002', timed = () => true, settleMs = 500 } = {}) {
  const traders = [
    { user: 'trader1@bondx.local', participant: 2 },
    { user: 'trader2@bondx.local', participant: 3 },
  ];
  const sentAt = new Map();
  const delivery = histogram();
  let sockets = [];
  let loggedInAt = 0;
  // Access tokens live 15 minutes and a socket closes when its token expires: a long run logs in
  // again, and reopens its sockets, every 10 minutes.
  const refresh = async () => {
    if (Date.now() - loggedInAt < 10 * 60_000) return;
    for (const t of traders) t.token = await stack.login(t.user);
    loggedInAt = Date.now();
    sockets.forEach((ws) => ws.close());
    sockets = await Promise.all(traders.map(openSocket));
  };
  const openSocket = (t) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${stack.base.replace('http', 'ws')}/api/v1/trading/ws/${t.participant}`, {
        headers: { authorization: `Bearer ${t.token}` },
      });
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString());
        if (!timed(m)) return;
        const cid = m.data && m.data.client_order_id;
        const t0 = cid === undefined ? undefined : sentAt.get(cid);
        if (t0 === undefined) return;
        sentAt.delete(cid);
        delivery.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
      });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  await refresh();
  let n = 0;
  const order = (i) => {
    const buy = i % 2 === 0;
    const id = `load-${process.pid}-${i}`;
    return {
      id,
      token: traders[buy ? 0 : 1].token,
      body: JSON.stringify({
        bond_id: bond,
        side: buy ? 'BUY' : 'SELL',
        order_type: 'LIMIT',
        time_in_force: 'DAY',
        quantity: '10000',
        price: '99.0000',
        client_order_id: id,
      }),
    };
  };
  const run = (opts) =>
    new Promise((resolve, reject) => {
      const instance = autocannon(
        {
          url: stack.base,
          connections: 32,
          pipelining: 1,
          ...opts,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/trading/orders',
              setupRequest(req) {
                const o = order(n++);
                sentAt.set(o.id, performance.now());
                return {
                  ...req,
                  headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
                  body: o.body,
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
  // Open loop at a fixed rate: autocannon's rate limit lets each connection send its quota for the
  // second at once and then wait, so its "fixed rate" is a burst every second and measures the
  // queue of that burst. Here order i is due at start + i / rate, whatever the answers before it,
  // and its latency runs from when it was due (a late send counts its lateness).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(stack.base);
  const paced = async (rate, seconds) => {
    const acked = histogram();
    const counts = { ok: 0, non2xx: 0, errors: 0 };
    const total = Math.round(rate * seconds);
    const answers = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait >= 1) await sleep(wait);
      const o = order(n++);
      sentAt.set(o.id, due);
      answers.push(
        postOrder(agent, url, o).then((status) => {
          if (status === null) counts.errors++;
          else if (status >= 200 && status < 300) counts.ok++;
          else counts.non2xx++;
          if (status !== null) acked.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
        }),
      );
    }
    await Promise.all(answers);
    const ms = (p) => Number((acked.getValueAtPercentile(p) / 1000).toFixed(2));
    return {
      '2xx': counts.ok,
      non2xx: counts.non2xx,
      errors: counts.errors,
      timeouts: 0,
      duration: (performance.now() - start) / 1000,
      latency: { p50: ms(50), p99: ms(99), p99_9: ms(99.9), max: ms(100) },
    };
  };
  return {
    delivery,
    /**
     * Orders at `rate` per second, evenly paced (as fast as they are answered, autocannon with 32
     * connections, when undefined) for `seconds`; answers autocannon's result shape (latencies in ms).
     */
    async at(rate, seconds) {
      await refresh();
      delivery.reset();
      sentAt.clear();
      const result = rate === undefined ? await run({ duration: seconds }) : await paced(rate, seconds);
      await sleep(settleMs);
      return result;
    },
    close() {
      sockets.forEach((ws) => ws.close());
      agent.destroy();
    },
  };
}

/** The figures of one fixed-rate step. */
function stepFigures(rate, r, delivery) {
  const ms = (p) => delivery.getValueAtPercentile(p) / 1000;
  return {
    target: rate,
    achieved: Math.round(r['2xx'] / r.duration),
    non2xx: r.non2xx + r.errors + r.timeouts,
    ack_p50: r.latency.p50,
    ack_p99: r.latency.p99,
    ack_p999: r.latency.p99_9,
    ws_p50: Number(ms(50).toFixed(2)),
    ws_p99: Number(ms(99).toFixed(2)),
    ws_events: delivery.totalCount,
  };
}

/**
 * Raises the rate step by step until the acknowledgement p99 passes `p99LimitMs` (after a step
 * within it) or the achieved rate stops rising; answers every step, the highest rate sustained within the limit (null when
 * none was) and the capacity: that rate, or else the highest rate achieved at all.
 */
async function ramp(load, { rates, seconds, p99LimitMs = 10, log = () => undefined }) {
  const steps = [];
  let sustained = null;
  for (const rate of rates) {
    const step = stepFigures(rate, await load.at(rate, seconds), load.delivery);
    steps.push(step);
    log(step);
    const within = step.ack_p99 <= p99LimitMs && step.non2xx === 0;
    if (within && (!sustained || step.achieved > sustained.achieved)) sustained = step;
    const previous = steps[steps.length - 2];
    const saturated = step.achieved < rate * 0.9 || (previous && step.achieved <= previous.achieved);
    // Past the limit once a step was within it; a machine too busy for any step goes on until it
    // saturates, so the capacity is still measured.
    if (saturated || (!within && sustained)) break;
  }
  const capacity = sustained?.achieved ?? Math.max(...steps.map((s) => s.achieved));
  return { steps, sustained, capacity };
}

module.exports = { startBenchStack, orderLoad, ramp, stepFigures, sleep, cpuMs };
