import { Migration } from '@mikro-orm/migrations';

/**
 * Regulatory reporting: report runs and schedule actions, the 15-minute trade reporting obligations
 * (created by triggers on trades and auction allotments), the published FPI national limits and the
 * pre-trade regulatory check records, and the detectors' read positions.
 */
export class Migration20261125200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "fpi_national_limits" ("id" serial primary key, "as_of" date not null, "category" varchar(16) not null, "limit_paise" numeric(24,0) null, "utilised_paise" numeric(24,0) not null, "uploaded_by" int null, "uploaded_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "fpi_national_limits" add constraint "fpi_national_limits_as_of_category_unique" unique ("as_of", "category");`,
    );
    this.addSql(
      `create table "regulatory_check_records" ("id" bigserial primary key, "subject_type" varchar(8) not null, "participant_id" int not null, "bond_id" int not null, "side" varchar(4) not null, "face_value_paise" numeric(24,0) not null, "is_fpi" boolean not null, "fpi_category" varchar(16) null, "passed" boolean not null, "reasons" varchar(200) null, "overridden" boolean not null default false, "outcomes" jsonb not null, "checked_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "regulatory_check_records_checked_at_index" on "regulatory_check_records" ("checked_at");`,
    );
    this.addSql(
      `create table "report_runs" ("id" serial primary key, "report_type" varchar(32) not null, "period" varchar(16) not null, "version" int not null, "workflow_id" varchar(128) not null, "reason" text null, "trigger_kind" varchar(16) not null, "triggered_by_user_id" int null, "schedule_id" varchar(128) null, "schedule_action_id" int null, "parameters" jsonb not null, "status" varchar(16) not null default 'RUNNING', "progress" jsonb null, "row_counts" jsonb null, "control_totals" jsonb null, "artifacts" jsonb null, "delivery" jsonb null, "error" text null, "created_at" timestamptz not null default now(), "completed_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "report_runs" add constraint "report_runs_workflow_id_unique" unique ("workflow_id");`,
    );
    this.addSql(`create index "report_runs_created_at_index" on "report_runs" ("created_at");`);
    this.addSql(
      `alter table "report_runs" add constraint "report_runs_type_period_version_unique" unique ("report_type", "period", "version");`,
    );
    this.addSql(
      `create table "report_schedule_actions" ("id" serial primary key, "schedule_id" varchar(128) not null, "action" varchar(16) not null, "reason" text not null, "requested_by" int not null, "range_start" timestamptz null, "range_end" timestamptz null, "consumed_at" timestamptz null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "report_schedule_actions_schedule_index" on "report_schedule_actions" ("schedule_id", "created_at");`,
    );
    this.addSql(
      `create table "trade_report_obligations" ("id" bigserial primary key, "source" varchar(16) not null, "trade_ref" varchar(64) not null, "report_id" varchar(80) not null, "version" int not null, "action" varchar(8) not null, "executed_at" timestamptz not null, "deadline_at" timestamptz not null, "status" varchar(16) not null default 'REPORT_PENDING', "attempts" int not null default 0, "last_error" text null, "record" jsonb null, "record_hash" varchar(64) null, "reported_at" timestamptz null, "confirmed_at" timestamptz null, "ack_ref" varchar(128) null, "alerted_at" timestamptz null, "exception_id" int null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "trade_report_obligations_status_deadline_index" on "trade_report_obligations" ("status", "deadline_at");`,
    );
    this.addSql(
      `alter table "trade_report_obligations" add constraint "trade_report_obligations_source_ref_version_unique" unique ("source", "trade_ref", "version");`,
    );
    this.addSql(
      `create table "compliance_cursors" ("name" varchar(64) not null, "position" bigint not null default 0, "updated_at" timestamptz not null default now(), constraint "compliance_cursors_pkey" primary key ("name"));`,
    );
    // AMEND and CANCEL versions (trade corrections): one call, in the correction's own transaction.
    this.addSql(`
      create function enqueue_trade_report(p_source text, p_trade_ref text, p_action text, p_event_at timestamptz default now())
      returns bigint language plpgsql as $$
      declare
        first_executed timestamptz;
        next_version int;
        new_id bigint;
      begin
        if p_action not in ('AMEND', 'CANCEL') then
          raise exception 'enqueue_trade_report takes AMEND or CANCEL, not %', p_action;
        end if;
        -- Serialises versions of one trade, so two corrections side by side never share a number.
        perform pg_advisory_xact_lock(hashtext('trade-report:' || p_source || ':' || p_trade_ref));
        select min(executed_at), max(version) + 1 into first_executed, next_version
          from trade_report_obligations where source = p_source and trade_ref = p_trade_ref;
        if next_version is null then
          raise exception 'no NEW trade report for % %', p_source, p_trade_ref;
        end if;
        insert into trade_report_obligations (source, trade_ref, report_id, version, action, executed_at, deadline_at)
          select p_source, p_trade_ref, report_id, next_version, p_action, first_executed, p_event_at + interval '15 minutes'
            from trade_report_obligations where source = p_source and trade_ref = p_trade_ref and version = 1
          returning id into new_id;
        return new_id;
      end $$;`);
    // Statement-level with a transition table: one set-based insert per group commit, not one per trade.
    this.addSql(`
      create function trades_enqueue_trade_reports() returns trigger language plpgsql as $$
      begin
        insert into trade_report_obligations (source, trade_ref, report_id, version, action, executed_at, deadline_at)
          select 'TRADE', n.id::text, 'TRD-' || n.id, 1, 'NEW', n.executed_at, n.executed_at + interval '15 minutes'
            from new_trades n;
        return null;
      end $$;`);
    this.addSql(`
      create trigger trades_trade_reports after insert on trades
        referencing new table as new_trades for each statement execute function trades_enqueue_trade_reports();`);
    this.addSql(`
      create function allotments_enqueue_trade_reports() returns trigger language plpgsql as $$
      begin
        insert into trade_report_obligations (source, trade_ref, report_id, version, action, executed_at, deadline_at)
          select 'ALLOTMENT', n.id::text, 'ALT-' || n.id, 1, 'NEW', e.at, e.at + interval '15 minutes'
            from new_allotments n
            join auctions a on a.id = n.auction_id
            cross join lateral (select coalesce(a.cleared_at, now()) as at) e
           where n.allotted_amount > 0;
        return null;
      end $$;`);
    this.addSql(`
      create trigger auction_allotments_trade_reports after insert on auction_allotments
        referencing new table as new_allotments for each statement execute function allotments_enqueue_trade_reports();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists auction_allotments_trade_reports on auction_allotments;`);
    this.addSql(`drop trigger if exists trades_trade_reports on trades;`);
    this.addSql(`drop function if exists allotments_enqueue_trade_reports();`);
    this.addSql(`drop function if exists trades_enqueue_trade_reports();`);
    this.addSql(`drop function if exists enqueue_trade_report(text, text, text, timestamptz);`);
    this.addSql(`drop table if exists "compliance_cursors" cascade;`);
    this.addSql(`drop table if exists "trade_report_obligations" cascade;`);
    this.addSql(`drop table if exists "report_schedule_actions" cascade;`);
    this.addSql(`drop table if exists "report_runs" cascade;`);
    this.addSql(`drop table if exists "regulatory_check_records" cascade;`);
    this.addSql(`drop table if exists "fpi_national_limits" cascade;`);
  }
}
