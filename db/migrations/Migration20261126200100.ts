import { Migration } from '@mikro-orm/migrations';

// Trade reports a platform took as pending: where to poll, when next, and the confirmation id.
export class Migration20261126200100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "trade_report_obligations" add column "confirmation_id" varchar(128) null, add column "ack_status_url" varchar(2000) null, add column "next_poll_at" timestamptz null, add column "polls" int not null default 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "trade_report_obligations" drop column "confirmation_id", drop column "ack_status_url", drop column "next_poll_at", drop column "polls";`,
    );
  }
}
