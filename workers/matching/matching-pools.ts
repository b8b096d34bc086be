import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Config } from '../../platform/config';
import { createPgPool } from '../../platform/postgres-pool';

/** The matching process's two PostgreSQL pools. */
export interface MatchingPools {
  /** Journal writes and recovery reads. */
  journal: Pool;
  /** Lease acquisitions and renewals. */
  leases: Pool;
}

/**
 * A journal transaction may not outlive a lease: if the process freezes mid-commit, the server
 * ends its session and so frees the lease row the fence holds FOR SHARE, and another process can
 * take the shard over. Leases have a pool of their own, so renewals never queue behind journal
 * writes, and a takeover that would wait on that row lock gives up within a tick instead of
 * stalling the renewals of the shards the process already holds.
 */
export function createMatchingPools(config: Config, metrics?: Registry): MatchingPools {
  return {
    journal: createPgPool(config, 'matching', metrics, undefined, {
      idleInTransactionMs: config.matchingLeaseMs,
    }),
    leases: createPgPool(config, 'matching-leases', metrics, 2, {
      lockWaitMs: Math.ceil(config.matchingLeaseMs / 5),
    }),
  };
}
