import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000101 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "yield_curves" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(200) not null, "currency" varchar(3) not null, "source" varchar(500) not null, "description" text null, "is_stand_in" boolean not null default false, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "yield_curves" add constraint "yield_curves_code_unique" unique ("code");`);

    this.addSql(
      `create table "yield_curve_points" ("id" bigserial primary key, "curve_id" int not null, "observation_date" date not null, "tenor_months" smallint not null, "yield_pct" numeric(9,4) not null);`,
    );
    this.addSql(
      `create index "yield_curve_points_curve_tenor_date_index" on "yield_curve_points" ("curve_id", "tenor_months", "observation_date");`,
    );
    this.addSql(
      `alter table "yield_curve_points" add constraint "yield_curve_points_curve_date_tenor_unique" unique ("curve_id", "observation_date", "tenor_months");`,
    );

    this.addSql(
      `alter table "yield_curve_points" add constraint "yield_curve_points_curve_id_foreign" foreign key ("curve_id") references "yield_curves" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "yield_curve_points" drop constraint "yield_curve_points_curve_id_foreign";`);

    this.addSql(`drop table if exists "yield_curves" cascade;`);

    this.addSql(`drop table if exists "yield_curve_points" cascade;`);
  }
}
