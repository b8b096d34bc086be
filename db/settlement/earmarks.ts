import type { EntityManager } from '@mikro-orm/postgresql';
import { CASH_ASSET, hundredths } from '../../domain/ledger/journal';

const affected = (res: unknown) => Number((res as { affectedRows?: number }).affectedRows ?? 0);

/**
 * Blocks `amount` (a positive 2-decimal string) of a member's cash (`INR`) or holding of an ISIN for
 * a delivery in settlement, if that much is available (what it has less what is blocked already).
 * A block keeps every other movement from spending it (postJournal refuses to go below it) until the
 * settlement spends or releases it. Returns false, changing nothing, when too little is available.
 */
export async function earmark(
  em: EntityManager,
  participantId: number,
  asset: string,
  amount: string,
): Promise<boolean> {
  const res =
    asset === CASH_ASSET
      ? await em.execute(
          `update cash_accounts set blocked = blocked + ?, updated_at = now() where participant_id = ? and balance - blocked >= ?`,
          [amount, participantId, amount],
          'run',
        )
      : await em.execute(
          `update security_holdings set blocked = blocked + ?, updated_at = now()
            where participant_id = ? and isin = ? and quantity - blocked >= ?`,
          [amount, participantId, asset, amount],
          'run',
        );
  return affected(res) === 1;
}

/** Gives back a block made by `earmark` (before the settlement posts the movement, or when it fails). */
export async function releaseEarmark(
  em: EntityManager,
  participantId: number,
  asset: string,
  amount: string,
): Promise<void> {
  const res =
    asset === CASH_ASSET
      ? await em.execute(
          'update cash_accounts set blocked = blocked - ?, updated_at = now() where participant_id = ? and blocked >= ?',
          [amount, participantId, amount],
          'run',
        )
      : await em.execute(
          `update security_holdings set blocked = blocked - ?, updated_at = now()
            where participant_id = ? and isin = ? and blocked >= ?`,
          [amount, participantId, asset, amount],
          'run',
        );
  if (affected(res) !== 1) throw new Error(`no block of ${amount} ${asset} for participant ${participantId}`);
}

/** What a member can still deliver of an asset, in hundredths: what it has less what is blocked. */
export async function availableOf(em: EntityManager, participantId: number, asset: string): Promise<bigint> {
  const rows =
    asset === CASH_ASSET
      ? await em.execute<{ available: string }[]>(
          'select (balance - blocked)::text as available from cash_accounts where participant_id = ?',
          [participantId],
        )
      : await em.execute<{ available: string }[]>(
          'select (quantity - blocked)::text as available from security_holdings where participant_id = ? and isin = ?',
          [participantId, asset],
        );
  return hundredths(rows[0]?.available ?? '0');
}
