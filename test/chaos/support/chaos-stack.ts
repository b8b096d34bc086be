import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureTemporalCli } from '../../../infra/temporal/temporal-cli';
import { startTemporalDevServer, type DevServer } from '../../../infra/temporal/dev-server';
import { freePort } from '../../support/free-port';
import { startScratchPostgres, startScratchRedis, type ScratchServer } from './scratch-services';

const DIST = join(__dirname, '..', '..', '..', 'dist');
export const DEMO_PASSWORD = 'bondx-demo';

/** One BondX process from the build output, killable and restartable. */
export interface ChaosProcess {
  readonly pid: number;
  output(): string;
  /** Resolves once the process logged that it is ready. */
  ready: Promise<void>;
  kill(sig?: NodeJS.Signals): Promise<void>;
  /** A new process of the same kind with the same environment. */
  restart(): Promise<void>;
}

export interface ChaosStack {
  pg: ScratchServer;
  redis: ScratchServer;
  /** The Temporal dev server: killed with a signal, then started again on its SQLite file. */
  temporal: { address: string; kill(sig?: NodeJS.Signals): Promise<void>; restart(): Promise<void> };
  env: Record<string, string>;
  apiUrl: string;
  /** Starts a process: `api` or a worker kind (`matching-worker`, `risk-worker`, `temporal-worker`). */
  start(kind: string, env?: Record<string, string>): Promise<ChaosProcess>;
  /** Runs SQL on the scratch database as its superuser. */
  query<T = Record<string, unknown>>(sql: string, args?: unknown[]): Promise<T[]>;
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

const READY_LINE: Record<string, string> = { api: '"api listening"' };

function launch(kind: string, env: Record<string, string>): ChaosProcess {
  const script = kind === 'api' ? 'api' : kind;
  let child: ChildProcess;
  let output = '';
  const handle: ChaosProcess = {
    get pid() {
      return child.pid!;
    },
    output: () => output,
    ready: Promise.resolve(),
    async kill(sig = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill(sig);
      await exited;
    },
    async restart() {
      await handle.kill('SIGKILL');
      spawnIt();
      await handle.ready;
    },
  };
  const spawnIt = () => {
    child = spawn(process.execPath, [join(DIST, 'workers', `${script}.js`)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = READY_LINE[kind] ?? `"${kind} started"`;
    handle.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${kind} not ready in 90 s:\n${output.slice(-3000)}`)),
        90_000,
      );
      const onData = (d: Buffer) => {
        output += d;
        if (output.includes(line)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`${kind} exited (${code ?? sig}) before it was ready:\n${output.slice(-3000)}`));
      });
    });
    handle.ready.catch(() => undefined);
  };
  spawnIt();
  return handle;
}

/**
 * A whole BondX on throwaway servers: scratch PostgreSQL and Redis, a Temporal dev server of its
 * own, the schema migrated and the demo data seeded by the built CLIs. Processes start on demand.
 */
export async function startChaosStack(opts: { redisConfig?: string[] } = {}): Promise<ChaosStack> {
  const pg = await startScratchPostgres();
  const redis = await startScratchRedis(opts.redisConfig);
  const temporalPort = await freePort();
  const temporalDir = mkdtempSync(join(tmpdir(), 'bondx-chaos-temporal-'));
  const startTemporal = () =>
    startTemporalDevServer({
      cliPath: ensureTemporalCli(() => undefined),
      port: temporalPort,
      headless: true,
      dbFilename: join(temporalDir, 'temporal.db'),
    });
  let temporal: DevServer = await startTemporal();
  const killTemporal = async (sig: NodeJS.Signals = 'SIGKILL') => {
    const child = temporal.process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(sig);
    await exited;
  };
  const apiPort = await freePort();
  const env: Record<string, string> = {
    BONDX_ENVIRONMENT: 'test',
    BONDX_DATABASE_ADMIN_URL: `${pg.url}/bondx_chaos`,
    BONDX_DATABASE_URL: `postgresql://bondx_app:bondx_app@127.0.0.1:${pg.port}/bondx_chaos`,
    BONDX_AUDIT_PURGE_DATABASE_URL: `postgresql://bondx_audit_purge:bondx_audit_purge@127.0.0.1:${pg.port}/bondx_chaos`,
    BONDX_AUDIT_ANCHOR_DIR: join(temporalDir, 'anchors'),
    BONDX_REDIS_URL: redis.url,
    BONDX_REDIS_PREFIX: 'bondx-chaos',
    BONDX_TEMPORAL_ADDRESS: temporal.address,
    BONDX_PORT: String(apiPort),
    BONDX_METRICS_PORT: '0',
    BONDX_LOG_LEVEL: 'info',
    BONDX_SECRET_KEY: 'chaos-test-secret-of-sufficient-length',
    BONDX_RATE_LIMIT_PER_SECOND: '100000',
    BONDX_WORKER_HEARTBEAT_SECONDS: '1',
    BONDX_DEMO_PASSWORD: DEMO_PASSWORD,
    BONDX_DB_CONNECT_TIMEOUT_MS: '2000',
    BONDX_DB_QUERY_TIMEOUT_MS: '5000',
  };
  for (const cli of ['migrate.js', 'seed.js']) {
    execFileSync(process.execPath, [join(DIST, 'db', 'cli', cli)], {
      env: { ...process.env, ...env, BONDX_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const started: ChaosProcess[] = [];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  return {
    pg,
    redis,
    temporal: {
      address: temporal.address,
      kill: killTemporal,
      async restart() {
        await killTemporal();
        temporal = await startTemporal();
      },
    },
    env,
    apiUrl,
    async start(kind, extra = {}) {
      const p = launch(kind, { ...env, ...extra });
      started.push(p);
      await p.ready;
      return p;
    },
    async query(sql, args = []) {
      const client = new Client({ connectionString: `${pg.url}/bondx_chaos` });
      await client.connect();
      try {
        return (await client.query(sql, args)).rows;
      } finally {
        await client.end();
      }
    },
    async login(username) {
      const res = await fetch(`${apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    async stop() {
      await Promise.all(started.map((p) => p.kill('SIGKILL')));
      await temporal.stop();
      await Promise.all([pg.stop(), redis.stop()]);
      rmSync(temporalDir, { recursive: true, force: true });
    },
  };
}
