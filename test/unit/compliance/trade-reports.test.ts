import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../domain/compliance/canonical-json';
import { toCsv } from '../../../domain/compliance/reports/csv';
import { buildFpiUtilisationReport } from '../../../domain/compliance/reports/fpi-utilisation-report';
import type { ReportParty, ReportTrade } from '../../../domain/compliance/reports/report-trade';
import {
  buildSebiTransactionReport,
  reconcileAcknowledgements,
} from '../../../domain/compliance/reports/sebi-transaction-report';
import { buildTradeReportRecord } from '../../../domain/compliance/reports/trade-report-record';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const A = 'IN0020230085';
const B = 'IN1520230045';
const party = (
  participantCode: string,
  category: string,
  lei: string | null = null,
  fpiRegistration: string | null = null,
): ReportParty => ({
  participantCode,
  category,
  lei,
  fpiRegistration,
});
const SBIN = party('SBIN', 'BANK', '549300SBIN0000000001');
const HDFCB = party('HDFCB', 'BANK', '549300HDFC0000000002');
const NORFPI = party('NORFPI', 'FPI', '5493NORFPI0000000003', 'INUSFP123456');
const MHSDL = party('MHSDL', 'STATE_GOVERNMENT');

// A hand-made day. T1: Rs 10,00,000 at 98.5025 + Rs 1,234.56 accrued = Rs 9,86,259.56.
// T3: Rs 2,00,000 at 98.5000 + Rs 246.91 = Rs 1,97,246.91. T2: an SDL allotment of Rs 5,00,000 at par.
const T1: ReportTrade = {
  tradeId: 'T1',
  mechanism: 'CONTINUOUS',
  executedAt: new Date('2026-11-24T05:00:00.000Z'),
  isin: A,
  fpiCategory: 'GSEC_GENERAL',
  quantityPaise: 100_000_000n,
  faceValuePerUnitPaise: 10_000n,
  cleanPriceUnits: 985_025n,
  accruedPaise: 123_456n,
  considerationPaise: 98_625_956n,
  yieldUnits: 71_234n,
  buyer: NORFPI,
  seller: SBIN,
  settlementDate: '2026-11-25',
  settlementCycle: 'T1',
  settlementMode: 'DVP3',
};
const T2: ReportTrade = {
  ...T1,
  tradeId: 'T2',
  mechanism: 'AUCTION',
  executedAt: new Date('2026-11-24T04:30:00.000Z'),
  isin: B,
  fpiCategory: 'SDL',
  quantityPaise: 50_000_000n,
  cleanPriceUnits: 1_000_000n,
  accruedPaise: 0n,
  considerationPaise: 50_000_000n,
  yieldUnits: 74_500n,
  buyer: HDFCB,
  seller: MHSDL,
  settlementMode: 'DVP1',
};
const T3: ReportTrade = {
  ...T1,
  tradeId: 'T3',
  mechanism: 'NEGOTIATED',
  quantityPaise: 20_000_000n,
  cleanPriceUnits: 985_000n,
  accruedPaise: 24_691n,
  considerationPaise: 19_724_691n,
  yieldUnits: 71_300n,
  buyer: HDFCB,
  seller: NORFPI,
};

