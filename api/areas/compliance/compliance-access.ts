import type { Role } from '../../../domain/access/roles';

/** Who works compliance: officers act; admins may read the trail. */
export const COMPLIANCE_OFFICERS: readonly Role[] = ['COMPLIANCE_OFFICER'];
export const AUDIT_READERS: readonly Role[] = ['COMPLIANCE_OFFICER', 'ADMIN'];
export const COMPLIANCE_TAG = 'Compliance';
