// Two projects: unit tests need no server; integration tests share one set of real servers
// (PostgreSQL, Redis, a Temporal dev server) that globalSetup brings up once.
// tsconfig's isolatedModules makes ts-jest transpile each file alone (fast; tsc typechecks separately).
const transform = { '^.+\\.ts$': ['ts-jest', {}] };

module.exports = {
  testTimeout: 60000,
  // Business-logic coverage: `npm test` runs the unit project with --coverage, and the domain as a
  // whole (every folder, present and future) must stay above these figures.
  collectCoverageFrom: ['<rootDir>/domain/**/*.ts'],
  coverageDirectory: '<rootDir>/var/coverage',
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: {
    './domain/': { lines: 95, branches: 90 },
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
