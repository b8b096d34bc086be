import fc from 'fast-check';
import {
  dailyPnl,
  fillsPnl,
  fixedText,
  MM_ORDER_PREFIX,
  quoteClientOrderId,
  type Fill,
} from '../../../domain/market-making';

const buy = (price: string, quantity: string): Fill => ({ side: 'BUY', price, quantity });
const sell = (price: string, quantity: string): Fill => ({ side: 'SELL', price, quantity });

describe('market-maker P&L by average cost, exact to the paisa', () => {
  test('buy 2 lots at 98 and 99, sell one at 100, mark at 99.5', () => {
    expect(fillsPnl([buy('98', '10000'), buy('99', '10000'), sell('100', '10000')], '99.5')).toEqual({
      inventory: '10000.00',
      averagePrice: '98.5000',
      realisedPaise: 15_000n,
      unrealisedPaise: 10_000n,
    });
  });

  test('a sale through flat realises on the long and opens the rest short at its price', () => {
    expect(fillsPnl([buy('98', '10000'), sell('97', '30000')], '97')).toEqual({
      inventory: '-20000.00',
      averagePrice: '97.0000',
      realisedPaise: -10_000n,
      unrealisedPaise: 0n,
    });
  });

  test('an average of thirds is held exactly: 98 once and 99 twice, a third sold at 99.0001', () => {
    // Cost 29,600 for 30,000: a third of it is 9,866.666...; proceeds 9,900.01 -> 33.3433... -> 33.34.
    const pnl = fillsPnl([buy('98', '10000'), buy('99', '20000'), sell('99.0001', '10000')], '98.6667');
    expect(pnl).toEqual({
      inventory: '20000.00',
      averagePrice: '98.6667',
      realisedPaise: 3_334n,
      // 20,000 x 98.6667 / 100 - 19,733.333... = 0.006666... -> 0.01.
      unrealisedPaise: 1n,
    });
  });

  test('half a paisa rounds away from zero where floating point fell short of it', () => {
    // Average 99.74875; 30,000 sold at 103.135 realises exactly 1,015.875; 10,000 marked at 96.18
    // loses exactly 356.875 (floating point made it -356.87499999999943 and printed -356.87).
    expect(
      fillsPnl([buy('99.8875', '20000'), buy('99.61', '20000'), sell('103.135', '30000')], '96.18'),
    ).toEqual({
      inventory: '10000.00',
      averagePrice: '99.7488',
      realisedPaise: 101_588n,
      unrealisedPaise: -35_688n,
    });
    // A short at 96.164375 bought back at 96.825: exactly -132.125 (floating point: -132.1249999999992).
    expect(
      fillsPnl([sell('96.465', '30000'), sell('95.2625', '10000'), buy('96.825', '20000')], '103.8'),
    ).toMatchObject({ inventory: '-20000.00', realisedPaise: -13_213n, unrealisedPaise: -152_713n });
  });

  test('flat: no average and nothing unrealised; no fills: all zero', () => {
    expect(fillsPnl([buy('100.25', '10000'), sell('100.5', '10000')], '101')).toEqual({
      inventory: '0.00',
      averagePrice: null,
      realisedPaise: 2_500n,
      unrealisedPaise: 0n,
    });
    expect(fillsPnl([], null)).toEqual({
      inventory: '0.00',
      averagePrice: null,
      realisedPaise: 0n,
      unrealisedPaise: 0n,
    });
  });

  test('open inventory without a mark has no unrealised P&L; a price past 4 decimals is refused', () => {
    expect(fillsPnl([buy('99', '10000')], null).unrealisedPaise).toBe(0n);
    expect(() => fillsPnl([buy('99.00001', '10000')], null)).toThrow(RangeError);
  });

  test('fixed-point text of paise and ticks', () => {
    expect(fixedText(-5n, 2)).toBe('-0.05');
    expect(fixedText(123_456n, 2)).toBe('1234.56');
    expect(fixedText(0n, 4)).toBe('0.0000');
    expect(fixedText(7n, 0)).toBe('7');
  });

  // Whatever the path, a book that ends flat has realised exactly its cash: the sum of sales minus
  // purchases at quantity x price / 100, rounded once.
  test('property: fills that end flat realise their net cash, rounded once', () => {
    const fillArb = fc.record({
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      ticks: fc.integer({ min: 36_000, max: 44_000 }),
      lots: fc.integer({ min: 1, max: 7 }),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 12 }), (raw) => {
        const fills: Fill[] = raw.map((f) => ({
          side: f.side,
          price: fixedText(BigInt(f.ticks) * 25n, 4),
          quantity: String(f.lots * 10_000),
        }));
        const net = raw.reduce((a, f) => a + (f.side === 'BUY' ? f.lots : -f.lots), 0);
        if (net !== 0)
          fills.push({
            side: net > 0 ? 'SELL' : 'BUY',
            price: '100.0000',
            quantity: String(Math.abs(net) * 10_000),
          });
        // Cash in 1e-6 rupees: face x price in 1e-4 units; prices carry 4 decimals, so the digits are those units.
        const cash = fills.reduce((a, f) => {
          const amount = BigInt(Number(f.quantity)) * BigInt(f.price.replace('.', ''));
          return f.side === 'SELL' ? a + amount : a - amount;
        }, 0n);
        const abs = cash < 0n ? -cash : cash;
        const paise = (abs + 5_000n) / 10_000n;
        const pnl = fillsPnl(fills, '100');
        expect(pnl.inventory).toBe('0.00');
        expect(pnl.realisedPaise).toBe(cash < 0n ? -paise : paise);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test("a quote's client_order_id carries the market-maker prefix and fits 64 characters", () => {
    expect(quoteClientOrderId('BOND_001', 'bid', 1_795_506_434_069, 3)).toBe(
      'mm-BOND_001-bid-1795506434069-3',
    );
    const long = quoteClientOrderId('X'.repeat(80), 'ask', 1, 1);
    expect(long).toHaveLength(64);
    expect(long.startsWith(MM_ORDER_PREFIX)).toBe(true);
  });
});

describe("today's P&L: the carried inventory revalued from its start-of-day mark, plus today's fills", () => {
  test('1,000 lots (of 10,000 face) carried long from 100.00, the market now 99.50, no fill today: a loss of exactly 50,000 rupees', () => {
    expect(dailyPnl({ inventory: '10000000', markPrice: '100.00' }, [], '99.50')).toEqual({
      totalPaise: -5_000_000n,
      realisedPaise: 0n,
      unrealisedPaise: -5_000_000n,
      carryPaise: -5_000_000n,
    });
  });

  test('a short carried from 101.25 gains as the market falls to 100.75', () => {
    // 20,000 x 0.50 / 100 = 100 rupees.
    expect(dailyPnl({ inventory: '-20000', markPrice: '101.25' }, [], '100.75')).toMatchObject({
      totalPaise: 10_000n,
      carryPaise: 10_000n,
    });
  });

  test("today's fills are measured from the start-of-day mark, not from what the inventory once cost", () => {
    // 30,000 carried at 100.00; 10,000 sold at 100.40 realises 40; 20,000 bought at 99.80 makes an
    // average of (20,000 x 100 + 20,000 x 99.80) / 40,000 = 99.90, which is the mark: nothing open.
    // Value 39,960 - 30,000 at the start + cash (10,040 - 19,960) = 40. Held all day, the 30,000
    // would have lost 30,000 x 0.10 / 100 = 30: trading made the other 70.
    expect(
      dailyPnl(
        { inventory: '30000', markPrice: '100.00' },
        [sell('100.40', '10000'), buy('99.80', '20000')],
        '99.90',
      ),
    ).toEqual({ totalPaise: 4_000n, realisedPaise: 4_000n, unrealisedPaise: 0n, carryPaise: -3_000n });
  });

  test('a sale through the carried long realises against the mark and opens a short at its price', () => {
    // 10,000 carried at 100.00, 30,000 sold at 100.10: 10 realised; 20,000 short marked at 100.20
    // loses 20. The carried 10,000 alone would have gained 20.
    expect(
      dailyPnl({ inventory: '10000', markPrice: '100.00' }, [sell('100.10', '30000')], '100.20'),
    ).toEqual({ totalPaise: -1_000n, realisedPaise: 1_000n, unrealisedPaise: -2_000n, carryPaise: 2_000n });
  });

  test('the total is rounded once, so realised and unrealised thirds add up to it', () => {
    // Realised 33.3433..., unrealised 0.00666...: 33.35 exactly, the realised part 33.34.
    expect(
      dailyPnl(null, [buy('98', '10000'), buy('99', '20000'), sell('99.0001', '10000')], '98.6667'),
    ).toEqual({ totalPaise: 3_335n, realisedPaise: 3_334n, unrealisedPaise: 1n, carryPaise: 0n });
  });

  test('flat overnight is no carry; without a mark now the carried inventory holds its start-of-day value', () => {
    expect(dailyPnl({ inventory: '0', markPrice: '100' }, [buy('99', '10000')], '99.5')).toEqual(
      dailyPnl(null, [buy('99', '10000')], '99.5'),
    );
    expect(dailyPnl({ inventory: '10000', markPrice: '100' }, [], null)).toEqual({
      totalPaise: 0n,
      realisedPaise: 0n,
      unrealisedPaise: 0n,
      carryPaise: 0n,
    });
  });

  // Whatever was carried and however it traded, the day's P&L is value now less value at the start
  // plus the day's cash, rounded to the paisa once; with no fill, it is the carry.
  test('property: daily P&L = end value - start value + cash, exactly; no fills -> the carry', () => {
    const price = fc.integer({ min: 900_000, max: 1_100_000 }).map((u) => fixedText(BigInt(u), 4));
    const fillArb = fc.record({
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      price,
      lots: fc.integer({ min: 1, max: 7 }),
    });
    // 1e-8 rupees: face in paise (x100) times price in 1e-4.
    const u = (face: number, p: string) => BigInt(face) * 100n * BigInt(p.replace('.', ''));
    const paise = (x: bigint) => {
      const abs = x < 0n ? -x : x;
      const q = (abs + 500_000n) / 1_000_000n;
      return x < 0n ? -q : q;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        price,
        fc.array(fillArb, { maxLength: 10 }),
        price,
        (carriedLots, startMark, raw, mark) => {
          const carried = carriedLots * 10_000;
          const fills = raw.map((f) => ({ side: f.side, price: f.price, quantity: String(f.lots * 10_000) }));
          const end = raw.reduce((a, f) => a + (f.side === 'BUY' ? 1 : -1) * f.lots * 10_000, carried);
          const cash = raw.reduce(
            (a, f) => a + (f.side === 'SELL' ? 1n : -1n) * u(f.lots * 10_000, f.price),
            0n,
          );
          const pnl = dailyPnl({ inventory: String(carried), markPrice: startMark }, fills, mark);
          expect(pnl.totalPaise).toBe(paise(u(end, mark) - u(carried, startMark) + cash));
          expect(pnl.realisedPaise + pnl.unrealisedPaise).toBe(pnl.totalPaise);
          expect(pnl.carryPaise).toBe(paise(u(carried, mark) - u(carried, startMark)));
          if (!fills.length) expect(pnl.totalPaise).toBe(pnl.carryPaise);
        },
      ),
      { seed: 11, numRuns: 400 },
    );
  });
});
