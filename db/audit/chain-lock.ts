import type { EntityManager } from '@mikro-orm/postgresql';

// One advisory lock serialises everything that moves the chain (the writer and the purge), so the
// head read at the start of a batch is still the head when the batch commits.
const CHAIN_LOCK_KEY = 7_261_124_400;

export type SqlRunner = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Raw SQL inside the transaction of `tx`. */
export function sqlIn(tx: EntityManager): SqlRunner {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  return <T>(sql: string, params: unknown[] = []) => conn.execute<T[]>(sql, params, 'all', ctx);
}

/** Takes the chain lock for the rest of the transaction; false when another holder has it. */
export async function tryLockChain(sql: SqlRunner): Promise<boolean> {
  const [row] = await sql<{ locked: boolean }>('select pg_try_advisory_xact_lock(?) as locked', [
    CHAIN_LOCK_KEY,
  ]);
  return row!.locked;
}

/** Waits for the chain lock and holds it for the rest of the transaction. */
export async function lockChain(sql: SqlRunner): Promise<void> {
  await sql('select pg_advisory_xact_lock(?)', [CHAIN_LOCK_KEY]);
}

export interface ChainHead {
  id: bigint;
  hash: string;
}

/** The newest record, or the genesis position of an empty chain. */
export async function readChainHead(sql: SqlRunner, genesisHash: string): Promise<ChainHead> {
  const [head] = await sql<{ id: string; record_hash: string }>(
    'select id, record_hash from audit_events order by id desc limit 1',
  );
  return head ? { id: BigInt(head.id), hash: head.record_hash } : { id: 0n, hash: genesisHash };
}
