// The whole project's coverage floor: merges the Jest coverage of several runs (unit, integration)
// and fails when the merged line coverage is below the floor. Usage:
//   node infra/bin/coverage-gate.js <min lines %> <coverage-final.json>...
const fs = require('node:fs');
const path = require('node:path');
const { createCoverageMap } = require('istanbul-lib-coverage');

const [floorArg, ...files] = process.argv.slice(2);
const floor = Number(floorArg);
if (!Number.isFinite(floor) || files.length === 0) {
  console.error('usage: coverage-gate.js <min lines %> <coverage-final.json>...');
  process.exit(2);
}
const map = createCoverageMap({});
for (const file of files) {
  if (!fs.existsSync(file)) {
    console.error(`coverage: ${file} is missing (did its run fail before writing it?)`);
    process.exit(1);
  }
  map.merge(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const root = process.cwd() + path.sep;
const byFolder = new Map();
for (const file of map.files()) {
  const folder = path.relative(root, file).split(path.sep)[0];
  const summary = byFolder.get(folder) ?? createCoverageMap({}).getCoverageSummary();
  summary.merge(map.fileCoverageFor(file).toSummary());
  byFolder.set(folder, summary);
}
const row = (name, s) =>
  `${name.padEnd(12)} lines ${s.lines.pct.toFixed(2).padStart(6)}%  branches ${s.branches.pct
    .toFixed(2)
    .padStart(6)}%  functions ${s.functions.pct.toFixed(2).padStart(6)}%`;
for (const [folder, summary] of [...byFolder.entries()].sort()) console.log(row(folder, summary));
const total = map.getCoverageSummary();
console.log(row('project', total));
if (total.lines.pct < floor) {
  console.error(`coverage: the project's lines are at ${total.lines.pct}%, below the floor of ${floor}%`);
  process.exit(1);
}
