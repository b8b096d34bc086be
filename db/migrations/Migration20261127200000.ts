import { Migration } from '@mikro-orm/migrations';

// The market maker's start-of-day inventory and mark per bond (what its daily P&L and loss limit
// revalue overnight inventory from), and an index of stops' TRIGGERED events by order (a triggered
// STOP_LIMIT rests on the book and counts in the fair-value curve's touches).
export class Migration20261127200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "market_maker_day_starts" ("participant_id" int not null, "bond_id" int not null, "day_start" timestamptz not null, "inventory" numeric(20,2) not null, "mark_price" numeric(12,4) not null, "mark_source" varchar(16) not null, "recorded_at" timestamptz not null default now(), constraint "market_maker_day_starts_pkey" primary key ("participant_id", "bond_id", "day_start"));`,
    );
    this.addSql(
      `alter table "market_maker_day_starts" add constraint "market_maker_day_starts_mark_check" check ("mark_price" > 0 and ("mark_source" = 'FAIR_VALUE' or "mark_source" = 'AVERAGE_COST'));`,
    );
    this.addSql(
      `alter table "market_maker_day_starts" add constraint "market_maker_day_starts_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "market_maker_day_starts" add constraint "market_maker_day_starts_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `create index "order_events_triggered_order_index" on "order_events" ("order_id") where "type" = 'TRIGGERED';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "order_events_triggered_order_index";`);
    this.addSql(`drop table if exists "market_maker_day_starts" cascade;`);
  }
}
