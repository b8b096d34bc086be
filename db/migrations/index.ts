import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123224815 } from './Migration20261123224815';
import { Migration20261124000101 } from './Migration20261124000101';
import { Migration20261124001013 } from './Migration20261124001013';
import { Migration20261124002142 } from './Migration20261124002142';
import { Migration20261124100000 } from './Migration20261124100000';

// Every migration, oldest first. db/cli/make-migration writes new files; add each one here.
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123224815', class: Migration20261123224815 },
  { name: 'Migration20261124000101', class: Migration20261124000101 },
  { name: 'Migration20261124001013', class: Migration20261124001013 },
  { name: 'Migration20261124002142', class: Migration20261124002142 },
  { name: 'Migration20261124100000', class: Migration20261124100000 },
];
