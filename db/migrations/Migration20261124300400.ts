import { Migration } from '@mikro-orm/migrations';

export class Migration20261124300400 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "risk_run_trigger" as enum ('REQUEST', 'FILL', 'ALLOTMENT', 'SETTLEMENT', 'MARKET_DATA', 'POSITION_CHANGE');`,
    );
    this.addSql(
      `alter table "risk_runs" add column "trigger" "risk_run_trigger" not null default 'REQUEST';`,
    );
    this.addSql(`alter table "risk_runs" alter column "requested_by" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "risk_runs" where "requested_by" is null;`);
    this.addSql(`alter table "risk_runs" alter column "requested_by" set not null;`);
    this.addSql(`alter table "risk_runs" drop column "trigger";`);
    this.addSql(`drop type "risk_run_trigger";`);
  }
}
