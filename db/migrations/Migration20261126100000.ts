import { Migration } from '@mikro-orm/migrations';

// Securities earmarked for delivery in settlement (as cash_accounts.blocked is for payment).
export class Migration20261126100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "security_holdings" add column "blocked" numeric(22,2) not null default '0', add constraint "security_holdings_blocked_check" check ("blocked" >= 0);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "security_holdings" drop column "blocked";`);
  }
}
