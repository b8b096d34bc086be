import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// v1.5.1 is the newest tag `go install` accepts (later tags carry replace directives).
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** One build per user and machine, shared by every clone: it takes minutes on two cores. */
export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BONDX_TEMPORAL_CLI) return env.BONDX_TEMPORAL_CLI;
  const cache = env.BONDX_TOOLS_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bondx');
  return join(cache, 'bin', 'temporal');
}

export class TemporalCliUnavailable extends Error {}

export function ensureTemporalCli(log: (msg: string) => void, env: NodeJS.ProcessEnv = process.env): string {
  const path = temporalCliPath(env);
  if (existsSync(path)) return path;
  if (env.BONDX_TEMPORAL_CLI) {
    throw new TemporalCliUnavailable(`BONDX_TEMPORAL_CLI=${path} does not exist.`);
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new TemporalCliUnavailable(
      'The Temporal CLI is not built yet and Go is not installed. Install Go 1.25 or newer ' +
        '(https://go.dev/dl or `apt-get install golang`), or point BONDX_TEMPORAL_ADDRESS at a running ' +
        'Temporal server, or set BONDX_TEMPORAL_CLI to an existing temporal binary.',
    );
  }
  const bin = join(path, '..');
  mkdirSync(bin, { recursive: true });
  log(
    `Building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${bin}; the first build takes several minutes.`,
  );
  const build = spawnSync('go', ['install', TEMPORAL_CLI_MODULE], {
    env: { ...env, GOBIN: bin },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(path)) {
    throw new TemporalCliUnavailable(`go install ${TEMPORAL_CLI_MODULE} failed (exit ${build.status}).`);
  }
  return path;
}