describe('the trade report record', () => {
  test('when a trade is reported NEW, then its fields are at IST with 4 decimals and the hash covers them all', () => {
    const record = buildTradeReportRecord(T1, { reportId: 'TR-1', version: 1, action: 'NEW' }, sha256);
    expect(record).toMatchObject({
      report_id: 'TR-1',
      report_version: 1,
      action: 'NEW',
      trade_id: 'T1',
      execution_mechanism: 'CONTINUOUS',
      executed_at: '2026-11-24T10:30:00.000+05:30',
      quantity_paise: '100000000',
      face_value_paise: '10000',
      clean_price: '98.5025',
      accrued_interest_paise: '123456',
      consideration_paise: '98625956',
      yield: '7.1234',
      buyer: {
        participant_code: 'NORFPI',
        category: 'FPI',
        lei: '5493NORFPI0000000003',
        fpi_registration: 'INUSFP123456',
      },
      seller: {
        participant_code: 'SBIN',
        category: 'BANK',
        lei: '549300SBIN0000000001',
        fpi_registration: null,
      },
      settlement_date: '2026-11-25',
      settlement_cycle: 'T1',
      settlement_mode: 'DVP3',
    });
    const { record_hash, ...body } = record;
    expect(record_hash).toBe(sha256(canonicalJson(body)));
    const amended = buildTradeReportRecord(
      { ...T1, accruedPaise: 123_457n },
      { reportId: 'TR-1', version: 2, action: 'AMEND' },
      sha256,
    );
    expect(amended.record_hash).not.toBe(record_hash);
    expect(() => buildTradeReportRecord(T1, { reportId: 'TR-1', version: 2, action: 'NEW' }, sha256)).toThrow(
      RangeError,
    );
  });

  test('when a trade settles on its maturity date, then its record carries no yield and its hash still covers every field', () => {
    const record = buildTradeReportRecord(
      { ...T1, yieldUnits: null },
      { reportId: 'TR-9', version: 1, action: 'NEW' },
      sha256,
    );
    expect(record.yield).toBeNull();
    const { record_hash, ...body } = record;
    expect(record_hash).toBe(sha256(canonicalJson(body)));
  });
});

describe('the daily SEBI transaction report', () => {
  test('when a hand-made day is built, then rows follow execution order and the control record carries the totals', () => {
    const report = buildSebiTransactionReport('2026-11-24', 1, [T1, T3, T2]);
    expect(report.rows.map((r) => r.trade_id)).toEqual(['T2', 'T1', 'T3']);
    expect(report.control).toEqual({
      report_date: '2026-11-24',
      batch_number: 1,
      record_count: 3,
      total_quantity_paise: '170000000',
      total_consideration_paise: '168350647',
      total_accrued_interest_paise: '148147',
    });
    const lines = report.csv.split('\r\n');
    expect(lines).toHaveLength(6); // header, 3 details, control, and the final line break
    expect(lines[2]).toBe(
      `D,T1,CONTINUOUS,2026-11-24T10:30:00.000+05:30,${A},100000000,98.5025,7.1234,123456,98625956,NORFPI,FPI,5493NORFPI0000000003,INUSFP123456,SBIN,BANK,549300SBIN0000000001,,2026-11-25,T1,DVP3`,
    );
    expect(lines[4]).toBe('C,2026-11-24,1,3,170000000,168350647,148147');
    expect(lines[5]).toBe('');
  });

  test('when a field holds a comma or a quote, then the CSV quotes it', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, 3],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
  });

  test('when acknowledgements are reconciled, then the unacknowledged and the unexpected are named', () => {
    expect(reconcileAcknowledgements(['T1', 'T2', 'T3'], ['T3', 'T1', 'X9'])).toEqual({
      reported: 3,
      acknowledged: 2,
      unacknowledged: ['T2'],
      unexpected: ['X9'],
    });
  });
});

