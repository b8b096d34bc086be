import { Migration } from '@mikro-orm/migrations';

// Per-participant position limits (on a bond, a bond type or every bond), read by the pre-trade
// gate and the position limits report; the unique key also serves the gate's lookup by participant.
export class Migration20261126210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "position_limits" ("id" serial primary key, "participant_id" int not null, "bond_id" int null, "bond_type" "bond_type" null, "scope_key" varchar(40) not null, "max_long_paise" numeric(24,0) null, "max_short_paise" numeric(24,0) null, "updated_by" int not null, "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "position_limits" add constraint "position_limits_participant_scope_unique" unique ("participant_id", "scope_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "position_limits" cascade;`);
  }
}
