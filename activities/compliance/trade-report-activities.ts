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
import { createReportingGateway, type GatewayConfirmation } from './reporting-gateway';

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
  const confirm = config.reporting.confirm;

  return {
    /** Submits the oldest pending reports (one batch); `more` when a full batch went. */
    async submitPendingTradeReports(): Promise<{ submitted: number; more: boolean; error?: string }> {
      const em = orm.em.fork();
      // Oldest deadline first; those whose record could not be built go last, so they are tried
      // again when there is room but never crowd out reports that can be made.
      const ids = (
        (await em.getConnection().execute(
          `select id from trade_report_obligations where status = 'REPORT_PENDING'
              order by (record is null and last_error is not null), deadline_at, id limit ?`,
          [config.reporting.tradeBatchSize],
        )) as { id: string }[]
      ).map((r) => r.id);
      if (!ids.length) return { submitted: 0, more: false };
      const pending = await em.find(
        TradeReportObligation,
        { id: { $in: ids } },
        { orderBy: { deadlineAt: 'asc', id: 'asc' } },
      );
      const trades = await loadReportTradesByRef(em, pending);
      const batch: TradeReportObligation[] = [];
      const records: TradeReportRecord[] = [];
      for (const o of pending) {
        const trade =
          trades.get(`${o.source}:${o.tradeRef}`) ?? new Error(`${o.source} ${o.tradeRef} not found`);
        if (trade instanceof Error) {
          o.lastError = `record not built: ${trade.message}`;
          log.error({ report: keyOf(o), err: trade.message }, 'trade report record not built');
          continue;
        }
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
        batch.push(o);
        records.push(record);
      }
      await em.flush();
      if (!batch.length) return { submitted: 0, more: false };
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
          const isConfirmed = confirmed.has(keyOf(o));
          o.status = isConfirmed ? 'CONFIRMED' : 'REPORTED';
          o.reportedAt = now;
          o.confirmedAt = isConfirmed ? now : null;
          o.confirmationId = isConfirmed ? (ack.confirmationId ?? ack.ackId) : null;
          o.ackRef = ack.ackId;
          o.lastError = null;
          if (ack.status === 'PENDING') {
            o.ackStatusUrl = ack.statusUrl;
            o.nextPollAt = new Date(now.getTime() + confirm.pollSeconds * 1000);
            o.polls = 0;
          }
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

    /**
     * Polls the platform about reports it took as pending (each acknowledgement once, the waits
     * doubling up to the maximum): confirmed ones get their confirmation id, rejected ones a
     * REPORT_FAILED exception; those still unconfirmed after the confirmation timeout one too.
     */
    async pollTradeReportConfirmations(): Promise<{
      confirmed: number;
      rejected: number;
      unconfirmed: number;
    }> {
      const em = orm.em.fork();
      const now = new Date();
      const due = await em.find(
        TradeReportObligation,
        { status: 'REPORTED', ackStatusUrl: { $ne: null }, nextPollAt: { $lte: now } },
        { orderBy: { id: 'asc' }, limit: 1000 },
      );
      const byAck = new Map<string, TradeReportObligation[]>();
      for (const o of due) byAck.set(o.ackStatusUrl!, [...(byAck.get(o.ackStatusUrl!) ?? []), o]);
      let confirmedCount = 0;
      const rejected: TradeReportObligation[] = [];
      for (const [statusUrl, group] of byAck) {
        const first = group[0]!;
        const answer: GatewayConfirmation & { error?: string } = await gateway
          .poll({
            gateway: 'http',
            reference: first.ackRef ?? statusUrl,
            ackId: first.ackRef ?? statusUrl,
            receivedAt: first.reportedAt!.toISOString(),
            status: 'PENDING',
            statusUrl,
            confirmed: [],
          })
          .catch((err: unknown) => ({
            status: 'PENDING' as const,
            error: (err as Error).message,
            confirmed: [],
          }));
        for (const o of group) {
          o.polls += 1;
          const listed = answer.confirmed.length === 0 || answer.confirmed.includes(keyOf(o));
          if (answer.status === 'CONFIRMED' && listed) {
            o.status = 'CONFIRMED';
            o.confirmedAt = now;
            o.confirmationId = answer.confirmationId ?? o.ackRef;
            o.nextPollAt = null;
            confirmedCount += 1;
          } else if (answer.status === 'REJECTED') {
            o.status = 'REJECTED';
            o.lastError = `rejected by the platform: ${answer.reason ?? 'no reason given'}`;
            o.nextPollAt = null;
            rejected.push(o);
          } else {
            const wait = Math.min(confirm.pollSeconds * 2 ** o.polls, confirm.maxPollSeconds);
            o.nextPollAt = new Date(now.getTime() + wait * 1000);
            if (answer.error) o.lastError = answer.error;
          }
        }
      }
      await em.flush();
      const overdue = await em.find(
        TradeReportObligation,
        {
          status: 'REPORTED',
          ackStatusUrl: { $ne: null },
          exceptionId: null,
          reportedAt: { $lte: new Date(now.getTime() - confirm.timeoutSeconds * 1000) },
        },
        { orderBy: { id: 'asc' }, limit: 1000 },
      );
      for (const [kind, items] of [
        ['rejected', rejected],
        ['unconfirmed', overdue],
      ] as const) {
        if (!items.length) continue;
        const { exception } = await openComplianceException(exceptionDeps, {
          kind: 'REPORT_FAILED',
          severity: 'HIGH',
          title:
            kind === 'rejected'
              ? `${items.length} trade report${items.length > 1 ? 's' : ''} rejected by the platform`
              : `${items.length} trade report${items.length > 1 ? 's' : ''} not confirmed within ${confirm.timeoutSeconds} s`,
          description:
            kind === 'rejected' ? items[0]!.lastError! : 'Taken as pending by the platform, never confirmed.',
          evidence: {
            reports: items.slice(0, 100).map((o) => ({
              report_id: o.reportId,
              version: o.version,
              ack_ref: o.ackRef,
              polls: o.polls,
              reported_at: o.reportedAt?.toISOString() ?? null,
            })),
            count: items.length,
          },
          dedupKey: `trade-reports-${kind}:${items[0]!.id}`,
        });
        await em.nativeUpdate(
          TradeReportObligation,
          { id: { $in: items.map((o) => o.id) } },
          { exceptionId: exception.id },
        );
        log.error(
          { count: items.length, exception_id: exception.id },
          `trade reports ${kind}: compliance exception opened`,
        );
      }
      if (confirmedCount) log.info({ count: confirmedCount }, 'trade reports confirmed by the platform');
      return { confirmed: confirmedCount, rejected: rejected.length, unconfirmed: overdue.length };
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
