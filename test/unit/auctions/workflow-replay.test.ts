import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';

const HISTORIES = join(__dirname, '..', '..', 'fixtures', 'histories');

beforeAll(() => Runtime.install({ logger: new DefaultLogger('WARN') }));

describe('recorded auction histories', () => {
  test.each(['auction-dutch', 'settlement-dutch'])(
    'when %s (recorded across a worker killed mid-auction) replays on the current workflow code, then nothing is non-deterministic',
    async (name) => {
      const history = temporal.api.history.v1.History.fromObject(
        JSON.parse(readFileSync(join(HISTORIES, `${name}.json`), 'utf8')),
      );
      await expect(
        Worker.runReplayHistory({ workflowsPath: require.resolve('../../../workflows') }, history, name),
      ).resolves.toBeUndefined();
    },
  );
});
