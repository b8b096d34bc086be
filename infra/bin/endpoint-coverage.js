#!/usr/bin/env node
// After the integration tests: every route in the route table (the source of the router and of
// the OpenAPI document) must have been called by at least one test through the harness.
// Usage: node infra/bin/endpoint-coverage.js var/test-results/api-calls.log
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { routeTable } = require(join(__dirname, '..', '..', 'dist', 'api', 'route-table.js'));
const calls = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);

const pattern = (path) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/?]+')}(\\?.*)?$`);
const routes = routeTable.map((r) => ({
  name: `${r.method.toUpperCase()} ${r.path}`,
  method: r.method.toUpperCase(),
  re: pattern(r.path),
}));
const uncovered = routes.filter(
  (r) =>
    !calls.some((line) => {
      const space = line.indexOf(' ');
      return line.slice(0, space) === r.method && r.re.test(line.slice(space + 1));
    }),
);
console.log(
  `endpoint coverage: ${routes.length - uncovered.length}/${routes.length} routes called by a test`,
);
for (const r of uncovered) console.log(`  not called: ${r.name}`);
process.exit(uncovered.length ? 1 : 0);
