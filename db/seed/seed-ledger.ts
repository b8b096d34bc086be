import type { EntityManager } from '@mikro-orm/postgresql';
import { CASH_ASSET, type JournalLine } from '../../domain/ledger/journal';
import { Bond, Participant } from '../entities';
import { postJournal } from '../ledger/post-journal';

/** Each demo member opens with this cash (rupees) and this face of each listed bond. */
export const OPENING_CASH = '5000000000.00';
export const OPENING_FACE = '100000000.00';
const OPENING_BONDS = ['BOND_001', 'BOND_002'];

/**
 * Opening balances for every member without them: cash and a few holdings, delivered from the venue
 * operator's accounts in one balanced journal per member. Posted once per member (the journal's
 * reference is the key), so restarts change nothing.
 */
export async function seedOpeningBalances(em: EntityManager): Promise<{ members: number }> {
  const venue = await em.findOne(Participant, { isVenueOperator: true }, { orderBy: { id: 'asc' } });
  if (!venue) return { members: 0 };
  const bonds = await em.find(Bond, { code: { $in: OPENING_BONDS } });
  const members = await em.find(Participant, { isVenueOperator: false }, { orderBy: { id: 'asc' } });
  let posted = 0;
  for (const member of members) {
    const lines: JournalLine[] = [
      { participantId: member.id, asset: CASH_ASSET, amount: OPENING_CASH },
      { participantId: venue.id, asset: CASH_ASSET, amount: `-${OPENING_CASH}` },
      ...bonds.flatMap((b) => [
        { participantId: member.id, asset: b.isin, amount: OPENING_FACE },
        { participantId: venue.id, asset: b.isin, amount: `-${OPENING_FACE}` },
      ]),
    ];
    const done = await em.transactional((tx) =>
      postJournal(tx, {
        reference: `seed:opening:${member.code}`,
        kind: 'OPENING_BALANCE',
        description: `Demo opening balances of ${member.code}`,
        lines,
      }),
    );
    if (done) posted++;
  }
  return { members: posted };
}
