import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written by global setup, read by every integration test file (they may run in other processes). */
export const TEST_ENV_FILE = join(__dirname, '..', '..', 'var', 'test-env.json');

export function readTestEnv(): Record<string, string> {
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as Record<string, string>;
}

/** Every API call the harness makes, one `METHOD path` per line, for the endpoint coverage check. */
export const API_CALL_LOG = join(__dirname, '..', '..', 'var', 'test-results', 'api-calls.log');
