import fc from 'fast-check';
import { isinCheckDigit, isValidIsin, looksLikeIsin } from '../../../domain/reference-data/isin';
import { isValidLei, leiCheckDigits } from '../../../domain/reference-data/lei';

describe('ISIN (ISO 6166)', () => {
  test.each([
    ['US0378331005'], // Apple Inc., the standard's usual worked example
    ['AU0000XVGZA3'], // letters inside the national code
    ['GB0002634946'], // BAE Systems
    ['IN0020230085'], // 7.18% GS 2033
  ])('when %s is checked, then it is valid', (isin) => {
    expect(isValidIsin(isin)).toBe(true);
  });

  test.each([['US0378331006'], ['us0378331005'], ['US037833100'], ['IN00202300851']])(
    'when %s is checked, then it is invalid',
    (isin) => expect(isValidIsin(isin)).toBe(false),
  );

  test.each([
    ['IN0020220168', true], // a look-alike: the shape of an ISIN with a wrong check digit
    ['in0020220169', true],
    ['BOND_003', false],
    ['IN002022016', false],
  ])('when %s is named, then looksLikeIsin says %s', (id, expected) => {
    expect(looksLikeIsin(id)).toBe(expected);
  });

  test('when any single digit of a valid ISIN changes, then the check digit catches it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{2}[0-9]{9}$/),
        fc.nat(10),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const isin = body + isinCheckDigit(body);
          const i = 2 + (pos % 9);
          const changed = isin.slice(0, i) + ((Number(isin[i]) + delta) % 10) + isin.slice(i + 1);
          return !isValidIsin(changed);
        },
      ),
    );
  });
});

describe('LEI (ISO 17442)', () => {
  test("when GLEIF's example LEI is checked, then it is valid", () => {
    expect(isValidLei('5493001KJTIIGC8Y1R12')).toBe(true);
    expect(leiCheckDigits('5493001KJTIIGC8Y1R')).toBe('12');
  });

  test('when a character or the check digits change, then it is invalid', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1S12')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
  });

  test('when check digits are computed for any 18-character prefix, then the LEI validates', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Z0-9]{18}$/), (p) => isValidLei(p + leiCheckDigits(p))));
  });
});
