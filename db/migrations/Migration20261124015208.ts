import { Migration } from '@mikro-orm/migrations';

export class Migration20261124015208 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "settlement_system" as enum ('RBI_SGL', 'CLEARING_CORPORATION');`);
    this.addSql(
      `create table "holidays" ("id" serial primary key, "settlement_system" "settlement_system" not null, "date" date not null, "name" varchar(200) not null, "created_by" int null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "holidays" add constraint "holidays_system_date_unique" unique ("settlement_system", "date");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "holidays" cascade;`);

    this.addSql(`drop type "settlement_system";`);
  }
}
