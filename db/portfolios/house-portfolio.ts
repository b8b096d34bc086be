import type { EntityManager } from '@mikro-orm/postgresql';
import { Portfolio, type Participant } from '../entities';

export const HOUSE_PORTFOLIO_NAME = 'House';

/**
 * Queues a member participant's HOUSE portfolio in the unit of work (the venue operator has none).
 * Its positions are kept by the venue from fills and allotments, never set by clients.
 */
export function createHousePortfolio(em: EntityManager, participant: Participant): Portfolio | null {
  if (participant.isVenueOperator) return null;
  return em.create(Portfolio, {
    participant,
    name: HOUSE_PORTFOLIO_NAME,
    kind: 'HOUSE',
    description: "The participant's own book: positions follow its fills and allotments.",
    createdBy: null,
  });
}
