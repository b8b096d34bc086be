import { z } from 'zod';
import type { Role } from '../../../domain/access/roles';
import type { Principal } from '../../auth/principal';

export const SETTLEMENT_TAG = 'Settlement';
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form');

/** Venue staff who read every participant's settlement data. */
export const SETTLEMENT_STAFF: readonly Role[] = [
  'OPERATIONS',
  'COMPLIANCE_OFFICER',
  'ADMIN',
  'RISK_OFFICER',
];
export const SETTLEMENT_READERS: readonly Role[] = ['TRADER', 'MARKET_MAKER', ...SETTLEMENT_STAFF];

/** The participant whose lines a caller sees: members their own, staff everyone (null). */
export const visibleParticipant = (principal: Principal): number | null =>
  principal.isVenueStaff ? null : principal.participantId;
