import { curveInputsKey, FittedCurveCache, type CurveInputs } from '../../../domain/fair-value';

const inputs: CurveInputs = {
  settlementDate: '2026-11-24',
  bonds: [
    {
      id: 1,
      code: 'B1',
      terms: { couponPct: 7.1, maturityDate: '2034-04-15', frequency: 2, dayCount: '30/360' },
      lotSize: 10_000,
      referenceYieldPct: 7.2,
    },
  ],
  trades: [{ bondId: 1, price: 99.5, quantity: 20_000, atMs: 1_000 }],
  touches: [{ bondId: 1, bid: 99.4, ask: 99.6, quantity: 10_000, atMs: 2_000 }],
  reference: [
    { years: 1, yieldPct: 6.8 },
    { years: 10, yieldPct: 7.3 },
  ],
};

describe('fitted curve cache', () => {
  test('the key changes with every input: a trade, its correction, a touch, the reference, the date, a bond', () => {
    const key = curveInputsKey(inputs);
    expect(curveInputsKey({ ...inputs })).toBe(key);
    const changed: CurveInputs[] = [
      { ...inputs, trades: [...inputs.trades, { bondId: 1, price: 99.5, quantity: 10_000, atMs: 3_000 }] },
      { ...inputs, trades: [{ ...inputs.trades[0]!, price: 99.25 }] },
      { ...inputs, trades: [] },
      { ...inputs, touches: [{ ...inputs.touches[0]!, ask: 99.55 }] },
      { ...inputs, reference: [inputs.reference[0]!, { years: 10, yieldPct: 7.31 }] },
      { ...inputs, settlementDate: '2026-11-25' },
      { ...inputs, bonds: [{ ...inputs.bonds[0]!, referenceYieldPct: null }] },
    ];
    for (const c of changed) expect(curveInputsKey(c)).not.toBe(key);
  });

  test('a fit is reused for the same key within the TTL, and refitted on a new key, after the TTL or a clock going back', () => {
    const cache = new FittedCurveCache<number>(30_000);
    let fits = 0;
    const fit = () => ++fits;
    expect(cache.get('G_SEC', 'a', 0, fit)).toEqual({ value: 1, hit: false });
    expect(cache.get('G_SEC', 'a', 29_999, fit)).toEqual({ value: 1, hit: true });
    expect(cache.get('SDL', 'a', 29_999, fit)).toEqual({ value: 2, hit: false });
    expect(cache.get('G_SEC', 'b', 29_999, fit)).toEqual({ value: 3, hit: false });
    expect(cache.get('G_SEC', 'b', 59_999, fit)).toEqual({ value: 4, hit: false });
    expect(cache.get('G_SEC', 'b', 50_000, fit)).toEqual({ value: 5, hit: false });
  });

  test('a failed fit is not kept', () => {
    const cache = new FittedCurveCache<number>(30_000);
    expect(() =>
      cache.get('G_SEC', 'a', 0, () => {
        throw new Error('no curve');
      }),
    ).toThrow('no curve');
    expect(cache.get('G_SEC', 'a', 1, () => 7)).toEqual({ value: 7, hit: false });
  });
});
