import type { Pool, PoolClient } from 'pg';

/** What a shard's journal writes carry: the shard and the token its lease was granted under. */
export interface Fence {
  shard: number;
  token: string;
}

/** A write refused because the shard's lease moved on to another owner (or another grant). */
export class ShardFencedError extends Error {
  constructor(readonly fence: Fence) {
    super(`shard ${fence.shard}: lease token ${fence.token} is no longer current`);
    this.name = 'ShardFencedError';
  }
}

/**
 * The fencing check, inside the writing transaction. FOR SHARE holds the lease row until commit,
 * so a takeover (an UPDATE of the row) waits for the write in flight and every later write of the
 * old token fails: there is no window between the check and the commit.
 */
export async function checkFence(client: PoolClient, fence: Fence): Promise<void> {
  const r = await client.query(
    'select 1 from matching_shard_leases where shard = $1 and token = $2 for share',
    [fence.shard, fence.token],
  );
  if (r.rowCount !== 1) throw new ShardFencedError(fence);
}

/** The same check as a condition of a single statement (see MatchingJournal.timeCommands). */
export const FENCE_CONDITION = (shardParam: number, tokenParam: number) =>
  `exists (select 1 from matching_shard_leases where shard = $${shardParam} and token = $${tokenParam} for share)`;

export interface ShardLeaseRow {
  shard: number;
  owner: string;
  token: string;
  /** Negative while the lease is live; how long ago it ran out otherwise. */
  expiredForMs: number;
  requestedBy: string | null;
}

/**
 * Leases on matching shards, timed by the database clock (so processes need no agreement on
 * time). A grant to a new owner, or a new grant after expiry, adds one to the token.
 */
export class ShardLeases {
  constructor(
    private readonly pool: Pool,
    readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the shard if it has no live lease; the new token, or null when someone holds it. */
  async acquire(shard: number): Promise<string | null> {
    const r = await this.pool.query(
      `insert into matching_shard_leases as l (shard, owner, token, expires_at, acquired_at)
       values ($1, $2, 1, now() + make_interval(secs => $3::float8 / 1000), now())
       on conflict (shard) do update set owner = excluded.owner, token = l.token + 1,
          expires_at = excluded.expires_at, acquired_at = now(), requested_by = null
        where l.expires_at < now()
       returning token::text`,
      [shard, this.owner, this.ttlMs],
    );
    return r.rows[0]?.token ?? null;
  }

  /**
   * Extends the leases still held under these tokens. Returns those kept, with who asks for each
   * back; a shard missing from the answer was lost (taken over after it ran out).
   */
  async renew(held: ReadonlyMap<number, string>): Promise<Map<number, { requestedBy: string | null }>> {
    const r = await this.pool.query(
      `update matching_shard_leases l set expires_at = now() + make_interval(secs => $4::float8 / 1000)
         from unnest($1::int[], $2::bigint[]) as v(shard, token)
        where l.shard = v.shard and l.token = v.token and l.owner = $3
       returning l.shard, l.requested_by`,
      [[...held.keys()], [...held.values()], this.owner, this.ttlMs],
    );
    return new Map(r.rows.map((x) => [x.shard as number, { requestedBy: x.requested_by as string | null }]));
  }

  /** Lets the lease run out now (a graceful stop or a hand-back), keeping the token for the next grant. */
  async release(fence: Fence): Promise<void> {
    await this.pool.query(
      'update matching_shard_leases set expires_at = now() where shard = $1 and token = $2 and owner = $3',
      [fence.shard, fence.token, this.owner],
    );
  }

  /** Asks another process holding one of this process's home shards to hand it back. */
  async requestBack(shard: number): Promise<void> {
    await this.pool.query(
      `update matching_shard_leases set requested_by = $2
        where shard = $1 and owner <> $2 and requested_by is distinct from $2`,
      [shard, this.owner],
    );
  }

  list(): Promise<ShardLeaseRow[]> {
    return listShardLeases(this.pool);
  }
}

/** Every lease row, for the workers' decisions and for /health. */
export async function listShardLeases(pool: Pool): Promise<ShardLeaseRow[]> {
  const r = await pool.query(
    `select shard, owner, token::text, requested_by,
            (extract(epoch from now() - expires_at) * 1000)::float8 as expired_for_ms
       from matching_shard_leases order by shard`,
  );
  return r.rows.map((x) => ({
    shard: x.shard,
    owner: x.owner,
    token: x.token,
    expiredForMs: Math.round(x.expired_for_ms),
    requestedBy: x.requested_by,
  }));
}
