import { Migration } from '@mikro-orm/migrations';

/**
 * Post-trade: each trade's settlement date (set by a trigger from the bond's cycle and its system's
 * calendar), status and version; settlement runs with their net obligations and per-trade outcomes;
 * trade corrections.
 */
export class Migration20261125300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "bonds" add column "settlement_days" smallint not null default 1;`);
    this.addSql(`create type "trade_status" as enum ('ACTIVE', 'BUSTED', 'CORRECTED');`);
    this.addSql(
      `create type "trade_settlement_status" as enum ('PENDING', 'SETTLED', 'CLOSED_OUT', 'CANCELLED');`,
    );
    this.addSql(
      `alter table "trades" add column "settlement_date" date null, add column "status" "trade_status" not null default 'ACTIVE', add column "version" int not null default 1, add column "settlement_status" "trade_settlement_status" not null default 'PENDING', add column "settlement_rolls" smallint not null default 0, add column "settled_at" timestamptz null;`,
    );
    // T+n business days of one system's calendar, the same rule as domain/calendar's BusinessCalendar
    // (n = 0 is the day itself when it is a business day, else the next one); a test compares the two.
    this.addSql(`create function "settlement_business_day"(system "settlement_system", from_date date, n int)
      returns date language plpgsql stable as $$
      declare d date := from_date; left_days int := n;
      begin
        if n = 0 then
          while extract(isodow from d) > 5 or exists (select 1 from holidays h where h.settlement_system = system and h.date = d) loop
            d := d + 1;
          end loop;
          return d;
        end if;
        while left_days > 0 loop
          d := d + 1;
          if extract(isodow from d) <= 5 and not exists (select 1 from holidays h where h.settlement_system = system and h.date = d) then
            left_days := left_days - 1;
          end if;
        end loop;
        return d;
      end $$;`);
    // Trade date is the execution's date in India; the matching worker's insert stays as it is.
    this.addSql(`create function "trades_set_settlement_date"() returns trigger language plpgsql as $$
      begin
        if new.settlement_date is null then
          select settlement_business_day(
                   case when b.bond_type = 'CORPORATE' then 'CLEARING_CORPORATION'::settlement_system else 'RBI_SGL'::settlement_system end,
                   (new.executed_at at time zone 'Asia/Kolkata')::date, b.settlement_days)
            into new.settlement_date from bonds b where b.id = new.bond_id;
        end if;
        return new;
      end $$;`);
    this.addSql(
      `create trigger "trades_settlement_date" before insert on "trades" for each row execute function "trades_set_settlement_date"();`,
    );
    this.addSql(
      `update "trades" t set "settlement_date" = settlement_business_day(case when b.bond_type = 'CORPORATE' then 'CLEARING_CORPORATION'::settlement_system else 'RBI_SGL'::settlement_system end, (t.executed_at at time zone 'Asia/Kolkata')::date, b.settlement_days) from "bonds" b where b.id = t.bond_id;`,
    );
    this.addSql(`alter table "trades" alter column "settlement_date" set not null;`);
    this.addSql(
      `create index "trades_settlement_index" on "trades" ("settlement_status", "settlement_date");`,
    );

    this.addSql(`create type "settlement_mode" as enum ('DVP3', 'DVP1');`);
    this.addSql(
      `create type "settlement_run_status" as enum ('RUNNING', 'SETTLED', 'PARTIAL', 'FAILED', 'NOTHING_TO_SETTLE');`,
    );
    this.addSql(
      `create table "settlement_runs" ("id" serial primary key, "settlement_system" "settlement_system" not null, "settlement_date" date not null, "mode" "settlement_mode" not null, "workflow_id" varchar(100) not null, "status" "settlement_run_status" not null default 'RUNNING', "attempt" int not null default 1, "round" int not null default 0, "started_by" int null, "started_at" timestamptz not null default now(), "finished_at" timestamptz null, "summary" jsonb null);`,
    );
    this.addSql(
      `alter table "settlement_runs" add constraint "settlement_runs_system_date_unique" unique ("settlement_system", "settlement_date");`,
    );
    this.addSql(
      `create type "settlement_obligation_status" as enum ('PENDING', 'BLOCKED', 'SETTLED', 'RELEASED');`,
    );
    this.addSql(
      `create table "settlement_obligations" ("id" bigserial primary key, "run_id" int not null, "attempt" int not null, "round" int not null, "participant_id" int not null, "asset" varchar(12) not null, "amount" numeric(22,2) not null, "status" "settlement_obligation_status" not null default 'PENDING');`,
    );
    this.addSql(
      `alter table "settlement_obligations" add constraint "settlement_obligations_round_asset_unique" unique ("run_id", "attempt", "round", "participant_id", "asset");`,
    );
    this.addSql(
      `alter table "settlement_obligations" add constraint "settlement_obligations_run_id_foreign" foreign key ("run_id") references "settlement_runs" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "settlement_obligations" add constraint "settlement_obligations_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`create type "settlement_trade_outcome" as enum ('PLANNED', 'SETTLED', 'FAILED');`);
    this.addSql(
      `create table "settlement_run_trades" ("id" bigserial primary key, "run_id" int not null, "attempt" int not null, "trade_id" uuid not null, "round" int not null, "trade_version" int not null, "outcome" "settlement_trade_outcome" not null, "failed_participant_id" int null, "reason" text null);`,
    );
    this.addSql(
      `alter table "settlement_run_trades" add constraint "settlement_run_trades_attempt_trade_unique" unique ("run_id", "attempt", "trade_id");`,
    );
    this.addSql(
      `create index "settlement_run_trades_trade_id_index" on "settlement_run_trades" ("trade_id");`,
    );
    this.addSql(
      `alter table "settlement_run_trades" add constraint "settlement_run_trades_run_id_foreign" foreign key ("run_id") references "settlement_runs" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "settlement_run_trades" add constraint "settlement_run_trades_trade_id_foreign" foreign key ("trade_id") references "trades" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`create type "trade_correction_kind" as enum ('BUST', 'CORRECT');`);
    this.addSql(`create type "trade_correction_status" as enum ('PENDING_APPROVAL', 'APPLIED', 'REJECTED');`);
    this.addSql(
      `create table "trade_corrections" ("id" serial primary key, "trade_id" uuid not null, "kind" "trade_correction_kind" not null, "status" "trade_correction_status" not null default 'PENDING_APPROVAL', "reason" text not null, "old_price" numeric(12,4) not null, "old_quantity" numeric(20,2) not null, "new_price" numeric(12,4) null, "new_quantity" numeric(20,2) null, "from_version" int not null, "to_version" int null, "requested_by" int not null, "requested_at" timestamptz not null default now(), "decided_by" int null, "decided_at" timestamptz null, "decision_comment" text null);`,
    );
    this.addSql(`create index "trade_corrections_trade_id_index" on "trade_corrections" ("trade_id");`);
    this.addSql(
      `alter table "trade_corrections" add constraint "trade_corrections_trade_id_foreign" foreign key ("trade_id") references "trades" ("id") on update cascade on delete restrict;`,
    );
    // One open request per trade: a second one waits for the first to be decided.
    this.addSql(
      `create unique index "trade_corrections_one_pending_unique" on "trade_corrections" ("trade_id") where "status" = 'PENDING_APPROVAL';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "trade_corrections" cascade;`);
    this.addSql(`drop type "trade_correction_status";`);
    this.addSql(`drop type "trade_correction_kind";`);
    this.addSql(`drop table if exists "settlement_run_trades" cascade;`);
    this.addSql(`drop type "settlement_trade_outcome";`);
    this.addSql(`drop table if exists "settlement_obligations" cascade;`);
    this.addSql(`drop type "settlement_obligation_status";`);
    this.addSql(`drop table if exists "settlement_runs" cascade;`);
    this.addSql(`drop type "settlement_run_status";`);
    this.addSql(`drop type "settlement_mode";`);
    this.addSql(`drop trigger "trades_settlement_date" on "trades";`);
    this.addSql(`drop function "trades_set_settlement_date"();`);
    this.addSql(`drop function "settlement_business_day"(settlement_system, date, int);`);
    this.addSql(`drop index "trades_settlement_index";`);
    this.addSql(
      `alter table "trades" drop column "settlement_date", drop column "status", drop column "version", drop column "settlement_status", drop column "settlement_rolls", drop column "settled_at";`,
    );
    this.addSql(`drop type "trade_settlement_status";`);
    this.addSql(`drop type "trade_status";`);
    this.addSql(`alter table "bonds" drop column "settlement_days";`);
  }
}
