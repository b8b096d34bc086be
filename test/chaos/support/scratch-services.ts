import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';

// Throwaway PostgreSQL and Redis servers on spare ports, so fault drills can kill, stop and restart
// them without touching the machine's own. Nothing here outlives the test file that started it.

export interface ScratchServer {
  port: number;
  url: string;
  /** Sends a signal to every process of the server (SIGKILL, SIGSTOP, SIGCONT). */
  signal(sig: NodeJS.Signals): void;
  /** Starts the server again after a kill, on the same port and (for PostgreSQL) the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function waitUntil(what: string, ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function quietly(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

/**
 * PostgreSQL puts every backend in a session of its own (setsid), so a signal to the postmaster or
 * its process group leaves them serving: each process of the tree gets it, the postmaster first so
 * it cannot fork a fresh one meanwhile.
 */
function signalServerTree(postmaster: number, sig: NodeJS.Signals): void {
  quietly(() => process.kill(postmaster, sig));
  let children = '';
  quietly(
    () => (children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })),
  );
  for (const pid of children
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter(Boolean))
    quietly(() => process.kill(pid, sig));
}

/** initdb refuses to run as root: when we are root, the server runs as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startScratchPostgres(): Promise<ScratchServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bondx-chaos-pg-'));
  const user = postgresUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  execFileSync('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], {
    stdio: 'ignore',
    ...user,
  });
  let child: ChildProcess;
  const ready = () =>
    quietly(() => execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }));
  const launch = async () => {
    child = spawn(
      'postgres',
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=200',
      ],
      { stdio: 'ignore', ...user },
    );
    await waitUntil('scratch PostgreSQL', ready);
  };
  await launch();
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}`,
    signal: (sig) => signalServerTree(child.pid!, sig),
    restart: launch,
    async stop() {
      signalServerTree(child.pid!, 'SIGCONT');
      child.kill('SIGQUIT');
      await exitOf(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Redis that keeps nothing on disk, like the machine's; `config` adds settings such as an eviction policy. */
export async function startScratchRedis(config: string[] = []): Promise<ScratchServer> {
  const port = await freePort();
  let child: ChildProcess;
  const ready = () =>
    quietly(() => execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' }));
  const launch = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...config],
      { stdio: 'ignore' },
    );
    await waitUntil('scratch Redis', ready);
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    signal: (sig) => child.kill(sig),
    restart: launch,
    async stop() {
      child.kill('SIGKILL');
      await exitOf(child);
    },
  };
}
