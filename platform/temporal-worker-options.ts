import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from './config';

/** The bundle `npm run build` writes beside the compiled code (dist/workflow-bundle.js). */
export const WORKFLOW_BUNDLE = join(__dirname, '..', 'workflow-bundle.js');

/**
 * Where a worker takes its workflow code from: a prebuilt bundle when there is one (`bundle`, else
 * the build's), or else the sources, bundled at start. Running from the TypeScript sources there is no
 * build's bundle, so edited workflows are never served stale.
 */
export function workflowCode(
  bundle = WORKFLOW_BUNDLE,
): Pick<WorkerOptions, 'workflowBundle'> | Pick<WorkerOptions, 'workflowsPath'> {
  return existsSync(bundle)
    ? { workflowBundle: { codePath: bundle } }
    : { workflowsPath: require.resolve('../workflows') };
}

/**
 * The worker's concurrency from configuration. The SDK's defaults (40 workflow and 100 activity
 * slots) suit a worker with cores and connections to spare; on a small host, activities beyond the
 * database pool only queue for a connection while their timeouts run, and workflow tasks compete
 * with them for the CPU (see README, "Temporal worker concurrency").
 */
export function workerConcurrency(
  worker: Config['temporal']['worker'],
): Pick<
  WorkerOptions,
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskPolls'
  | 'maxConcurrentActivityTaskPolls'
> {
  return {
    maxConcurrentWorkflowTaskExecutions: worker.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: worker.activityTaskSlots,
    maxCachedWorkflows: worker.workflowCacheSize,
    // The SDK needs at least 2 workflow pollers (sticky and normal queue) and no more than the slots.
    maxConcurrentWorkflowTaskPolls: Math.min(worker.workflowPollers, worker.workflowTaskSlots),
    maxConcurrentActivityTaskPolls: Math.min(worker.activityPollers, worker.activityTaskSlots),
  };
}
