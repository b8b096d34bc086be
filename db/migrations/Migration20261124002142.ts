import { Migration } from '@mikro-orm/migrations';

export class Migration20261124002142 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "risk_run_method" as enum ('HISTORICAL_SIMULATION', 'PARAMETRIC', 'MONTE_CARLO');`,
    );
    this.addSql(`create type "risk_run_status" as enum ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');`);
    this.addSql(
      `create table "risk_runs" ("id" uuid not null, "portfolio_id" int not null, "method" "risk_run_method" not null, "confidence_level" numeric(12,10) not null, "time_horizon" int not null, "lookback_days" int not null, "simulations" int null, "seed" bigint null, "status" "risk_run_status" not null default 'QUEUED', "result" jsonb null, "error" text null, "error_field" varchar(64) null, "requested_by" int not null, "created_at" timestamptz not null default now(), "completed_at" timestamptz null, constraint "risk_runs_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "risk_runs_portfolio_status_created_index" on "risk_runs" ("portfolio_id", "status", "created_at");`,
    );

    this.addSql(
      `alter table "risk_runs" add constraint "risk_runs_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolios" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "risk_runs" cascade;`);

    this.addSql(`drop type "risk_run_method";`);
    this.addSql(`drop type "risk_run_status";`);
  }
}
