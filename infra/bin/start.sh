#!/usr/bin/env bash
# `npm start`: install, build, then hand over to the orchestrator (infra/up/main.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/bin/install-deps.sh
npx tsc -p tsconfig.build.json
exec node dist/infra/up/main.js
