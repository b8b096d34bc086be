import { canonicalJson } from '../../../domain/compliance/canonical-json';
import { isLiquidSecurity, parseFpiLimitsCsv } from '../../../domain/compliance/reporting';
import { divideHalfUp } from '../../../domain/compliance/reports/report-values';

const HEADER = 'as_of,category,limit_crore,utilised_crore';

describe('reporting inputs at their edges', () => {
  test('when government paper is classed, then G-Secs and T-Bills are liquid and the rest is not', () => {
    expect(isLiquidSecurity('G_SEC')).toBe(true);
    expect(isLiquidSecurity('T_BILL')).toBe(true);
    expect(isLiquidSecurity('SDL')).toBe(false);
    expect(isLiquidSecurity('CORPORATE')).toBe(false);
  });

  test('when an FPI limits row has the wrong field count or a bad utilisation, then its line is named', () => {
    expect(() => parseFpiLimitsCsv(`${HEADER}\n2026-11-24,CORPORATE,100`)).toThrow(
      'line 2: expected 4 fields',
    );
    expect(() => parseFpiLimitsCsv(`${HEADER}\n2026-11-24,CORPORATE,100,-1`)).toThrow(
      'line 2: utilised_crore must be a non-negative amount',
    );
    expect(() => parseFpiLimitsCsv(`${HEADER}\n2026-11-24,CORPORATE,100,abc`)).toThrow(/utilised_crore/);
  });

  test('when a value is canonicalised, then dates are ISO text, keys sort, and functions are refused', () => {
    expect(canonicalJson({ b: new Date('2026-11-24T00:00:00Z'), a: [1, undefined] })).toBe(
      '{"a":[1,null],"b":"2026-11-24T00:00:00.000Z"}',
    );
    expect(canonicalJson({ z: 1, y: { d: 1, c: 2 }, x: 'q' })).toBe('{"x":"q","y":{"c":2,"d":1},"z":1}');
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });

  test('when dividing half up, then halves round away from zero and a non-positive divisor is refused', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });
});
