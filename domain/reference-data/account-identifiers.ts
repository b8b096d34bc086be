// Indian identifiers held in participant profiles. Shapes only: neither has a public check digit.

/** Income-tax PAN: 5 letters, 4 digits, 1 letter; the 4th letter is the holder's category. */
const PAN_SHAPE = /^[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]$/;
/** RBI IFSC: 4-letter bank code, a zero, then a 6-character branch code. */
const IFSC_SHAPE = /^[A-Z]{4}0[A-Z0-9]{6}$/;
/** Indian bank account numbers run from 9 to 18 digits. */
const ACCOUNT_NUMBER_SHAPE = /^[0-9]{9,18}$/;

export const isValidPan = (pan: string) => PAN_SHAPE.test(pan);
export const isValidIfsc = (ifsc: string) => IFSC_SHAPE.test(ifsc);
export const isValidBankAccountNumber = (n: string) => ACCOUNT_NUMBER_SHAPE.test(n);

/** What a screen or a log may show: the last four characters only. */
export function maskIdentifier(value: string): string {
  return value.length <= 4 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
