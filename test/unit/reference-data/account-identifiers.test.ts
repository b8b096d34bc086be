import {
  isValidBankAccountNumber,
  isValidIfsc,
  isValidPan,
  maskIdentifier,
} from '../../../domain/reference-data/account-identifiers';

describe('account identifiers', () => {
  test.each([
    ['AAACS8577K', true], // a company (C)
    ['ABCPE1234F', true], // an individual (P)
    ['ABCXE1234F', false], // X is not a holder category
    ['ABCPE12345', false],
    ['abcpe1234f', false],
  ])('when the PAN is %s, then valid is %s', (pan, valid) => expect(isValidPan(pan)).toBe(valid));

  test.each([
    ['SBIN0000300', true],
    ['HDFC0ABC123', true],
    ['SBIN1000300', false], // the fifth character is always zero
    ['SBI00000300', false],
  ])('when the IFSC is %s, then valid is %s', (ifsc, valid) => expect(isValidIfsc(ifsc)).toBe(valid));

  test('when account numbers are checked, then 9-18 digits pass', () => {
    expect(isValidBankAccountNumber('123456789')).toBe(true);
    expect(isValidBankAccountNumber('1'.repeat(18))).toBe(true);
    expect(isValidBankAccountNumber('12345678')).toBe(false);
    expect(isValidBankAccountNumber('12345678A')).toBe(false);
  });

  test('when an identifier is masked, then only the last four characters show', () => {
    expect(maskIdentifier('ABCPE1234F')).toBe('******234F');
    expect(maskIdentifier('123')).toBe('***');
  });
});
