import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs the system's processes as children, restarts one that dies on its own (with a growing
 * pause, so a crash loop does not spin), and stops them all with SIGTERM on request.
 */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(private readonly log: (msg: string) => void) {}

  start(spec: ProcessSpec, restarts = 0): void {
    const child = spawn(process.execPath, [spec.script], {
      env: spec.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.set(spec.name, child);
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      this.children.delete(spec.name);
      if (this.stopping) return;
      const attempt = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
      const delay = Math.min(30_000, 1000 * 2 ** attempt);
      this.log(`${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s`);
      setTimeout(() => !this.stopping && this.start(spec, attempt), delay).unref();
    });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), 35_000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
