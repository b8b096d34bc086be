'use strict';
// End to end: authenticated POST /api/v1/trading/orders under load (evenly paced at a fixed rate,
// then closed loop through autocannon) against the real API and matching worker processes,
// PostgreSQL, Redis and a Temporal dev server, all on this machine. Reports orders/s, acknowledgement p50/p99 and request-to-`trade`-message p50/p99.
// Goals: 2,000 orders/s, both p99 under 10 ms. Build first (npm run build); bench.sh does.
const { startBenchStack, orderLoad, cpuMs } = require('./support/bench-stack');

const RATE = Number(process.env.BENCH_ORDERS_PER_SECOND ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

async function main() {
  const stack = await startBenchStack({
    // BENCH_PROFILE_DIR=dir writes a CPU profile of the API and the matching worker there.
    nodeArgs: process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [],
    apiLogLevel: 'warn',
  });
  try {
    // Request-to-trade: each order's send time by client_order_id, closed by its own `trade` message
    // as aggressor on the participant's WebSocket.
    const load = await orderLoad(stack, {
      timed: (m) => m.type === 'trade' && m.data.aggressor,
      settleMs: 1000,
    });
    const tradeLatency = load.delivery;

    const report = (label, r, cpu) => {
      const ok = r['2xx'];
      console.log(
        `${label}: ${ok} orders acknowledged (non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}) ` +
          `in ${r.duration.toFixed(1)} s = ${(ok / r.duration).toFixed(0)} orders/s; ` +
          `acknowledgement p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
          `CPU per order: API ${(cpu.api / ok).toFixed(2)} ms, matching worker ${(cpu.worker / ok).toFixed(2)} ms`,
      );
    };
    // Reads before a phase; the returned function gives the CPU both processes used since.
    const cpuSince = () => {
      const [api, worker] = [stack.pid('api'), stack.pid('matching-worker')];
      const [api0, worker0] = [cpuMs(api), cpuMs(worker)];
      return () => ({ api: cpuMs(api) - api0, worker: cpuMs(worker) - worker0 });
    };
    await load.at(500, 3); // warm-up: JIT, pools, first book
    let cpu = cpuSince();
    const steady = await load.at(RATE, SECONDS);
    report(`fixed rate ${RATE}/s for ${SECONDS} s`, steady, cpu());
    const pct = (p) => (tradeLatency.getValueAtPercentile(p) / 1000).toFixed(2);
    console.log(
      `request-to-trade (aggressor's own trade message): ${tradeLatency.totalCount} trades, p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`,
    );
    cpu = cpuSince();
    const flat = await load.at(undefined, 10);
    report('unthrottled, 32 connections, 10 s', flat, cpu());
    console.log(
      `request-to-trade unthrottled: ${tradeLatency.totalCount} trades, p50 ${pct(50)} ms, p99 ${pct(99)} ms`,
    );
    load.close();
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
