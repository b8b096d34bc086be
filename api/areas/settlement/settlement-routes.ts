import { z } from 'zod';
import { IsolationLevel } from '@mikro-orm/core';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../../../db/audit-log';
import { feeIncomeAccount, loadFeeSchedule, priceFees } from '../../../db/settlement/fees';
import { loadSettlementTrades } from '../../../db/settlement/settlement-trades';
import { SETTLEMENT_SYSTEMS, type SettlementSystem } from '../../../domain/calendar/settlement-systems';
import {
  fromHundredths,
  netObligations,
  settlementModeOf,
  settlementWorkflowId,
  SETTLEMENT_LEG_KINDS,
  SETTLEMENT_RUN_STATUSES,
  type SettlementLegKind,
} from '../../../domain/settlement';
import type { TradeSettlementInput } from '../../../workflows/settlement/settlement-activities';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import type { AppDeps } from '../../app-deps';
import { findBond } from '../bonds/find-bond';
import {
  isoDate,
  SETTLEMENT_READERS,
  SETTLEMENT_STAFF,
  SETTLEMENT_TAG,
  visibleParticipant,
} from './settlement-fields';

const obligationLine = z.object({
  settlement_system: z.enum(SETTLEMENT_SYSTEMS),
  mode: z.enum(['DVP3', 'DVP1']),
  participant_id: z.number(),
  asset: z.string().meta({ description: '`INR` for cash, else the ISIN' }),
  amount: z
    .string()
    .meta({ description: 'Positive receives, negative delivers (rupees, or rupees of face)' }),
  trade_id: z
    .string()
    .nullable()
    .meta({ description: 'DvP-I lines are per trade (gross); DvP-III lines are net' }),
});

const tradeLine = z.object({
  trade_id: z.string(),
  isin: z.string(),
  buyer_participant_id: z.number(),
  seller_participant_id: z.number(),
  price: z.string(),
  quantity: z.string(),
  consideration: z.string(),
  accrued_interest: z.string(),
  settlement_amount: z.string(),
  settlement_date: z.string(),
  settlement_status: z.string(),
  settlement_rolls: z.number(),
  version: z.number(),
});

/** A trade as the obligation and participant views show it: amounts in rupees, exact to the paisa. */
function settlementTradeJson(t: Awaited<ReturnType<typeof loadSettlementTrades>>[number]) {
  return {
    trade_id: t.id,
    isin: t.isin,
    buyer_participant_id: t.buyerId,
    seller_participant_id: t.sellerId,
    price: t.price,
    quantity: t.quantity,
    consideration: fromHundredths(t.considerationPaise),
    accrued_interest: fromHundredths(t.accruedPaise),
    settlement_amount: fromHundredths(t.cashPaise),
    settlement_date: t.settlementDate,
    settlement_status: t.settlementStatus,
    settlement_rolls: t.rolls,
    version: t.version,
  };
}

