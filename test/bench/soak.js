'use strict';
// `npm run soak`: order entry at half the measured capacity for a long while (30 minutes unless
// told), sampling each process's memory, the acknowledgement p99, the database connections and
// the queue sizes, then a verdict on whether they stayed flat. Figures, not pass/fail.
//   node test/bench/soak.js [--minutes 30] [--rate N] [--sample-seconds 30]
// Without --rate a short ramp (as bench:load's, 5 s steps) measures the capacity first.
// Queue sizes: risk jobs waiting or running, and matching commands not yet applied; the command
// streams also retain applied entries up to their trim cap, printed for information.
// Runs the API, the matching worker and the risk worker on the machine's PostgreSQL and Redis
// (own database and prefix) and a Temporal dev server of its own. Build first (npm run build).
const os = require('node:os');
const { startBenchStack, orderLoad, ramp, stepFigures, sleep } = require('./support/bench-stack');
const { option } = require('./support/bench-options');

const MINUTES = option('minutes', 30);
const SAMPLE_SECONDS = option('sample-seconds', 30);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/**
 * Flat: the last quarter of the samples against the first (the first sample is warm-up and left
 * out). Memory may grow 20% or 40 MiB, the p99 double or grow 5 ms; connections and queue depth
 * must not exceed the early maximum by more than a little.
 */
function verdict(samples) {
  const body = samples.slice(1);
  const q = Math.max(1, Math.floor(body.length / 4));
  const first = body.slice(0, q);
  const last = body.slice(-q);
  const lines = [];
  const judge = (what, early, late, ok) =>
    lines.push(`  ${ok ? 'flat   ' : 'GROWING'} ${what}: first quarter ${early}, last quarter ${late}`);
  for (const kind of Object.keys(body[0]?.memory ?? {})) {
    const e = median(first.map((s) => s.memory[kind]));
    const l = median(last.map((s) => s.memory[kind]));
    judge(`RSS ${kind} (median MiB)`, e.toFixed(0), l.toFixed(0), l <= Math.max(e * 1.2, e + 40));
  }
  const p99e = median(first.map((s) => s.ack_p99));
  const p99l = median(last.map((s) => s.ack_p99));
  judge('ack p99 (median ms)', p99e, p99l, p99l <= Math.max(p99e * 2, p99e + 5));
  const dbE = Math.max(...first.map((s) => s.db_connections));
  const dbL = Math.max(...last.map((s) => s.db_connections));
  judge('database connections (max)', dbE, dbL, dbL <= dbE + 2);
  for (const key of ['risk_jobs', 'command_backlog']) {
    const e = Math.max(...first.map((s) => s.queues[key]));
    const l = Math.max(...last.map((s) => s.queues[key]));
    judge(`${key} (max)`, e, l, l <= Math.max(e * 2, e + 50));
  }
  const retained = (xs) => Math.max(...xs.map((s) => s.queues.stream_entries_retained));
  lines.push(
    `  info    command stream entries retained (max): first quarter ${retained(first)}, last quarter ${retained(last)}` +
      ' (applied entries stay until the MAXLEN ~ 1,000,000 trim of each stream)',
  );
  return lines;
}

async function main() {
  console.log(
    `soak on ${os.cpus().length} cores (${os.cpus()[0].model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadAverage()}`,
  );
  const stack = await startBenchStack({ workers: ['matching-worker', 'risk-worker'] });
  try {
    const load = await orderLoad(stack);
    await load.at(300, 3);
    let rate = option('rate', undefined);
    if (rate === undefined) {
      const { capacity } = await ramp(load, {
        rates: [50, 100, 200, 400, 700, 1000, 1500, 2000, 3000, 4000],
        seconds: 5,
        log: (s) =>
          console.log(`  capacity probe ${s.target}/s: achieved ${s.achieved}/s, ack p99 ${s.ack_p99} ms`),
      });
      rate = Math.max(10, Math.round(capacity / 2));
      console.log(`  capacity ${capacity} orders/s: the soak runs at half`);
    }
    console.log(`== soak: ${rate} orders/s for ${MINUTES} min, a sample every ${SAMPLE_SECONDS} s`);
    console.log(
      '  min  orders/s  errors  ack p50/p99/p99.9 ms  ws p99 ms  db conns  risk jobs  command backlog  stream entries  RSS MiB',
    );
    const samples = [];
    const end = Date.now() + MINUTES * 60_000;
    const t0 = Date.now();
    // Ctrl-C ends the soak early, still with its verdict and a clean stop.
    let interrupted = false;
    process.once('SIGINT', () => (interrupted = true));
    while (Date.now() < end && !interrupted) {
      const seconds = Math.max(1, Math.min(SAMPLE_SECONDS, Math.round((end - Date.now()) / 1000)));
      // Queue sizes peak between samples: their maximum over the window is what is kept.
      const peak = { risk_jobs: 0, command_backlog: 0, stream_entries_retained: 0 };
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const q = await stack.queues();
          for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], q[k]);
          await sleep(1000);
        }
      })();
      const step = stepFigures(rate, await load.at(rate, seconds), load.delivery);
      sampling = false;
      await sampler;
      const sample = {
        minute: (Date.now() - t0) / 60_000,
        ...step,
        db_connections: await stack.databaseConnections(),
        queues: { ...peak },
        memory: stack.memory(),
      };
      samples.push(sample);
      console.log(
        `  ${sample.minute.toFixed(1).padStart(4)}  ${String(step.achieved).padStart(8)}  ${String(step.non2xx).padStart(6)}  ${`${step.ack_p50}/${step.ack_p99}/${step.ack_p999}`.padStart(20)}` +
          `  ${String(step.ws_p99).padStart(9)}  ${String(sample.db_connections).padStart(8)}  ${String(peak.risk_jobs).padStart(14)}` +
          `  ${String(peak.command_backlog).padStart(15)}  ${String(peak.stream_entries_retained).padStart(14)}  ${Object.entries(
            sample.memory,
          )
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(', ')}`,
      );
    }
    load.close();
    console.log(`== verdict over ${samples.length} samples (load average ${loadAverage()}):`);
    if (samples.length < 3) console.log('  too few samples for a verdict');
    else for (const line of verdict(samples)) console.log(line);
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
