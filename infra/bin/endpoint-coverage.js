#!/usr/bin/env node
// After the integration tests: every route in the route table (the source of the router and of
// the OpenAPI document) must have been reached by at least one test through the harness.
// Usage: node infra/bin/endpoint-coverage.js var/test-results/api-calls.log
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { routeTable } = require(join(__dirname, '..', '..', 'dist', 'api', 'route-table.js'));
const calls = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);

const pattern = (path) =>
  new RegExp(
    // Express matches a path with or without its trailing slash; so does this.
    `^${path
      .replace(/\/$/, '')
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{[^}]+\\?\}/g, '[^/?]+')}/?(\\?.*)?$`,
  );
const routes = routeTable.map((r) => ({
  name: `${r.method.toUpperCase()} ${r.path}`,
  method: r.method.toUpperCase(),
  re: pattern(r.path),
}));
// A call refused before the handler (401, 403, 429) exercises the guards, not the endpoint.
const REFUSED = new Set(['401', '403', '429']);
const reached = calls.map((line) => line.split(' ')).filter(([, , status]) => !REFUSED.has(status));
const uncovered = routes.filter(
  (r) => !reached.some(([method, path]) => method === r.method && r.re.test(path)),
);
console.log(
  `endpoint coverage: ${routes.length - uncovered.length}/${routes.length} routes reached by a test`,
);
for (const r of uncovered) console.log(`  not called: ${r.name}`);
process.exit(uncovered.length ? 1 : 0);
