export const ROLES = [
  'ADMIN',
  'AUCTION_ADMIN',
  'TRADER',
  'MARKET_MAKER',
  'RISK_OFFICER',
  'COMPLIANCE_OFFICER',
  'OPERATIONS',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles only the venue operator's own staff may hold; members get TRADER and MARKET_MAKER. */
export const VENUE_STAFF_ROLES: readonly Role[] = [
  'ADMIN',
  'AUCTION_ADMIN',
  'RISK_OFFICER',
  'COMPLIANCE_OFFICER',
  'OPERATIONS',
];
export const MEMBER_ROLES: readonly Role[] = ['TRADER', 'MARKET_MAKER'];

export function rolesAllowedFor(isVenueOperator: boolean): readonly Role[] {
  return isVenueOperator ? VENUE_STAFF_ROLES : MEMBER_ROLES;
}

export function hasAnyRole(held: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((r) => held.includes(r));
}