const runSchema = z
  .object({
    settlement_id: z.number(),
    settlement_system: z.enum(SETTLEMENT_SYSTEMS),
    settlement_date: z.string(),
    mode: z.enum(['DVP3', 'DVP1']),
    workflow_id: z.string(),
    status: z.enum(SETTLEMENT_RUN_STATUSES),
    attempt: z.number(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'SettlementRun' });

const runDetail = runSchema
  .extend({
    obligations: z.array(
      z.object({
        participant_id: z.number(),
        asset: z.string(),
        amount: z.string(),
        status: z.string(),
        round: z.number(),
      }),
    ),
    trades: z.array(
      z.object({
        trade_id: z.string(),
        outcome: z.string(),
        failed_participant_id: z.number().nullable(),
        reason: z.string().nullable(),
      }),
    ),
    legs: z
      .array(
        z.object({
          trade_id: z.string(),
          leg: z.enum(SETTLEMENT_LEG_KINDS),
          from_participant_id: z.number(),
          to_participant_id: z.number(),
          asset: z.string(),
          amount: z.string(),
          journal_reference: z.string(),
        }),
      )
      .meta({ description: 'DvP-I: the securities and funds legs of each settled trade (both or neither)' }),
  })
  .meta({ id: 'SettlementRunDetail' });

interface RunRow {
  id: number;
  settlement_system: SettlementSystem;
  settlement_date: string;
  mode: 'DVP3' | 'DVP1';
  workflow_id: string;
  status: (typeof SETTLEMENT_RUN_STATUSES)[number];
  attempt: number;
  started_at: Date;
  finished_at: Date | null;
  summary: Record<string, unknown> | null;
}

const RUN_COLUMNS = `id, settlement_system, settlement_date::text as settlement_date, mode, workflow_id, status, attempt,
  started_at, finished_at, summary`;

const runJson = (r: RunRow) => ({
  settlement_id: r.id,
  settlement_system: r.settlement_system,
  settlement_date: r.settlement_date,
  mode: r.mode,
  workflow_id: r.workflow_id,
  status: r.status,
  attempt: r.attempt,
  started_at: new Date(r.started_at).toISOString(),
  finished_at: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  summary: r.summary,
});

/** A member sees a run only when it has obligations or trades in it. */
const MEMBER_RUN_FILTER = `(exists (select 1 from settlement_obligations o where o.run_id = settlement_runs.id and o.participant_id = ?)
  or exists (select 1 from settlement_run_trades r join trades t on t.id = r.trade_id where r.run_id = settlement_runs.id
             and (t.buyer_participant_id = ? or t.seller_participant_id = ?)))`;

async function findRun(em: EntityManager, id: number, participant: number | null): Promise<RunRow> {
  const rows = await em.execute<RunRow[]>(
    `select ${RUN_COLUMNS} from settlement_runs where id = ?${participant === null ? '' : ` and ${MEMBER_RUN_FILTER}`}`,
    participant === null ? [id] : [id, participant, participant, participant],
  );
  if (!rows[0]) throw problems.notFound(`Settlement ${id}`);
  return rows[0];
}

async function startRun(deps: AppDeps, input: TradeSettlementInput): Promise<boolean> {
  try {
    await deps.temporal.workflow.start('tradeSettlementWorkflow', {
      workflowId: settlementWorkflowId(input.system, input.date),
      taskQueue: deps.config.temporal.taskQueue,
      args: [input],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** How long a retry waits for the previous attempt's workflow to end. */
const PREVIOUS_ATTEMPT_WAIT_MS = 15_000;

/**
 * A run shows its outcome one step before its workflow ends (that step reports the failures to
 * compliance), and the next attempt reuses the workflow id: a retry started in that moment would be
 * refused by Temporal and the new attempt left RUNNING with no workflow. So a retry waits for the
 * previous execution to end, and is refused (409) if it does not end in time.
 */
async function untilPreviousAttemptEnds(deps: AppDeps, workflowId: string): Promise<void> {
  const handle = deps.temporal.workflow.getHandle(workflowId);
  const deadline = Date.now() + PREVIOUS_ATTEMPT_WAIT_MS;
  for (;;) {
    try {
      if ((await handle.describe()).status.name !== 'RUNNING') return;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
    if (Date.now() > deadline)
      throw problems.conflict(
        'settlement-running',
        `Settlement workflow ${workflowId} is still finishing its previous attempt; retry in a moment.`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

const startBody = z.object({ settlement_system: z.enum(SETTLEMENT_SYSTEMS), settlement_date: isoDate });

export const settlementRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/obligations',
    summary:
      'Settlement obligations of a date: DvP-III nets per participant per ISIN and in cash (G-secs, SDLs, T-bills), DvP-I gross per trade (corporates); members see their own',
    tag: SETTLEMENT_TAG,
    access: SETTLEMENT_READERS,
    request: {
      query: z.object({ date: isoDate, settlement_system: z.enum(SETTLEMENT_SYSTEMS).optional() }),
    },
    responses: {
      200: {
        description: 'Obligations and the trades they come from',
        schema: z.object({
          settlement_date: z.string(),
          items: z.array(obligationLine),
          trades: z.array(tradeLine),
        }),
      },
    },
    async handler({ query, principal, deps }) {
      const own = visibleParticipant(principal);
      const em = deps.orm.em.fork() as EntityManager;
      // Fees are part of the cash obligations, priced by the schedule in force on the date.
      const trades = priceFees(
        await loadFeeSchedule(em),
        await loadSettlementTrades(
          em,
          `t.settlement_date = ? and t.settlement_status in ('PENDING', 'SETTLED')`,
          [query.date],
          { amountsOn: query.date },
        ),
        query.date,
      );
      const feeAccount = await feeIncomeAccount(em);
      const items: z.infer<typeof obligationLine>[] = [];
      for (const system of query.settlement_system ? [query.settlement_system] : SETTLEMENT_SYSTEMS) {
        const mode = settlementModeOf(system);
        const ofSystem = trades.filter((t) => t.settlementSystem === system);
        const groups =
          mode === 'DVP3'
            ? [{ id: null, trades: ofSystem }]
            : ofSystem.map((t) => ({ id: t.id, trades: [t] }));
        for (const g of groups) {
          for (const l of netObligations(g.trades, feeAccount)) {
            if (own !== null && l.participantId !== own) continue;
            items.push({
              settlement_system: system,
              mode,
              participant_id: l.participantId,
              asset: l.asset,
              amount: fromHundredths(l.amount),
              trade_id: g.id,
            });
          }
        }
      }
      return {
        body: {
          settlement_date: query.date,
          items,
          trades: trades
            .filter((t) => own === null || t.buyerId === own || t.sellerId === own)
            .map(settlementTradeJson),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/settlements',
    summary: 'Settlement runs, newest first (members: the runs they had obligations or trades in)',
    tag: SETTLEMENT_TAG,
    access: SETTLEMENT_READERS,
    request: {
      query: z.object({
        date: isoDate.optional(),
        settlement_system: z.enum(SETTLEMENT_SYSTEMS).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: { 200: { description: 'Runs', schema: z.object({ items: z.array(runSchema) }) } },
    async handler({ query, principal, deps }) {
      const own = visibleParticipant(principal);
      const where = ['true'];
      const args: unknown[] = [];
      if (query.date) {
        where.push('settlement_date = ?');
        args.push(query.date);
      }
      if (query.settlement_system) {
        where.push('settlement_system = ?');
        args.push(query.settlement_system);
      }
      if (own !== null) {
        where.push(MEMBER_RUN_FILTER);
        args.push(own, own, own);
      }
      const rows = await deps.orm.em
        .fork()
        .getConnection()
        .execute<RunRow[]>(
          `select ${RUN_COLUMNS} from settlement_runs where ${where.join(' and ')} order by settlement_date desc, id desc limit ?`,
          [...args, query.limit],
        );
      return { body: { items: rows.map(runJson) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/settlements/{settlement_id}',
    summary:
      'One settlement run: its obligations per round and what happened to each trade (members: their own lines)',
    tag: SETTLEMENT_TAG,
    access: SETTLEMENT_READERS,
    request: { params: z.object({ settlement_id: z.coerce.number().int().positive() }) },
    responses: {
      200: { description: 'The run', schema: runDetail },
      404: { description: 'No such run, or not yours' },
    },
    async handler({ params, principal, deps }) {
      const em = deps.orm.em.fork() as EntityManager;
      const own = visibleParticipant(principal);
      const run = await findRun(em, params.settlement_id, own);
      const obligations = await em.execute<
        { participant_id: number; asset: string; amount: string; status: string; round: number }[]
      >(
        `select participant_id, asset, amount::text as amount, status, round from settlement_obligations
          where run_id = ? and attempt = ? ${own === null ? '' : 'and participant_id = ?'} order by round, participant_id, asset`,
        own === null ? [run.id, run.attempt] : [run.id, run.attempt, own],
      );
      const trades = await em.execute<
        { trade_id: string; outcome: string; failed_participant_id: number | null; reason: string | null }[]
      >(
        `select r.trade_id, r.outcome, r.failed_participant_id, r.reason from settlement_run_trades r join trades t on t.id = r.trade_id
          where r.run_id = ? and r.attempt = ? ${own === null ? '' : 'and (t.buyer_participant_id = ? or t.seller_participant_id = ?)'}
          order by t.executed_at, t.id`,
        own === null ? [run.id, run.attempt] : [run.id, run.attempt, own, own],
      );
      const legs = await em.execute<
        {
          trade_id: string;
          leg: SettlementLegKind;
          from_participant_id: number;
          to_participant_id: number;
          asset: string;
          amount: string;
          journal_reference: string;
        }[]
      >(
        `select l.trade_id, l.leg, l.from_participant_id, l.to_participant_id, l.asset, l.amount::text as amount, l.journal_reference
           from settlement_legs l join trades t on t.id = l.trade_id
          where l.run_id = ? and l.attempt = ? ${own === null ? '' : 'and (l.from_participant_id = ? or l.to_participant_id = ?)'}
          order by t.executed_at, t.id, l.leg`,
        own === null ? [run.id, run.attempt] : [run.id, run.attempt, own, own],
      );
      return { body: { ...runJson(run), obligations, trades, legs } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/settlement/settlements',
    summary:
      'Start the settlement of a system and date now (the daily launcher does it at the configured time)',
    tag: SETTLEMENT_TAG,
    access: ['OPERATIONS'],
    request: { body: startBody },
    responses: {
      202: { description: 'Started (or already running)', schema: runSchema },
      409: { description: 'Already finished: use retry' },
    },
    async handler({ body, req, principal, deps }) {
      const em = deps.orm.em.fork() as EntityManager;
      const run = await em.transactional(async (tx) => {
        await tx.execute(
          `insert into settlement_runs (settlement_system, settlement_date, mode, workflow_id, started_by)
           values (?, ?, ?, ?, ?) on conflict (settlement_system, settlement_date) do nothing`,
          [
            body.settlement_system,
            body.settlement_date,
            settlementModeOf(body.settlement_system),
            settlementWorkflowId(body.settlement_system, body.settlement_date),
            principal.userId,
          ],
        );
        const rows = await tx.execute<RunRow[]>(
          `select ${RUN_COLUMNS} from settlement_runs where settlement_system = ? and settlement_date = ?`,
          [body.settlement_system, body.settlement_date],
        );
        if (rows[0]!.status !== 'RUNNING') {
          throw problems.conflict(
            'settlement-finished',
            `Settlement ${rows[0]!.id} has finished; retry it instead.`,
          );
        }
        appendAudit(tx, {
          action: 'SETTLEMENT_STARTED',
          subjectType: 'settlement_run',
          subjectId: rows[0]!.id,
          ...auditActor(req),
          details: { system: body.settlement_system, date: body.settlement_date },
        });
        return rows[0]!;
      });
      await startRun(deps, {
        system: body.settlement_system,
        date: body.settlement_date,
        startedBy: principal.userId,
      });
      return { status: 202, body: runJson(run) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/settlement/settlements/{settlement_id}/retry',
    summary:
      'Run a finished settlement again as a new attempt: its failed trades (and any still due) are tried again',
    tag: SETTLEMENT_TAG,
    access: ['OPERATIONS'],
    request: { params: z.object({ settlement_id: z.coerce.number().int().positive() }) },
    responses: {
      202: { description: 'The new attempt started', schema: runSchema },
      409: { description: 'Still running' },
    },
    async handler({ params, req, principal, deps }) {
      const em = deps.orm.em.fork() as EntityManager;
      const previous = await findRun(em, params.settlement_id, null);
      if (previous.status !== 'RUNNING') await untilPreviousAttemptEnds(deps, previous.workflow_id);
      const run = await em.transactional(async (tx) => {
        const rows = await tx.execute<RunRow[]>(
          `update settlement_runs set attempt = attempt + 1, round = 0, status = 'RUNNING', finished_at = null, summary = null, started_by = ?
            where id = ? and status <> 'RUNNING' returning ${RUN_COLUMNS}`,
          [principal.userId, params.settlement_id],
        );
        if (!rows[0]) {
          await findRun(tx, params.settlement_id, null);
          throw problems.conflict(
            'settlement-running',
            `Settlement ${params.settlement_id} is still running.`,
          );
        }
        appendAudit(tx, {
          action: 'SETTLEMENT_RETRIED',
          subjectType: 'settlement_run',
          subjectId: rows[0].id,
          ...auditActor(req),
          details: { attempt: rows[0].attempt },
        });
        return rows[0];
      });
      await startRun(deps, {
        system: run.settlement_system,
        date: run.settlement_date,
        startedBy: principal.userId,
      });
      return { status: 202, body: runJson(run) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/participants/{participant_id}',
    summary: "A participant's cash (balance, blocked, available), holdings and trades awaiting settlement",
    tag: SETTLEMENT_TAG,
    access: SETTLEMENT_READERS,
    request: { params: z.object({ participant_id: z.coerce.number().int().positive() }) },
    responses: {
      200: {
        description: 'The view',
        schema: z.object({
          participant_id: z.number(),
          cash: z.object({ balance: z.string(), blocked: z.string(), available: z.string() }),
          holdings: z.array(
            z.object({
              isin: z.string(),
              quantity: z.string(),
              blocked: z.string().meta({ description: 'Earmarked for a delivery in settlement' }),
            }),
          ),
          pending_trades: z.array(tradeLine),
        }),
      },
      404: { description: 'Not found or not yours' },
    },
    async handler({ params, principal, deps }) {
      const own = visibleParticipant(principal);
      if (own !== null && own !== params.participant_id)
        throw problems.notFound(`Participant ${params.participant_id}`);
      const em = deps.orm.em.fork() as EntityManager;
      const exists = await em.execute('select 1 from participants where id = ?', [params.participant_id]);
      if (exists.length === 0) throw problems.notFound(`Participant ${params.participant_id}`);
      const cash = await em.execute<{ balance: string; blocked: string; available: string }[]>(
        `select balance::text as balance, blocked::text as blocked, (balance - blocked)::text as available from cash_accounts where participant_id = ?`,
        [params.participant_id],
      );
      const holdings = await em.execute<{ isin: string; quantity: string }[]>(
        `select isin, quantity::text as quantity, blocked::text as blocked from security_holdings where participant_id = ? and quantity <> 0 order by isin`,
        [params.participant_id],
      );
      const trades = await loadSettlementTrades(
        em,
        `t.settlement_status = 'PENDING' and (t.buyer_participant_id = ? or t.seller_participant_id = ?)`,
        [params.participant_id, params.participant_id],
        { amountsOn: null },
      );
      return {
        body: {
          participant_id: params.participant_id,
          cash: cash[0] ?? { balance: '0.00', blocked: '0.00', available: '0.00' },
          holdings,
          pending_trades: trades.map(settlementTradeJson),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/reconciliation',
    summary:
      'Proof of conservation: every journal balances per asset, every asset sums to zero over all accounts, and members’ balances equal their entries',
    tag: SETTLEMENT_TAG,
    access: SETTLEMENT_STAFF,
    responses: {
      200: {
        description: 'The checks and their figures',
        schema: z.object({
          balanced: z.boolean(),
          journals: z.number(),
          unbalanced_journals: z.array(
            z.object({ journal_id: z.string(), asset: z.string(), sum: z.string() }),
          ),
          assets: z.array(z.object({ asset: z.string(), total: z.string(), entries: z.number() })),
          account_mismatches: z.array(
            z.object({
              participant_id: z.number(),
              asset: z.string(),
              balance: z.string(),
              entries: z.string(),
            }),
          ),
        }),
      },
    },
    async handler({ deps }) {
      const em = deps.orm.em.fork() as EntityManager;
      // One snapshot, so a settlement committing meanwhile cannot show as a mismatch.
      return em.transactional(
        async (tx) => {
          const journals = await tx.execute<{ n: string }[]>('select count(*) as n from ledger_journals');
          const unbalanced = await tx.execute<{ journal_id: string; asset: string; sum: string }[]>(
            `select journal_id::text as journal_id, asset, sum(amount)::text as sum from ledger_entries group by journal_id, asset having sum(amount) <> 0 order by journal_id`,
          );
          const assets = await tx.execute<{ asset: string; total: string; entries: string }[]>(
            `select asset, sum(amount)::text as total, count(*) as entries from ledger_entries group by asset order by asset`,
          );
          const mismatches = await tx.execute<
            { participant_id: number; asset: string; balance: string; entries: string }[]
          >(
            `with sums as (select participant_id, asset, sum(amount) as s from ledger_entries
                             where participant_id not in (select id from participants where is_venue_operator) group by participant_id, asset),
                  balances as (select participant_id, 'INR' as asset, balance as b from cash_accounts
                               union all select participant_id, isin, quantity from security_holdings)
             select coalesce(s.participant_id, b.participant_id) as participant_id, coalesce(s.asset, b.asset) as asset,
                    coalesce(b.b, 0)::text as balance, coalesce(s.s, 0)::text as entries
               from sums s full join balances b on b.participant_id = s.participant_id and b.asset = s.asset
              where coalesce(b.b, 0) <> coalesce(s.s, 0) order by 1, 2`,
          );
          const assetRows = assets.map((a) => ({
            asset: a.asset,
            total: a.total,
            entries: Number(a.entries),
          }));
          return {
            body: {
              balanced:
                unbalanced.length === 0 &&
                mismatches.length === 0 &&
                assetRows.every((a) => Number(a.total) === 0),
              journals: Number(journals[0]!.n),
              unbalanced_journals: unbalanced,
              assets: assetRows,
              account_mismatches: mismatches,
            },
          };
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ },
      );
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/settlement/bonds/{bond_id}/cycle',
    summary:
      "A bond's settlement cycle: T+1 business day (default) or T+0; applies to trades executed from now",
    tag: SETTLEMENT_TAG,
    access: ['ADMIN', 'OPERATIONS'],
    request: {
      params: z.object({ bond_id: z.string().min(1) }),
      body: z.object({ settlement_days: z.union([z.literal(0), z.literal(1)]) }),
    },
    responses: {
      200: {
        description: 'The cycle',
        schema: z.object({ bond_id: z.string(), isin: z.string(), settlement_days: z.number() }),
      },
    },
    async handler({ params, body, req, deps }) {
      const bond = await deps.orm.em.fork().transactional(async (em) => {
        const bond = await findBond(em as EntityManager, params.bond_id);
        const before = bond.settlementDays;
        bond.settlementDays = body.settlement_days;
        appendAudit(em as EntityManager, {
          action: 'BOND_SETTLEMENT_CYCLE_SET',
          subjectType: 'bond',
          subjectId: bond.id,
          ...auditActor(req),
          details: { before: { settlement_days: before }, after: { settlement_days: body.settlement_days } },
        });
        return bond;
      });
      return { body: { bond_id: bond.code, isin: bond.isin, settlement_days: bond.settlementDays } };
    },
  }),
];
