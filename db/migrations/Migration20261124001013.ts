import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001013 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "portfolio_kind" as enum ('HOUSE', 'WHAT_IF');`);
    this.addSql(
      `create table "portfolios" ("id" serial primary key, "participant_id" int not null, "name" varchar(200) not null, "kind" "portfolio_kind" not null, "base_currency" varchar(3) not null default 'INR', "description" text null, "created_by" int null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1);`,
    );
    this.addSql(
      `create unique index "portfolios_one_house_per_participant" on "portfolios" ("participant_id") where "kind" = 'HOUSE';`,
    );
    this.addSql(
      `alter table "portfolios" add constraint "portfolios_participant_name_unique" unique ("participant_id", "name");`,
    );

    this.addSql(
      `create table "positions" ("id" serial primary key, "portfolio_id" int not null, "bond_id" int not null, "quantity" numeric(20,2) not null, "average_price" numeric(12,4) null, "updated_at" timestamptz not null default now(), "version" int not null default 1);`,
    );
    this.addSql(
      `alter table "positions" add constraint "positions_portfolio_bond_unique" unique ("portfolio_id", "bond_id");`,
    );

    this.addSql(
      `alter table "portfolios" add constraint "portfolios_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "positions" add constraint "positions_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolios" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "positions" add constraint "positions_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "positions" drop constraint "positions_portfolio_id_foreign";`);

    this.addSql(`drop table if exists "portfolios" cascade;`);

    this.addSql(`drop table if exists "positions" cascade;`);

    this.addSql(`drop type "portfolio_kind";`);
  }
}
