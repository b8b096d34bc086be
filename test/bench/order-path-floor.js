'use strict';
// The floor of the order path on this machine: the least any implementation of our architecture
// must do per order, measured with the same paced load and WebSocket probe as load.js.
//   node test/bench/order-path-floor.js [--seconds 10] [--rates 200,500,1000,1500,2000,3000]
// A bare node:http server (no framework, no validation, no logging) answers each POST after one
// Redis round trip (the session and rate-limit check) and a group-committed insert into PostgreSQL,
// then appends the order to a Redis stream; a bare worker reads the stream, journals each batch in
// PostgreSQL and publishes it; the server forwards each event to the member's WebSocket. No matching,
// no pre-trade checks: whatever this cannot reach at a given latency, the real API cannot either.
// Build first (npm run build): the load generator is bench-stack's.
const http = require('node:http');
const { spawn } = require('node:child_process');
const { Client, Pool } = require('pg');
const { Redis } = require('ioredis');
const { WebSocketServer } = require('ws');
const { orderLoad, stepFigures, cpuMs } = require('./support/bench-stack');
const { StatementBatcher } = require('../../dist/platform/statement-batcher');

const PG_BASE = (process.env.BONDX_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const REDIS_URL = process.env.BONDX_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PARTICIPANTS = { 'trader1@bondx.local': 2, 'trader2@bondx.local': 3 };

function server({ database, prefix }) {
  const pg = new Pool({ connectionString: `${PG_BASE}/${database}`, max: 4 });
  const redis = new Redis(REDIS_URL, { enableAutoPipelining: true });
  const subscriber = new Redis(REDIS_URL);
  // The same group commit as the API's order insert.
  const batcher = new StatementBatcher(async (orders) => {
    const r = await pg.query({
      name: 'insert-orders',
      text: `insert into floor_orders (participant_id, client_order_id, body)
             select * from unnest($1::int[], $2::text[], $3::jsonb[]) returning id::text, client_order_id`,
      values: [
        orders.map((o) => o.participant),
        orders.map((o) => o.client_order_id),
        orders.map((o) => o.body),
      ],
    });
    const ids = new Map(r.rows.map((row) => [row.client_order_id, row.id]));
    return orders.map((o) => ids.get(o.client_order_id));
  });
  const httpServer = http.createServer((req, res) => {
    if (req.method !== 'POST') return res.writeHead(404).end();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const token = (req.headers.authorization ?? '').slice('Bearer '.length);
      const participant = PARTICIPANTS[token];
      // The session and the per-member rate count in one round trip, as the real guard does.
      try {
        const [[, live]] = await redis
          .multi()
          .exists(`${prefix}:session:${token}`)
          .incr(`${prefix}:rl:${participant}`)
          .exec();
        if (!live) return res.writeHead(401).end();
        const body = JSON.parse(Buffer.concat(chunks).toString());
        const id = await batcher.submit({ participant, client_order_id: body.client_order_id, body });
        const answer = JSON.stringify({ id, ...body, status: 'PENDING_NEW' });
        res.writeHead(201, { 'content-type': 'application/json' }).end(answer);
        void redis.xadd(`${prefix}:commands`, '*', 'order', JSON.stringify({ id, participant, ...body }));
      } catch {
        res.writeHead(503).end();
      }
    });
  });
  const sockets = new Map();
  const wss = new WebSocketServer({ server: httpServer });
  wss.on('connection', (ws, req) => {
    const participant = Number(req.url.split('/').pop());
    sockets.set(participant, ws);
  });
  let sequence = 0;
  subscriber.subscribe(`${prefix}:events`);
  subscriber.on('message', (_channel, message) => {
    for (const e of JSON.parse(message)) {
      const data = { client_order_id: e.client_order_id, order_id: e.id, status: 'NEW' };
      sockets.get(e.participant)?.send(
        JSON.stringify({
          type: 'order_update',
          timestamp: new Date().toISOString(),
          sequence: ++sequence,
          data,
        }),
      );
    }
  });
  httpServer.listen(0, '127.0.0.1', () => process.send(httpServer.address().port));
}

function worker({ database, prefix }) {
  const pg = new Client({ connectionString: `${PG_BASE}/${database}` });
  const redis = new Redis(REDIS_URL);
  const stream = `${prefix}:commands`;
  const run = async () => {
    await pg.connect();
    await redis.xgroup('CREATE', stream, 'floor', '0', 'MKSTREAM');
    process.send('ready');
    for (;;) {
      const read = await redis.xreadgroup(
        'GROUP',
        'floor',
        'w',
        'COUNT',
        1000,
        'BLOCK',
        0,
        'STREAMS',
        stream,
        '>',
      );
      const entries = read[0][1];
      const orders = entries.map(([, fields]) => JSON.parse(fields[1]));
      await pg.query('begin');
      await pg.query({
        name: 'journal',
        text: `insert into floor_journal (order_id, state) select * from unnest($1::uuid[], $2::text[])`,
        values: [orders.map((o) => o.id), orders.map(() => 'NEW')],
      });
      await pg.query('commit');
      await redis.publish(`${prefix}:events`, JSON.stringify(orders));
      await redis.xack(stream, 'floor', ...entries.map(([id]) => id));
    }
  };
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) =>
    args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback;
  const seconds = Number(option('seconds', 10));
  const rates = option('rates', '200,500,1000,1500,2000,3000').split(',').map(Number);
  const database = `bondx_floor_${process.pid}`;
  const prefix = `bondx-floor-${process.pid}`;
  const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const db = new Client({ connectionString: `${PG_BASE}/${database}` });
  await db.connect();
  await db.query(`create table floor_orders (
      id uuid primary key default gen_random_uuid(), participant_id int not null, client_order_id text not null,
      body jsonb not null, created_at timestamptz not null default now(), unique (participant_id, client_order_id));
    create table floor_journal (sequence bigserial primary key, order_id uuid not null references floor_orders,
      state text not null, at timestamptz not null default now())`);
  await db.end();
  const redis = new Redis(REDIS_URL);
  for (const token of Object.keys(PARTICIPANTS)) await redis.set(`${prefix}:session:${token}`, '1');
  const children = [];
  const start = (role) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [__filename, role, database, prefix], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      child.once('message', resolve);
    });
  try {
    await start('worker');
    const port = await start('server');
    const stack = { base: `http://127.0.0.1:${port}`, login: async (user) => user };
    const load = await orderLoad(stack);
    await load.at(500, 3); // warm-up: JIT, pools
    // Every rate is run (no early stop as in load.js): the tail at each rate is the point.
    const [server, worker] = children.map((c) => c.pid);
    for (const rate of rates) {
      const [server0, worker0] = [cpuMs(server), cpuMs(worker)];
      const step = stepFigures(rate, await load.at(rate, seconds), load.delivery);
      const perOrder = (ms) => Number((ms / (step.achieved * seconds)).toFixed(2));
      step.server_cpu_ms_per_order = perOrder(cpuMs(server) - server0);
      step.worker_cpu_ms_per_order = perOrder(cpuMs(worker) - worker0);
      console.log(JSON.stringify(step));
    }
    load.close();
  } finally {
    children.forEach((c) => c.kill());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

const [role, database, prefix] = process.argv.slice(2);
if (role === 'server') server({ database, prefix });
else if (role === 'worker') worker({ database, prefix });
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
