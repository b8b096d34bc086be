import { equilibriumPrice } from '../../../domain/trading';

describe('equilibrium price', () => {
  it('when one price executes the most, then it wins', () => {
    // bids 10@102 10@101 10@100, asks 5@99 10@100 10@101: volumes 5, 15, 20, 10 at 99..102
    expect(equilibriumPrice([102, 10, 101, 10, 100, 10], [99, 5, 100, 10, 101, 10], 50)).toEqual({
      price: 101,
      volume: 20,
      imbalance: 5,
    });
  });

  it('when volumes tie, then the smaller imbalance wins', () => {
    // 100: buy 15, sell 10 -> volume 10, imbalance 5; 101: buy 10, sell 20 -> volume 10, imbalance 10
    expect(equilibriumPrice([101, 10, 100, 5], [100, 10, 101, 10], 101)).toEqual({
      price: 100,
      volume: 10,
      imbalance: 5,
    });
  });

  it('when volume and imbalance tie over a range, then the tick nearest the reference wins', () => {
    const bids = [104, 10];
    const asks = [100, 10];
    expect(equilibriumPrice(bids, asks, 102)?.price).toBe(102); // inside 100..104, a gap tick
    expect(equilibriumPrice(bids, asks, 250)?.price).toBe(104);
    expect(equilibriumPrice(bids, asks, 1)?.price).toBe(100);
  });

  it('when ties remain at equal distance from the reference, then the lower price wins', () => {
    // bids 10@101 5@100, asks 10@100 5@101:
    //   100: buy 15, sell 10 -> volume 10, imbalance 5;  101: buy 10, sell 15 -> volume 10, imbalance 5
    const bids = [101, 10, 100, 5];
    const asks = [100, 10, 101, 5];
    expect(equilibriumPrice(bids, asks, 100.5)?.price).toBe(100);
    expect(equilibriumPrice(bids, asks, 101)?.price).toBe(101);
  });

  it('when the book does not cross, then there is no equilibrium', () => {
    expect(equilibriumPrice([99, 10], [100, 10], 100)).toBeNull();
    expect(equilibriumPrice([], [100, 10], 100)).toBeNull();
  });
});
