import fc from 'fast-check';
import {
  applicableFee,
  cashCost,
  feePaise,
  FeeScheduleError,
  holdingKey,
  isolateFailures,
  netObligations,
  totalsByAsset,
  type FeeScheduleEntry,
  type SettlementTrade,
} from '../../../domain/settlement';
import { CASH_ASSET } from '../../../domain/ledger/journal';

const VENUE = 99;
const X = 'IN0000000X01';

const entry = (
  id: number,
  mechanism: FeeScheduleEntry['mechanism'],
  effectiveFrom: string,
  rateBp: string,
  minimumPaise: bigint,
  participantKind: FeeScheduleEntry['participantKind'] = null,
): FeeScheduleEntry => ({ id, mechanism, participantKind, rateBp, minimumPaise, effectiveFrom });

describe('venue fee of one side of a trade', () => {
  test('when a Rs 1 crore trade pays 0.5 bp, then the fee is Rs 500', () => {
    expect(feePaise(1_000_000_000n, '0.5', 1000n)).toBe(50_000n);
  });

  test('when Rs 9,95,000 of consideration pays 0.5 bp, then the fee is Rs 49.75', () => {
    expect(feePaise(99_500_000n, '0.5000', 1000n)).toBe(4975n);
  });

  test('when the exact fee is half a paisa or more, then it rounds up, and below half down', () => {
    // 0.5 bp of 300 rupees is 1.5 paise; of 299.99 rupees 1.49995 paise.
    expect(feePaise(30_000n, '0.5', 0n)).toBe(2n);
    expect(feePaise(29_999n, '0.5', 0n)).toBe(1n);
  });

  test('when the rate gives less than the minimum, then the minimum is charged', () => {
    expect(feePaise(1_000_000n, '0.5', 1000n)).toBe(1000n);
    expect(feePaise(0n, '0.5', 1000n)).toBe(1000n);
  });

  test('when the rate has more than 4 decimals or is negative, then it is refused naming rate_bp', () => {
    for (const bad of ['0.00001', '-1', 'abc']) {
      expect(() => feePaise(1n, bad, 0n)).toThrow(FeeScheduleError);
    }
    try {
      feePaise(1n, '-1', 0n);
    } catch (err) {
      expect((err as FeeScheduleError).field).toBe('rate_bp');
    }
  });

  const rate = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 }))
    .map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);

  test('property: the fee is monotone in consideration, never below the minimum, and the rate rounded half-up', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        rate,
        fc.bigInt({ min: 0n, max: 100_000n }),
        (c, extra, r, min) => {
          const fee = feePaise(c, r, min);
          expect(fee >= min).toBe(true);
          expect(feePaise(c + extra, r, min) >= fee).toBe(true);
          // Without the minimum: |fee x 10^8 - c x rate_e4| <= 10^8 / 2, ties rounding up.
          const [i, f] = r.split('.');
          const exact = c * (BigInt(i!) * 10_000n + BigInt(f!));
          const unfloored = feePaise(c, r, 0n);
          const diff = unfloored * 100_000_000n - exact;
          expect(diff > -50_000_000n && diff <= 50_000_000n).toBe(true);
        },
      ),
    );
  });
});

describe('the schedule entry that prices a trade', () => {
  const schedule = [
    entry(1, 'CONTINUOUS', '2026-01-01', '0.5', 1000n),
    entry(2, 'CONTINUOUS', '2026-06-01', '0.4', 1000n),
    entry(3, 'RFQ', '2026-01-01', '1', 2500n),
    entry(4, 'CONTINUOUS', '2026-03-01', '0.25', 500n, 'PRIMARY_DEALER'),
  ];

  test('when several entries are in force, then the latest one on or before the date applies', () => {
    expect(applicableFee(schedule, 'CONTINUOUS', 'BANK', '2026-05-31')?.id).toBe(1);
    expect(applicableFee(schedule, 'CONTINUOUS', 'BANK', '2026-06-01')?.id).toBe(2);
    expect(applicableFee(schedule, 'RFQ', 'BANK', '2026-06-01')?.id).toBe(3);
  });

  test('when an entry for the participant kind is in force, then it beats the entries for every kind', () => {
    expect(applicableFee(schedule, 'CONTINUOUS', 'PRIMARY_DEALER', '2026-02-28')?.id).toBe(1);
    expect(applicableFee(schedule, 'CONTINUOUS', 'PRIMARY_DEALER', '2026-07-01')?.id).toBe(4);
  });

  test('when no entry is in force yet, then there is none (no fee)', () => {
    expect(applicableFee(schedule, 'CONTINUOUS', 'BANK', '2025-12-31')).toBeNull();
  });
});

describe('fees in DvP-III netting', () => {
  const t = (id: string, buyerId: number, sellerId: number, cash: bigint, fee: bigint): SettlementTrade => ({
    id,
    isin: X,
    buyerId,
    sellerId,
    faceHundredths: cash,
    cashPaise: cash,
    executedAt: `2026-11-24T04:00:0${id}.000Z`,
    buyerFeePaise: fee,
    sellerFeePaise: fee,
  });

  test('when a trade carries fees, then each side pays its fee in its cash net and the venue receives both', () => {
    const nets = netObligations([t('1', 1, 2, 100_000n, 1000n)], VENUE);
    const cash = (p: number) => nets.find((l) => l.participantId === p && l.asset === CASH_ASSET)?.amount;
    expect(cash(1)).toBe(-101_000n);
    expect(cash(2)).toBe(99_000n);
    expect(cash(VENUE)).toBe(2000n);
    expect(cashCost(t('1', 1, 2, 100_000n, 1000n), 1)).toBe(101_000n);
  });

  test('when a buyer has the price but not the fee, then its trade fails and it is short by the fee', () => {
    const res = isolateFailures(
      [t('1', 1, 2, 100_000n, 1000n)],
      { cash: new Map([[1, 100_000n]]), securities: new Map([[holdingKey(2, X), 100_000n]]) },
      VENUE,
    );
    expect(res.settling).toEqual([]);
    expect(res.failed.map((f) => [f.participantId, f.asset, f.shortfall])).toEqual([[1, CASH_ASSET, 1000n]]);
  });

  test('property: with fees every asset still nets to zero over all participants and the venue', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            buyer: fc.integer({ min: 1, max: 4 }),
            seller: fc.integer({ min: 5, max: 8 }),
            cash: fc.bigInt({ min: 1n, max: 10n ** 12n }),
            fee: fc.bigInt({ min: 0n, max: 10n ** 6n }),
          }),
          { maxLength: 20 },
        ),
        (rows) => {
          const trades = rows.map((r, i) => t(String(i), r.buyer, r.seller, r.cash, r.fee));
          for (const total of totalsByAsset(netObligations(trades, VENUE)).values()) expect(total).toBe(0n);
        },
      ),
    );
  });
});
