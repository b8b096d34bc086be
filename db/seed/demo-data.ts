import type { Role } from '../../domain/access/roles';
import type { BondType, DayCount, IssuerType } from '../../domain/reference-data/bond-types';
import type { Domicile, ParticipantKind } from '../../domain/reference-data/participant-kinds';

// Demo reference data: realistic Indian instruments and institutions. ISINs and LEIs follow their
// standards' check digits; coupons, dates and sizes are plausible but not an official register.

export interface DemoParticipant {
  code: string;
  name: string;
  kind: ParticipantKind;
  domicile: Domicile;
  lei: string;
  fpiRegistration?: string;
  isVenueOperator?: boolean;
}

export const DEMO_PARTICIPANTS: DemoParticipant[] = [
  {
    code: 'BONDX',
    name: 'BondX Venue Operations',
    kind: 'VENUE_OPERATOR',
    domicile: 'DOMESTIC',
    lei: '549300BONDXVENUE0123',
    isVenueOperator: true,
  },
  {
    code: 'SBIN',
    name: 'State Bank of India (Treasury)',
    kind: 'BANK',
    domicile: 'DOMESTIC',
    lei: '549300SBINDEMO000173',
  },
  {
    code: 'HDFCB',
    name: 'HDFC Bank (Treasury)',
    kind: 'BANK',
    domicile: 'DOMESTIC',
    lei: '549300HDFCDEMO000209',
  },
  {
    code: 'ICICPD',
    name: 'ICICI Securities Primary Dealership',
    kind: 'PRIMARY_DEALER',
    domicile: 'DOMESTIC',
    lei: '549300ICICPD00000349',
  },
  {
    code: 'KOTAKB',
    name: 'Kotak Securities (Debt Broking)',
    kind: 'BROKER',
    domicile: 'DOMESTIC',
    lei: '549300KOTAKBRK000465',
  },
  {
    code: 'SBIMF',
    name: 'SBI Mutual Fund',
    kind: 'MUTUAL_FUND',
    domicile: 'DOMESTIC',
    lei: '549300SBIMF000000552',
  },
  {
    code: 'LICI',
    name: 'Life Insurance Corporation of India',
    kind: 'INSURER',
    domicile: 'DOMESTIC',
    lei: '549300LICI0000000637',
  },
  {
    code: 'NORFPI',
    name: 'Nordic Global Bond Fund (FPI)',
    kind: 'FPI',
    domicile: 'FOREIGN',
    lei: '549300NORGESFPI00767',
    fpiRegistration: 'INNOFP201823',
  },
];

export interface DemoUser {
  username: string;
  displayName: string;
  participantCode: string;
  roles: Role[];
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin@bondx.local', displayName: 'Venue Admin', participantCode: 'BONDX', roles: ['ADMIN'] },
  {
    username: 'auctionadmin@bondx.local',
    displayName: 'Auction Desk',
    participantCode: 'BONDX',
    roles: ['AUCTION_ADMIN'],
  },
  {
    username: 'risk@bondx.local',
    displayName: 'Venue Risk Officer',
    participantCode: 'BONDX',
    roles: ['RISK_OFFICER'],
  },
  {
    username: 'compliance@bondx.local',
    displayName: 'Compliance Officer',
    participantCode: 'BONDX',
    roles: ['COMPLIANCE_OFFICER'],
  },
  { username: 'ops@bondx.local', displayName: 'Operations', participantCode: 'BONDX', roles: ['OPERATIONS'] },
  { username: 'trader1@bondx.local', displayName: 'SBI Trader', participantCode: 'SBIN', roles: ['TRADER'] },
  {
    username: 'trader2@bondx.local',
    displayName: 'HDFC Trader',
    participantCode: 'HDFCB',
    roles: ['TRADER'],
  },
  {
    username: 'pd1@bondx.local',
    displayName: 'ICICI PD Trader',
    participantCode: 'ICICPD',
    roles: ['TRADER'],
  },
  {
    username: 'mm@bondx.local',
    displayName: 'ICICI PD Market Maker',
    participantCode: 'ICICPD',
    roles: ['MARKET_MAKER'],
  },
  {
    username: 'broker1@bondx.local',
    displayName: 'Kotak Dealer',
    participantCode: 'KOTAKB',
    roles: ['TRADER'],
  },
  {
    username: 'fund1@bondx.local',
    displayName: 'SBI MF Fund Manager',
    participantCode: 'SBIMF',
    roles: ['TRADER'],
  },
  {
    username: 'insurer1@bondx.local',
    displayName: 'LIC Investment Desk',
    participantCode: 'LICI',
    roles: ['TRADER'],
  },
  {
    username: 'fpi1@bondx.local',
    displayName: 'Nordic FPI Trader',
    participantCode: 'NORFPI',
    roles: ['TRADER'],
  },
];

