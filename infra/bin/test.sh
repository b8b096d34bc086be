#!/usr/bin/env bash
# `npm test`: the whole suite from a fresh clone. Static checks, then unit tests, then integration
# tests against real PostgreSQL, Redis and a Temporal dev server that Jest's global setup starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/bin/install-deps.sh
echo "== typecheck, lint, circular imports"
npx tsc -p tsconfig.json --noEmit
npx eslint --max-warnings 0 .
npx madge --circular --warning --extensions ts --ts-config tsconfig.json api workers workflows activities domain db platform infra
npx prettier --check --log-level warn .
echo "== build"
npm run build --silent
node dist/infra/temporal/ensure-cli.js
mkdir -p var/test-results
rm -f var/test-results/*.json
rm -rf var/coverage
status=0
echo "== unit tests (domain coverage at least 95% of lines and branches, jest.config.js)"
npx jest --ci --forceExit --selectProjects unit --coverage --coverageDirectory=var/coverage/unit \
  --json --outputFile=var/test-results/unit.json || status=1
echo "== integration tests (the API runs in process, so its coverage counts)"
npx jest --ci --forceExit --selectProjects integration --runInBand --coverage --coverageDirectory=var/coverage/integration \
  --coverageThreshold='{}' --json --outputFile=var/test-results/integration.json || status=1
node infra/bin/endpoint-coverage.js var/test-results/api-calls.log || status=1
echo "== project coverage (unit and integration merged): at least 80% of lines"
node infra/bin/coverage-gate.js 80 var/coverage/unit/coverage-final.json \
  var/coverage/integration/coverage-final.json || status=1
echo "== fault drills (throwaway PostgreSQL, Redis and Temporal of their own)"
npx jest --ci --forceExit --selectProjects chaos --runInBand --json --outputFile=var/test-results/chaos.json || status=1
node infra/bin/test-summary.js var/test-results/unit.json var/test-results/integration.json var/test-results/chaos.json || status=1
exit $status
