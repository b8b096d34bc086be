// Two projects: unit tests need no server; integration tests share one set of real servers
// (PostgreSQL, Redis, a Temporal dev server) that globalSetup brings up once.
// tsconfig's isolatedModules makes ts-jest transpile each file alone (fast; tsc typechecks separately).
const transform = { '^.+\\.ts$': ['ts-jest', {}] };

module.exports = {
  // A cap for a hung test, not a speed target: tests poll for up to a minute on a loaded machine.
  testTimeout: 180_000,
  // Coverage: `npm test` runs the unit project with --coverage (the domain must stay above its own
  // figures, every folder present and future), then the integration project with --coverage (the API,
  // activities and database code run in the Jest process there); infra/bin/coverage-gate.js merges
  // both and holds the whole project to its floor. Entry points run as child processes from dist/
  // (workers/, db/cli/) cannot be counted, and are not collected.
  collectCoverageFrom: [
    '<rootDir>/{api,domain,db,platform,activities,workflows}/**/*.ts',
    '!<rootDir>/db/cli/**',
    '!**/*.d.ts',
  ],
  coverageDirectory: '<rootDir>/var/coverage',
  coverageReporters: ['text-summary', 'json-summary', 'json'],
  coverageThreshold: {
    './domain/': { lines: 95, branches: 95 },
  },
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/integration-env.ts'],
    },
    {
      // Fault drills: each file starts its own throwaway PostgreSQL, Redis and Temporal.
      displayName: 'chaos',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/chaos/**/*.test.ts'],
    },
  ],
};
