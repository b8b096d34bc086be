import { toCsv } from './csv';
import { tradeReportFields } from './trade-report-record';
import type { ReportTrade } from './report-trade';

export const SEBI_CSV_HEADER = [
  'record_type',
  'trade_id',
  'execution_mechanism',
  'executed_at',
  'isin',
  'quantity_paise',
  'clean_price',
  'yield',
  'accrued_interest_paise',
  'consideration_paise',
  'buyer_code',
  'buyer_category',
  'buyer_lei',
  'buyer_fpi_registration',
  'seller_code',
  'seller_category',
  'seller_lei',
  'seller_fpi_registration',
  'settlement_date',
  'settlement_cycle',
  'settlement_mode',
] as const;

export interface SebiControlRecord {
  report_date: string;
  batch_number: number;
  record_count: number;
  total_quantity_paise: string;
  total_consideration_paise: string;
  total_accrued_interest_paise: string;
}

/**
 * The daily SEBI transaction report: every trade and allotment of the day in execution order, and a
 * control record (date, batch number, record count, totals). JSON rows plus the CSV file, whose last
 * line is the control record (record type C; detail lines are D).
 */
export function buildSebiTransactionReport(
  date: string,
  batchNumber: number,
  trades: readonly ReportTrade[],
) {
  const ordered = [...trades].sort(
    (a, b) => a.executedAt.getTime() - b.executedAt.getTime() || a.tradeId.localeCompare(b.tradeId),
  );
  const rows = ordered.map(tradeReportFields);
  const sum = (pick: (t: ReportTrade) => bigint) => ordered.reduce((s, t) => s + pick(t), 0n).toString();
  const control: SebiControlRecord = {
    report_date: date,
    batch_number: batchNumber,
    record_count: rows.length,
    total_quantity_paise: sum((t) => t.quantityPaise),
    total_consideration_paise: sum((t) => t.considerationPaise),
    total_accrued_interest_paise: sum((t) => t.accruedPaise),
  };
  const csv = toCsv(SEBI_CSV_HEADER, [
    ...rows.map((r) => [
      'D',
      r.trade_id,
      r.execution_mechanism,
      r.executed_at,
      r.isin,
      r.quantity_paise,
      r.clean_price,
      r.yield,
      r.accrued_interest_paise,
      r.consideration_paise,
      r.buyer.participant_code,
      r.buyer.category,
      r.buyer.lei,
      r.buyer.fpi_registration,
      r.seller.participant_code,
      r.seller.category,
      r.seller.lei,
      r.seller.fpi_registration,
      r.settlement_date,
      r.settlement_cycle,
      r.settlement_mode,
    ]),
    [
      'C',
      control.report_date,
      String(control.batch_number),
      String(control.record_count),
      control.total_quantity_paise,
      control.total_consideration_paise,
      control.total_accrued_interest_paise,
    ],
  ]);
  return { rows, control, csv };
}

/** Daily reconciliation: what was reported against what the platform acknowledged. */
export function reconcileAcknowledgements(reported: readonly string[], acknowledged: readonly string[]) {
  const acked = new Set(acknowledged);
  const sent = new Set(reported);
  return {
    reported: sent.size,
    acknowledged: [...acked].filter((id) => sent.has(id)).length,
    unacknowledged: [...sent].filter((id) => !acked.has(id)).sort(),
    unexpected: [...acked].filter((id) => !sent.has(id)).sort(),
  };
}
