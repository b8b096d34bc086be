import { Migration } from '@mikro-orm/migrations';

/**
 * Post-trade: requests for quote and their off-book trades, paid coupons and redemptions, stored
 * daily statements. Trades gain how they were executed; an RFQ trade has no orders and no engine
 * sequence, and a check keeps each mechanism's columns consistent.
 */
export class Migration20261125400000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "bond_payment_kind" as enum ('COUPON', 'REDEMPTION');`);
    this.addSql(
      `create type "rfq_state" as enum ('OPEN', 'QUOTED', 'ACCEPTED', 'EXPIRED', 'REJECTED', 'WITHDRAWN');`,
    );
    this.addSql(`create type "rfq_quote_basis" as enum ('PRICE', 'YIELD');`);
    this.addSql(
      `create type "rfq_quote_state" as enum ('ACTIVE', 'REPLACED', 'WITHDRAWN', 'ACCEPTED', 'NOT_ACCEPTED');`,
    );
    this.addSql(`create type "execution_mechanism" as enum ('CONTINUOUS', 'RFQ');`);
    this.addSql(
      `create table "bond_payments" ("id" serial primary key, "bond_id" int not null, "kind" "bond_payment_kind" not null, "scheduled_date" date not null, "payment_date" date not null, "record_date" date not null, "amount_per100" numeric(14,6) not null, "total_amount" numeric(22,2) not null, "holder_count" int not null, "journal_reference" varchar(160) not null, "paid_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "bond_payments" add constraint "bond_payments_bond_kind_scheduled_unique" unique ("bond_id", "kind", "scheduled_date");`,
    );
    this.addSql(
      `create table "rfqs" ("id" uuid not null, "requester_participant_id" int not null, "requester_user_id" int not null, "bond_id" int not null, "side" "order_side" not null, "quantity" numeric(20,2) not null, "state" "rfq_state" not null default 'OPEN', "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "closed_at" timestamptz null, "accepted_quote_id" uuid null, "version" int not null default 1, constraint "rfqs_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "rfqs_requester_created_index" on "rfqs" ("requester_participant_id", "created_at");`,
    );
    this.addSql(
      `create table "rfq_dealers" ("id" serial primary key, "rfq_id" uuid not null, "participant_id" int not null);`,
    );
    this.addSql(`create index "rfq_dealers_participant_index" on "rfq_dealers" ("participant_id");`);
    this.addSql(
      `alter table "rfq_dealers" add constraint "rfq_dealers_rfq_participant_unique" unique ("rfq_id", "participant_id");`,
    );
    this.addSql(
      `create table "rfq_quotes" ("id" uuid not null, "rfq_id" uuid not null, "dealer_participant_id" int not null, "dealer_user_id" int not null, "basis" "rfq_quote_basis" not null, "price" numeric(12,4) not null, "yield_pct" numeric(9,4) null, "state" "rfq_quote_state" not null default 'ACTIVE', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "rfq_quotes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "rfq_quotes_rfq_index" on "rfq_quotes" ("rfq_id");`);
    // One live quote per dealer: a new quote replaces the dealer's previous one.
    this.addSql(
      `create unique index "rfq_quotes_active_dealer_unique" on "rfq_quotes" ("rfq_id", "dealer_participant_id") where "state" = 'ACTIVE';`,
    );
    this.addSql(
      `create table "statements" ("id" serial primary key, "participant_id" int not null, "statement_date" date not null, "from_date" date not null, "to_date" date not null, "body" jsonb not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "statements" add constraint "statements_participant_date_unique" unique ("participant_id", "statement_date");`,
    );
    this.addSql(
      `alter table "bond_payments" add constraint "bond_payments_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "rfqs" add constraint "rfqs_requester_participant_id_foreign" foreign key ("requester_participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "rfqs" add constraint "rfqs_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "rfq_dealers" add constraint "rfq_dealers_rfq_id_foreign" foreign key ("rfq_id") references "rfqs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "rfq_dealers" add constraint "rfq_dealers_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "rfq_quotes" add constraint "rfq_quotes_rfq_id_foreign" foreign key ("rfq_id") references "rfqs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "rfq_quotes" add constraint "rfq_quotes_dealer_participant_id_foreign" foreign key ("dealer_participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "statements" add constraint "statements_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "trades" add column "execution_mechanism" "execution_mechanism" not null default 'CONTINUOUS', add column "rfq_id" uuid null;`,
    );
    // Off-book trades have no orders and no engine sequence; NULLs do not collide in the
    // (bond, sequence) unique index, so on-book trades keep their gap-free per-bond numbering.
    this.addSql(`alter table "trades" alter column "sequence" drop not null;`);
    this.addSql(`alter table "trades" alter column "buy_order_id" drop not null;`);
    this.addSql(`alter table "trades" alter column "sell_order_id" drop not null;`);
    this.addSql(
      `alter table "trades" add constraint "trades_rfq_id_foreign" foreign key ("rfq_id") references "rfqs" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`alter table "trades" add constraint "trades_rfq_id_unique" unique ("rfq_id");`);
    this.addSql(
      `alter table "trades" add constraint "trades_execution_mechanism_check" check ((execution_mechanism = 'CONTINUOUS' and sequence is not null and buy_order_id is not null and sell_order_id is not null and rfq_id is null) or (execution_mechanism = 'RFQ' and sequence is null and buy_order_id is null and sell_order_id is null and rfq_id is not null));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "trades" where "execution_mechanism" <> 'CONTINUOUS';`);
    this.addSql(`alter table "trades" drop constraint "trades_execution_mechanism_check";`);
    this.addSql(`alter table "trades" drop constraint "trades_rfq_id_unique";`);
    this.addSql(`alter table "trades" drop constraint "trades_rfq_id_foreign";`);
    this.addSql(`alter table "trades" drop column "rfq_id", drop column "execution_mechanism";`);
    this.addSql(`alter table "trades" alter column "sequence" set not null;`);
    this.addSql(`alter table "trades" alter column "buy_order_id" set not null;`);
    this.addSql(`alter table "trades" alter column "sell_order_id" set not null;`);
    this.addSql(`drop table if exists "statements" cascade;`);
    this.addSql(`drop table if exists "rfq_quotes" cascade;`);
    this.addSql(`drop table if exists "rfq_dealers" cascade;`);
    this.addSql(`drop table if exists "rfqs" cascade;`);
    this.addSql(`drop table if exists "bond_payments" cascade;`);
    this.addSql(`drop type "execution_mechanism";`);
    this.addSql(`drop type "rfq_quote_state";`);
    this.addSql(`drop type "rfq_quote_basis";`);
    this.addSql(`drop type "rfq_state";`);
    this.addSql(`drop type "bond_payment_kind";`);
  }
}
