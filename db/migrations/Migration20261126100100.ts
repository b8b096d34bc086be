import { Migration } from '@mikro-orm/migrations';

// DvP-I: each gross trade's securities and funds legs, settled together and recorded apart.
export class Migration20261126100100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "settlement_leg_kind" as enum ('SECURITIES', 'FUNDS');`);
    this.addSql(
      `create table "settlement_legs" ("id" bigserial primary key, "run_id" int not null, "attempt" int not null, "trade_id" uuid not null, "leg" "settlement_leg_kind" not null, "from_participant_id" int not null, "to_participant_id" int not null, "asset" varchar(12) not null, "amount" numeric(22,2) not null, "journal_reference" varchar(200) not null, "settled_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "settlement_legs" add constraint "settlement_legs_trade_leg_unique" unique ("run_id", "attempt", "trade_id", "leg");`,
    );
    this.addSql(`create index "settlement_legs_trade_id_index" on "settlement_legs" ("trade_id");`);
    this.addSql(
      `alter table "settlement_legs" add constraint "settlement_legs_run_id_foreign" foreign key ("run_id") references "settlement_runs" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "settlement_legs" add constraint "settlement_legs_trade_id_foreign" foreign key ("trade_id") references "trades" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "settlement_legs" add constraint "settlement_legs_from_participant_id_foreign" foreign key ("from_participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "settlement_legs" add constraint "settlement_legs_to_participant_id_foreign" foreign key ("to_participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "settlement_legs" add constraint "settlement_legs_amount_check" check ("amount" > 0);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "settlement_legs" cascade;`);
    this.addSql(`drop type "settlement_leg_kind";`);
  }
}
