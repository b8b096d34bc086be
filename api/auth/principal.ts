import type { Role } from '../../domain/access/roles';

/** The caller, as established from a verified access token and a live session. */
export interface Principal {
  userId: number;
  username: string;
  participantId: number;
  roles: Role[];
  sessionId: string;
  /** Venue staff may read across participants as their role needs. */
  isVenueStaff: boolean;
}
