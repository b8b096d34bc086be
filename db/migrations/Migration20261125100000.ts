import { Migration } from '@mikro-orm/migrations';

export class Migration20261125100000 extends Migration {
  override async up(): Promise<void> {
    // The WebSocket messages each event produced, so a batch committed but not published before a
    // crash is published by the recovering worker.
    this.addSql(`alter table "order_events" add column "messages" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_events" drop column "messages";`);
  }
}
