import type { EntityManager } from '@mikro-orm/postgresql';
import { assertBalanced, CASH_ASSET, type JournalLine } from '../../domain/ledger/journal';
import { DomainError } from '../../domain/domain-error';

export interface Journal {
  /** Business key of the movement: posting the same reference twice posts it once. */
  reference: string;
  kind: string;
  description: string;
  lines: JournalLine[];
}

/** A member's cash or holding would go below what it has (or has blocked). */
export class OverdraftError extends DomainError {
  readonly code = 'LEDGER_OVERDRAFT';
}

/**
 * Posts a balanced journal inside the caller's transaction: every line becomes a ledger entry, and
 * members' cash balances and holdings move with them. The venue operator's side (the issuer's
 * account of primary issues, the source of opening balances) is kept as entries only, its balance
 * being their sum: every settlement touches it, and one balance row for all would serialise them.
 * Returns false when the reference was already posted (a retried step).
 */
export async function postJournal(em: EntityManager, journal: Journal): Promise<boolean> {
  assertBalanced(journal.lines);
  const inserted = await em.execute<{ id: string }[]>(
    'insert into ledger_journals (reference, kind, description) values (?, ?, ?) on conflict (reference) do nothing returning id',
    [journal.reference, journal.kind, journal.description],
  );
  const journalId = inserted[0]?.id;
  if (journalId === undefined) return false;
  const ids = [...new Set(journal.lines.map((l) => l.participantId))];
  const venue = new Set(
    (
      await em.execute<{ id: number }[]>(
        `select id from participants where is_venue_operator and id in (${ids.map(() => '?').join(', ')})`,
        ids,
      )
    ).map((r) => r.id),
  );
  for (const line of journal.lines) {
    await em.execute(
      'insert into ledger_entries (journal_id, participant_id, asset, amount) values (?, ?, ?, ?)',
      [journalId, line.participantId, line.asset, line.amount],
    );
    if (venue.has(line.participantId)) continue;
    const rows =
      line.asset === CASH_ASSET
        ? await em.execute<{ below: boolean }[]>(
            `insert into cash_accounts (participant_id, balance) values (?, ?)
             on conflict (participant_id) do update set balance = cash_accounts.balance + excluded.balance, updated_at = now()
             returning balance < blocked or balance < 0 as below`,
            [line.participantId, line.amount],
          )
        : await em.execute<{ below: boolean }[]>(
            `insert into security_holdings (participant_id, isin, quantity) values (?, ?, ?)
             on conflict (participant_id, isin) do update set quantity = security_holdings.quantity + excluded.quantity, updated_at = now()
             returning quantity < blocked or quantity < 0 as below`,
            [line.participantId, line.asset, line.amount],
          );
    if (rows[0]?.below) {
      throw new OverdraftError(
        `participant ${line.participantId} lacks ${line.asset} for ${journal.reference}`,
        line.asset,
      );
    }
  }
  return true;
}
