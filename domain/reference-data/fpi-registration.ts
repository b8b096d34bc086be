/**
 * SEBI FPI registration numbers: `IN`, the ISO 3166 code of the FPI's country (never IN: an FPI is
 * foreign), `FP`, then six digits, e.g. INUSFP123456 or INNOFP201823.
 */
const FPI_REGISTRATION_SHAPE = /^IN([A-Z]{2})FP[0-9]{6}$/;

export function isValidFpiRegistration(value: string): boolean {
  const m = FPI_REGISTRATION_SHAPE.exec(value);
  return m !== null && m[1] !== 'IN';
}

export const FPI_REGISTRATION_RULE =
  'must be a SEBI FPI registration number: IN, a 2-letter country code (not IN), FP, 6 digits';
