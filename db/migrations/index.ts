import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123224815 } from './Migration20261123224815';
import { Migration20261124000101 } from './Migration20261124000101';
import { Migration20261124001013 } from './Migration20261124001013';
import { Migration20261124002142 } from './Migration20261124002142';
import { Migration20261124015208 } from './Migration20261124015208';
import { Migration20261124020914 } from './Migration20261124020914';
import { Migration20261124200000 } from './Migration20261124200000';
import { Migration20261124300000 } from './Migration20261124300000';
import { Migration20261124300100 } from './Migration20261124300100';
import { Migration20261124300200 } from './Migration20261124300200';
import { Migration20261124300300 } from './Migration20261124300300';
import { Migration20261124300400 } from './Migration20261124300400';
import { Migration20261124400000 } from './Migration20261124400000';
import { Migration20261124400100 } from './Migration20261124400100';
import { Migration20261124100000 } from './Migration20261124100000';
import { Migration20261125100000 } from './Migration20261125100000';
import { Migration20261125100100 } from './Migration20261125100100';
import { Migration20261125400000 } from './Migration20261125400000';
import { Migration20261125300000 } from './Migration20261125300000';
import { Migration20261125500000 } from './Migration20261125500000';
import { Migration20261125200000 } from './Migration20261125200000';

// Every migration, oldest first. db/cli/make-migration writes new files; add each one here.
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123224815', class: Migration20261123224815 },
  { name: 'Migration20261124000101', class: Migration20261124000101 },
  { name: 'Migration20261124001013', class: Migration20261124001013 },
  { name: 'Migration20261124002142', class: Migration20261124002142 },
  { name: 'Migration20261124015208', class: Migration20261124015208 },
  { name: 'Migration20261124020914', class: Migration20261124020914 },
  { name: 'Migration20261124200000', class: Migration20261124200000 },
  { name: 'Migration20261124300000', class: Migration20261124300000 },
  { name: 'Migration20261124300100', class: Migration20261124300100 },
  { name: 'Migration20261124300200', class: Migration20261124300200 },
  { name: 'Migration20261124300300', class: Migration20261124300300 },
  { name: 'Migration20261124300400', class: Migration20261124300400 },
  { name: 'Migration20261124400000', class: Migration20261124400000 },
  { name: 'Migration20261124400100', class: Migration20261124400100 },
  { name: 'Migration20261124100000', class: Migration20261124100000 },
  { name: 'Migration20261125100000', class: Migration20261125100000 },
  { name: 'Migration20261125100100', class: Migration20261125100100 },
  { name: 'Migration20261125400000', class: Migration20261125400000 },
  { name: 'Migration20261125300000', class: Migration20261125300000 },
  { name: 'Migration20261125500000', class: Migration20261125500000 },
  { name: 'Migration20261125200000', class: Migration20261125200000 },
];
