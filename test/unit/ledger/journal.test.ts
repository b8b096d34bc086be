import fc from 'fast-check';
import {
  allotmentLegs,
  assertBalanced,
  hundredths,
  reversed,
  UnbalancedJournalError,
} from '../../../domain/ledger/journal';

describe('ledger journals', () => {
  test('when a DvP allotment is split into legs, then each leg balances on its own asset', () => {
    const legs = allotmentLegs(1, 7, 'IN0020230085', '600000', '595500.00');
    expect(legs.securities).toEqual([
      { participantId: 7, asset: 'IN0020230085', amount: '600000' },
      { participantId: 1, asset: 'IN0020230085', amount: '-600000' },
    ]);
    expect(legs.cash).toEqual([
      { participantId: 7, asset: 'INR', amount: '-595500.00' },
      { participantId: 1, asset: 'INR', amount: '595500.00' },
    ]);
    expect(() => assertBalanced([...legs.securities, ...legs.cash])).not.toThrow();
  });

  test('when lines do not net to zero per asset, then the journal is refused', () => {
    expect(() =>
      assertBalanced([
        { participantId: 1, asset: 'INR', amount: '10.00' },
        { participantId: 2, asset: 'INR', amount: '-9.99' },
      ]),
    ).toThrow(UnbalancedJournalError);
    // Balanced in total but not per asset: cash cannot pay for cash of another kind.
    expect(() =>
      assertBalanced([
        { participantId: 1, asset: 'INR', amount: '10' },
        { participantId: 2, asset: 'IN0020230085', amount: '-10' },
      ]),
    ).toThrow(/INR/);
    expect(() => assertBalanced([])).toThrow(UnbalancedJournalError);
    expect(() => assertBalanced([{ participantId: 1, asset: 'INR', amount: '0.00' }])).toThrow(
      /moves nothing/,
    );
  });

  test('when amounts have more than two decimals or are not numbers, then they are refused', () => {
    expect(hundredths('-12.5')).toBe(-1250n);
    expect(hundredths('0.01')).toBe(1n);
    expect(() => hundredths('1.005')).toThrow(UnbalancedJournalError);
    expect(() => hundredths('1e3')).toThrow(UnbalancedJournalError);
  });

  test('when any balanced journal is reversed, then the reversal balances and undoes it exactly', () => {
    const line = fc.record({
      participantId: fc.integer({ min: 1, max: 9 }),
      asset: fc.constantFrom('INR', 'IN0020230085'),
      paise: fc.bigInt({ min: 1n, max: 10n ** 15n }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (raw) => {
        const text = (p: bigint) => `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
        const lines = raw.flatMap((l) => [
          { participantId: l.participantId, asset: l.asset, amount: text(l.paise) },
          { participantId: 0, asset: l.asset, amount: `-${text(l.paise)}` },
        ]);
        assertBalanced(lines);
        const back = reversed(lines);
        assertBalanced(back);
        return lines.every((l, i) => hundredths(l.amount) + hundredths(back[i]!.amount) === 0n);
      }),
    );
  });
});
