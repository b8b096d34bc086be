import fc from 'fast-check';
import {
  CancelReason,
  InvalidDecimalError,
  RejectReason,
  UnitOverflowError,
  cancelReasonName,
  rejectReasonName,
  PriceNotOnTickError,
  QuantityNotLotMultipleError,
  lotsToQuantity,
  priceToTicks,
  quantityToLots,
  ticksToPrice,
} from '../../../domain/trading';

describe('instrument units', () => {
  it('when a price is on the tick grid, then it converts to whole ticks exactly', () => {
    expect(priceToTicks('95.5025', '0.0025')).toBe(38201); // 955025 / 25
    expect(priceToTicks('100', '0.01')).toBe(10000);
    expect(priceToTicks('0.3', '0.1')).toBe(3); // 0.3 / 0.1 is 2.9999999999999996 in floats
    expect(priceToTicks('99.50', '0.5')).toBe(199);
  });

  it('when a price is off the grid, zero or malformed, then it is refused with a typed error', () => {
    expect(() => priceToTicks('95.5026', '0.0025')).toThrow(PriceNotOnTickError);
    expect(() => priceToTicks('0', '0.0025')).toThrow(PriceNotOnTickError);
    expect(() => priceToTicks('-1', '0.01')).toThrow(InvalidDecimalError);
    expect(() => priceToTicks('1e2', '0.01')).toThrow(InvalidDecimalError);
    expect(() => priceToTicks('95.5', '0')).toThrow(InvalidDecimalError);
  });

  it('when ticks convert back, then the price has the tick size decimals', () => {
    expect(ticksToPrice(38201, '0.0025')).toBe('95.5025');
    expect(ticksToPrice(1, '0.0025')).toBe('0.0025');
    expect(ticksToPrice(10000, '0.01')).toBe('100.00');
  });

  it('when a rupee quantity is a lot multiple, then it converts to lots and back', () => {
    expect(quantityToLots('5000000', '100000')).toBe(50);
    expect(lotsToQuantity(50, '100000')).toBe('5000000');
    expect(() => quantityToLots('150000', '100000')).toThrow(QuantityNotLotMultipleError);
    expect(() => quantityToLots('0', '100000')).toThrow(QuantityNotLotMultipleError);
  });

  it('when any tick count is formatted and parsed, then it round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('0.0025', '0.01', '0.0001', '0.05', '1'),
        (ticks, tick) => priceToTicks(ticksToPrice(ticks, tick), tick) === ticks,
      ),
    );
  });
});

describe('unit and name edges', () => {
  test('when a price is more ticks than a safe integer, then it overflows rather than rounding', () => {
    expect(() => priceToTicks('99999999999999999', '0.0025')).toThrow(UnitOverflowError);
  });

  test('when a tick or lot count is negative or fractional, then it is refused', () => {
    expect(() => ticksToPrice(-1, '0.0025')).toThrow(InvalidDecimalError);
    expect(() => lotsToQuantity(1.5, '10000')).toThrow(InvalidDecimalError);
  });

  test('when a reason code is named, then every code has its name and an unknown code is UNKNOWN', () => {
    for (const [name, code] of Object.entries(RejectReason)) expect(rejectReasonName(code)).toBe(name);
    for (const [name, code] of Object.entries(CancelReason)) expect(cancelReasonName(code)).toBe(name);
    expect(rejectReasonName(99 as RejectReason)).toBe('UNKNOWN');
    expect(cancelReasonName(99 as CancelReason)).toBe('UNKNOWN');
  });
});
