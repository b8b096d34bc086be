import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';

const DIST = join(__dirname, '..', '..', '..', 'dist');

function run(script: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(DIST, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  output: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms. Output:\n${output()}`);
}

async function healthStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status;
  } catch {
    return 0;
  }
}

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the processes of `npm start`', () => {
  test.each(['temporal-worker', 'matching-worker', 'risk-worker'])(
    'when %s starts and gets SIGTERM, then it logs JSON, stops cleanly and exits 0',
    async (kind) => {
      const p = run(`workers/${kind}.js`, { BONDX_LOG_LEVEL: 'info' });
      await until(`${kind} start`, () => p.output().includes(`"${kind} started"`), 60_000, p.output);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      const lines = p.output().trim().split('\n');
      expect(lines.every((l) => l.startsWith('{') && JSON.parse(l).service === kind)).toBe(true);
      expect(p.output()).toContain(`"${kind} stopped"`);
    },
    90_000,
  );

  test('when the orchestrator brings the system up, then /health turns 200, and SIGINT stops every process', async () => {
    const port = await freePort();
    const up = run('infra/up/main.js', { BONDX_PORT: String(port), BONDX_LOG_LEVEL: 'info' });
    let childPids: number[] = [];
    try {
      await until('the banner', () => up.output().includes('BondX is up.'), 120_000, up.output);
      expect(await healthStatus(port)).toBe(200);
      expect(up.output()).toContain('trader1@bondx.local');
      childPids = await listChildren(up.child);
      expect(childPids.length).toBeGreaterThanOrEqual(4);
      up.child.kill('SIGINT');
      expect(await up.exited).toBe(0);
      expect(childPids.filter(pidAlive)).toEqual([]);
      expect(await healthStatus(port)).toBe(0);
    } finally {
      // A failed assertion must not leave a running system behind for the next test run.
      for (const pid of [up.child.pid!, ...childPids].filter(pidAlive)) process.kill(pid, 'SIGKILL');
    }
  }, 180_000);
});

async function listChildren(parent: ChildProcess): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean);
}
