import { Migration } from '@mikro-orm/migrations';

export class Migration20261124300100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "risk_runs" add column "decomposition" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "risk_runs" drop column "decomposition";`);
  }
}
