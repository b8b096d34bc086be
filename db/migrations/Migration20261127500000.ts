import { Migration } from '@mikro-orm/migrations';

// An auction clearing inserts one allotment per bid (100,000 in a large auction), and each foreign
// key costs a per-row check. The allotment's auction and participant are its bid's: the clearing
// takes both from the bid row in the insert, and the bid key (cascading from the bid, which cascades
// from its auction and restricts its participant's deletion) keeps the same integrity with one check.
export class Migration20261127500000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "auction_allotments" drop constraint "auction_allotments_auction_id_foreign", drop constraint "auction_allotments_participant_id_foreign";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "auction_allotments" add constraint "auction_allotments_auction_id_foreign" foreign key ("auction_id") references "auctions" ("id") on update cascade on delete cascade, add constraint "auction_allotments_participant_id_foreign" foreign key ("participant_id") references "participants" ("id") on update cascade on delete restrict;`,
    );
  }
}
