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

/** A member's cash or holding would go below zero (only the venue operator's accounts may). */
export class OverdraftError extends DomainError {
  readonly code = 'LEDGER_OVERDRAFT';
}

/**
 * Posts a balanced journal and moves the balances and holdings it touches, inside the caller's
 * transaction. Returns false when the reference was already posted (a retried step).
 */
export async function postJournal(em: EntityManager, journal: Journal): Promise<boolean> {
  assertBalanced(journal.lines);
  const inserted = await em.execute<{ id: string }[]>(
    'insert into ledger_journals (reference, kind, description) values (?, ?, ?) on conflict (reference) do nothing returning id',
    [journal.reference, journal.kind, journal.description],
  );
  const journalId = inserted[0]?.id;
  if (journalId === undefined) return false;
  for (const line of journal.lines) {
    await em.execute(
      'insert into ledger_entries (journal_id, participant_id, asset, amount) values (?, ?, ?, ?)',
      [journalId, line.participantId, line.asset, line.amount],
    );
    const rows =
      line.asset === CASH_ASSET
        ? await em.execute<{ below: boolean }[]>(
            `insert into cash_accounts (participant_id, balance) values (?, ?)
             on conflict (participant_id) do update set balance = cash_accounts.balance + excluded.balance, updated_at = now()
             returning balance < blocked as below`,
            [line.participantId, line.amount],
          )
        : await em.execute<{ below: boolean }[]>(
            `insert into security_holdings (participant_id, isin, quantity) values (?, ?, ?)
             on conflict (participant_id, isin) do update set quantity = security_holdings.quantity + excluded.quantity, updated_at = now()
             returning quantity < 0 as below`,
            [line.participantId, line.asset, line.amount],
          );
    if (rows[0]?.below && !(await isVenueOperator(em, line.participantId))) {
      throw new OverdraftError(
        `participant ${line.participantId} lacks ${line.asset} for ${journal.reference}`,
        line.asset,
      );
    }
  }
  return true;
}

async function isVenueOperator(em: EntityManager, participantId: number): Promise<boolean> {
  const rows = await em.execute<{ is_venue_operator: boolean }[]>(
    'select is_venue_operator from participants where id = ?',
    [participantId],
  );
  return rows[0]?.is_venue_operator === true;
}
