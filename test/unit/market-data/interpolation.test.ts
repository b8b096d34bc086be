import fc from 'fast-check';
import {
  curvePoints,
  interpolateYieldPct,
  InvalidCurveInputError,
  parseCurveCsv,
  type TenorYield,
} from '../../../domain/market-data';
import { curveHistoryArb } from './market-data-arbitraries';

const CURVE = parseCurveCsv(
  'date,1M,3M,6M,1Y,2Y,3Y,5Y,7Y,10Y,20Y,30Y\n1990-01-02,,7.83,7.89,7.81,7.87,7.90,7.87,7.98,7.94,,8.00\n',
);
const points = curvePoints(CURVE, 0);

describe('curve interpolation', () => {
  it('when the tenor is a quoted one, then its value is returned unchanged', () => {
    expect(interpolateYieldPct(points, 10)).toBe(7.94);
    expect(interpolateYieldPct(points, 0.25)).toBe(7.83);
    expect(interpolateYieldPct(points, 30)).toBe(8);
  });

  it('when the tenor lies between two quoted ones, then the value is linear in years', () => {
    expect(interpolateYieldPct(points, 1.5)).toBeCloseTo(7.84, 12);
    expect(interpolateYieldPct(points, 4)).toBeCloseTo(7.885, 12);
    expect(interpolateYieldPct(points, 8.5)).toBeCloseTo(7.96, 12);
  });

  it('when a tenor in between is absent, then it is skipped, not read as zero', () => {
    // 20Y is absent on 1990-01-02: 15Y lies between 10Y (7.94) and 30Y (8.00).
    expect(interpolateYieldPct(points, 15)).toBeCloseTo(7.955, 12);
    expect(interpolateYieldPct(points, 20)).toBeCloseTo(7.97, 12);
  });

  it('when the tenor is beyond either end, then the nearest present value is used (flat)', () => {
    // 1M is absent, so the short end is 3M.
    expect(interpolateYieldPct(points, 1 / 12)).toBe(7.83);
    expect(interpolateYieldPct(points, 0)).toBe(7.83);
    expect(interpolateYieldPct(points, 50)).toBe(8);
  });

  it('when the input cannot answer, then InvalidCurveInputError says why', () => {
    expect(() => interpolateYieldPct([{ years: 1, yieldPct: null }], 1)).toThrow(/no tenor/);
    expect(() => interpolateYieldPct([], 1)).toThrow(InvalidCurveInputError);
    expect(() => interpolateYieldPct(points, -1)).toThrow(/>= 0/);
    expect(() => interpolateYieldPct(points, Number.NaN)).toThrow(InvalidCurveInputError);
    expect(() =>
      interpolateYieldPct(
        [
          { years: 2, yieldPct: 1 },
          { years: 1, yieldPct: 2 },
        ],
        1,
      ),
    ).toThrow(/ascending/);
  });

  it('when any curve is interpolated anywhere, then the value lies between its present neighbours and matches at every quoted tenor', () => {
    fc.assert(
      fc.property(
        curveHistoryArb.filter(({ history }) => history.observations[0]!.yields.some((y) => y !== null)),
        fc.double({ min: 0, max: 60, noNaN: true }),
        ({ history }, tenor) => {
          const pts = curvePoints(history, 0);
          const present = pts.filter((p): p is TenorYield & { yieldPct: number } => p.yieldPct !== null);
          for (const p of present) expect(interpolateYieldPct(pts, p.years)).toBe(p.yieldPct);
          const y = interpolateYieldPct(pts, tenor);
          const below = present.filter((p) => p.years <= tenor).at(-1) ?? present[0]!;
          const above = present.find((p) => p.years >= tenor) ?? present.at(-1)!;
          expect(y).toBeGreaterThanOrEqual(Math.min(below.yieldPct, above.yieldPct));
          expect(y).toBeLessThanOrEqual(Math.max(below.yieldPct, above.yieldPct));
        },
      ),
    );
  });

  it('when the curve is increasing in tenor, then the interpolated curve is non-decreasing too', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 360 }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        (months, a, b) => {
          const sorted = [...months].sort((x, y) => x - y);
          const pts = sorted.map((m, i) => ({ years: m / 12, yieldPct: 1 + i * 0.37 }));
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(interpolateYieldPct(pts, lo)).toBeLessThanOrEqual(interpolateYieldPct(pts, hi));
        },
      ),
    );
  });
});
