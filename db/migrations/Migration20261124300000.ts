import { Migration } from '@mikro-orm/migrations';

export class Migration20261124300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "risk_run_revaluation" as enum ('FULL_REVALUATION', 'DELTA_GAMMA');`);
    this.addSql(
      `alter table "risk_runs" add column "revaluation" "risk_run_revaluation" not null default 'FULL_REVALUATION';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "risk_runs" drop column "revaluation";`);
    this.addSql(`drop type "risk_run_revaluation";`);
  }
}
