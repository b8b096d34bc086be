import { Migration } from '@mikro-orm/migrations';

export class Migration20261124400100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "compliance_exception_kind" as enum ('LATE_REPORT', 'LIMIT_BREACH', 'FPI_LIMIT', 'PRICE_OUTSIDE_BAND', 'PRICE_OUTSIDE_CORRIDOR', 'AUDIT_CHAIN_BROKEN', 'RISK_LIMIT_BREACH', 'REPORT_FAILED', 'OTHER');`,
    );
    this.addSql(`create type "compliance_exception_severity" as enum ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');`);
    this.addSql(`create type "compliance_exception_status" as enum ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');`);
    this.addSql(
      `create table "compliance_exceptions" ("id" serial primary key, "kind" "compliance_exception_kind" not null, "severity" "compliance_exception_severity" not null, "status" "compliance_exception_status" not null default 'OPEN', "title" varchar(200) not null, "description" text not null, "evidence" jsonb not null, "dedup_key" varchar(200) null, "owner_user_id" int null, "ack_sla_seconds" int not null, "ack_due_at" timestamptz not null, "opened_at" timestamptz not null default now(), "acknowledged_at" timestamptz null, "acknowledged_by" int null, "resolved_at" timestamptz null, "resolved_by" int null, "resolution" text null, "escalation_level" int not null default 0, "escalated_at" timestamptz null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "compliance_exceptions_status_opened_at_index" on "compliance_exceptions" ("status", "opened_at");`,
    );
    // One unresolved exception per cause: a second detection of the same breach joins the first.
    this.addSql(
      `create unique index "compliance_exceptions_open_dedup_key_unique" on "compliance_exceptions" ("dedup_key") where "status" <> 'RESOLVED';`,
    );
    this.addSql(
      `create table "compliance_exception_comments" ("id" serial primary key, "exception_id" int not null, "author_user_id" int not null, "body" text not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "compliance_exception_comments" add constraint "compliance_exception_comments_exception_id_foreign" foreign key ("exception_id") references "compliance_exceptions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create index "compliance_exception_comments_exception_id_index" on "compliance_exception_comments" ("exception_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "compliance_exception_comments" cascade;`);
    this.addSql(`drop table if exists "compliance_exceptions" cascade;`);
    this.addSql(`drop type "compliance_exception_kind";`);
    this.addSql(`drop type "compliance_exception_severity";`);
    this.addSql(`drop type "compliance_exception_status";`);
  }
}
