import { ensureTemporalCli } from './temporal-cli';

// Run by `npm test` before Jest, so a first-time build of the CLI is not mistaken for a hung setup.
try {
  console.log(`Temporal CLI: ${ensureTemporalCli((m) => console.log(m))}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
