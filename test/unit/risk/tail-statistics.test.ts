import fc from 'fast-check';
import { InvalidRiskInputError, tailRiskFromPnl, tailSize } from '../../../domain/risk';

describe('tail statistics', () => {
  it('when N = 100 at 0.95, then k is exactly 5 (floats would give ceil(5.000000000000004) = 6)', () => {
    expect(100 * (1 - 0.95)).toBeGreaterThan(5);
    expect(tailSize(100, 0.95)).toEqual({ weight: 5, rank: 5, whole: 5, fraction: 0 });
    expect(tailSize(100, '0.95').rank).toBe(5);
  });

  it('when losses are 1..100 at 0.95, then VaR is the 5th worst (96) and ES the mean of the 5 worst (98)', () => {
    // P&L -1 .. -100 so losses are 1 .. 100; worst five: 100, 99, 98, 97, 96.
    const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1));
    const tail = tailRiskFromPnl(pnl, 0.95);
    expect(tail.rank).toBe(5);
    expect(tail.var).toBe(96);
    expect(tail.es).toBe(98);
    expect(tail.varScenario).toBe(95);
  });

  it('when w = N(1 - a) is not whole, then ES weights the next worst loss by the fraction (Acerbi-Tasche)', () => {
    // N = 10, a = 0.75: w = 2.5, k = 3. Losses sorted: 40, 30, 20, 10, ...
    // VaR = 20; ES = (40 + 30 + 0.5 x 20) / 2.5 = 80 / 2.5 = 32.
    const pnl = [5, -10, 3, -40, -20, 0, 8, -30, 1, 2];
    const tail = tailRiskFromPnl(pnl, 0.75);
    expect(tail.tailWeight).toBe(2.5);
    expect(tail.rank).toBe(3);
    expect(tail.var).toBe(20);
    expect(tail.es).toBeCloseTo(32, 12);
    expect(tail.tail).toEqual([
      { scenario: 3, weight: 0.4 },
      { scenario: 7, weight: 0.4 },
      { scenario: 4, weight: 0.2 },
    ]);
  });

  it('when every scenario gains, then VaR is negative: the sign convention is loss = -P&L', () => {
    expect(tailRiskFromPnl([1, 2, 3, 4], 0.5).var).toBe(-2);
  });

  it('when the confidence is outside (0, 1) or the P&L is empty or not finite, then a typed error is thrown', () => {
    expect(() => tailRiskFromPnl([1], 1)).toThrow(InvalidRiskInputError);
    expect(() => tailRiskFromPnl([1], 0)).toThrow(InvalidRiskInputError);
    expect(() => tailRiskFromPnl([1], 'abc')).toThrow(InvalidRiskInputError);
    expect(() => tailRiskFromPnl([], 0.95)).toThrow(InvalidRiskInputError);
    expect(() => tailRiskFromPnl([1, Number.NaN], 0.95)).toThrow(
      expect.objectContaining({ code: 'INVALID_RISK_INPUT' }),
    );
  });

  const pnlVector = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
    minLength: 1,
    maxLength: 300,
  });
  const confidencePermille = fc.integer({ min: 1, max: 999 });

  it('when any P&L vector and confidence are given, then ES >= VaR and the tail weights sum to 1', () => {
    fc.assert(
      fc.property(pnlVector, confidencePermille, (pnl, permille) => {
        const tail = tailRiskFromPnl(pnl, `0.${String(permille).padStart(3, '0')}`);
        const weights = tail.tail.reduce((s, t) => s + t.weight, 0);
        return tail.es >= tail.var - 1e-9 * Math.max(1, Math.abs(tail.var)) && Math.abs(weights - 1) < 1e-9;
      }),
    );
  });

  it('when the confidence rises, then VaR does not fall', () => {
    fc.assert(
      fc.property(pnlVector, confidencePermille, confidencePermille, (pnl, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return tailRiskFromPnl(pnl, low / 1000).var <= tailRiskFromPnl(pnl, high / 1000).var;
      }),
    );
  });
});
