export const PARTICIPANT_KINDS = [
  'VENUE_OPERATOR',
  'BANK',
  'PRIMARY_DEALER',
  'BROKER',
  'MUTUAL_FUND',
  'INSURER',
  'PENSION_FUND',
  'FPI',
  'CORPORATE',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const DOMICILES = ['DOMESTIC', 'FOREIGN'] as const;
export type Domicile = (typeof DOMICILES)[number];