export interface DemoBond {
  code: string;
  isin: string;
  name: string;
  issuer: string;
  issuerType: IssuerType;
  bondType: BondType;
  couponPct: string;
  issueDate: string;
  maturityDate: string;
  couponFrequency: number;
  dayCount: DayCount;
  faceValue: string;
  lotSize: string;
  tickSize: string;
  rating: string | null;
  outstandingAmount: string;
  referenceYieldPct: string;
  referencePrice: string | null;
}

const gsec = (
  b: Pick<
    DemoBond,
    | 'code'
    | 'isin'
    | 'name'
    | 'couponPct'
    | 'issueDate'
    | 'maturityDate'
    | 'outstandingAmount'
    | 'referenceYieldPct'
  >,
): DemoBond => ({
  ...b,
  issuer: 'Government of India',
  issuerType: 'CENTRAL_GOVERNMENT',
  bondType: 'G_SEC',
  couponFrequency: 2,
  dayCount: '30/360',
  faceValue: '100',
  lotSize: '10000',
  tickSize: '0.0025',
  rating: 'SOVEREIGN',
  referencePrice: null,
});

export const DEMO_BONDS: DemoBond[] = [
  gsec({
    code: 'BOND_001',
    isin: 'IN0020230085',
    name: '7.18% GS 2033',
    couponPct: '7.1800',
    issueDate: '2023-08-14',
    maturityDate: '2033-08-14',
    outstandingAmount: '1680000000000.00',
    referenceYieldPct: '6.4200',
  }),
  gsec({
    code: 'BOND_002',
    isin: 'IN0020240019',
    name: '7.10% GS 2034',
    couponPct: '7.1000',
    issueDate: '2024-04-08',
    maturityDate: '2034-04-08',
    outstandingAmount: '1540000000000.00',
    referenceYieldPct: '6.4500',
  }),
  gsec({
    code: 'BOND_003',
    isin: 'IN0020220169',
    name: '7.26% GS 2033',
    couponPct: '7.2600',
    issueDate: '2023-02-06',
    maturityDate: '2033-02-06',
    outstandingAmount: '1420000000000.00',
    referenceYieldPct: '6.4000',
  }),
  gsec({
    code: 'BOND_004',
    isin: 'IN0020230036',
    name: '7.30% GS 2053',
    couponPct: '7.3000',
    issueDate: '2023-06-19',
    maturityDate: '2053-06-19',
    outstandingAmount: '1100000000000.00',
    referenceYieldPct: '7.0500',
  }),
  gsec({
    code: 'BOND_005',
    isin: 'IN0020220060',
    name: '6.54% GS 2032',
    couponPct: '6.5400',
    issueDate: '2022-01-17',
    maturityDate: '2032-01-17',
    outstandingAmount: '1350000000000.00',
    referenceYieldPct: '6.3000',
  }),
  {
    code: 'BOND_006',
    isin: 'IN2220250046',
    name: '7.04% Maharashtra SDL 2035',
    issuer: 'Government of Maharashtra',
    issuerType: 'STATE_GOVERNMENT',
    bondType: 'SDL',
    couponPct: '7.0400',
    issueDate: '2025-02-12',
    maturityDate: '2035-02-12',
    couponFrequency: 2,
    dayCount: '30/360',
    faceValue: '100',
    lotSize: '10000',
    tickSize: '0.0025',
    rating: 'SOVEREIGN',
    outstandingAmount: '30000000000.00',
    referenceYieldPct: '6.9000',
    referencePrice: null,
  },
  {
    code: 'BOND_007',
    isin: 'IN3120250045',
    name: '7.20% Tamil Nadu SDL 2034',
    issuer: 'Government of Tamil Nadu',
    issuerType: 'STATE_GOVERNMENT',
    bondType: 'SDL',
    couponPct: '7.2000',
    issueDate: '2024-11-20',
    maturityDate: '2034-11-20',
    couponFrequency: 2,
    dayCount: '30/360',
    faceValue: '100',
    lotSize: '10000',
    tickSize: '0.0025',
    rating: 'SOVEREIGN',
    outstandingAmount: '25000000000.00',
    referenceYieldPct: '6.9500',
    referencePrice: null,
  },
  {
    code: 'BOND_008',
    isin: 'IN002026X016',
    name: '364 DTB 13052027',
    issuer: 'Government of India',
    issuerType: 'CENTRAL_GOVERNMENT',
    bondType: 'T_BILL',
    couponPct: '0.0000',
    issueDate: '2026-05-14',
    maturityDate: '2027-05-13',
    couponFrequency: 0,
    dayCount: 'ACT/365F',
    faceValue: '100',
    lotSize: '10000',
    tickSize: '0.0025',
    rating: 'SOVEREIGN',
    outstandingAmount: '90000000000.00',
    referenceYieldPct: '5.6000',
    referencePrice: null,
  },
  {
    code: 'BOND_009',
    isin: 'IN002026Y014',
    name: '91 DTB 28012027',
    issuer: 'Government of India',
    issuerType: 'CENTRAL_GOVERNMENT',
    bondType: 'T_BILL',
    couponPct: '0.0000',
    issueDate: '2026-10-29',
    maturityDate: '2027-01-28',
    couponFrequency: 0,
    dayCount: 'ACT/365F',
    faceValue: '100',
    lotSize: '10000',
    tickSize: '0.0025',
    rating: 'SOVEREIGN',
    outstandingAmount: '120000000000.00',
    referenceYieldPct: '5.4500',
    referencePrice: null,
  },
  {
    code: 'BOND_010',
    isin: 'INE906B07015',
    name: 'NHAI 7.30% 2036',
    issuer: 'National Highways Authority of India',
    issuerType: 'PSU',
    bondType: 'CORPORATE',
    couponPct: '7.3000',
    issueDate: '2026-01-15',
    maturityDate: '2036-01-15',
    couponFrequency: 1,
    dayCount: 'ACT/365F',
    faceValue: '100000',
    lotSize: '100000',
    tickSize: '0.0100',
    rating: 'AAA',
    outstandingAmount: '50000000000.00',
    referenceYieldPct: '7.1500',
    referencePrice: null,
  },
  {
    code: 'BOND_011',
    isin: 'INE040A08013',
    name: 'HDFC Bank 7.80% 2033',
    issuer: 'HDFC Bank Ltd',
    issuerType: 'BANK',
    bondType: 'CORPORATE',
    couponPct: '7.8000',
    issueDate: '2023-05-03',
    maturityDate: '2033-05-03',
    couponFrequency: 1,
    dayCount: 'ACT/365F',
    faceValue: '100000',
    lotSize: '100000',
    tickSize: '0.0100',
    rating: 'AAA',
    outstandingAmount: '100000000000.00',
    referenceYieldPct: '7.3500',
    referencePrice: null,
  },
  {
    code: 'BOND_012',
    isin: 'INE002A08013',
    name: 'Reliance Industries 7.95% 2030',
    issuer: 'Reliance Industries Ltd',
    issuerType: 'CORPORATE',
    bondType: 'CORPORATE',
    couponPct: '7.9500',
    issueDate: '2025-07-21',
    maturityDate: '2030-07-21',
    couponFrequency: 1,
    dayCount: 'ACT/365F',
    faceValue: '100000',
    lotSize: '100000',
    tickSize: '0.0100',
    rating: 'AAA',
    outstandingAmount: '40000000000.00',
    referenceYieldPct: '7.4000',
    referencePrice: null,
  },
  {
    code: 'BOND_013',
    isin: 'INE296A07013',
    name: 'Bajaj Finance 8.10% 2028',
    issuer: 'Bajaj Finance Ltd',
    issuerType: 'NBFC',
    bondType: 'CORPORATE',
    couponPct: '8.1000',
    issueDate: '2025-03-10',
    maturityDate: '2028-03-10',
    couponFrequency: 4,
    dayCount: 'ACT/365F',
    faceValue: '100000',
    lotSize: '100000',
    tickSize: '0.0100',
    rating: 'AAA',
    outstandingAmount: '20000000000.00',
    referenceYieldPct: '7.7500',
    referencePrice: null,
  },
];
