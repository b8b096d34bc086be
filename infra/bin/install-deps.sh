#!/usr/bin/env bash
# Installs exactly the locked dependencies when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../.."
node -e 'const [M]=process.versions.node.split(".").map(Number); if (M < 20) { console.error("BondX needs Node.js 20 or newer; found " + process.version); process.exit(1) }'
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.bondx-lock-sum 2>/dev/null)" != "$sum" ]; then
  echo "Installing dependencies (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$sum" > node_modules/.bondx-lock-sum
fi
