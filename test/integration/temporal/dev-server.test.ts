import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createGreetingActivities } from '../../fixtures/workflows/greeting-activities';

describe('the Temporal dev server started by the test harness', () => {
  test('when a workflow is started through the client, then a worker on the server runs it to completion', async () => {
    const address = process.env.BONDX_TEMPORAL_ADDRESS!;
    const taskQueue = `harness-${process.pid}`;
    const nativeConnection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../fixtures/workflows/greeting-workflow'),
      activities: createGreetingActivities('Namaste'),
    });
    const connection = await Connection.connect({ address });
    const client = new Client({ connection });
    try {
      const result = await worker.runUntil(
        client.workflow.execute('greetingWorkflow', {
          taskQueue,
          workflowId: `greeting-${Date.now()}`,
          args: ['BondX'],
        }),
      );
      expect(result).toBe('Namaste, BondX');
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});
