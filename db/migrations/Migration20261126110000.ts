import { Migration } from '@mikro-orm/migrations';

// Venue fees: an effective-dated fee schedule, the fee each side paid on each settled trade, and the
// fees a DvP-III round planned per trade (settled with the round's net journal).
export class Migration20261126110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "fee_schedule" ("id" serial primary key, "execution_mechanism" "execution_mechanism" not null, "participant_kind" "participant_kind" null, "rate_bp" numeric(8,4) not null, "minimum" numeric(14,2) not null default 0, "effective_from" date not null, "note" varchar(200) null, "created_by" int null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "fee_schedule" add constraint "fee_schedule_entry_unique" unique nulls not distinct ("execution_mechanism", "participant_kind", "effective_from");`,
    );
    this.addSql(
      `alter table "fee_schedule" add constraint "fee_schedule_amounts_check" check ("rate_bp" >= 0 and "minimum" >= 0);`,
    );
    this.addSql(
      `alter table "fee_schedule" add constraint "fee_schedule_created_by_foreign" foreign key ("created_by") references "users" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `create table "trade_fees" ("id" bigserial primary key, "trade_id" uuid not null, "participant_id" int not null, "side" varchar(4) not null, "run_id" int not null, "attempt" int not null, "fee_schedule_id" int not null, "consideration" numeric(22,2) not null, "rate_bp" numeric(8,4) not null, "minimum" numeric(14,2) not null, "amount" numeric(14,2) not null, "journal_reference" varchar(200) not null, "charged_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "trade_fees" add constraint "trade_fees_trade_side_unique" unique ("trade_id", "side");`,
    );
    this.addSql(
      `alter table "trade_fees" add constraint "trade_fees_side_check" check (("side" = 'BUY' or "side" = 'SELL') and "amount" > 0);`,
    );
    this.addSql(
      `create index "trade_fees_participant_id_index" on "trade_fees" ("participant_id", "charged_at");`,
    );
    for (const [column, table] of [
      ['trade_id', 'trades'],
      ['participant_id', 'participants'],
      ['run_id', 'settlement_runs'],
      ['fee_schedule_id', 'fee_schedule'],
    ]) {
      this.addSql(
        `alter table "trade_fees" add constraint "trade_fees_${column}_foreign" foreign key ("${column}") references "${table}" ("id") on update cascade on delete restrict;`,
      );
    }
    this.addSql(
      `alter table "settlement_run_trades" add column "buyer_fee" numeric(14,2) not null default 0, add column "buyer_fee_schedule_id" int null, add column "seller_fee" numeric(14,2) not null default 0, add column "seller_fee_schedule_id" int null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "settlement_run_trades" drop column "buyer_fee", drop column "buyer_fee_schedule_id", drop column "seller_fee", drop column "seller_fee_schedule_id";`,
    );
    this.addSql(`drop table if exists "trade_fees" cascade;`);
    this.addSql(`drop table if exists "fee_schedule" cascade;`);
  }
}
