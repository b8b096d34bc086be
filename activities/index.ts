import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../platform/config';
import { createAuditActivities } from './compliance/audit-activities';

export interface ActivityDeps {
  orm: MikroORM;
  log: Logger;
  config: Config;
}

/** Every activity the Temporal worker registers, built from the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return { ...createAuditActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
