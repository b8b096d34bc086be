import { Migration } from '@mikro-orm/migrations';

// Compliance overrides of refused pre-trade regulatory checks, with what each has used up.
export class Migration20261127100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "regulatory_check_overrides" ("id" serial primary key, "participant_id" int not null, "check_name" varchar(16) not null, "bond_id" int null, "fpi_category" varchar(16) null, "max_paise" numeric(24,0) not null, "used_paise" numeric(24,0) not null default 0, "uses" int not null default 0, "reason" text not null, "expires_at" timestamptz not null, "granted_by" int not null, "granted_at" timestamptz not null default now(), "revoked_at" timestamptz null, "revoked_by" int null, "revoke_reason" text null, constraint regulatory_check_overrides_amount_check check (max_paise > 0 and used_paise >= 0 and used_paise <= max_paise and uses >= 0), constraint regulatory_check_overrides_scope_check check ((bond_id is null) <> (fpi_category is null) and (fpi_category is null or check_name = 'FPI_LIMIT')), constraint regulatory_check_overrides_revoked_check check ((revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revoke_reason is null)));`,
    );
    this.addSql(
      `create index "regulatory_check_overrides_participant_index" on "regulatory_check_overrides" ("participant_id", "expires_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "regulatory_check_overrides" cascade;`);
  }
}
