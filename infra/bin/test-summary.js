// Prints the closing lines over every Jest run: each failed test with the start of its message
// (a CI log is often read from its tail only), then "tests: N passed, N failed[, N skipped]".
const fs = require('node:fs');
const path = require('node:path');
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    missing++;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  skipped += r.numPendingTests + r.numTodoTests;
  for (const suite of r.testResults) {
    const where = path.relative(process.cwd(), suite.name);
    const tests = suite.assertionResults.filter((t) => t.status === 'failed');
    if (!tests.length && suite.status === 'failed') failures.push(`${where}: ${firstLines(suite.message)}`);
    for (const t of tests)
      failures.push(`${where} > ${t.fullName}: ${firstLines(t.failureMessages.join('\n'))}`);
  }
}
function firstLines(text) {
  return (text || '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .trim()
    .split('\n')
    .slice(0, 4)
    .join(' | ')
    .slice(0, 600);
}
if (failures.length) console.log(`failed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
if (missing) console.log(`${missing} test run(s) produced no results`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || missing || passed === 0 ? 1 : 0);
