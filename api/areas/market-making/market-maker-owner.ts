import type { Principal } from '../../auth/principal';
import { problems } from '../../http/problem';

/**
 * Whose market maker a call is about: a MARKET_MAKER user's own participant (naming another is
 * 403), or for an ADMIN the participant it names (required).
 */
export function marketMakerOwner(principal: Principal, participantId: number | undefined): number {
  if (principal.roles.includes('ADMIN')) {
    if (participantId === undefined) {
      throw problems.validation([{ field: 'participant_id', message: 'required for an ADMIN' }]);
    }
    return participantId;
  }
  if (participantId !== undefined && participantId !== principal.participantId) {
    throw problems.forbidden('participant_id must be your own participant');
  }
  return principal.participantId;
}
