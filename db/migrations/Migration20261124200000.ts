import { Migration } from '@mikro-orm/migrations';

// Auctions, their bids, allotments and settlements, and the cash and securities ledger settlement moves.
export class Migration20261124200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "auction_type" as enum ('DUTCH', 'SEALED_BID', 'ENGLISH', 'MULTI_ROUND', 'HYBRID');`,
    );
    this.addSql(`create type "auction_bid_basis" as enum ('PRICE', 'YIELD');`);
    this.addSql(`create type "auction_pricing_rule" as enum ('UNIFORM', 'MULTIPLE');`);
    this.addSql(
      `create type "auction_state" as enum ('SCHEDULED', 'BIDDING', 'CLOSED', 'CLEARED', 'SETTLING', 'SETTLED', 'CANCELLED', 'FAILED');`,
    );
    this.addSql(
      `create type "settlement_status" as enum ('PENDING', 'FUNDS_BLOCKED', 'SECURITIES_DELIVERED', 'SETTLED', 'FAILED');`,
    );
    this.addSql(
      `create type "auction_bid_status" as enum ('ACTIVE', 'WITHDRAWN', 'ALLOTTED', 'PARTIALLY_ALLOTTED', 'NOT_ALLOTTED', 'REJECTED');`,
    );
    this.addSql(
      `create table "auctions" ("id" serial primary key, "auction_code" varchar(64) not null, "auction_name" varchar(200) not null, "auction_type" "auction_type" not null, "bond_id" int not null, "bid_basis" "auction_bid_basis" not null, "pricing_rule" "auction_pricing_rule" null, "total_lot_size" bigint not null, "minimum_lot_size" bigint not null, "reserve_price" numeric(12,4) null, "max_yield" numeric(9,4) null, "non_competitive_pct" numeric(7,4) not null default '0', "greenshoe_amount" bigint not null default 0, "max_bidder_pct" numeric(7,4) null, "new_issue" boolean not null default false, "min_increment" numeric(12,4) null, "extension_seconds" int null, "round_seconds" int null, "max_rounds" int null, "finalists" int null, "manual_processing" boolean not null default false, "bidding_start_time" timestamptz not null, "bidding_end_time" timestamptz not null, "effective_end_time" timestamptz not null, "settlement_date" date null, "settlement_delay_seconds" int null, "state" "auction_state" not null default 'SCHEDULED', "current_round" int not null default 0, "clock_state" jsonb null, "round_results" jsonb not null default '[]', "accepted_amount" bigint null, "result" jsonb null, "failure_reason" text null, "workflow_id" varchar(128) not null, "created_by" int not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "closed_at" timestamptz null, "cleared_at" timestamptz null, "settled_at" timestamptz null, "version" int not null default 1);`,
    );
    this.addSql(
      `alter table "auctions" add constraint "auctions_auction_code_unique" unique ("auction_code");`,
    );
    this.addSql(`create index "auctions_state_index" on "auctions" ("state");`);
    this.addSql(
      `create table "ledger_journals" ("id" bigserial primary key, "reference" varchar(160) not null, "kind" varchar(32) not null, "description" text not null, "posted_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "ledger_journals" add constraint "ledger_journals_reference_unique" unique ("reference");`,
    );
    this.addSql(
      `create table "ledger_entries" ("id" bigserial primary key, "journal_id" bigint not null, "participant_id" int not null, "asset" varchar(12) not null, "amount" numeric(22,2) not null);`,
    );
    this.addSql(
      `create index "ledger_entries_participant_asset_index" on "ledger_entries" ("participant_id", "asset");`,
    );
    this.addSql(
      `create table "cash_accounts" ("id" serial primary key, "participant_id" int not null, "balance" numeric(22,2) not null default '0', "blocked" numeric(22,2) not null default '0', "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "cash_accounts" add constraint "cash_accounts_participant_id_unique" unique ("participant_id");`,
    );
    this.addSql(
      `create table "auction_settlements" ("id" serial primary key, "auction_id" int not null, "participant_id" int not null, "face_amount" bigint not null, "cash_amount" numeric(20,2) not null, "status" "settlement_status" not null default 'PENDING', "failed_leg" varchar(32) null, "failure_reason" text null, "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "auction_settlements" add constraint "auction_settlements_auction_participant_unique" unique ("auction_id", "participant_id");`,
    );
    this.addSql(
      `create table "auction_bids" ("id" uuid not null, "auction_id" int not null, "participant_id" int not null, "client_bid_id" varchar(64) not null, "is_non_competitive" boolean not null default false, "price" numeric(12,4) null, "yield_pct" numeric(9,4) null, "amount" bigint not null, "status" "auction_bid_status" not null default 'ACTIVE', "round" int not null default 1, "request_hash" varchar(64) not null, "submitted_by" int not null, "created_at" timestamptz not null default now(), "modified_at" timestamptz null, "withdrawn_at" timestamptz null, "version" int not null default 1, constraint "auction_bids_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "auction_bids_auction_status_index" on "auction_bids" ("auction_id", "status");`,
    );
    this.addSql(
      `alter table "auction_bids" add constraint "auction_bids_participant_client_bid_id_unique" unique ("participant_id", "client_bid_id");`,
    );
    this.addSql(
      `create table "auction_allotments" ("id" serial primary key, "auction_id" int not null, "bid_id" uuid not null, "participant_id" int not null, "outcome" varchar(16) not null, "rejection_reason" varchar(32) null, "bid_amount" bigint not null, "capped_amount" bigint not null, "allotted_amount" bigint not null, "price_paid" numeric(12,4) null, "consideration" numeric(20,2) not null, "accrued_interest" numeric(20,2) not null, "settlement_amount" numeric(20,2) not null);`,
    );
    this.addSql(
      `alter table "auction_allotments" add constraint "auction_allotments_bid_id_unique" unique ("bid_id");`,
    );
    this.addSql(
      `create index "auction_allotments_auction_participant_index" on "auction_allotments" ("auction_id", "participant_id");`,
    );
    this.addSql(
      `create table "security_holdings" ("id" serial primary key, "participant_id" int not null, "isin" varchar(12) not null, "quantity" numeric(22,2) not null default '0', "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "security_holdings" add constraint "security_holdings_participant_isin_unique" unique ("participant_id", "isin");`,
    );
    this.addSql(
      `alter table "auctions" add constraint "auctions_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "ledger_entries" add constraint "ledger_entries_journal_id_foreign" foreign key ("journal_id") references "ledger_journals" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "ledger_entries" add constraint "ledger_entries_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "cash_accounts" add constraint "cash_accounts_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "auction_settlements" add constraint "auction_settlements_auction_id_foreign" foreign key ("auction_id") references "auctions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "auction_settlements" add constraint "auction_settlements_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "auction_bids" add constraint "auction_bids_auction_id_foreign" foreign key ("auction_id") references "auctions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "auction_bids" add constraint "auction_bids_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "auction_allotments" add constraint "auction_allotments_auction_id_foreign" foreign key ("auction_id") references "auctions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "auction_allotments" add constraint "auction_allotments_bid_id_foreign" foreign key ("bid_id") references "auction_bids" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "auction_allotments" add constraint "auction_allotments_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "security_holdings" add constraint "security_holdings_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "auction_allotments" cascade;`);
    this.addSql(`drop table if exists "auction_settlements" cascade;`);
    this.addSql(`drop table if exists "auction_bids" cascade;`);
    this.addSql(`drop table if exists "auctions" cascade;`);
    this.addSql(`drop table if exists "ledger_entries" cascade;`);
    this.addSql(`drop table if exists "ledger_journals" cascade;`);
    this.addSql(`drop table if exists "cash_accounts" cascade;`);
    this.addSql(`drop table if exists "security_holdings" cascade;`);
    this.addSql(`drop type "auction_type";`);
    this.addSql(`drop type "auction_bid_basis";`);
    this.addSql(`drop type "auction_pricing_rule";`);
    this.addSql(`drop type "auction_state";`);
    this.addSql(`drop type "settlement_status";`);
    this.addSql(`drop type "auction_bid_status";`);
  }
}
