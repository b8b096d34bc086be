import { Client, Connection } from '@temporalio/client';
import type { Config } from './config';

export async function connectTemporalClient(temporal: Config['temporal']): Promise<Client> {
  try {
    const connection = await Connection.connect({ address: temporal.address, connectTimeout: 5000 });
    return new Client({ connection, namespace: temporal.namespace });
  } catch (err) {
    throw new Error(
      `Temporal unreachable at BONDX_TEMPORAL_ADDRESS=${temporal.address} (${(err as Error).message}). ` +
        '`npm start` runs a local dev server; otherwise point the variable at a running Temporal.',
    );
  }
}
