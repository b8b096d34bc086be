import fc from 'fast-check';
import {
  buildPolicyCorridorReport,
  tenorBucket,
} from '../../../domain/compliance/reports/policy-corridor-report';
import { buildPositionLimitsReport } from '../../../domain/compliance/reports/position-limits-report';
import {
  divideHalfUp,
  fixed4,
  istDate,
  istTimestamp,
} from '../../../domain/compliance/reports/report-values';

const A = 'IN0020230085';
const B = 'IN1520230045';

describe('report values', () => {
  test('when an instant is shown, then it is at the IST offset, and the IST date can be the next day', () => {
    expect(istTimestamp(new Date('2026-11-24T04:30:00.000Z'))).toBe('2026-11-24T10:00:00.000+05:30');
    expect(istDate(new Date('2026-11-24T18:30:00.000Z'))).toBe('2026-11-25');
    expect(istDate(new Date('2026-11-24T18:29:59.999Z'))).toBe('2026-11-24');
  });

  test('when units of 0.0001 are formatted, then exactly 4 decimals, sign kept', () => {
    expect([fixed4(67250n), fixed4(5n), fixed4(-2667n), fixed4(0n)]).toEqual([
      '6.7250',
      '0.0005',
      '-0.2667',
      '0.0000',
    ]);
  });

  test('when a quotient is rounded, then halves go away from zero', () => {
    expect([
      divideHalfUp(125001n, 2n),
      divideHalfUp(187000n, 3n),
      divideHalfUp(-3n, 2n),
      divideHalfUp(5n, 3n),
    ]).toEqual([62501n, 62333n, -2n, 2n]);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (a, b) => {
          const q = divideHalfUp(a, b);
          const err = a - q * b;
          expect(2n * (err < 0n ? -err : err) <= b).toBe(true);
        },
      ),
    );
  });
});

describe('monetary-policy and liquidity monitoring report', () => {
  // SDF 6.25%, repo 6.50%, MSF 6.75%.
  const corridor = { sdfUnits: 62500n, repoUnits: 65000n, msfUnits: 67500n };
  const trades = [
    {
      tradeId: 'T1',
      isin: A,
      executedAt: new Date('2026-11-24T04:00:00Z'),
      residualDays: 3000,
      faceValuePaise: 3_000_000n,
      yieldUnits: 67000n,
    },
    {
      tradeId: 'T2',
      isin: A,
      executedAt: new Date('2026-11-24T04:30:00Z'),
      residualDays: 3000,
      faceValuePaise: 1_000_000n,
      yieldUnits: 68000n,
    },
    {
      tradeId: 'T3',
      isin: B,
      executedAt: new Date('2026-11-24T05:00:00Z'),
      residualDays: 60,
      faceValuePaise: 2_000_000n,
      yieldUnits: 62500n,
    },
    {
      tradeId: 'T4',
      isin: B,
      executedAt: new Date('2026-11-24T09:59:59.999Z'),
      residualDays: 60,
      faceValuePaise: 1_000_000n,
      yieldUnits: 62000n,
    },
  ];

  test('when a hand-made day is built, then volumes, weighted yields, spreads, flags and control totals are as computed by hand', () => {
    const report = buildPolicyCorridorReport('2026-11-24', trades, corridor);
    // A: (6.70 x 3 + 6.80 x 1) / 4 = 6.7250; B: (6.25 x 2 + 6.20) / 3 = 6.23333.. -> 6.2333.
    const a = {
      trade_count: 2,
      volume_paise: '4000000',
      weighted_average_yield: '6.7250',
      spread_to_repo: '0.2250',
      trades_outside_corridor: 1,
    };
    const b = {
      trade_count: 2,
      volume_paise: '3000000',
      weighted_average_yield: '6.2333',
      spread_to_repo: '-0.2667',
      trades_outside_corridor: 1,
    };
    expect(report.by_security).toEqual([
      { isin: A, ...a },
      { isin: B, ...b },
    ]);
    expect(report.by_tenor).toEqual([
      { tenor_bucket: 'UP_TO_91D', ...b },
      { tenor_bucket: '5Y_TO_10Y', ...a },
    ]);
    expect(report.flagged).toEqual([
      {
        trade_id: 'T2',
        isin: A,
        executed_at: '2026-11-24T10:00:00.000+05:30',
        yield: '6.8000',
        breach: 'ABOVE_MSF',
      },
      {
        trade_id: 'T4',
        isin: B,
        executed_at: '2026-11-24T15:29:59.999+05:30',
        yield: '6.2000',
        breach: 'BELOW_SDF',
      },
    ]);
    expect(report.control).toEqual({
      report_date: '2026-11-24',
      trade_count: 4,
      volume_paise: '7000000',
      flagged_count: 2,
      sdf: '6.2500',
      repo: '6.5000',
      msf: '6.7500',
    });
  });

  test('when yields sit exactly on SDF or MSF, then they are inside the corridor', () => {
    const edge = [trades[2]!, { ...trades[0]!, yieldUnits: 67500n }];
    expect(buildPolicyCorridorReport('2026-11-24', edge, corridor).flagged).toEqual([]);
  });

  test('when residual maturities fall on bucket edges, then the lower bucket takes the edge', () => {
    expect([91, 92, 365, 366, 1825, 1826, 3650, 3651].map(tenorBucket)).toEqual([
      'UP_TO_91D',
      '92D_TO_1Y',
      '92D_TO_1Y',
      '1Y_TO_5Y',
      '1Y_TO_5Y',
      '5Y_TO_10Y',
      '5Y_TO_10Y',
      'OVER_10Y',
    ]);
  });
});

