import { start } from '../api/server';

// The API's process entry point: start, then stop cleanly on SIGTERM or SIGINT.
start().then(
  (api) => {
    const stop = (signal: string) => {
      api.deps.log.info({ signal }, 'api stopping');
      api.stop().then(
        () => (process.exitCode = 0),
        (err) => {
          api.deps.log.error({ err }, 'error while stopping');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  },
  (err) => {
    console.error(
      JSON.stringify({ level: 60, service: 'api', msg: 'failed to start', err: String(err?.message ?? err) }),
    );
    process.exit(1);
  },
);
