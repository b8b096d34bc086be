import { appendFileSync } from 'node:fs';
import { start, type RunningApi } from '../../api/server';
import type { Config } from '../../platform/config';
import { Heartbeat } from '../../platform/heartbeat';

export const DEMO_PASSWORD = 'bondx-demo';

/** Tests read response bodies loosely and assert their shape; `any` keeps those reads short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestApi extends RunningApi {
  /** fetch against this API; JSON bodies are serialised for you. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  login(username: string, password?: string): Promise<string>;
  loginFull(username: string, password?: string): Promise<{ access_token: string; refresh_token: string }>;
}

/** The real API on a free port, with real tokens: the way practica's tests boot their server. */
export async function startTestApi(overrides: Partial<Config> = {}): Promise<TestApi> {
  const api = await start({ port: 0, ...overrides });
  const call: TestApi['call'] = async (method, path, opts = {}) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    if (process.env.TEST_CALL_LOG) {
      appendFileSync(process.env.TEST_CALL_LOG, `${method.toUpperCase()} ${path} ${res.status}\n`);
    }
    return res;
  };
  const loginFull = async (username: string, password = DEMO_PASSWORD) => {
    const res = await call('POST', '/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { access_token: string; refresh_token: string };
  };
  return {
    ...api,
    call,
    loginFull,
    login: async (username, password) => (await loginFull(username, password)).access_token,
  };
}

/** Heartbeats standing in for worker processes, for tests of the API alone (the up-command test runs the real ones). */
export async function beatAsWorkers(api: RunningApi): Promise<Heartbeat[]> {
  const { config, redis } = api.deps;
  const beats = config.healthRequiredWorkers.map((kind) => new Heartbeat(redis, config.redisPrefix, kind, 1));
  for (const b of beats) await b.start(() => undefined);
  return beats;
}
