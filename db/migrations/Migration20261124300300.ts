import { Migration } from '@mikro-orm/migrations';

export class Migration20261124300300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "risk_limit_type" as enum ('VAR', 'ES', 'DV01', 'DURATION', 'ISSUER_CONCENTRATION_PCT', 'POSITION_SIZE');`,
    );
    this.addSql(`create type "risk_breach_severity" as enum ('WARNING', 'BREACH', 'CRITICAL');`);
    this.addSql(
      `create table "risk_limits" ("id" serial primary key, "portfolio_id" int not null, "limit_type" "risk_limit_type" not null, "threshold" double precision not null, "scope" varchar(200) null, "warning_ratio" double precision null, "critical_ratio" double precision null, "created_by" int not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "risk_limits_portfolio_id_index" on "risk_limits" ("portfolio_id", "id");`);
    this.addSql(
      `alter table "risk_limits" add constraint "risk_limits_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolios" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create table "risk_limit_breaches" ("id" serial primary key, "limit_id" int not null, "portfolio_id" int not null, "participant_id" int not null, "run_id" uuid not null, "subject" varchar(200) null, "value" double precision not null, "threshold" double precision not null, "utilization" double precision not null, "severity" "risk_breach_severity" not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "risk_limit_breaches_participant_created_index" on "risk_limit_breaches" ("participant_id", "created_at");`,
    );
    this.addSql(
      `alter table "risk_limit_breaches" add constraint "risk_limit_breaches_limit_id_foreign" foreign key ("limit_id") references "risk_limits" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "risk_limit_breaches" cascade;`);
    this.addSql(`drop table if exists "risk_limits" cascade;`);
    this.addSql(`drop type "risk_breach_severity";`);
    this.addSql(`drop type "risk_limit_type";`);
  }
}