describe('the RBI FPI utilisation report', () => {
  const CRORE = 1_000_000_000n;
  const report = buildFpiUtilisationReport({
    date: '2026-11-24',
    limits: [
      // Exactly at the limit: Rs 99.99 crore published on the 23rd, and Rs 1 lakh bought on BondX since.
      {
        category: 'GSEC_GENERAL',
        asOf: '2026-11-23',
        limitPaise: 100n * CRORE,
        utilisedPaise: 100n * CRORE - 10_000_000n,
        bondxNetSincePaise: 10_000_000n,
      },
      { category: 'SDL', asOf: '2026-11-24', limitPaise: 50n * CRORE, utilisedPaise: 51n * CRORE }, // over: the limit was revised down
      { category: 'FAR', asOf: '2026-11-24', limitPaise: null, utilisedPaise: 10n * CRORE },
    ],
    trades: [T1, T2, T3],
    holdings: [
      // NORFPI's registration comes from its trades; ALTFPI only holds, so its holding carries it.
      {
        participantCode: 'NORFPI',
        fpiRegistration: null,
        category: 'GSEC_GENERAL',
        holdingPaise: 80_000_000n,
      },
      {
        participantCode: 'ALTFPI',
        fpiRegistration: 'INSGFP000042',
        category: 'FAR',
        holdingPaise: 30_000_000n,
      },
    ],
    checks: [
      { participantCode: 'NORFPI', category: 'GSEC_GENERAL', passed: true, overridden: false },
      {
        participantCode: 'NORFPI',
        category: 'GSEC_GENERAL',
        passed: false,
        reason: 'FPI_LIMIT_EXHAUSTED',
        overridden: false,
      },
      {
        participantCode: 'NORFPI',
        category: 'GSEC_GENERAL',
        passed: false,
        reason: 'FPI_LIMIT_EXHAUSTED',
        overridden: true,
      },
      {
        participantCode: 'ALTFPI',
        category: 'SDL',
        passed: false,
        reason: 'FPI_LIMIT_INSUFFICIENT',
        overridden: false,
      },
    ],
  });

  test('when categories are at and over their limits, then utilisation and free limit show it; FAR has none', () => {
    const by = Object.fromEntries(report.categories.map((c) => [c.category, c]));
    expect(by.GSEC_GENERAL).toEqual({
      category: 'GSEC_GENERAL',
      published_as_of: '2026-11-23',
      limit_paise: '100000000000',
      national_utilised_paise: '99990000000',
      bondx_net_since_publication_paise: '10000000',
      utilised_paise: '100000000000',
      utilisation_bps: '10000',
      free_paise: '0',
      bondx_buys_paise: '100000000',
      bondx_sells_paise: '20000000',
      bondx_net_paise: '80000000',
      bondx_holdings_paise: '80000000',
    });
    expect(by.SDL).toMatchObject({
      bondx_net_since_publication_paise: '0',
      utilisation_bps: '10200',
      free_paise: '-1000000000',
      bondx_buys_paise: '0',
    });
    expect(by.FAR).toMatchObject({
      limit_paise: null,
      utilisation_bps: null,
      free_paise: null,
      bondx_holdings_paise: '30000000',
    });
    expect(by.GSEC_LONG_TERM).toMatchObject({ limit_paise: null, national_utilised_paise: null });
  });

  test('when FPIs trade and hold, then each has its row and the check evidence is counted by reason', () => {
    expect(report.fpis).toEqual([
      {
        participant_code: 'ALTFPI',
        fpi_registration: 'INSGFP000042',
        category: 'FAR',
        bondx_buys_paise: '0',
        bondx_sells_paise: '0',
        bondx_net_paise: '0',
        bondx_holdings_paise: '30000000',
      },
      {
        participant_code: 'NORFPI',
        fpi_registration: 'INUSFP123456',
        category: 'GSEC_GENERAL',
        bondx_buys_paise: '100000000',
        bondx_sells_paise: '20000000',
        bondx_net_paise: '80000000',
        bondx_holdings_paise: '80000000',
      },
    ]);
    expect(report.evidence).toEqual({
      checked: 4,
      passed: 1,
      rejected_by_reason: { FPI_LIMIT_EXHAUSTED: 2, FPI_LIMIT_INSUFFICIENT: 1 },
      overridden: 1,
    });
    expect(report.control).toEqual({
      report_date: '2026-11-24',
      category_count: 6,
      fpi_row_count: 2,
      total_buys_paise: '100000000',
      total_sells_paise: '20000000',
      total_holdings_paise: '110000000',
    });
  });
});
