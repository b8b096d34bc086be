import { Migration } from '@mikro-orm/migrations';

/** Trading: orders, trades, the command and event journals, book states, participant controls. */
export class Migration20261124100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "trading_session" as enum ('PRE_OPEN', 'CONTINUOUS', 'CLOSED');`);
    this.addSql(
      `create type "order_command_kind" as enum ('NEW', 'MODIFY', 'CANCEL', 'MASS_CANCEL', 'PRE_OPEN', 'OPEN', 'CLOSE', 'HALT', 'RESUME');`,
    );
    this.addSql(`create type "stp_mode" as enum ('CANCEL_INCOMING', 'CANCEL_RESTING', 'CANCEL_BOTH');`);
    this.addSql(`create type "order_side" as enum ('BUY', 'SELL');`);
    this.addSql(
      `create type "order_type" as enum ('LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LIMIT', 'ICEBERG');`,
    );
    this.addSql(`create type "time_in_force" as enum ('DAY', 'GTC', 'GTD', 'IOC', 'FOK');`);
    this.addSql(
      `create type "order_status" as enum ('PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED');`,
    );
    this.addSql(
      `create table "bond_trading_states" ("bond_id" int not null, "session" "trading_session" not null, "halted" boolean not null, "last_price" numeric(12,4) null, "last_trade_at" timestamptz null, "applied_seq" bigint not null, "updated_at" timestamptz not null default now(), constraint "bond_trading_states_pkey" primary key ("bond_id"));`,
    );
    this.addSql(
      `create table "order_commands" ("id" bigserial primary key, "bond_id" int not null, "kind" "order_command_kind" not null, "order_id" uuid null, "participant_id" int null, "payload" jsonb not null, "received_at" timestamptz not null, "applied_seq" bigint null, "applied_at" timestamptz null);`,
    );
    this.addSql(
      `create index "order_commands_unapplied_index" on "order_commands" ("bond_id", "id") where "applied_seq" is null;`,
    );
    this.addSql(
      `alter table "order_commands" add constraint "order_commands_bond_applied_seq_unique" unique ("bond_id", "applied_seq");`,
    );
    this.addSql(
      `create table "order_events" ("bond_id" int not null, "sequence" bigint not null, "command_id" bigint not null, "type" varchar(24) not null, "order_id" uuid null, "data" jsonb not null, "occurred_at" timestamptz not null, constraint "order_events_pkey" primary key ("bond_id", "sequence"));`,
    );
    this.addSql(
      `create table "participant_trading_controls" ("participant_id" int not null, "kill_switch" boolean not null default false, "max_order_quantity" numeric(20,2) null, "stp_mode" "stp_mode" not null default 'CANCEL_INCOMING', "updated_by" int null, "updated_at" timestamptz not null default now(), constraint "participant_trading_controls_pkey" primary key ("participant_id"));`,
    );
    this.addSql(
      `create table "orders" ("id" uuid not null, "engine_id" bigint not null, "participant_id" int not null, "user_id" int not null, "bond_id" int not null, "client_order_id" varchar(64) null, "side" "order_side" not null, "order_type" "order_type" not null, "time_in_force" "time_in_force" not null, "price" numeric(12,4) null, "stop_price" numeric(12,4) null, "quantity" numeric(20,2) not null, "display_quantity" numeric(20,2) null, "post_only" boolean not null default false, "stp_mode" "stp_mode" not null, "expire_time" timestamptz null, "filled_quantity" numeric(20,2) not null default 0, "status" "order_status" not null default 'PENDING_NEW', "reject_reason" varchar(32) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "orders_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "orders" add constraint "orders_engine_id_unique" unique ("engine_id");`);
    this.addSql(`create index "orders_bond_status_index" on "orders" ("bond_id", "status");`);
    this.addSql(
      `create index "orders_participant_created_index" on "orders" ("participant_id", "created_at");`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_participant_client_order_id_unique" unique ("participant_id", "client_order_id");`,
    );
    this.addSql(
      `create table "trades" ("id" uuid not null, "bond_id" int not null, "sequence" bigint not null, "buy_order_id" uuid not null, "sell_order_id" uuid not null, "buyer_participant_id" int not null, "seller_participant_id" int not null, "price" numeric(12,4) not null, "quantity" numeric(20,2) not null, "aggressor_side" "order_side" null, "executed_at" timestamptz not null, constraint "trades_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "trades_bond_executed_index" on "trades" ("bond_id", "executed_at");`);
    this.addSql(
      `create index "trades_seller_executed_index" on "trades" ("seller_participant_id", "executed_at");`,
    );
    this.addSql(
      `create index "trades_buyer_executed_index" on "trades" ("buyer_participant_id", "executed_at");`,
    );
    this.addSql(
      `alter table "trades" add constraint "trades_bond_sequence_unique" unique ("bond_id", "sequence");`,
    );
    this.addSql(
      `alter table "bond_trading_states" add constraint "bond_trading_states_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "order_commands" add constraint "order_commands_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "order_events" add constraint "order_events_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "participant_trading_controls" add constraint "participant_trading_controls_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "trades" add constraint "trades_bond_id_foreign" foreign key ("bond_id") references "bonds" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "trades" add constraint "trades_buy_order_id_foreign" foreign key ("buy_order_id") references "orders" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "trades" add constraint "trades_sell_order_id_foreign" foreign key ("sell_order_id") references "orders" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "trades" add constraint "trades_buyer_participant_id_foreign" foreign key ("buyer_participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "trades" add constraint "trades_seller_participant_id_foreign" foreign key ("seller_participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "trades" cascade;`);
    this.addSql(`drop table if exists "order_events" cascade;`);
    this.addSql(`drop table if exists "order_commands" cascade;`);
    this.addSql(`drop table if exists "bond_trading_states" cascade;`);
    this.addSql(`drop table if exists "participant_trading_controls" cascade;`);
    this.addSql(`drop table if exists "orders" cascade;`);
    this.addSql(`drop type "trading_session";`);
    this.addSql(`drop type "order_command_kind";`);
    this.addSql(`drop type "stp_mode";`);
    this.addSql(`drop type "order_side";`);
    this.addSql(`drop type "order_type";`);
    this.addSql(`drop type "order_status";`);
    this.addSql(`drop type "time_in_force";`);
  }
}
