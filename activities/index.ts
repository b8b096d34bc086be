import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

export interface ActivityDeps {
  orm: MikroORM;
  log: Logger;
}

/** Every activity the Temporal worker registers, built from the worker's dependencies. */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
