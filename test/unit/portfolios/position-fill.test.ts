import fc from 'fast-check';
import { applyFill } from '../../../domain/portfolios/position-fill';

describe('applyFill', () => {
  test('when a flat holding buys, then it holds the fill at the fill price', () => {
    expect(applyFill({ quantity: '0', averagePrice: null }, '20000', '99.5000')).toEqual({
      quantity: '20000.00',
      averagePrice: '99.5000',
    });
  });

  test('when a long adds, then the average is weighted by quantity', () => {
    // (10000 x 100 + 30000 x 98) / 40000 = 98.5
    expect(applyFill({ quantity: '10000', averagePrice: '100' }, '30000', '98')).toEqual({
      quantity: '40000.00',
      averagePrice: '98.5000',
    });
  });

  test('when a long sells part, then the average is kept', () => {
    expect(applyFill({ quantity: '40000', averagePrice: '98.5' }, '-10000', '101')).toEqual({
      quantity: '30000.00',
      averagePrice: '98.5000',
    });
  });

  test('when a long sells through zero, then the short starts at the fill price', () => {
    expect(applyFill({ quantity: '10000', averagePrice: '98.5' }, '-30000', '101.25')).toEqual({
      quantity: '-20000.00',
      averagePrice: '101.2500',
    });
  });

  test('when a short adds, then the average is weighted too', () => {
    // (-10000 x 100 + -10000 x 99) / -20000 = 99.5
    expect(applyFill({ quantity: '-10000', averagePrice: '100' }, '-10000', '99')).toEqual({
      quantity: '-20000.00',
      averagePrice: '99.5000',
    });
  });

  test('when a holding is closed, then it is flat with no average', () => {
    expect(applyFill({ quantity: '-10000', averagePrice: '100' }, '10000', '97')).toEqual({
      quantity: '0.00',
      averagePrice: null,
    });
  });

  test('quantity is always the sum of the fills, and the average stays within the prices paid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 9000, max: 11000 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (buys) => {
          let h = { quantity: '0', averagePrice: null as string | null };
          let lots = 0;
          for (const [q, p] of buys) {
            h = applyFill(h, String(q * 10000), (p / 100).toFixed(2));
            lots += q;
          }
          expect(h.quantity).toBe(`${lots * 10000}.00`);
          const prices = buys.map(([, p]) => p / 100);
          expect(Number(h.averagePrice)).toBeGreaterThanOrEqual(Math.min(...prices) - 1e-4);
          expect(Number(h.averagePrice)).toBeLessThanOrEqual(Math.max(...prices) + 1e-4);
        },
      ),
    );
  });
});
