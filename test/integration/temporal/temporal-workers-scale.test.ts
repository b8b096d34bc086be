import { hostname } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../../platform/config';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// Temporal workers scale by adding processes: two built temporal-worker processes poll one task
// queue (this file's own), and the histories name which process ran each task.
const taskQueue = `temporal-scale-${process.pid}`;
const WORKFLOWS = 12;

let workers: TestWorker[];
let connection: Connection;
let client: Client;

beforeAll(async () => {
  workers = [0, 1].map(() =>
    startTestWorker('temporal-worker', { BONDX_TEMPORAL_TASK_QUEUE: taskQueue }, 120_000),
  );
  await Promise.all(workers.map((w) => w.started));
  connection = await Connection.connect({ address: loadConfig().temporal.address });
  client = new Client({ connection, namespace: loadConfig().temporal.namespace });
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await connection?.close();
});

describe('two temporal worker processes', () => {
  test('when a batch of workflows runs on their task queue, then both processes complete some workflow and activity tasks, and each workflow completes once', async () => {
    const handles = await Promise.all(
      Array.from({ length: WORKFLOWS }, (_, i) =>
        client.workflow.start('auditVerificationWorkflow', {
          taskQueue,
          workflowId: `temporal-scale-${process.pid}-${i}`,
          args: [],
        }),
      ),
    );
    await Promise.all(handles.map((h) => h.result()));
    // The SDK's default worker identity is pid@host.
    const identities = new Map(
      workers.map((w) => [`${w.pid}@${hostname()}`, { workflowTasks: 0, activities: 0 }]),
    );
    for (const h of handles) {
      const history = await h.fetchHistory();
      const events = history.events ?? [];
      expect(events.filter((e) => e.workflowExecutionCompletedEventAttributes)).toHaveLength(1);
      for (const e of events) {
        const wf = e.workflowTaskCompletedEventAttributes?.identity;
        const act = e.activityTaskStartedEventAttributes?.identity;
        if (wf) identities.get(wf)!.workflowTasks++;
        if (act) identities.get(act)!.activities++;
      }
    }
    const counts = [...identities.values()];
    // Every task was run by one of the two processes (an unknown identity would have thrown above).
    expect(counts.reduce((n, c) => n + c.activities, 0)).toBe(WORKFLOWS);
    expect(counts.every((c) => c.workflowTasks + c.activities > 0)).toBe(true);
  }, 180_000);
});
