import { Migration } from '@mikro-orm/migrations';

// Matching shard leases: which worker process owns each shard, until when, under which fencing
// token (every journal write of the owner checks the token, so a stale owner cannot write).
export class Migration20261126700000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "matching_shard_leases" ("shard" int not null, "owner" varchar(200) not null, "token" bigint not null, "expires_at" timestamptz not null, "acquired_at" timestamptz not null default now(), "requested_by" varchar(200) null, constraint "matching_shard_leases_pkey" primary key ("shard"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "matching_shard_leases" cascade;`);
  }
}
