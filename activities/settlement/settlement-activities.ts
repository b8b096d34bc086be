import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit-log';
import { loadBusinessCalendar } from '../../db/calendar/holiday-store';
import { OverdraftError, postJournal } from '../../db/ledger/post-journal';
import { restateHousePositions } from '../../db/portfolios/restate-position';
import { availableOf, earmark, releaseEarmark } from '../../db/settlement/earmarks';
import {
  feeIncomeAccount,
  loadFeeSchedule,
  priceFees,
  recordChargedFees,
  type ChargedFee,
} from '../../db/settlement/fees';
import {
  dueTrades,
  loadAvailability,
  loadSettlementTrades,
  type DueTrade,
} from '../../db/settlement/settlement-trades';
import { Bond } from '../../db/entities';
import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import { allotmentLegs, CASH_ASSET, hundredths, type JournalLine } from '../../domain/ledger/journal';
import {
  afterFailure,
  cashCost,
  fromHundredths,
  isolateFailures,
  settlementModeOf,
  settlementWorkflowId,
  shutPeriodReason,
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

/** Records that a trade failed in this attempt; `participantId` is null when neither side is at fault. */
async function recordFailure(
  em: EntityManager,
  ref: { runId: number; attempt: number; round: number },
  trade: Pick<DueTrade, 'id' | 'version'>,
  participantId: number | null,
  reason: string,
): Promise<void> {
  await em.execute(
    `insert into settlement_run_trades (run_id, attempt, trade_id, round, trade_version, outcome, failed_participant_id, reason)
     values (?, ?, ?, ?, ?, 'FAILED', ?, ?)`,
    [ref.runId, ref.attempt, trade.id, ref.round, trade.version, participantId, reason],
  );
}

const shortReason = (asset: string, shortfall: bigint) =>
  `short of ${asset === CASH_ASSET ? 'cash' : asset} by ${fromHundredths(shortfall)}`;

/** The fees a DvP-III round planned for its trades, charged by the round's journal `reference`. */
async function plannedFees(
  em: EntityManager,
  r: { runId: number; attempt: number; round: number; date: string },
  reference: string,
): Promise<ChargedFee[]> {
  const rows = await em.execute<
    {
      trade_id: string;
      buyer_fee: string;
      buyer_fee_schedule_id: number | null;
      seller_fee: string;
      seller_fee_schedule_id: number | null;
    }[]
  >(
    `select trade_id, buyer_fee::text as buyer_fee, buyer_fee_schedule_id, seller_fee::text as seller_fee, seller_fee_schedule_id
       from settlement_run_trades where run_id = ? and attempt = ? and round = ? and outcome = 'PLANNED'
        and (buyer_fee > 0 or seller_fee > 0)`,
    [r.runId, r.attempt, r.round],
  );
  if (rows.length === 0) return [];
  const trades = new Map(
    (
      await loadSettlementTrades(
        em,
        `t.id in (${rows.map(() => '?').join(', ')})`,
        rows.map((x) => x.trade_id),
        {
          amountsOn: r.date,
        },
      )
    ).map((t) => [t.id, t]),
  );
  return rows.flatMap((x) => {
    const t = trades.get(x.trade_id)!;
    const sides = [
      ['BUY', t.buyerId, x.buyer_fee, x.buyer_fee_schedule_id],
      ['SELL', t.sellerId, x.seller_fee, x.seller_fee_schedule_id],
    ] as const;
    return sides
      .filter(([, , , entryId]) => entryId !== null)
      .map(([side, participantId, fee, entryId]) => ({
        tradeId: t.id,
        participantId,
        side,
        runId: r.runId,
        attempt: r.attempt,
        entryId: entryId!,
        considerationPaise: t.considerationPaise,
        amountPaise: hundredths(fee),
        journalReference: reference,
      }));
  });
}

/** DvP-I: both sides' fees on one trade, in one balanced journal into the venue's fee income. */
async function chargeGrossFees(
  em: EntityManager,
  t: ReturnType<typeof priceFees>[number],
  r: { runId: number; attempt: number; date: string },
  reference: string,
): Promise<void> {
  const sides = (
    [
      ['BUY', t.buyerId, t.buyerFeePaise, t.buyerFeeEntry],
      ['SELL', t.sellerId, t.sellerFeePaise, t.sellerFeeEntry],
    ] as const
  ).filter(([, , fee, entry]) => fee > 0n && entry !== null);
  if (sides.length === 0) return;
  const total = sides.reduce((sum, [, , fee]) => sum + fee, 0n);
  await postJournal(em, {
    reference,
    kind: 'SETTLEMENT_FEE',
    description: `${r.date}: venue fees on trade ${t.id}`,
    lines: [
      ...sides.map(([, participantId, fee]) => ({
        participantId,
        asset: CASH_ASSET,
        amount: fromHundredths(-fee),
      })),
      { participantId: await feeIncomeAccount(em), asset: CASH_ASSET, amount: fromHundredths(total) },
    ],
  });
  await recordChargedFees(
    em,
    sides.map(([side, participantId, fee, entry]) => ({
      tradeId: t.id,
      participantId,
      side,
      runId: r.runId,
      attempt: r.attempt,
      entryId: entry!.id,
      considerationPaise: t.considerationPaise,
      amountPaise: fee,
      journalReference: reference,
    })),
  );
}

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
          const ref = { runId, attempt, round };
          const calendar = await loadBusinessCalendar(em, run.settlement_system);
          const trades: DueTrade[] = [];
          for (const t of await dueTrades(em, runOf(run, attempt), true)) {
            const shut = shutPeriodReason(calendar, t, deps.recordDays, run.settlement_date);
            if (shut) await recordFailure(em, ref, t, null, shut);
            else trades.push(t);
          }
          // Fees are part of each side's cash obligation: blocked with it, and failing it when short.
          const feeAccount = await feeIncomeAccount(em);
          const priced = priceFees(await loadFeeSchedule(em), trades, run.settlement_date);
          const { settling, failed, nets } = isolateFailures(
            priced,
            await loadAvailability(em, trades),
            feeAccount,
          );
          for (const f of failed) {
            await recordFailure(
              em,
              ref,
              f.trade as DueTrade,
              f.participantId,
              shortReason(f.asset, f.shortfall),
            );
          }
          for (const t of settling as typeof priced) {
            await em.execute(
              `insert into settlement_run_trades (run_id, attempt, trade_id, round, trade_version, outcome,
                 buyer_fee, buyer_fee_schedule_id, seller_fee, seller_fee_schedule_id) values (?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?, ?)`,
              [
                runId,
                attempt,
                t.id,
                round,
                t.version,
                fromHundredths(t.buyerFeePaise),
                t.buyerFeeEntry?.id ?? null,
                fromHundredths(t.sellerFeePaise),
                t.sellerFeeEntry?.id ?? null,
              ],
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
          if (await earmark(em, participantId, l.asset, need)) continue;
          // Throwing rolls back the blocks made so far in this transaction.
          throw l.asset === CASH_ASSET
            ? ApplicationFailure.nonRetryable(`available cash is below ${need}`, 'InsufficientFunds')
            : ApplicationFailure.nonRetryable(
                `holds less than ${need} of ${l.asset} unblocked`,
                'InsufficientSecurities',
              );
        }
        await em.execute(
          `update settlement_obligations set status = 'BLOCKED' where id in (${lines.map(() => '?').join(', ')})`,
          lines.map((l) => l.id),
        );
      });
    },

    async releaseRound(runId: number, attempt: number, round: number): Promise<void> {
      await fork().transactional(async (em) => {
        const blocked = await em.execute<{ participant_id: number; asset: string; amount: string }[]>(
          `select participant_id, asset, amount::text as amount from settlement_obligations
            where run_id = ? and attempt = ? and round = ? and status = 'BLOCKED' for update`,
          [runId, attempt, round],
        );
        for (const b of blocked) await releaseEarmark(em, b.participant_id, b.asset, b.amount.slice(1));
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
          // The blocked debits are spent by the journal: release them first, so it may move them.
          for (const l of lines) {
            if (l.status === 'BLOCKED')
              await releaseEarmark(em, l.participant_id, l.asset, l.amount.slice(1));
          }
          const journal: JournalLine[] = lines.map((l) => ({
            participantId: l.participant_id,
            asset: l.asset,
            amount: l.amount,
          }));
          const reference = `settlement:${runId}:${attempt}:${round}`;
          if (journal.length > 0) {
            await postJournal(em, {
              reference,
              kind: 'SETTLEMENT_DVP3',
              description: `${run.settlement_system} ${run.settlement_date}: net settlement of ${planned.length} trades, fees included`,
              lines: journal,
            });
          }
          await recordChargedFees(
            em,
            await plannedFees(em, { runId, attempt, round, date: run.settlement_date }, reference),
          );
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
        const ref = { runId, attempt, round: 0 };
        const calendar = await loadBusinessCalendar(em, run.settlement_system);
        const shut = shutPeriodReason(calendar, trade, deps.recordDays, run.settlement_date);
        if (shut) {
          await recordFailure(em, ref, trade, null, shut);
          return 'FAILED';
        }
        const [priced] = priceFees(await loadFeeSchedule(em), [trade], run.settlement_date);
        const face = fromHundredths(trade.faceHundredths);
        const funds = fromHundredths(trade.cashPaise);
        // Delivery versus payment: the seller's securities and the buyer's funds (its fee included)
        // are earmarked first, and the seller's cash when its fee exceeds its proceeds; a trade any of
        // whose earmarks cannot be made fails whole, the others given back.
        const needs: [number, string, bigint][] = [
          [trade.sellerId, trade.isin, trade.faceHundredths],
          [trade.buyerId, CASH_ASSET, cashCost(priced!, trade.buyerId)],
          [trade.sellerId, CASH_ASSET, cashCost(priced!, trade.sellerId)],
        ];
        const blocked: typeof needs = [];
        for (const need of needs.filter(([, , amount]) => amount > 0n)) {
          if (!(await earmark(em, need[0], need[1], fromHundredths(need[2])))) {
            for (const b of blocked) await releaseEarmark(em, b[0], b[1], fromHundredths(b[2]));
            const [participantId, asset, amount] = need;
            const shortfall = amount - (await availableOf(em, participantId, asset));
            await recordFailure(em, ref, trade, participantId, shortReason(asset, shortfall));
            return 'FAILED';
          }
          blocked.push(need);
        }
        // Every earmark is spent by the journals below, in this transaction.
        for (const b of blocked) await releaseEarmark(em, b[0], b[1], fromHundredths(b[2]));
        // Each leg settles as its own balanced journal; both commit together or neither does.
        const lines = allotmentLegs(trade.sellerId, trade.buyerId, trade.isin, face, funds);
        const legs = [
          {
            leg: 'SECURITIES',
            from: trade.sellerId,
            to: trade.buyerId,
            asset: trade.isin,
            amount: face,
            lines: lines.securities,
          },
          {
            leg: 'FUNDS',
            from: trade.buyerId,
            to: trade.sellerId,
            asset: CASH_ASSET,
            amount: funds,
            lines: lines.cash,
          },
        ] as const;
        const tradeRef = `settlement:${runId}:${attempt}:trade:${tradeId}`;
        for (const l of legs) {
          const reference = `${tradeRef}:${l.leg.toLowerCase()}`;
          await postJournal(em, {
            reference,
            kind: `SETTLEMENT_DVP1_${l.leg}`,
            description: `${run.settlement_date}: trade ${tradeId} v${trade.version}, ${l.leg.toLowerCase()} leg: ${l.amount} ${l.asset}`,
            lines: [...l.lines],
          });
          await em.execute(
            `insert into settlement_legs (run_id, attempt, trade_id, leg, from_participant_id, to_participant_id, asset, amount, journal_reference)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [runId, attempt, tradeId, l.leg, l.from, l.to, l.asset, l.amount, reference],
          );
        }
        await chargeGrossFees(em, priced!, { runId, attempt, date: run.settlement_date }, `${tradeRef}:fees`);
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
        const calendar = await loadBusinessCalendar(em, run.settlement_system);
        const nextDay = calendar.settlementDate(run.settlement_date, 1);
        let rolled = 0;
        let closedOut = 0;
        const closedOutParties: number[] = [];
        for (const f of failed) {
          // Only a trade still due on this date moves: a retry never rolls a trade twice.
          if (f.settlement_status !== 'PENDING' || f.settlement_date > run.settlement_date) continue;
          const bond = await em.findOneOrFail(Bond, f.bond_id);
          // A trade that would roll into the redemption's shut period can never settle.
          const shut = shutPeriodReason(calendar, bond, deps.recordDays, nextDay);
          if (!shut && afterFailure(f.settlement_rolls, deps.maxRolls) === 'ROLL') {
            await em.execute(
              'update trades set settlement_date = ?, settlement_rolls = settlement_rolls + 1 where id = ?',
              [nextDay, f.trade_id],
            );
            rolled++;
            continue;
          }
          await restateHousePositions(
            em,
            bond,
            {
              id: f.trade_id,
              price: f.price,
              quantity: f.quantity,
              buyerId: f.buyer_participant_id,
              sellerId: f.seller_participant_id,
            },
            null,
          );
          await em.execute(`update trades set settlement_status = 'CLOSED_OUT' where id = ?`, [f.trade_id]);
          closedOutParties.push(f.buyer_participant_id, f.seller_participant_id);
          appendAudit(em, {
            action: 'TRADE_CLOSED_OUT',
            subjectType: 'trade',
            subjectId: f.trade_id,
            details: { run_id: runId, rolls: f.settlement_rolls, reason: shut ?? f.reason },
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
