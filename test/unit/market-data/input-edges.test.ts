import { parseHolidayCsv } from '../../../domain/calendar/holiday-csv';
import { formatYieldUnits } from '../../../domain/market-data/yield-values';
import { tenorFromMonths } from '../../../domain/market-data/tenor';
import { KEY_RATE_MONTHS, keyRateHistory } from '../../../domain/portfolios/risk-factor-history';
import { bondTermViolations } from '../../../domain/reference-data/bond-terms';
import { InvalidRiskInputError } from '../../../domain/risk/errors';

const curve = (date: string, yieldPct: string) =>
  KEY_RATE_MONTHS.map((tenorMonths) => ({ date, tenorMonths, yieldPct }));

describe('market data inputs at their edges', () => {
  test('when key-rate curves arrive out of date order, then the changes are taken oldest to newest, in bp', () => {
    const history = keyRateHistory([...curve('2026-11-24', '7.1000'), ...curve('2026-11-23', '7.0000')]);
    expect(history.dates).toEqual(['2026-11-24']);
    // Every key rate up 10 bp; the spread factor has no curve and does not move.
    expect(history.changes).toEqual([[...KEY_RATE_MONTHS.map(() => 10), 0]]);
  });

  test('when the look-back or a yield is not usable, then the history is refused', () => {
    expect(() => keyRateHistory(curve('2026-11-24', '7'), 0)).toThrow(InvalidRiskInputError);
    expect(() => keyRateHistory(curve('2026-11-24', 'seven'))).toThrow(/not a number/);
  });

  test('when a tenor or a yield unit count is not whole, then it is refused', () => {
    expect(tenorFromMonths(18)).toEqual({ label: '18M', months: 18, years: 1.5 });
    expect(() => tenorFromMonths(0)).toThrow(RangeError);
    expect(() => tenorFromMonths(1.5)).toThrow(RangeError);
    expect(() => formatYieldUnits(0.5)).toThrow(RangeError);
  });

  test('when holidays are listed out of order, then they come back by date', () => {
    expect(parseHolidayCsv('date,name\n2026-12-25,Christmas\n2026-01-26,Republic Day\n')).toEqual([
      { date: '2026-01-26', name: 'Republic Day' },
      { date: '2026-12-25', name: 'Christmas' },
    ]);
  });

  test('when a T-Bill has a coupon rate, then it is refused even with frequency 0', () => {
    const violations = bondTermViolations({
      bondType: 'T_BILL',
      issuerType: 'CENTRAL_GOVERNMENT',
      couponPct: '5.0000',
      couponFrequency: 0,
      issueDate: '2026-01-01',
      maturityDate: '2026-12-31',
      faceValue: '100',
      lotSize: '10000',
      tickSize: '0.0025',
    });
    expect(violations.map((v) => v.field)).toContain('coupon_frequency');
  });
});
