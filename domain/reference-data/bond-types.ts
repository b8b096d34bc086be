export const BOND_TYPES = ['G_SEC', 'SDL', 'T_BILL', 'CORPORATE'] as const;
export type BondType = (typeof BOND_TYPES)[number];

export const ISSUER_TYPES = [
  'CENTRAL_GOVERNMENT',
  'STATE_GOVERNMENT',
  'PSU',
  'BANK',
  'NBFC',
  'CORPORATE',
] as const;
export type IssuerType = (typeof ISSUER_TYPES)[number];

export const DAY_COUNTS = ['30/360', '30E/360', 'ACT/ACT-ICMA', 'ACT/365F', 'ACT/360'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/** Coupons per year; 0 is a zero-coupon instrument such as a T-bill. */
export const COUPON_FREQUENCIES = [0, 1, 2, 4, 12] as const;
