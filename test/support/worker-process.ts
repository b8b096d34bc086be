import { spawn } from 'node:child_process';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

export interface TestWorker {
  pid: number;
  output(): string;
  /** Resolves once the worker has logged `<kind> started` (its recovery is done by then). */
  started: Promise<void>;
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>;
}

/**
 * A real worker process from the build output (`npm run build` first), with the integration
 * environment plus `env`: the way API tests get the workers their routes need.
 */
export function startTestWorker(kind: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): TestWorker {
  const child = spawn(process.execPath, [join(DIST, 'workers', `${kind}.js`)], {
    env: { ...process.env, BONDX_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${kind} did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes(`"${kind} started"`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited with ${code} before starting:\n${output}`));
    });
  });
  started.catch(() => undefined);
  return {
    pid: child.pid!,
    output: () => output,
    started,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