describe('position and short-sale limits report', () => {
  const CRORE = 1_000_000_000n; // paise
  const LOT = 1_000_000n; // Rs 10,000 of face value
  const input = {
    date: '2026-11-24',
    securities: [
      { isin: A, outstandingPaise: 100_000n * CRORE, liquid: true }, // short limit 2% = Rs 2,000 crore
      { isin: B, outstandingPaise: 10_000n * CRORE, liquid: false }, // 1% = 100 cr < floor 250 cr
    ],
    positions: [
      { participantCode: 'SBIN', isin: A, netPaise: -2_000n * CRORE },
      { participantCode: 'SBIN', isin: B, netPaise: 50n * CRORE },
      { participantCode: 'HDFCB', isin: B, netPaise: -(250n * CRORE + LOT) },
      { participantCode: 'HDFCB', isin: A, netPaise: 30n * CRORE },
      { participantCode: 'ICICPD', isin: A, netPaise: 0n },
      { participantCode: 'ICICPD', isin: B, netPaise: 50n * CRORE + 1n },
    ],
    longLimitsPaise: new Map([
      [`SBIN|${B}`, 50n * CRORE],
      [`ICICPD|${B}`, 50n * CRORE],
    ]),
  };

  test('when positions sit at and just over their limits, then only those over are breaches, with totals', () => {
    const report = buildPositionLimitsReport(input);
    expect(
      report.rows.map((r) => [
        r.participant_code,
        r.isin,
        r.net_position_paise,
        r.short_limit_paise,
        r.long_limit_paise,
        r.utilisation_bps,
        r.status,
      ]),
    ).toEqual([
      ['HDFCB', A, '30000000000', '2000000000000', null, null, 'WITHIN'],
      ['HDFCB', B, '-250001000000', '250000000000', null, '10000', 'SHORT_LIMIT_BREACH'],
      ['ICICPD', B, '50000000001', '250000000000', '50000000000', '10000', 'LONG_LIMIT_BREACH'],
      ['SBIN', A, '-2000000000000', '2000000000000', null, '10000', 'WITHIN'],
      ['SBIN', B, '50000000000', '250000000000', '50000000000', '10000', 'WITHIN'],
    ]);
    expect(report.control).toEqual({
      report_date: '2026-11-24',
      record_count: 5,
      breach_count: 2,
      total_long_paise: '130000000001',
      total_short_paise: '2250001000000',
    });
  });

  test('when a configured short limit is lower than the short-sale limit, then it applies; a higher one does not', () => {
    const report = buildPositionLimitsReport({
      ...input,
      shortLimitsPaise: new Map([
        [`SBIN|${A}`, 1_999n * CRORE], // lower than 2,000 cr: SBIN's short of 2,000 cr breaches it
        [`HDFCB|${B}`, 300n * CRORE], // higher than 250 cr: the short-sale limit still applies
      ]),
    });
    const rows = new Map(report.rows.map((r) => [`${r.participant_code}|${r.isin}`, r]));
    expect(rows.get(`SBIN|${A}`)).toMatchObject({
      short_limit_paise: (1_999n * CRORE).toString(),
      status: 'SHORT_LIMIT_BREACH',
    });
    expect(rows.get(`HDFCB|${B}`)).toMatchObject({ short_limit_paise: '250000000000' });
    expect(report.control.breach_count).toBe(3);
  });

  test('when a position names a security without an outstanding amount, then the build fails rather than guess', () => {
    expect(() => buildPositionLimitsReport({ ...input, securities: [] })).toThrow(/no outstanding amount/);
  });
});
