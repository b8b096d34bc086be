import { z } from 'zod';
import { appendAudit } from '../../../db/audit-log';
import { Auction, AUCTION_STATES, AUCTION_TYPES } from '../../../db/entities';
import {
  cancelUpdate,
  closeUpdate,
  processUpdate,
  settleUpdate,
  startUpdate,
} from '../../../workflows/auctions/auction-messages';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { findBond } from '../bonds/find-bond';
import { newAuction } from './auction-create';
import {
  AUCTION_RUNNERS,
  AUCTION_TAG,
  auctionParams,
  auctionSchema,
  createAuctionBody,
  faceAmount,
} from './auction-fields';
import { auctionJson } from './auction-json';
import { startAuctionWorkflow, updateAuction } from './auction-workflows';
import { findAuction } from './find-auction';
import type { Request } from 'express';

const listQuery = pageQuery.extend({
  state: z.enum(AUCTION_STATES).optional(),
  auction_type: z.enum(AUCTION_TYPES).optional(),
});
const listSchema = z.object({ items: z.array(auctionSchema), next_cursor: z.string().nullable() });

const COMMAND_RESPONSES = {
  200: { description: 'The auction after the command took effect', schema: auctionSchema },
  404: { description: 'No such auction' },
  409: { description: 'The auction is in a state that does not allow this command' },
};

interface Command {
  name: 'start' | 'close' | 'cancel' | 'process' | 'settle';
  summary: string;
  body?: z.ZodType;
  send(deps: AppDeps, auction: Auction, body: Record<string, unknown>): Promise<unknown>;
}

const COMMANDS: Command[] = [
  {
    name: 'start',
    summary: 'Open bidding now instead of at bidding_start_time',
    send: (deps, a) => updateAuction(deps.temporal, a, startUpdate),
  },
  {
    name: 'close',
    summary: 'Close bidding now; clearing follows unless manual_processing',
    send: (deps, a) => updateAuction(deps.temporal, a, closeUpdate),
  },
  {
    name: 'cancel',
    summary: 'Cancel an auction that has not been cleared',
    body: z.object({ reason: z.string().trim().min(1).max(500).default('cancelled by the auction admin') }),
    send: (deps, a, body) => updateAuction(deps.temporal, a, cancelUpdate, body['reason']),
  },
  {
    name: 'process',
    summary: 'Clear a CLOSED manual_processing auction, optionally accepting an amount within the greenshoe',
    body: z.object({
      accepted_amount: faceAmount
        .optional()
        .meta({ description: 'Up to notified + greenshoe; the notified amount when absent' }),
    }),
    send: (deps, a, body) =>
      updateAuction(deps.temporal, a, processUpdate, {
        ...(body['accepted_amount'] !== undefined ? { acceptedAmount: body['accepted_amount'] } : {}),
      }),
  },
  {
    name: 'settle',
    summary: 'Start settlement of a CLEARED auction now instead of on the settlement date',
    send: (deps, a) => updateAuction(deps.temporal, a, settleUpdate),
  },
];

async function reload(deps: AppDeps, auctionId: number) {
  const em = deps.orm.em.fork();
  return auctionJson(await em.findOneOrFail(Auction, auctionId, { populate: ['bond'] }));
}

function commandRoute(command: Command) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/auctions/{auction_id}/${command.name}`,
    summary: command.summary,
    tag: AUCTION_TAG,
    access: AUCTION_RUNNERS,
    request: { params: auctionParams, ...(command.body ? { body: command.body } : {}) },
    responses: COMMAND_RESPONSES,
    async handler({
      params,
      body,
      req,
      deps,
    }: {
      params: { auction_id: string };
      body: unknown;
      req: Request;
      deps: AppDeps;
      principal: Principal;
    }) {
      const em = deps.orm.em.fork();
      const auction = await findAuction(em, params.auction_id);
      await command.send(deps, auction, (body ?? {}) as Record<string, unknown>);
      appendAudit(em, {
        action: `AUCTION_${command.name.toUpperCase()}`,
        subjectType: 'auction',
        subjectId: auction.id,
        ...auditActor(req),
        details: { auction_code: auction.auctionCode, ...(body ?? {}) },
      });
      await em.flush();
      return { body: await reload(deps, auction.id) };
    },
  });
}

export const auctionRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/auctions/',
    summary: 'Create an auction and start its workflow auction-<auction_code>',
    tag: AUCTION_TAG,
    access: AUCTION_RUNNERS,
    request: { body: createAuctionBody },
    responses: {
      201: { description: 'Created, SCHEDULED; bidding opens at bidding_start_time', schema: auctionSchema },
      409: { description: 'An auction with this auction_code exists' },
      422: { description: 'Validation failed (each bad field named)' },
      503: { description: 'Temporal is unavailable; nothing was created' },
    },
    async handler({ body, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const bond = await findBond(em, body.bond_isin).catch(() => {
        throw problems.validation([{ field: 'bond_isin', message: 'no such bond' }]);
      });
      if (await em.count(Auction, { auctionCode: body.auction_code })) {
        throw problems.conflict('duplicate', `Auction ${body.auction_code} already exists.`);
      }
      const auction = await em.transactional(async (tx) => {
        const auction = newAuction(tx, body, bond, principal.userId);
        // The unique auction_code rejects a concurrent twin here, before any workflow starts; the
        // workflow starts inside the transaction, so a refused start leaves no auction row behind.
        await tx.flush();
        await startAuctionWorkflow(deps.temporal, deps.config.temporal.taskQueue, auction);
        appendAudit(tx, {
          action: 'AUCTION_CREATED',
          subjectType: 'auction',
          subjectId: auction.id,
          ...auditActor(req),
          details: { auction_code: auction.auctionCode, auction_type: auction.auctionType, bond: bond.isin },
        });
        return auction;
      });
      return {
        status: 201,
        body: await reload(deps, auction.id),
        headers: { Location: `/api/v1/auctions/${auction.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auctions/',
    summary: 'List auctions, newest first',
    tag: AUCTION_TAG,
    access: 'authenticated',
    request: { query: listQuery },
    responses: { 200: { description: 'A page of auctions', schema: listSchema } },
    async handler({ query, deps }) {
      const rows = await deps.orm.em.fork().find(
        Auction,
        {
          ...cursorFilter(query.cursor),
          ...(query.state ? { state: query.state } : {}),
          ...(query.auction_type ? { auctionType: query.auction_type } : {}),
        },
        { populate: ['bond'], orderBy: { id: 'desc' }, limit: query.limit + 1 },
      );
      return { body: page(rows, query.limit, auctionJson) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auctions/{auction_id}',
    summary: 'One auction by id or auction_code',
    tag: AUCTION_TAG,
    access: 'authenticated',
    request: { params: auctionParams },
    responses: {
      200: { description: 'The auction', schema: auctionSchema },
      404: { description: 'No such auction' },
    },
    async handler({ params, deps }) {
      return { body: auctionJson(await findAuction(deps.orm.em.fork(), params.auction_id)) };
    },
  }),
  ...COMMANDS.map(commandRoute),
];
