import { Migration } from '@mikro-orm/migrations';

export class Migration20261124300200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "stress_scenario_type" as enum ('INTEREST_RATE', 'CREDIT_SPREAD', 'MARKET_CRASH', 'CUSTOM');`,
    );
    this.addSql(
      `create table "stress_test_results" ("id" serial primary key, "portfolio_id" int not null, "scenario_name" varchar(100) not null, "scenario_type" "stress_scenario_type" not null, "scenario" jsonb not null, "market_value" double precision not null, "total_pnl" double precision not null, "base_var" double precision null, "stressed_var" double precision null, "positions" jsonb not null, "unpriced_positions" jsonb not null, "batch_id" uuid null, "requested_by" int not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "stress_test_results_portfolio_id_index" on "stress_test_results" ("portfolio_id", "id");`,
    );
    this.addSql(
      `alter table "stress_test_results" add constraint "stress_test_results_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolios" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stress_test_results" cascade;`);
    this.addSql(`drop type "stress_scenario_type";`);
  }
}
