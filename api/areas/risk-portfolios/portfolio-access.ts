import type { EntityManager } from '@mikro-orm/postgresql';
import { Portfolio } from '../../../db/entities';
import { hasAnyRole, type Role } from '../../../domain/access/roles';
import type { Principal } from '../../auth/principal';
import { problems } from '../../http/problem';

/** Venue staff who may create and edit what-if portfolios for any participant. */
export const PORTFOLIO_MANAGING_STAFF: readonly Role[] = ['RISK_OFFICER', 'ADMIN'];

/** Who may create portfolios, change positions and request risk runs (ownership is checked per portfolio). */
export const PORTFOLIO_WRITER_ROLES: readonly Role[] = [
  'TRADER',
  'MARKET_MAKER',
  ...PORTFOLIO_MANAGING_STAFF,
];

export const managesAnyParticipant = (principal: Principal) =>
  principal.isVenueStaff && hasAnyRole(principal.roles, PORTFOLIO_MANAGING_STAFF);

/** A portfolio the caller may see: members only their participant's (else 404), venue staff any. */
export async function findVisiblePortfolio(
  em: EntityManager,
  principal: Principal,
  portfolioId: number,
): Promise<Portfolio> {
  const portfolio = await em.findOne(Portfolio, portfolioId);
  if (!portfolio || (!principal.isVenueStaff && portfolio.participant.id !== principal.participantId)) {
    throw problems.notFound('Portfolio');
  }
  return portfolio;
}

/** A WHAT_IF portfolio of the caller's participant (or any, for RISK_OFFICER and ADMIN staff). */
export async function findEditablePortfolio(
  em: EntityManager,
  principal: Principal,
  portfolioId: number,
): Promise<Portfolio> {
  const portfolio = await findVisiblePortfolio(em, principal, portfolioId);
  if (portfolio.participant.id !== principal.participantId && !managesAnyParticipant(principal)) {
    throw problems.notFound('Portfolio');
  }
  if (portfolio.kind === 'HOUSE') {
    throw problems.conflict(
      'house-portfolio-read-only',
      'A HOUSE portfolio follows fills and allotments; its positions cannot be set through the API.',
    );
  }
  return portfolio;
}
