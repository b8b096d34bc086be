import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Node built-ins and every package that does I/O: forbidden where code must stay pure
// (domain/) or deterministic (workflows/, which Temporal replays).
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const ioPackages = [
  'express',
  'express-ws',
  'ws',
  'ioredis',
  'bullmq',
  'pg',
  'pino',
  'pino-http',
  'prom-client',
  'jsonwebtoken',
  'passport',
  'passport-jwt',
  'rate-limiter-flexible',
  '@node-rs/argon2',
  '@mikro-orm/*',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@bull-board/*',
];
const outwardLayers = [
  '**/api/**',
  '**/workers/**',
  '**/activities/**',
  '**/db/**',
  '**/platform/**',
  '**/infra/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'domain/ is pure: no Node built-ins.' })),
          patterns: [
            { group: ioPackages, message: 'domain/ is pure: no I/O packages.' },
            {
              group: outwardLayers,
              message: 'Dependencies point inward: domain/ imports nothing outside it.',
            },
            { group: ['@temporalio/*'], message: 'domain/ knows nothing of Temporal.' },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code is replayed: no Node built-ins.',
          })),
          patterns: [
            { group: ioPackages, message: 'Workflow code is replayed: no I/O. Ask an activity.' },
            { group: outwardLayers, message: 'Workflows use domain/ and import activities as types only.' },
          ],
        },
      ],
    },
  },
);
