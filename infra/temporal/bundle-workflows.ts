import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE } from '../../platform/temporal-worker-options';

// Run by `npm run build`: the workflow code bundled once, so every temporal worker (and every restart
// after a crash) starts polling at once instead of spending seconds of CPU in webpack.
async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  writeFileSync(WORKFLOW_BUNDLE, code);
  console.log(`workflow bundle: ${WORKFLOW_BUNDLE} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
