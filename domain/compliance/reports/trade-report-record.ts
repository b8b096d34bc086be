import type { Sha256Hex } from '../audit-chain';
import { canonicalJson } from '../canonical-json';
import { fixed4, istTimestamp } from './report-values';
import type { ReportParty, ReportTrade } from './report-trade';

export type TradeReportAction = 'NEW' | 'AMEND' | 'CANCEL';

const party = (p: ReportParty) => ({
  participant_code: p.participantCode,
  category: p.category,
  lei: p.lei,
  fpi_registration: p.fpiRegistration,
});

/** The fields of one trade in every trade report: the 15-minute report and the daily SEBI file. */
export function tradeReportFields(t: ReportTrade) {
  return {
    trade_id: t.tradeId,
    execution_mechanism: t.mechanism,
    executed_at: istTimestamp(t.executedAt),
    isin: t.isin,
    quantity_paise: t.quantityPaise.toString(),
    face_value_paise: t.faceValuePerUnitPaise.toString(),
    clean_price: fixed4(t.cleanPriceUnits),
    accrued_interest_paise: t.accruedPaise.toString(),
    consideration_paise: t.considerationPaise.toString(),
    yield: t.yieldUnits === null ? null : fixed4(t.yieldUnits),
    buyer: party(t.buyer),
    seller: party(t.seller),
    settlement_date: t.settlementDate,
    settlement_cycle: t.settlementCycle,
    settlement_mode: t.settlementMode,
  };
}

/**
 * One trade report submission: the report id and version, NEW/AMEND/CANCEL, the trade's fields,
 * and `record_hash`, the SHA-256 of the canonical JSON of everything else, so the platform and we
 * can each prove what was sent.
 */
export function buildTradeReportRecord(
  trade: ReportTrade,
  submission: { reportId: string; version: number; action: TradeReportAction },
  sha256: Sha256Hex,
) {
  if (!Number.isInteger(submission.version) || submission.version < 1)
    throw new RangeError('version starts at 1');
  if (submission.action === 'NEW' && submission.version !== 1)
    throw new RangeError('a NEW report is version 1');
  const body = {
    report_id: submission.reportId,
    report_version: submission.version,
    action: submission.action,
    ...tradeReportFields(trade),
  };
  return { ...body, record_hash: sha256(canonicalJson(body)) };
}
