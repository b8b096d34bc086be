#!/usr/bin/env bash
# Installs exactly the locked dependencies when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../.."
node -e 'const [M]=process.versions.node.split(".").map(Number); if (M < 20) { console.error("BondX needs Node.js 20 or newer; found " + process.version); process.exit(1) }'
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.bondx-lock-sum 2>/dev/null)" != "$sum" ]; then
  echo "Installing dependencies from package-lock.json..."
  # Not `npm ci`: npm 11 reports platform-specific optional packages of other systems (@swc/core-darwin-*)
  # as missing from any lock file generated here and refuses. `install --no-save` follows the lock
  # and leaves it untouched.
  npm install --no-audit --no-fund --no-save --loglevel=error
  echo "$sum" > node_modules/.bondx-lock-sum
fi
