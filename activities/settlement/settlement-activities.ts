import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit-log';
import { loadBusinessCalendar } from '../../db/calendar/holiday-store';
import { OverdraftError, postJournal } from '../../db/ledger/post-journal';
import { adjustHousePosition } from '../../db/portfolios/house-position';
import { dueTrades, loadAvailability, type DueTrade } from '../../db/settlement/settlement-trades';
import { Bond } from '../../db/entities';
import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import { allotmentLegs, CASH_ASSET, hundredths, type JournalLine } from '../../domain/ledger/journal';
import {
  afterFailure,
  correctionPositionMoves,
  fromHundredths,
  isolateFailures,
  settlementModeOf,
  settlementWorkflowId,
  type SettlementMode,
} from '../../domain/settlement';
import type { RoundPlan, RunRef, RunSummary } from '../../workflows/settlement/settlement-activities';
import { openComplianceException } from '../compliance/open-exception';
import type { SettlementActivityDeps } from './settlement-deps';

interface RunRow {
  id: number;
  settlement_system: SettlementSystem;
  settlement_date: string;
  mode: SettlementMode;
  status: string;
  attempt: number;
  round: number;
  summary: RunSummary | null;
}

async function lockRun(em: EntityManager, runId: number): Promise<RunRow> {
  const rows = await em.execute<RunRow[]>(
    `select id, settlement_system, settlement_date::text as settlement_date, mode, status, attempt, round, summary
       from settlement_runs where id = ? for update`,
    [runId],
  );
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`no settlement run ${runId}`);
  return rows[0];
}

const runOf = (r: RunRow, attempt: number) => ({
  id: r.id,
  attempt,
  system: r.settlement_system,
  date: r.settlement_date,
});

/** Net debits of a round: what each debtor must block (cash) or hold (securities). */
async function roundLines(em: EntityManager, runId: number, attempt: number, round: number) {
  return em.execute<{ participant_id: number; asset: string; amount: string; status: string }[]>(
    `select participant_id, asset, amount::text as amount, status from settlement_obligations
      where run_id = ? and attempt = ? and round = ? order by participant_id, asset`,
    [runId, attempt, round],
  );
}

const shortReason = (asset: string, shortfall: bigint) =>
  `short of ${asset === CASH_ASSET ? 'cash' : asset} by ${fromHundredths(shortfall)}`;

/**
 * The activities of `settlement-<system>-<date>`. Each runs in one transaction and is idempotent:
 * a round is computed once (the run row's `round`), obligations move only from the status before
 * them, journals have unique references and trades move only from PENDING, so a worker killed at any
 * point resumes to the same result.
 */
