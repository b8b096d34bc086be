import { Migration } from '@mikro-orm/migrations';

export class Migration20261124020914 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "participant_profiles" ("id" serial primary key, "participant_id" int not null, "pan_ciphertext" text not null, "bank_account_number_ciphertext" text not null, "bank_ifsc" varchar(11) not null, "contact_email_ciphertext" text not null, "contact_phone_ciphertext" text not null, "updated_by" int null, "updated_at" timestamptz not null default now(), "version" int not null default 1);`,
    );
    this.addSql(
      `alter table "participant_profiles" add constraint "participant_profiles_participant_unique" unique ("participant_id");`,
    );

    this.addSql(
      `alter table "participant_profiles" add constraint "participant_profiles_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "participant_profiles" cascade;`);
  }
}
