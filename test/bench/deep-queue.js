'use strict';
/**
 * Cancel cost against queue depth: N resting orders at ONE price, then K cancels taken from the
 * front, the middle and the back of that queue. With an intrusive list and an id index each
 * cancel is O(1), so ns/op should not depend on the position, and grow with N only as memory
 * does (cache misses), never in proportion to N. Each cancel is timed on its own and the median
 * reported, so one JIT or collector pause cannot swamp a cell.
 *
 * The orders at the back of a fresh queue were allocated last and are still in cache, which
 * would flatter back-of-queue cancels; so before each timed loop a 64 MB buffer is read to evict
 * the book from the caches, and every position is measured equally cold.
 *
 *   node --expose-gc test/bench/deep-queue.js        (after `npx tsc -p tsconfig.build.json`)
 */
const adapter = require('./orderbook-adapter');

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const K = 1_000;
const PRICE = 10_000;
const evict = new Float64Array(8 << 20);

function idsFor(position, n) {
  const ids = new Uint32Array(K);
  const mid = Math.floor(n / 2) - K / 2;
  for (let i = 0; i < K; i++) {
    if (position === 'front')
      ids[i] = 1 + i; // each cancel removes the current head
    else if (position === 'back')
      ids[i] = n - i; // each cancel removes the current tail
    else ids[i] = 1 + mid + ((i * 7919) % K); // scattered around the middle
  }
  return ids;
}

function measure(n, position) {
  const engine = adapter.create();
  for (let id = 1; id <= n; id++) engine.limit(0, id, PRICE, 1 + (id % 50));
  const ids = idsFor(position, n);
  if (global.gc) global.gc(); // no collector work from building the queue inside the timed loop
  let sink = 0;
  for (let i = 0; i < evict.length; i += 8) sink += evict[i];
  const lat = new Float64Array(K);
  let hits = 0;
  for (let i = 0; i < K; i++) {
    const t0 = process.hrtime.bigint();
    if (engine.cancel(ids[i])) hits++;
    lat[i] = Number(process.hrtime.bigint() - t0);
  }
  if (hits !== K || sink !== 0) throw new Error(`only ${hits} of ${K} cancels hit`);
  return lat.sort()[K >> 1];
}

function main() {
  for (const pos of ['front', 'middle', 'back']) measure(10_000, pos); // warm-up: JIT the paths
  console.log(
    `cancel latency at one price level: median of ${K} timed cancels, median of 5 books (ns, events on,`,
  );
  console.log("hrtime pair overhead of ~40 ns included; caches evicted before each book's cancels)");
  console.log('queue length   front   middle    back');
  for (const n of SIZES) {
    const cells = ['front', 'middle', 'back'].map((pos) => {
      const runs = [1, 2, 3, 4, 5].map(() => measure(n, pos)).sort((a, b) => a - b);
      return runs[2].toFixed(0).padStart(7);
    });
    console.log(`${String(n).padStart(12)} ${cells.join(' ')}`);
  }
}

main();