export function createSettlementActivities(deps: SettlementActivityDeps) {
  const fork = () => deps.orm.em.fork() as EntityManager;

  return {
    async openSettlementRun(
      system: SettlementSystem,
      date: string,
      startedBy: number | null,
    ): Promise<RunRef> {
      const em = fork();
      await em.execute(
        `insert into settlement_runs (settlement_system, settlement_date, mode, workflow_id, started_by)
         values (?, ?, ?, ?, ?) on conflict (settlement_system, settlement_date) do nothing`,
        [system, date, settlementModeOf(system), settlementWorkflowId(system, date), startedBy],
      );
      const rows = await em.execute<{ id: number; attempt: number; mode: SettlementMode }[]>(
        'select id, attempt, mode from settlement_runs where settlement_system = ? and settlement_date = ?',
        [system, date],
      );
      return { runId: rows[0]!.id, attempt: rows[0]!.attempt, mode: rows[0]!.mode };
    },

    async computeNetRound(runId: number, attempt: number, round: number): Promise<RoundPlan> {
      return fork().transactional(async (em) => {
        const run = await lockRun(em, runId);
        if (run.round < round) {
          // Trades planned into an earlier round that was released are planned afresh.
          await em.execute(
            `delete from settlement_run_trades where run_id = ? and attempt = ? and outcome = 'PLANNED'`,
            [runId, attempt],
          );
          const trades = await dueTrades(em, runOf(run, attempt), true);
          const { settling, failed, nets } = isolateFailures(trades, await loadAvailability(em, trades));
          for (const f of failed) {
            await em.execute(
              `insert into settlement_run_trades (run_id, attempt, trade_id, round, trade_version, outcome, failed_participant_id, reason)
               values (?, ?, ?, ?, ?, 'FAILED', ?, ?)`,
              [
                runId,
                attempt,
                f.trade.id,
                round,
                (f.trade as DueTrade).version,
                f.participantId,
                shortReason(f.asset, f.shortfall),
              ],
            );
          }
          for (const t of settling as DueTrade[]) {
            await em.execute(
              `insert into settlement_run_trades (run_id, attempt, trade_id, round, trade_version, outcome) values (?, ?, ?, ?, ?, 'PLANNED')`,
              [runId, attempt, t.id, round, t.version],
            );
          }
          for (const l of nets) {
            await em.execute(
              `insert into settlement_obligations (run_id, attempt, round, participant_id, asset, amount) values (?, ?, ?, ?, ?, ?)`,
              [runId, attempt, round, l.participantId, l.asset, fromHundredths(l.amount)],
            );
          }
          await em.execute('update settlement_runs set round = ? where id = ?', [round, runId]);
        }
        const counts = await em.execute<{ planned: string; failed: string }[]>(
          `select count(*) filter (where outcome = 'PLANNED' and round = ?) as planned, count(*) filter (where outcome = 'FAILED') as failed
             from settlement_run_trades where run_id = ? and attempt = ?`,
          [round, runId, attempt],
        );
        const lines = await roundLines(em, runId, attempt, round);
        return {
          tradeCount: Number(counts[0]!.planned),
          failedCount: Number(counts[0]!.failed),
          debtors: [...new Set(lines.filter((l) => l.amount.startsWith('-')).map((l) => l.participant_id))],
        };
      });
    },

    async blockObligations(
      runId: number,
      attempt: number,
      round: number,
      participantId: number,
    ): Promise<void> {
      await fork().transactional(async (em) => {
        const lines = await em.execute<{ id: string; asset: string; amount: string; status: string }[]>(
          `select id, asset, amount::text as amount, status from settlement_obligations
            where run_id = ? and attempt = ? and round = ? and participant_id = ? and amount < 0 for update`,
          [runId, attempt, round, participantId],
        );
        if (lines.length === 0 || lines.some((l) => l.status !== 'PENDING')) return;
        for (const l of lines) {
          const need = l.amount.slice(1);
          if (l.asset === CASH_ASSET) {
            const res = await em.execute(
              `update cash_accounts set blocked = blocked + ?, updated_at = now() where participant_id = ? and balance - blocked >= ?`,
              [need, participantId, need],
              'run',
            );
            if (Number((res as { affectedRows?: number }).affectedRows ?? 0) === 0) {
              throw ApplicationFailure.nonRetryable(`available cash is below ${need}`, 'InsufficientFunds');
            }
          } else {
            const held = await em.execute<{ quantity: string }[]>(
              'select quantity::text as quantity from security_holdings where participant_id = ? and isin = ? for update',
              [participantId, l.asset],
            );
            if (hundredths(held[0]?.quantity ?? '0') < hundredths(need)) {
              throw ApplicationFailure.nonRetryable(
                `holds less than ${need} of ${l.asset}`,
                'InsufficientSecurities',
              );
            }
          }
        }
        await em.execute(
          `update settlement_obligations set status = 'BLOCKED' where id in (${lines.map(() => '?').join(', ')})`,
          lines.map((l) => l.id),
        );
      });
    },

    async releaseRound(runId: number, attempt: number, round: number): Promise<void> {
      await fork().transactional(async (em) => {
        const blocked = await em.execute<{ participant_id: number; amount: string }[]>(
          `select participant_id, amount::text as amount from settlement_obligations
            where run_id = ? and attempt = ? and round = ? and status = 'BLOCKED' and asset = ? for update`,
          [runId, attempt, round, CASH_ASSET],
        );
        for (const b of blocked) {
          await em.execute(
            'update cash_accounts set blocked = blocked - ?, updated_at = now() where participant_id = ?',
            [b.amount.slice(1), b.participant_id],
          );
        }
        await em.execute(
          `update settlement_obligations set status = 'RELEASED' where run_id = ? and attempt = ? and round = ? and status in ('PENDING', 'BLOCKED')`,
          [runId, attempt, round],
        );
      });
      deps.log.warn({ run_id: runId, attempt, round }, 'settlement round released; re-netting');
    },

    async settleNetRound(runId: number, attempt: number, round: number) {
      try {
        return await fork().transactional(async (em) => {
          const run = await lockRun(em, runId);
          const lines = await roundLines(em, runId, attempt, round);
          if (lines.some((l) => l.status === 'SETTLED')) return { settled: true, reason: null };
          if (lines.some((l) => l.status === 'RELEASED')) return { settled: false, reason: 'round released' };
          const planned = await em.execute<
            { trade_id: string; trade_version: number; version: number; settlement_status: string }[]
          >(
            `select r.trade_id, r.trade_version, t.version, t.settlement_status from settlement_run_trades r join trades t on t.id = r.trade_id
              where r.run_id = ? and r.attempt = ? and r.round = ? and r.outcome = 'PLANNED' order by t.id for update of t`,
            [runId, attempt, round],
          );
          if (planned.some((p) => p.version !== p.trade_version || p.settlement_status !== 'PENDING')) {
            return { settled: false, reason: 'a planned trade changed' };
          }
          for (const l of lines) {
            if (l.asset === CASH_ASSET && l.status === 'BLOCKED') {
              await em.execute(
                'update cash_accounts set blocked = blocked - ?, updated_at = now() where participant_id = ?',
                [l.amount.slice(1), l.participant_id],
              );
            }
          }
          const journal: JournalLine[] = lines.map((l) => ({
            participantId: l.participant_id,
            asset: l.asset,
            amount: l.amount,
          }));
          if (journal.length > 0) {
            await postJournal(em, {
              reference: `settlement:${runId}:${attempt}:${round}`,
              kind: 'SETTLEMENT_DVP3',
              description: `${run.settlement_system} ${run.settlement_date}: net settlement of ${planned.length} trades`,
              lines: journal,
            });
          }
          await em.execute(
            `update settlement_obligations set status = 'SETTLED' where run_id = ? and attempt = ? and round = ?`,
            [runId, attempt, round],
          );
          await em.execute(
            `update trades set settlement_status = 'SETTLED', settled_at = now()
              where id in (select trade_id from settlement_run_trades where run_id = ? and attempt = ? and round = ? and outcome = 'PLANNED')`,
            [runId, attempt, round],
          );
          await em.execute(
            `update settlement_run_trades set outcome = 'SETTLED' where run_id = ? and attempt = ? and round = ? and outcome = 'PLANNED'`,
            [runId, attempt, round],
          );
          return { settled: true, reason: null };
        });
      } catch (err) {
        // A balance that moved since the netting: this round cannot settle; the next re-nets.
        if (err instanceof OverdraftError) return { settled: false, reason: err.message };
        throw err;
      }
    },

    async listGrossTrades(runId: number, attempt: number): Promise<string[]> {
      const em = fork();
      const run = (
        await em.execute<RunRow[]>(
          `select id, settlement_system, settlement_date::text as settlement_date from settlement_runs where id = ?`,
          [runId],
        )
      )[0]!;
      return (await dueTrades(em, runOf(run, attempt), false)).map((t) => t.id);
    },

    async settleGrossTrade(runId: number, attempt: number, tradeId: string): Promise<string> {
      const outcome = await fork().transactional(async (em) => {
        const run = await lockRun(em, runId);
        const done = await em.execute<{ outcome: string }[]>(
          'select outcome from settlement_run_trades where run_id = ? and attempt = ? and trade_id = ?',
          [runId, attempt, tradeId],
        );
        if (done[0]) return done[0].outcome;
        const [trade] = await dueTrades(em, runOf(run, attempt), true, tradeId);
        if (!trade) return 'SKIPPED';
        // Both legs are checked under the rows' locks and move in one journal: delivery versus payment.
        const cash = await em.execute<{ available: string }[]>(
          'select (balance - blocked)::text as available from cash_accounts where participant_id = ? for update',
          [trade.buyerId],
        );
        const held = await em.execute<{ quantity: string }[]>(
          'select quantity::text as quantity from security_holdings where participant_id = ? and isin = ? for update',
          [trade.sellerId, trade.isin],
        );
        const cashShort = trade.cashPaise - hundredths(cash[0]?.available ?? '0');
        const faceShort = trade.faceHundredths - hundredths(held[0]?.quantity ?? '0');
        const failure =
          faceShort > 0n
            ? { participantId: trade.sellerId, reason: shortReason(trade.isin, faceShort) }
            : cashShort > 0n
              ? { participantId: trade.buyerId, reason: shortReason(CASH_ASSET, cashShort) }
              : null;
        if (failure) {
          await em.execute(
            `insert into settlement_run_trades (run_id, attempt, trade_id, round, trade_version, outcome, failed_participant_id, reason)
             values (?, ?, ?, 0, ?, 'FAILED', ?, ?)`,
            [runId, attempt, tradeId, trade.version, failure.participantId, failure.reason],
          );
          return 'FAILED';
        }
        const legs = allotmentLegs(
          trade.sellerId,
          trade.buyerId,
          trade.isin,
          trade.quantity,
          fromHundredths(trade.cashPaise),
        );
        await postJournal(em, {
          reference: `settlement:${runId}:${attempt}:trade:${tradeId}`,
          kind: 'SETTLEMENT_DVP1',
          description: `${run.settlement_date}: trade ${tradeId} v${trade.version}, ${trade.quantity} face of ${trade.isin}`,
          lines: [...legs.securities, ...legs.cash],
        });
        await em.execute(`update trades set settlement_status = 'SETTLED', settled_at = now() where id = ?`, [
          tradeId,
        ]);
        await em.execute(
          `insert into settlement_run_trades (run_id, attempt, trade_id, round, trade_version, outcome) values (?, ?, ?, 0, ?, 'SETTLED')`,
          [runId, attempt, tradeId, trade.version],
        );
        return 'SETTLED';
      });
      if (outcome === 'SETTLED' || outcome === 'FAILED') deps.metrics.trades.inc({ mode: 'DVP1', outcome });
      return outcome;
    },

    async closeSettlementRun(runId: number, attempt: number): Promise<RunSummary> {
      const { summary, closedOutParties } = await fork().transactional(async (em) => {
        const run = await lockRun(em, runId);
        if (run.status !== 'RUNNING' && run.attempt === attempt && run.summary) {
          return { summary: run.summary, closedOutParties: [] as number[] };
        }
        // Trades left planned by a round that never settled fail with the rest.
        await em.execute(
          `update settlement_run_trades set outcome = 'FAILED', reason = 'the netting did not converge' where run_id = ? and attempt = ? and outcome = 'PLANNED'`,
          [runId, attempt],
        );
        const failed = await em.execute<
          {
            trade_id: string;
            failed_participant_id: number | null;
            reason: string | null;
            settlement_date: string;
            settlement_rolls: number;
            settlement_status: string;
            bond_id: number;
            buyer_participant_id: number;
            seller_participant_id: number;
            price: string;
            quantity: string;
          }[]
        >(
          `select r.trade_id, r.failed_participant_id, r.reason, t.settlement_date::text as settlement_date, t.settlement_rolls,
                  t.settlement_status, t.bond_id, t.buyer_participant_id, t.seller_participant_id, t.price::text as price, t.quantity::text as quantity
             from settlement_run_trades r join trades t on t.id = r.trade_id
            where r.run_id = ? and r.attempt = ? and r.outcome = 'FAILED' order by t.id for update of t`,
          [runId, attempt],
        );
        const nextDay = (await loadBusinessCalendar(em, run.settlement_system)).settlementDate(
          run.settlement_date,
          1,
        );
        let rolled = 0;
        let closedOut = 0;
        const closedOutParties: number[] = [];
        for (const f of failed) {
          // Only a trade still due on this date moves: a retry never rolls a trade twice.
          if (f.settlement_status !== 'PENDING' || f.settlement_date > run.settlement_date) continue;
          if (afterFailure(f.settlement_rolls, deps.maxRolls) === 'ROLL') {
            await em.execute(
              'update trades set settlement_date = ?, settlement_rolls = settlement_rolls + 1 where id = ?',
              [nextDay, f.trade_id],
            );
            rolled++;
            continue;
          }
          await em.execute(`update trades set settlement_status = 'CLOSED_OUT' where id = ?`, [f.trade_id]);
          const bond = await em.findOneOrFail(Bond, f.bond_id);
          const moves = correctionPositionMoves(
            {
              price: f.price,
              quantity: f.quantity,
              buyerId: f.buyer_participant_id,
              sellerId: f.seller_participant_id,
            },
            null,
          );
          for (const m of moves)
            await adjustHousePosition(em, m.participantId, bond, Number(m.delta), m.price);
          closedOutParties.push(f.buyer_participant_id, f.seller_participant_id);
          appendAudit(em, {
            action: 'TRADE_CLOSED_OUT',
            subjectType: 'trade',
            subjectId: f.trade_id,
            details: { run_id: runId, rolls: f.settlement_rolls, reason: f.reason },
          });
          closedOut++;
        }
        const counts = await em.execute<{ settled: string; failed: string }[]>(
          `select count(*) filter (where outcome = 'SETTLED') as settled, count(*) filter (where outcome = 'FAILED') as failed
             from settlement_run_trades where run_id = ? and attempt = ?`,
          [runId, attempt],
        );
        const settledTrades = Number(counts[0]!.settled);
        const failedTrades = Number(counts[0]!.failed);
        const byParticipant = new Map<number, { trades: number; reasons: Set<string> }>();
        for (const f of failed) {
          if (f.failed_participant_id === null) continue;
          const p = byParticipant.get(f.failed_participant_id) ?? { trades: 0, reasons: new Set<string>() };
          p.trades++;
          if (f.reason) p.reasons.add(f.reason);
          byParticipant.set(f.failed_participant_id, p);
        }
        const status =
          settledTrades + failedTrades === 0
            ? 'NOTHING_TO_SETTLE'
            : failedTrades === 0
              ? 'SETTLED'
              : settledTrades === 0
                ? 'FAILED'
                : 'PARTIAL';
        const summary: RunSummary = {
          status,
          settledTrades,
          failedTrades,
          rolled,
          closedOut,
          failedParticipants: [...byParticipant.entries()].map(([participantId, p]) => ({
            participantId,
            trades: p.trades,
            reasons: [...p.reasons],
          })),
        };
        await em.execute(
          `update settlement_runs set status = ?, summary = ?, finished_at = now() where id = ?`,
          [status, JSON.stringify(summary), runId],
        );
        appendAudit(em, {
          action: 'SETTLEMENT_RUN_FINISHED',
          subjectType: 'settlement_run',
          subjectId: runId,
          details: { attempt, system: run.settlement_system, date: run.settlement_date, ...summary },
        });
        if (run.mode === 'DVP3') {
          deps.metrics.trades.inc({ mode: 'DVP3', outcome: 'SETTLED' }, settledTrades);
          deps.metrics.trades.inc({ mode: 'DVP3', outcome: 'FAILED' }, failedTrades);
        }
        deps.metrics.runs.inc({ status });
        return { summary, closedOutParties };
      });
      await deps.recomputeHouseRisk([...new Set(closedOutParties)], 'SETTLEMENT');
      deps.log.info({ run_id: runId, attempt, ...summary }, 'settlement run finished');
      return summary;
    },

    async reportSettlementFailures(runId: number, attempt: number): Promise<number> {
      const em = fork();
      const run = (
        await em.execute<RunRow[]>(
          `select id, settlement_system, settlement_date::text as settlement_date, summary from settlement_runs where id = ?`,
          [runId],
        )
      )[0]!;
      const failures = run.summary?.failedParticipants ?? [];
      for (const f of failures) {
        deps.log.warn(
          { run_id: runId, attempt, participant_id: f.participantId, trades: f.trades, reasons: f.reasons },
          'settlement failed for a participant',
        );
        await openComplianceException(
          { orm: deps.orm, temporal: deps.temporal, taskQueue: deps.taskQueue },
          {
            kind: 'OTHER',
            severity: 'HIGH',
            title: `Settlement fail: participant ${f.participantId}, ${run.settlement_system} ${run.settlement_date}`,
            description: `${f.trades} trade(s) of participant ${f.participantId} failed to settle: ${f.reasons.join('; ')}`,
            evidence: {
              settlement_run_id: runId,
              attempt,
              participant_id: f.participantId,
              failed_trades: f.trades,
              reasons: f.reasons,
            },
            dedupKey: `settlement-fail:${runId}:${attempt}:${f.participantId}`,
          },
        );
      }
      return failures.length;
    },

    async settlementToday(system: SettlementSystem): Promise<{ date: string; businessDay: boolean }> {
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
      const calendar = await loadBusinessCalendar(fork(), system);
      return { date, businessDay: calendar.settlementDate(date, 0) === date };
    },
  };
}
