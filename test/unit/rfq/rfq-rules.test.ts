import fc from 'fast-check';
import {
  nextRfqState,
  RFQ_STATES,
  RfqStateError,
  tradeSides,
  type RfqStep,
} from '../../../domain/rfq/rfq-rules';

const STEPS: RfqStep[] = ['QUOTE', 'WITHDRAW_QUOTE', 'ACCEPT', 'WITHDRAW', 'REJECT', 'EXPIRE'];

describe('RFQ states', () => {
  test('when quotes come and go within the window, then the RFQ is QUOTED while any is active and OPEN otherwise', () => {
    expect(nextRfqState('OPEN', 'QUOTE', true, 1)).toBe('QUOTED');
    expect(nextRfqState('QUOTED', 'QUOTE', true, 2)).toBe('QUOTED');
    expect(nextRfqState('QUOTED', 'WITHDRAW_QUOTE', true, 1)).toBe('QUOTED');
    expect(nextRfqState('QUOTED', 'WITHDRAW_QUOTE', true, 0)).toBe('OPEN');
  });

  test('when the requester acts, then accept and reject need a quote and withdraw does not', () => {
    expect(nextRfqState('QUOTED', 'ACCEPT', true, 0)).toBe('ACCEPTED');
    expect(nextRfqState('QUOTED', 'REJECT', true, 0)).toBe('REJECTED');
    expect(nextRfqState('OPEN', 'WITHDRAW', true, 0)).toBe('WITHDRAWN');
    expect(() => nextRfqState('OPEN', 'ACCEPT', true, 0)).toThrow(RfqStateError);
    expect(() => nextRfqState('OPEN', 'REJECT', true, 0)).toThrow(RfqStateError);
  });

  test('when the window has ended, then only expiry is allowed, and it is refused while the window is open', () => {
    for (const step of STEPS.filter((s) => s !== 'EXPIRE')) {
      expect(() => nextRfqState('QUOTED', step, false, 1)).toThrow(/window has ended/);
    }
    expect(nextRfqState('QUOTED', 'EXPIRE', false, 0)).toBe('EXPIRED');
    expect(() => nextRfqState('OPEN', 'EXPIRE', true, 0)).toThrow(/not ended/);
  });

  test('a closed RFQ takes no step at all', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RFQ_STATES.filter((s) => s !== 'OPEN' && s !== 'QUOTED')),
        fc.constantFrom(...STEPS),
        fc.boolean(),
        fc.nat(3),
        (state, step, open, active) => {
          expect(() => nextRfqState(state, step, open, active)).toThrow(RfqStateError);
        },
      ),
    );
  });

  test('the dealer takes the other side of the requester', () => {
    expect(tradeSides('BUY', 7, 4)).toEqual({ buyer: 7, seller: 4 });
    expect(tradeSides('SELL', 7, 4)).toEqual({ buyer: 4, seller: 7 });
  });
});
