import { Migration } from '@mikro-orm/migrations';

// Market making (a participant's automated market maker and its per-bond quoting), trade
// surveillance alerts, beneficial owners for the wash-trade rule, and the MARKET_ABUSE exception kind.
export class Migration20261125500000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "market_maker_status" as enum ('RUNNING', 'STOPPED', 'HALTED');`);
    this.addSql(
      `create type "surveillance_rule" as enum ('OFF_FAIR_VALUE', 'WASH_TRADE', 'LAYERING', 'UNUSUAL_VOLUME');`,
    );
    this.addSql(
      `create table "market_makers" ("participant_id" int not null, "status" "market_maker_status" not null default 'STOPPED', "stop_reason" varchar(500) null, "max_dv01" numeric(20,2) not null default '50000', "max_daily_loss" numeric(20,2) not null default '1000000', "updated_at" timestamptz not null default now(), "version" int not null default 1, constraint "market_makers_pkey" primary key ("participant_id"));`,
    );
    this.addSql(
      `alter table "market_makers" add constraint "market_makers_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `create table "market_maker_bonds" ("id" serial primary key, "participant_id" int not null, "bond_id" int not null, "enabled" boolean not null default true, "quote_size" numeric(20,2) not null, "max_inventory" numeric(20,2) not null, "base_spread_bp" numeric(9,4) not null, "volatility_multiplier" numeric(9,4) not null, "thin_book_spread_bp" numeric(9,4) not null, "inventory_skew_bp" numeric(9,4) not null, "refresh_threshold_bp" numeric(9,4) not null, "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "market_maker_bonds" add constraint "market_maker_bonds_participant_bond_unique" unique ("participant_id", "bond_id");`,
    );
    this.addSql(
      `alter table "market_maker_bonds" add constraint "market_maker_bonds_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "market_maker_bonds" add constraint "market_maker_bonds_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `create table "beneficial_owners" ("participant_id" int not null, "owner_code" varchar(64) not null, "updated_at" timestamptz not null default now(), constraint "beneficial_owners_pkey" primary key ("participant_id"));`,
    );
    this.addSql(`create index "beneficial_owners_owner_code_index" on "beneficial_owners" ("owner_code");`);
    this.addSql(
      `alter table "beneficial_owners" add constraint "beneficial_owners_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create table "surveillance_alerts" ("id" serial primary key, "rule" "surveillance_rule" not null, "severity" varchar(16) not null, "bond_id" int null, "participant_id" int null, "title" varchar(200) not null, "description" text not null, "evidence" jsonb not null, "dedup_key" varchar(200) not null, "exception_id" int null, "detected_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "surveillance_alerts" add constraint "surveillance_alerts_dedup_key_unique" unique ("dedup_key");`,
    );
    this.addSql(
      `create index "surveillance_alerts_detected_at_index" on "surveillance_alerts" ("detected_at");`,
    );
    this.addSql(
      `alter type "compliance_exception_kind" add value if not exists 'MARKET_ABUSE' after 'REPORT_FAILED';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "surveillance_alerts" cascade;`);
    this.addSql(`drop table if exists "beneficial_owners" cascade;`);
    this.addSql(`drop table if exists "market_maker_bonds" cascade;`);
    this.addSql(`drop table if exists "market_makers" cascade;`);
    this.addSql(`drop type "surveillance_rule";`);
    this.addSql(`drop type "market_maker_status";`);
  }
}
