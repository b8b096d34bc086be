#!/usr/bin/env bash
# `npm run bench`: speed figures, not pass/fail tests. Each prints its own results; run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/bin/install-deps.sh
npx tsc -p tsconfig.build.json
yardstick=../shared/bench/orderbook
if [ -f "$yardstick/bench.js" ]; then
  echo "== matching engine vs nodejs-order-book on the shared operation stream"
  # The yardstick lives outside the project; NODE_PATH lets its peer adapter find our copy of the peer.
  NODE_PATH="$PWD/node_modules" node "$yardstick/bench.js" --adapter test/bench/orderbook-adapter.js
  NODE_PATH="$PWD/node_modules" node "$yardstick/bench.js"
else
  echo "(skipping the order-book yardstick: $yardstick not found)"
fi
echo "== cancel cost by queue position"
node --expose-gc test/bench/deep-queue.js
echo "== pre-trade validation"
node test/bench/pre-trade.js
echo "== auction clearing, 100,000 bids"
node test/bench/auction-clearing.js
echo "== the clearing activity on 100,000 bids stored in PostgreSQL (read, clear, store allotments)"
node test/bench/auction-clearing-db.js
echo "== 200 concurrent auction workflows on one worker (PostgreSQL, Redis and a Temporal dev server of its own)"
node test/bench/auction-workflows.js --auctions 200
echo "== portfolio VaR, 1,000 positions"
node test/bench/risk-var.js
echo "== fair-value curve: refit vs cached fit, 20 bonds and 2,000 trades"
node test/bench/fair-value-curve.js
echo "== one hop between two processes on this machine (the floor under every end-to-end figure)"
node test/bench/loopback-round-trip.js
echo "== the order path's floor: a bare server and worker doing only what our architecture requires per order"
node test/bench/order-path-floor.js
echo "== trading end to end: POST /orders under load through the API and the matching worker"
node test/bench/trading-e2e.js
