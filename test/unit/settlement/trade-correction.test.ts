import {
  afterFailure,
  assertFourEyes,
  correctionPositionMoves,
  SameApproverError,
  validateCorrection,
  InvalidCorrectionError,
} from '../../../domain/settlement';

const trade = { price: '99.5000', quantity: '100000.00', buyerId: 1, sellerId: 2 };
const bond = { tickSize: '0.0025', lotSize: '10000.00' };

describe('trade corrections', () => {
  test('when a correction changes the quantity on the lot, then it is accepted with the price kept', () => {
    expect(validateCorrection('CORRECT', trade, bond, { quantity: '50000' })).toEqual({
      price: '99.5000',
      quantity: '50000',
    });
  });

  test.each([
    [{ price: '99.5010' }, 'price'],
    [{ quantity: '15000' }, 'quantity'],
    [{ quantity: '0' }, 'quantity'],
    [{ price: '99.50' }, 'price'],
  ])('when a correction asks for %j, then it is refused naming %s', (requested, field) => {
    try {
      validateCorrection('CORRECT', trade, bond, requested);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidCorrectionError);
      expect((err as InvalidCorrectionError).field).toBe(field);
    }
  });

  test('when a bust carries a price, then it is refused', () => {
    expect(() => validateCorrection('BUST', trade, bond, { price: '99' })).toThrow(InvalidCorrectionError);
    expect(validateCorrection('BUST', trade, bond, {})).toBeNull();
  });

  test('when the requester approves, then four eyes refuse it', () => {
    expect(() => assertFourEyes(7, 7)).toThrow(SameApproverError);
    expect(() => assertFourEyes(7, 8)).not.toThrow();
  });

  test('when a trade is busted, then the buyer gives back and the seller gets back the quantity; a correction then applies the new fill', () => {
    expect(correctionPositionMoves(trade, null)).toEqual([
      { participantId: 1, delta: '-100000.00', price: null },
      { participantId: 2, delta: '100000.00', price: null },
    ]);
    expect(correctionPositionMoves(trade, { price: '99.0000', quantity: '50000' }).slice(2)).toEqual([
      { participantId: 1, delta: '50000', price: '99.0000' },
      { participantId: 2, delta: '-50000', price: null },
    ]);
  });

  test('when a trade fails, then it rolls until it has rolled the configured number of times, then closes out', () => {
    expect(afterFailure(0, 2)).toBe('ROLL');
    expect(afterFailure(1, 2)).toBe('ROLL');
    expect(afterFailure(2, 2)).toBe('CLOSE_OUT');
  });
});
