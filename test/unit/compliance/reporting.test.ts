import {
  fpiCategoryOfBond,
  MalformedFpiLimitsCsvError,
  parseFpiLimitsCsv,
  reportWorkflowId,
  scaledDecimal,
} from '../../../domain/compliance/reporting';

describe('report identities', () => {
  test('when a period is run first and then re-run, then the ids are report-<type>-<period> and ...-v<n>', () => {
    expect(reportWorkflowId('SEBI_TRANSACTIONS', '2026-11-24', 1)).toBe(
      'report-sebi-transactions-2026-11-24',
    );
    expect(reportWorkflowId('FPI_UTILISATION', '2026-11-24', 3)).toBe('report-fpi-utilisation-2026-11-24-v3');
  });

  test('when bonds are classified, then SDLs and corporates have their own FPI category and the rest are G-sec general', () => {
    expect(['G_SEC', 'SDL', 'T_BILL', 'CORPORATE'].map((t) => fpiCategoryOfBond(t as never))).toEqual([
      'GSEC_GENERAL',
      'SDL',
      'GSEC_GENERAL',
      'CORPORATE',
    ]);
  });
});

describe('scaledDecimal', () => {
  test('when decimal text is scaled, then it is exact, and more places than the scale is refused', () => {
    expect(scaledDecimal('12.5', 2)).toBe(1250n);
    expect(scaledDecimal('-0.01', 2)).toBe(-1n);
    expect(scaledDecimal('123456789012345678.99', 2)).toBe(12345678901234567899n);
    expect(scaledDecimal('1.001', 2)).toBeNull();
    expect(scaledDecimal('1e3', 2)).toBeNull();
  });
});

describe('parseFpiLimitsCsv', () => {
  test('when the published figures are in crore, then limits and utilisation are exact paise and FAR has no limit', () => {
    expect(
      parseFpiLimitsCsv(
        'as_of,category,limit_crore,utilised_crore\r\n2026-11-24,SDL,100.25,0.000000001\n2026-11-24,FAR,,12\n',
      ),
    ).toEqual([
      { asOf: '2026-11-24', category: 'SDL', limitPaise: 100_250_000_000n, utilisedPaise: 1n },
      { asOf: '2026-11-24', category: 'FAR', limitPaise: null, utilisedPaise: 12_000_000_000n },
    ]);
  });

  test('when a line is wrong, then the error names the line', () => {
    const bad = (text: string, line: RegExp) => {
      expect(() => parseFpiLimitsCsv(text)).toThrow(MalformedFpiLimitsCsvError);
      expect(() => parseFpiLimitsCsv(text)).toThrow(line);
    };
    const header = 'as_of,category,limit_crore,utilised_crore\n';
    bad('date,category\n', /line 1/);
    bad(`${header}2026-11-24,GSEC,1,1\n`, /line 2: category/);
    bad(`${header}2026-11-24,SDL,1,1\n2026-11-24,SDL,2,1\n`, /line 3: SDL on 2026-11-24 appears twice/);
    bad(`${header}2026-02-30x,SDL,1,1\n`, /line 2: as_of/);
    bad(`${header}2026-11-24,SDL,-1,1\n`, /line 2: limit_crore/);
    bad(header, /no rows/);
  });
});
