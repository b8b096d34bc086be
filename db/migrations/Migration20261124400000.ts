import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail becomes a hash chain. Changes append to `audit_outbox` in their own transaction;
 * one writer moves them onto `audit_events` in batches, giving each its id in the chain, the hash of
 * the record before it and its own hash. Triggers refuse UPDATE, DELETE and TRUNCATE on the chain
 * (DELETE only for members of `bondx_audit_purger`, the retention purge) and refuse an insert that
 * does not link onto the head. Rows recorded before this migration move to the outbox, so the
 * writer chains them first.
 */
export class Migration20261124400000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `do $$ begin if not exists (select 1 from pg_roles where rolname = 'bondx_audit_purger') then create role bondx_audit_purger nologin; end if; end $$;`,
    );
    this.addSql(
      `create table "audit_outbox" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "actor_user_id" int null, "actor_participant_id" int null, "action" varchar(64) not null, "subject_type" varchar(32) not null, "subject_id" varchar(64) null, "request_id" varchar(64) null, "details" jsonb null);`,
    );
    this.addSql(
      `insert into "audit_outbox" ("occurred_at", "actor_user_id", "actor_participant_id", "action", "subject_type", "subject_id", "request_id", "details") select "occurred_at", "actor_user_id", "actor_participant_id", "action", "subject_type", "subject_id", "request_id", "details" from "audit_events" order by "id";`,
    );
    this.addSql(`delete from "audit_events";`);
    this.addSql(`alter table "audit_events" alter column "id" drop default;`);
    // The writer stamps each record with the time its change committed (from the outbox).
    this.addSql(`alter table "audit_events" alter column "occurred_at" drop default;`);
    this.addSql(`drop sequence if exists "audit_events_id_seq";`);
    this.addSql(
      `alter table "audit_events" add column "prev_hash" varchar(64) not null, add column "record_hash" varchar(64) not null, add column "chained_at" timestamptz not null default now();`,
    );
    this.addSql(`create index "audit_events_action_index" on "audit_events" ("action");`);

    this.addSql(
      `create table "audit_legal_holds" ("id" serial primary key, "reason" varchar(500) not null, "subject_type" varchar(32) null, "subject_id" varchar(64) null, "occurred_from" timestamptz null, "occurred_to" timestamptz null, "created_by" int not null, "created_at" timestamptz not null default now(), "released_at" timestamptz null, "released_by" int null, "version" int not null default 1);`,
    );
    this.addSql(
      `create table "audit_purges" ("id" serial primary key, "purged_at" timestamptz not null default now(), "executed_by" varchar(64) not null, "cutoff" timestamptz not null, "removed_from_id" bigint not null, "removed_to_id" bigint not null, "removed_count" int not null, "last_removed_hash" varchar(64) not null, "first_kept_id" bigint not null, "head_id" bigint not null, "head_hash" varchar(64) not null, "stopped_by_hold_id" int null);`,
    );

    this.addSql(
      `create or replace function "audit_events_refuse_change"() returns trigger language plpgsql as $$
begin
  -- Direct membership, not pg_has_role: a superuser counts as a member of every role.
  if tg_op = 'DELETE' and exists (
    select 1 from pg_auth_members m
      join pg_roles g on g.oid = m.roleid and g.rolname = 'bondx_audit_purger'
      join pg_roles u on u.oid = m.member and u.rolname = current_user
  ) then
    return old;
  end if;
  raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;`,
    );
    this.addSql(
      `create trigger "audit_events_append_only" before update or delete on "audit_events" for each row execute function "audit_events_refuse_change"();`,
    );
    this.addSql(
      `create trigger "audit_events_no_truncate" before truncate on "audit_events" for each statement execute function "audit_events_refuse_change"();`,
    );
    this.addSql(
      `create or replace function "audit_events_link_to_head"() returns trigger language plpgsql as $$
declare
  head_id bigint;
  head_hash varchar(64);
begin
  select "id", "record_hash" into head_id, head_hash from "audit_events" order by "id" desc limit 1;
  if head_id is null then
    head_id := 0;
    head_hash := repeat('0', 64);
  end if;
  if new."id" <> head_id + 1 or new."prev_hash" <> head_hash then
    raise exception 'audit record % does not link onto the chain head %', new."id", head_id
      using errcode = 'integrity_constraint_violation';
  end if;
  return new;
end $$;`,
    );
    this.addSql(
      `create trigger "audit_events_linked" before insert on "audit_events" for each row execute function "audit_events_link_to_head"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "audit_events_linked" on "audit_events";`);
    this.addSql(`drop trigger if exists "audit_events_no_truncate" on "audit_events";`);
    this.addSql(`drop trigger if exists "audit_events_append_only" on "audit_events";`);
    this.addSql(`drop function if exists "audit_events_link_to_head"();`);
    this.addSql(`drop function if exists "audit_events_refuse_change"();`);
    this.addSql(`drop table if exists "audit_purges" cascade;`);
    this.addSql(`drop table if exists "audit_legal_holds" cascade;`);
    this.addSql(`drop index if exists "audit_events_action_index";`);
    this.addSql(
      `alter table "audit_events" drop column "prev_hash", drop column "record_hash", drop column "chained_at";`,
    );
    this.addSql(`create sequence if not exists "audit_events_id_seq" owned by "audit_events"."id";`);
    this.addSql(
      `select setval('audit_events_id_seq', coalesce((select max("id") from "audit_events"), 0) + 1, false);`,
    );
    this.addSql(`alter table "audit_events" alter column "id" set default nextval('audit_events_id_seq');`);
    this.addSql(`alter table "audit_events" alter column "occurred_at" set default now();`);
    this.addSql(
      `insert into "audit_events" ("occurred_at", "actor_user_id", "actor_participant_id", "action", "subject_type", "subject_id", "request_id", "details") select "occurred_at", "actor_user_id", "actor_participant_id", "action", "subject_type", "subject_id", "request_id", "details" from "audit_outbox" order by "id";`,
    );
    this.addSql(`drop table if exists "audit_outbox" cascade;`);
  }
}
