import { Migration } from '@mikro-orm/migrations';

export class Migration20261125100100 extends Migration {
  override async up(): Promise<void> {
    // The matching worker's clock command: GTD orders expire when their time comes, through the
    // journal, so a replay expires them at the same point.
    this.addSql(`alter type "order_command_kind" add value if not exists 'TIME';`);
  }

  override async down(): Promise<void> {
    // PostgreSQL cannot drop an enum value; an unused one is harmless.
  }
}
