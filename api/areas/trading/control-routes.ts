import { z } from 'zod';
import { OPEN_ORDER_STATUSES, priceToTicks, SESSION_NAMES, type SessionName } from '../../../domain/trading';
import type { Role } from '../../../domain/access/roles';
import { appendAuditOnPg } from '../../../db/audit-log';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { Problem, problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { awaitApplied, findVisibleOrder } from './order-access';
import { insertCommands, sendToMatching, type CommandInput } from './trading-commands';
import { findTradingBond, type TradingBond } from './trading-context';
import { bondIdField, bondParams, orderIdParams, TRADING_TAG } from './trading-fields';
import type { Request } from 'express';
import type { PoolClient } from 'pg';

/** Venue staff who run the market: sessions, halts, mass cancels and kill switches. */
export const MARKET_CONTROL_ROLES: readonly Role[] = ['ADMIN', 'OPERATIONS'];
/** How long a control route waits for the matching worker before answering 202 instead of 200. */
const APPLY_WAIT_MS = 5000;

const stateConflict = (reason: string, detail: string) =>
  new Problem(
    409,
    `/errors/${reason.toLowerCase().replace(/_/g, '-')}`,
    'Conflict',
    detail,
    undefined,
    {},
    { reason },
  );

const LIVE = `'${OPEN_ORDER_STATUSES.join("','")}'`;

/** A price in ticks for the uncross's tie-break: today's last trade, else the bond's reference price. */
function referenceTicks(bond: TradingBond): number {
  const p = bond.lastPrice ?? bond.referencePrice;
  if (p === null) return 0;
  try {
    return priceToTicks(p, bond.tickSize);
  } catch {
    return 0;
  }
}

const controlResult = z.object({
  applied: z.boolean().meta({ description: 'false: committed, the matching worker has not applied it yet' }),
  commands: z.number().int(),
  trades: z.number().int().optional(),
});

/** Commits the commands with an audit entry, hands them to the worker and waits for it briefly. */
async function runControl(
  deps: AppDeps,
  req: Request,
  action: string,
  details: Record<string, unknown>,
  commands: CommandInput[],
  before?: (tx: PoolClient) => Promise<void>,
) {
  const client = await deps.pg.connect();
  let ids: string[];
  try {
    await client.query('begin');
    if (before) await before(client);
    ids = await insertCommands(client, commands, new Date());
    await appendAuditOnPg(client, {
      action,
      subjectType: 'trading',
      subjectId: String(details.subject ?? ''),
      ...auditActor(req),
      details,
    });
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  await sendToMatching(
    deps,
    ids.map((id, i) => ({ id, bondId: commands[i]!.bondId })),
  );
  const applied = ids.length ? await awaitApplied(deps.pg, ids, APPLY_WAIT_MS) : true;
  const trades = ids.length
    ? (
        await deps.pg.query(
          `select count(*)::int as n from order_events where type = 'TRADE' and command_id = any($1::bigint[])`,
          [ids],
        )
      ).rows[0].n
    : 0;
  return { status: applied ? 200 : 202, body: { applied, commands: ids.length, trades } };
}

function sessionCommand(bond: TradingBond, to: SessionName): CommandInput {
  const allowed =
    to === 'PRE_OPEN'
      ? bond.session === 'CLOSED'
      : to === 'CONTINUOUS'
        ? bond.session !== 'CONTINUOUS' && !bond.halted
        : bond.session !== 'CLOSED';
  if (!allowed) {
    throw stateConflict(
      'SESSION_TRANSITION',
      `${bond.code} is ${bond.session}${bond.halted ? ' and halted' : ''}; it cannot move to ${to}.`,
    );
  }
  const kind = to === 'PRE_OPEN' ? 'PRE_OPEN' : to === 'CONTINUOUS' ? 'OPEN' : 'CLOSE';
  return { bondId: bond.id, kind, payload: kind === 'OPEN' ? { referencePrice: referenceTicks(bond) } : {} };
}

/** The uncross of PRE_OPEN books: 409 with the reason when there is none to run. */
async function uncross(deps: AppDeps, req: Request, bonds: TradingBond[], subject: string) {
  const preOpen = bonds.filter((b) => b.session === 'PRE_OPEN');
  if (!preOpen.length) {
    throw stateConflict(
      'NOT_IN_PRE_OPEN',
      bonds.length === 1
        ? `${bonds[0]!.code} is ${bonds[0]!.session}: only a PRE_OPEN book is uncrossed; continuous books match on arrival.`
        : 'No book is in PRE_OPEN: continuous books match on arrival.',
    );
  }
  const halted = preOpen.filter((b) => b.halted);
  if (halted.length === preOpen.length)
    throw stateConflict('TRADING_HALTED', `${halted.map((b) => b.code).join(', ')} halted.`);
  return runControl(
    deps,
    req,
    'TRADING_UNCROSS',
    { subject, bonds: preOpen.filter((b) => !b.halted).map((b) => b.code) },
    preOpen.filter((b) => !b.halted).map((b) => sessionCommand(b, 'CONTINUOUS')),
  );
}

async function allBonds(deps: AppDeps): Promise<TradingBond[]> {
  const codes = (await deps.pg.query('select code from bonds order by id')).rows.map((r) => r.code as string);
  return Promise.all(codes.map((c) => findTradingBond(deps.pg, c)));
}

/**
 * One MASS_CANCEL command per bond in which the participant (or anyone, when null) has live
 * orders, within `bondId` when given: only the books where a mass cancel has work.
 */
async function massCancelCommands(
  deps: AppDeps,
  participantId: number | null,
  bondId?: number,
): Promise<CommandInput[]> {
  const r = await deps.pg.query(
    `select distinct bond_id from orders where status in (${LIVE})
        and ($1::int is null or participant_id = $1) and ($2::int is null or bond_id = $2)`,
    [participantId, bondId ?? null],
  );
  return r.rows.map((x) => ({
    bondId: x.bond_id as number,
    kind: 'MASS_CANCEL',
    participantId,
    payload: { participant: participantId },
  }));
}

const massCancelBody = z.object({
  participant_id: z.number().int().positive().optional().meta({
    description:
      "Whose orders: members may name only their own (the default); venue staff any, or omit it for everyone's",
  }),
  bond_id: bondIdField.optional().meta({ description: 'Only this bond; every bond when omitted' }),
});

function massCancelTarget(principal: Principal, asked: number | undefined): number | null {
  const staff = principal.isVenueStaff && principal.roles.some((r) => MARKET_CONTROL_ROLES.includes(r));
  if (!staff) {
    if (asked !== undefined && asked !== principal.participantId)
      throw problems.forbidden('participant_id must be your own participant.');
    return principal.participantId;
  }
  return asked ?? null;
}

export const controlRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/orders/{order_id}/execute',
    summary: "Uncross the PRE_OPEN book of this order's bond at one equilibrium price and open it",
    tag: TRADING_TAG,
    access: MARKET_CONTROL_ROLES,
    request: { params: orderIdParams },
    responses: {
      200: { description: 'Uncrossed and open', schema: controlResult },
      202: { description: 'Committed; the matching worker has not applied it yet', schema: controlResult },
      404: { description: 'No such order' },
      409: { description: 'The book is not in PRE_OPEN (reason NOT_IN_PRE_OPEN) or is halted' },
    },
    async handler({ params, principal, req, deps }) {
      const order = await findVisibleOrder(deps.pg, principal, params.order_id);
      return uncross(deps, req, [await findTradingBond(deps.pg, order.bond_code)], order.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/execute-all',
    summary: 'Uncross every PRE_OPEN book (or one bond) and open continuous trading',
    tag: TRADING_TAG,
    access: MARKET_CONTROL_ROLES,
    request: { body: z.object({ bond_id: bondIdField.optional() }) },
    responses: {
      200: { description: 'Uncrossed and open', schema: controlResult },
      202: { description: 'Committed; not yet applied', schema: controlResult },
      409: { description: 'No book is in PRE_OPEN (reason NOT_IN_PRE_OPEN)' },
    },
    async handler({ body, req, deps }) {
      const bonds = body.bond_id ? [await findTradingBond(deps.pg, body.bond_id)] : await allBonds(deps);
      return uncross(deps, req, bonds, body.bond_id ?? 'all');
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/trading/bonds/{bond_id}/session',
    summary:
      'Move a bond to PRE_OPEN (from CLOSED), CONTINUOUS (uncrossing first) or CLOSED (DAY orders expire)',
    tag: TRADING_TAG,
    access: MARKET_CONTROL_ROLES,
    request: { params: bondParams, body: z.object({ session: z.enum(SESSION_NAMES) }) },
    responses: {
      200: { description: 'Applied', schema: controlResult },
      202: { description: 'Committed; not yet applied', schema: controlResult },
      404: { description: 'No such bond' },
      409: { description: 'Not a transition the current session allows (reason SESSION_TRANSITION)' },
    },
    async handler({ params, body, req, deps }) {
      const bond = await findTradingBond(deps.pg, params.bond_id);
      return runControl(
        deps,
        req,
        'TRADING_SESSION',
        { subject: bond.code, from: bond.session, to: body.session },
        [sessionCommand(bond, body.session)],
      );
    },
  }),
  ...(['halt', 'resume'] as const).map((action) =>
    defineRoute({
      method: 'post',
      path: `/api/v1/trading/bonds/{bond_id}/${action}`,
      summary:
        action === 'halt' ? 'Halt trading in a bond (cancels still work)' : 'Resume trading in a halted bond',
      tag: TRADING_TAG,
      access: MARKET_CONTROL_ROLES,
      request: { params: bondParams },
      responses: {
        200: { description: 'Applied', schema: controlResult },
        202: { description: 'Committed; not yet applied', schema: controlResult },
        404: { description: 'No such bond' },
        409: { description: action === 'halt' ? 'Already halted' : 'Not halted' },
      },
      async handler({ params, req, deps }) {
        const bond = await findTradingBond(deps.pg, params.bond_id);
        if (bond.halted === (action === 'halt')) {
          throw stateConflict(
            action === 'halt' ? 'ALREADY_HALTED' : 'NOT_HALTED',
            `${bond.code} is ${bond.halted ? '' : 'not '}halted.`,
          );
        }
        return runControl(
          deps,
          req,
          action === 'halt' ? 'TRADING_HALT' : 'TRADING_RESUME',
          { subject: bond.code },
          [{ bondId: bond.id, kind: action === 'halt' ? 'HALT' : 'RESUME', payload: {} }],
        );
      },
    }),
  ),
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/mass-cancel',
    summary: 'Cancel every live order of a participant, of a bond, or of everyone (members: only their own)',
    tag: TRADING_TAG,
    access: ['TRADER', 'MARKET_MAKER', ...MARKET_CONTROL_ROLES],
    request: { body: massCancelBody },
    responses: {
      200: { description: 'Applied', schema: controlResult },
      202: { description: 'Committed; not yet applied', schema: controlResult },
      403: { description: 'A member named another participant' },
      404: { description: 'No such bond' },
    },
    async handler({ body, principal, req, deps }) {
      const participant = massCancelTarget(principal, body.participant_id);
      const bond = body.bond_id ? await findTradingBond(deps.pg, body.bond_id) : undefined;
      return runControl(
        deps,
        req,
        'TRADING_MASS_CANCEL',
        { subject: participant ?? 'all', bond: bond?.code ?? null },
        await massCancelCommands(deps, participant, bond?.id),
      );
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/trading/participants/{participant_id}/kill-switch',
    summary:
      "Set or release a participant's kill switch: setting it cancels all its orders and blocks new ones",
    tag: TRADING_TAG,
    access: MARKET_CONTROL_ROLES,
    request: {
      params: z.object({ participant_id: z.coerce.number().int().positive() }),
      body: z.object({ active: z.boolean() }),
    },
    responses: {
      200: { description: 'Applied', schema: controlResult },
      202: { description: 'Committed; the cancels are not yet applied', schema: controlResult },
      404: { description: 'No such participant' },
    },
    async handler({ params, body, principal, req, deps }) {
      const exists = await deps.pg.query('select 1 from participants where id = $1', [params.participant_id]);
      if (!exists.rowCount) throw problems.notFound('Participant');
      return runControl(
        deps,
        req,
        body.active ? 'TRADING_KILL_SWITCH_SET' : 'TRADING_KILL_SWITCH_RELEASED',
        { subject: params.participant_id },
        body.active ? await massCancelCommands(deps, params.participant_id) : [],
        async (tx) => {
          await tx.query(
            `insert into participant_trading_controls (participant_id, kill_switch, updated_by, updated_at)
             values ($1, $2, $3, now())
             on conflict (participant_id) do update set kill_switch = excluded.kill_switch,
                updated_by = excluded.updated_by, updated_at = now()`,
            [params.participant_id, body.active, principal.userId],
          );
        },
      );
    },
  }),
];
