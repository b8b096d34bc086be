import { Migration } from '@mikro-orm/migrations';

export class Migration20261123224815 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "issuer_type" as enum ('CENTRAL_GOVERNMENT', 'STATE_GOVERNMENT', 'PSU', 'BANK', 'NBFC', 'CORPORATE');`,
    );
    this.addSql(`create type "bond_type" as enum ('G_SEC', 'SDL', 'T_BILL', 'CORPORATE');`);
    this.addSql(
      `create type "participant_kind" as enum ('VENUE_OPERATOR', 'BANK', 'PRIMARY_DEALER', 'BROKER', 'MUTUAL_FUND', 'INSURER', 'PENSION_FUND', 'FPI', 'CORPORATE');`,
    );
    this.addSql(`create type "domicile" as enum ('DOMESTIC', 'FOREIGN');`);
    this.addSql(`create type "participant_status" as enum ('ACTIVE', 'SUSPENDED');`);
    this.addSql(`create type "user_status" as enum ('ACTIVE', 'DISABLED');`);
    this.addSql(
      `create table "audit_events" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "actor_user_id" int null, "actor_participant_id" int null, "action" varchar(64) not null, "subject_type" varchar(32) not null, "subject_id" varchar(64) null, "request_id" varchar(64) null, "details" jsonb null);`,
    );
    this.addSql(`create index "audit_events_occurred_at_index" on "audit_events" ("occurred_at");`);
    this.addSql(
      `create index "audit_events_subject_type_subject_id_index" on "audit_events" ("subject_type", "subject_id");`,
    );

    this.addSql(
      `create table "bonds" ("id" serial primary key, "isin" varchar(12) not null, "code" varchar(32) not null, "name" varchar(200) not null, "issuer" varchar(200) not null, "issuer_type" "issuer_type" not null, "bond_type" "bond_type" not null, "coupon_pct" numeric(9,4) not null, "issue_date" date not null, "maturity_date" date not null, "coupon_frequency" smallint not null, "day_count" varchar(16) not null, "face_value" numeric(18,2) not null, "lot_size" numeric(18,2) not null, "tick_size" numeric(9,4) not null, "rating" varchar(16) null, "outstanding_amount" numeric(20,2) not null, "reference_yield_pct" numeric(9,4) null, "reference_price" numeric(12,4) null, "is_tradable" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1);`,
    );
    this.addSql(`alter table "bonds" add constraint "bonds_isin_unique" unique ("isin");`);
    this.addSql(`alter table "bonds" add constraint "bonds_code_unique" unique ("code");`);

    this.addSql(
      `create table "participants" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(200) not null, "kind" "participant_kind" not null, "domicile" "domicile" not null, "lei" varchar(20) null, "is_venue_operator" boolean not null default false, "status" "participant_status" not null default 'ACTIVE', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1);`,
    );
    this.addSql(`alter table "participants" add constraint "participants_code_unique" unique ("code");`);
    this.addSql(`alter table "participants" add constraint "participants_lei_unique" unique ("lei");`);

    this.addSql(
      `create table "users" ("id" serial primary key, "username" varchar(254) not null, "display_name" varchar(200) not null, "password_hash" varchar(255) not null, "roles" text[] not null, "participant_id" int not null, "status" "user_status" not null default 'ACTIVE', "must_change_password" boolean not null default false, "password_changed_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1);`,
    );
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);

    this.addSql(
      `create table "auth_sessions" ("id" uuid not null, "user_id" int not null, "refresh_token_hash" varchar(64) not null, "created_at" timestamptz not null default now(), "last_refreshed_at" timestamptz not null default now(), "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(40) null, "client_ip" varchar(64) null, constraint "auth_sessions_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "auth_sessions_user_id_index" on "auth_sessions" ("user_id");`);

    this.addSql(
      `alter table "users" add constraint "users_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "auth_sessions" add constraint "auth_sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }
}
