import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { join } from 'node:path';
import * as entities from './entities';
import { migrationsList } from './migrations';
import { pgTimeouts } from '../platform/postgres-pool';

/** Every entity class db/entities exports (the rest of its exports are constants and types). */
export const ENTITIES = Object.values(entities).filter((v) => typeof v === 'function');

export interface OrmConfigOptions {
  clientUrl: string;
  /** MikroORM's own messages (migrations, discovery) go here, so every line stays JSON. */
  log?: (message: string) => void;
  debug?: boolean;
  poolMax?: number;
  /** Give up on a connection or a query after these; unset, wait as long as the server does. */
  timeouts?: { connectMs: number; queryMs: number };
  /** Only the migration generator keeps the schema snapshot; running migrations must not rewrite it. */
  snapshot?: boolean;
}

// Migrations are listed in code rather than discovered on disk, so the same config works from the
// TypeScript sources (tests) and from the build output (processes) without a TS loader.
export function ormConfig(opts: OrmConfigOptions): Options {
  return defineConfig({
    clientUrl: opts.clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      migrationsList,
      // Only the migration generator writes files; it runs from the repository root.
      path: join(process.cwd(), 'db', 'migrations'),
      pathTs: join(process.cwd(), 'db', 'migrations'),
      snapshot: opts.snapshot ?? false,
      snapshotName: '.snapshot-bondx',
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    ...(opts.timeouts && {
      driverOptions: {
        acquireConnectionTimeout: opts.timeouts.connectMs,
        connection: pgTimeouts(opts.timeouts),
      },
    }),
    debug: opts.debug ?? false,
    logger: opts.log ?? (() => undefined),
    forceUtcTimezone: true,
    allowGlobalContext: false,
  });
}
