import { toCsv } from '../../domain/compliance/reports/csv';
import {
  buildTradeReportRecord,
  type TradeReportAction,
} from '../../domain/compliance/reports/trade-report-record';
import { appendAudit } from '../../db/audit-log';
import { TradeReportObligation } from '../../db/entities';
import { businessCounter } from '../../platform/metrics';
import { sha256Hex } from '../../platform/sha256';
import type { ActivityDeps } from '../index';
import { openComplianceException } from './open-exception';
import { loadReportTradesByRef } from './report-data';
import { createReportingGateway } from './reporting-gateway';

/** The 15-minute window of the regulation: the alert comes this much before the deadline. */
const REPORTING_WINDOW_SECONDS = 15 * 60;

const CSV_HEADER = [
  'report_id',
  'report_version',
  'action',
  'trade_id',
  'execution_mechanism',
  'executed_at',
  'isin',
  'quantity_paise',
  'face_value_paise',
  'clean_price',
  'accrued_interest_paise',
  'consideration_paise',
  'yield',
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
  'record_hash',
] as const;

type TradeReportRecord = ReturnType<typeof buildTradeReportRecord>;

const csvRow = (r: TradeReportRecord) => [
  r.report_id,
  r.report_version,
  r.action,
  r.trade_id,
  r.execution_mechanism,
  r.executed_at,
  r.isin,
  r.quantity_paise,
  r.face_value_paise,
  r.clean_price,
  r.accrued_interest_paise,
  r.consideration_paise,
  r.yield,
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
  r.record_hash,
];

const keyOf = (o: { reportId: string; version: number }) => `${o.reportId}:${o.version}`;

/**
 * Trade reporting within 15 minutes: pending reports go to the platform in batches through the
 * reporting gateway (REPORT_PENDING -> REPORTED -> CONFIRMED); a report still pending at
 * `deadline - 5 min` (+10 min after execution by default) raises an alert, and at the deadline a
 * LATE_REPORT compliance exception.
 */
