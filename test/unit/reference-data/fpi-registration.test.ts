import { isValidFpiRegistration } from '../../../domain/reference-data/fpi-registration';

describe('SEBI FPI registration numbers', () => {
  test('when IN, a foreign country code, FP and 6 digits, then valid', () => {
    expect(['INUSFP123456', 'INNOFP201823', 'INSGFP000042'].every(isValidFpiRegistration)).toBe(true);
  });

  test('when the shape is off or the country is India, then invalid', () => {
    for (const bad of [
      'INUSFP12345',
      'INUSFP1234567',
      'USINFP123456',
      'INUSFQ123456',
      'inusfp123456',
      'ININFP123456',
      ' INUSFP123456',
    ])
      expect(isValidFpiRegistration(bad)).toBe(false);
  });
});
