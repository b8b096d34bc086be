import { Migration } from '@mikro-orm/migrations';

// SEBI FPI registration numbers on participants (FPIs only, format checked), and room for the RFQ
// subjects of the pre-trade regulatory checks.
export class Migration20261126200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "participants" add column "fpi_registration" varchar(12) null;`);
    this.addSql(
      `alter table "participants" add constraint "participants_fpi_registration_unique" unique ("fpi_registration");`,
    );
    this.addSql(
      `alter table "participants" add constraint "participants_fpi_registration_check" check ("fpi_registration" is null or ("kind" = 'FPI' and "fpi_registration" ~ '^IN[A-Z]{2}FP[0-9]{6}$' and substr("fpi_registration", 3, 2) <> 'IN'));`,
    );
    this.addSql(`alter table "regulatory_check_records" alter column "subject_type" type varchar(16);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "regulatory_check_records" alter column "subject_type" type varchar(8);`);
    this.addSql(`alter table "participants" drop constraint "participants_fpi_registration_check";`);
    this.addSql(`alter table "participants" drop constraint "participants_fpi_registration_unique";`);
    this.addSql(`alter table "participants" drop column "fpi_registration";`);
  }
}