export function createTradeReportActivities({ orm, log, config, temporal, metrics }: ActivityDeps) {
  const gateway = createReportingGateway(config.reporting.gateway);
  const submitted = businessCounter(
    metrics,
    'trade_reports_submitted_total',
    'Trade reports submitted, by outcome',
    ['outcome'],
  );
  const alerts = businessCounter(
    metrics,
    'trade_report_alerts_total',
    'Trade reports still pending near their deadline',
  );
  const late = businessCounter(
    metrics,
    'trade_reports_late_total',
    'Trade reports not made by their deadline',
  );
  const exceptionDeps = { orm, temporal, taskQueue: config.temporal.taskQueue };

  return {
    /** Submits the oldest pending reports (one batch); `more` when a full batch went. */
    async submitPendingTradeReports(): Promise<{ submitted: number; more: boolean; error?: string }> {
      const em = orm.em.fork();
      const batch = await em.find(
        TradeReportObligation,
        { status: 'REPORT_PENDING' },
        { orderBy: { deadlineAt: 'asc', id: 'asc' }, limit: config.reporting.tradeBatchSize },
      );
      if (!batch.length) return { submitted: 0, more: false };
      const trades = await loadReportTradesByRef(em, batch);
      const records: TradeReportRecord[] = [];
      for (const o of batch) {
        const trade = trades.get(`${o.source}:${o.tradeRef}`);
        if (!trade) throw new Error(`trade report ${keyOf(o)}: ${o.source} ${o.tradeRef} not found`);
        // The record is fixed on first submission, so a retry sends the very same bytes and hash.
        const record =
          (o.record as TradeReportRecord | null) ??
          buildTradeReportRecord(
            trade,
            { reportId: o.reportId, version: o.version, action: o.action as TradeReportAction },
            sha256Hex,
          );
        o.record = record;
        o.recordHash = record.record_hash;
        o.attempts += 1;
        records.push(record);
      }
      await em.flush();
      const keys = batch.map(keyOf);
      try {
        const ack = await gateway.submit({
          kind: 'TRADE_REPORTS',
          reference: `trade-reports-${sha256Hex(keys.join(',')).slice(0, 24)}`,
          recordKeys: keys,
          files: [
            {
              name: 'trade-reports.json',
              contentType: 'application/json',
              body: JSON.stringify(records, null, 2),
            },
            {
              name: 'trade-reports.csv',
              contentType: 'text/csv',
              body: toCsv(CSV_HEADER, records.map(csvRow)),
            },
          ],
        });
        const confirmed = new Set(ack.confirmed);
        const now = new Date();
        for (const o of batch) {
          o.status = confirmed.has(keyOf(o)) ? 'CONFIRMED' : 'REPORTED';
          o.reportedAt = now;
          o.confirmedAt = confirmed.has(keyOf(o)) ? now : null;
          o.ackRef = ack.ackId;
          o.lastError = null;
        }
        await em.flush();
        submitted.inc({ outcome: 'reported' }, batch.length);
        log.info(
          { count: batch.length, ack_id: ack.ackId, confirmed: confirmed.size },
          'trade reports submitted',
        );
        return { submitted: batch.length, more: batch.length === config.reporting.tradeBatchSize };
      } catch (err) {
        const message = (err as Error).message;
        for (const o of batch) o.lastError = message;
        await em.flush();
        submitted.inc({ outcome: 'failed' }, batch.length);
        log.warn({ count: batch.length, err: message }, 'trade reports not submitted: gateway unavailable');
        return { submitted: 0, more: false, error: message };
      }
    },

    /** Raises the alert for reports near their deadline, and one LATE_REPORT exception for those past it. */
    async checkTradeReportDeadlines(): Promise<{ alerted: number; late: number }> {
      const em = orm.em.fork();
      const conn = em.getConnection();
      const leadSeconds = REPORTING_WINDOW_SECONDS - config.reporting.tradeAlertSeconds;
      const alerted = (await conn.execute(
        `update trade_report_obligations set alerted_at = now()
          where status = 'REPORT_PENDING' and alerted_at is null and deadline_at - make_interval(secs => ?) <= now()
          returning report_id, version, deadline_at`,
        [leadSeconds],
      )) as { report_id: string; version: number; deadline_at: Date }[];
      if (alerted.length) {
        alerts.inc(alerted.length);
        log.warn(
          { count: alerted.length, reports: alerted.slice(0, 20).map((r) => `${r.report_id}:${r.version}`) },
          'trade reports still pending close to their 15-minute deadline',
        );
        appendAudit(em, {
          action: 'TRADE_REPORT_ALERT',
          subjectType: 'trade_report',
          details: {
            count: alerted.length,
            reports: alerted.map((r) => ({
              report_id: r.report_id,
              version: r.version,
              deadline_at: r.deadline_at,
            })),
          },
        });
        await em.flush();
      }
      const overdue = await em.find(
        TradeReportObligation,
        { status: 'REPORT_PENDING', exceptionId: null, deadlineAt: { $lte: new Date() } },
        { orderBy: { id: 'asc' }, limit: 1000 },
      );
      if (overdue.length) {
        late.inc(overdue.length);
        const { exception } = await openComplianceException(exceptionDeps, {
          kind: 'LATE_REPORT',
          severity: 'HIGH',
          title: `${overdue.length} trade report${overdue.length > 1 ? 's' : ''} not made within 15 minutes`,
          description: `Pending past the deadline; last gateway error: ${overdue[0]!.lastError ?? 'none'}`,
          evidence: {
            reports: overdue.slice(0, 100).map((o) => ({
              report_id: o.reportId,
              version: o.version,
              executed_at: o.executedAt.toISOString(),
              deadline_at: o.deadlineAt.toISOString(),
              attempts: o.attempts,
            })),
            count: overdue.length,
          },
          dedupKey: `late-reports:${overdue[0]!.id}`,
        });
        await em.nativeUpdate(
          TradeReportObligation,
          { id: { $in: overdue.map((o) => o.id) } },
          { exceptionId: exception.id },
        );
        log.error(
          { count: overdue.length, exception_id: exception.id },
          'trade reports late: compliance exception opened',
        );
      }
      return { alerted: alerted.length, late: overdue.length };
    },
  };
}
