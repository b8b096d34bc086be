import fc from 'fast-check';
import { positionMarketValue } from '../../../domain/portfolios/position-value';
import { positionQuantityViolation } from '../../../domain/portfolios/position-quantity';

describe('position market value', () => {
  it.each([
    ['1000000', '100', '1000000.00'],
    ['1000000', '98.5025', '985025.00'],
    ['10000', '99.1234', '9912.34'],
    ['-10000', '99.1234', '-9912.34'],
    ['100', '99.1250', '99.13'], // 99.125 exactly: half-up
    ['-100', '99.1250', '-99.13'], // half away from zero on the short side too
    ['100', '99.1249', '99.12'],
    ['0.01', '0.0001', '0.00'],
    ['-0.01', '0.0001', '0.00'], // never "-0.00"
    ['999999999999999999.99', '9999.9999', '99999998999999999999.00'],
  ])('when %s of face value is valued at %s per 100, then it is %s', (quantity, price, expected) => {
    expect(positionMarketValue(quantity, price)).toBe(expected);
  });

  it('when the bond has no reference price, then the value is null', () => {
    expect(positionMarketValue('10000', null)).toBeNull();
    expect(positionMarketValue('10000', undefined)).toBeNull();
  });

  const quantity = fc
    .tuple(fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 99 }))
    .filter(([rupees, paise]) => rupees !== 0n || paise !== 0)
    .map(
      ([rupees, paise]) =>
        `${rupees < 0n ? '-' : ''}${rupees < 0n ? -rupees : rupees}.${String(paise).padStart(2, '0')}`,
    );
  const price = fc
    .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 9999 }))
    .map(([whole, frac]) => `${whole}.${String(frac).padStart(4, '0')}`);

  it('when a quantity flips sign, then the value flips sign exactly (or both are zero)', () => {
    fc.assert(
      fc.property(quantity, price, (q, p) => {
        const long = positionMarketValue(q.replace(/^-/, ''), p)!;
        const short = positionMarketValue(`-${q.replace(/^-/, '')}`, p)!;
        expect(short).toBe(long === '0.00' ? '0.00' : `-${long}`);
        expect(long.startsWith('-')).toBe(false);
      }),
    );
  });

  it('when valued, then the sign follows the quantity and the result has exactly 2 decimals', () => {
    fc.assert(
      fc.property(quantity, price, (q, p) => {
        const v = positionMarketValue(q, p)!;
        expect(v).toMatch(/^-?\d+\.\d{2}$/);
        if (v !== '0.00') expect(v.startsWith('-')).toBe(q.startsWith('-'));
      }),
    );
  });
});

describe('position quantity', () => {
  it.each([
    ['10000', '10000', null],
    ['-30000', '10000', null],
    ['200000', '100000', null],
    ['0', '10000', 'must not be zero'],
    ['-0.00', '10000', 'must not be zero'],
    ['15000', '10000', "must be a multiple of the bond's lot size 10000.00"],
    ['10000.01', '10000', "must be a multiple of the bond's lot size 10000.00"],
    ['-50000', '100000', "must be a multiple of the bond's lot size 100000.00"],
  ])('when %s is held of a bond in lots of %s, then the violation is %p', (q, lot, expected) => {
    expect(positionQuantityViolation(q, lot)).toBe(expected);
  });
});
