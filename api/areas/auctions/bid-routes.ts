import { openFpiLimitException } from '../compliance/refusal-exceptions';
import { emSqlClient } from '../../../db/compliance/check-overrides';
import {
  enforceRegulatoryChecks,
  recordRegulatoryCheck,
  settleOverrides,
  type RegulatoryGateResult,
} from '../compliance/regulatory-gate';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Bid } from '../../../domain/auctions';
import { domainBidOf } from '../../../db/auctions/auction-spec';
import { AuctionBid, BID_STATUSES, Participant, type Auction } from '../../../db/entities';
import { hasAnyRole } from '../../../domain/access/roles';
import { AuctionUpdates } from '../../../platform/ws-events';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { pageQuery } from '../../http/pagination';
import { Problem, problems } from '../../http/problem';
import { defineRoute } from '../../http/route-spec';
import {
  AUCTION_OVERSEERS,
  AUCTION_TAG,
  auctionParams,
  BIDDERS,
  faceAmount,
  priceField,
  yieldField,
} from './auction-fields';
import { bidJson } from './auction-json';
import { assertBiddingOpen, placeBid } from './bid-rules';
import { findAuction } from './find-auction';

const bidBody = z
  .object({
    client_bid_id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - (at most 64)')
      .optional()
      .meta({ description: 'Unique per participant; a repeat with the same body returns the original bid' }),
    participant_id: z.number().int().positive().optional().meta({ description: 'Your own participant' }),
    non_competitive: z.boolean().default(false),
    price: priceField.optional().meta({ description: 'PRICE basis: per 100' }),
    yield: yieldField.optional().meta({ description: 'YIELD basis: percent' }),
    amount: faceAmount.meta({ description: 'Rupees of face value, a multiple of minimum_lot_size' }),
  })
  .meta({ id: 'BidSubmit' });

const modifyBody = z
  .object({
    price: priceField.optional(),
    yield: yieldField.optional(),
    amount: faceAmount.optional(),
  })
  .meta({ id: 'BidModify' });

const bidSchema = z
  .object({
    bid_id: z.string(),
    auction_id: z.number(),
    participant_id: z.number(),
    client_bid_id: z.string(),
    non_competitive: z.boolean(),
    price: z.string().nullable(),
    yield: z.string().nullable(),
    amount: z.number(),
    status: z.enum(BID_STATUSES),
    round: z.number(),
    created_at: z.string(),
    modified_at: z.string().nullable(),
    withdrawn_at: z.string().nullable(),
  })
  .meta({ id: 'Bid' });

const bidParams = auctionParams.extend({ bid_id: z.string().trim().min(1).max(64) });
const listQuery = pageQuery.extend({ participant_id: z.coerce.number().int().positive().optional() });
const BID_RESPONSES = {
  404: { description: 'No such auction, or a bid that is not yours' },
  409: { description: 'Bidding is not open, or client_bid_id was used with a different body' },
  422: { description: 'The bid breaks a rule of the auction (each field named)' },
};

const requestHash = (auctionId: number, body: z.infer<typeof bidBody>) =>
  createHash('sha256')
    .update(
      JSON.stringify([auctionId, body.non_competitive, body.price ?? null, body.yield ?? null, body.amount]),
    )
    .digest('hex');

/** Bids take a share lock on the auction row (a close waits for them); ENGLISH and HYBRID bids queue. */
const lockFor = (auction: Auction) =>
  auction.auctionType === 'ENGLISH' || auction.auctionType === 'HYBRID' ? 'update' : 'share';

async function eligibleParticipant(em: EntityManager, principal: Principal): Promise<Participant> {
  const participant = await em.findOneOrFail(Participant, principal.participantId);
  if (participant.isVenueOperator || participant.status !== 'ACTIVE') {
    throw problems.forbidden(
      `Participant ${participant.code} is not eligible to bid (${participant.status}).`,
    );
  }
  return participant;
}

async function ownBid(em: EntityManager, auction: Auction, principal: Principal, bidId: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(bidId);
  const bid = await em.findOne(AuctionBid, {
    auction,
    participant: principal.participantId,
    ...(isUuid ? { id: bidId } : { clientBidId: bidId }),
  });
  if (!bid) throw problems.notFound(`Bid ${bidId}`);
  return bid;
}

type BidAction = 'bid_submitted' | 'bid_modified' | 'bid_withdrawn';

/** The bidder's own event, and for ENGLISH the anonymised best bid for everyone. */
async function publishBid(
  deps: AppDeps,
  auction: Auction,
  action: BidAction,
  bid: AuctionBid,
  extendedTo: string | null,
) {
  const updates = new AuctionUpdates(deps.wsEvents);
  await updates.toParticipant(bid.participant.id, 'bids', auction.id, {
    action,
    bid_id: bid.id,
    client_bid_id: bid.clientBidId,
    bid_price: bid.price ?? null,
    bid_yield: bid.yieldPct ?? null,
    bid_quantity: bid.amount,
    non_competitive: bid.isNonCompetitive,
    status: bid.status,
  });
  if (auction.auctionType === 'ENGLISH') {
    const best = await deps.orm.em.fork().findOne(
      AuctionBid,
      { auction, status: 'ACTIVE', isNonCompetitive: false },
      {
        orderBy:
          auction.bidBasis === 'PRICE'
            ? { price: 'desc', createdAt: 'asc' }
            : { yieldPct: 'asc', createdAt: 'asc' },
      },
    );
    await updates.toAll(auction.id, {
      action: 'best_bid',
      bid_price: best?.price ?? null,
      bid_yield: best?.yieldPct ?? null,
      bid_quantity: best?.amount ?? null,
      ...(extendedTo ? { effective_end_time: extendedTo } : {}),
    });
  }
}

async function publishRejection(
  deps: AppDeps,
  auction: Auction,
  participantId: number,
  clientBidId: string | null,
  err: unknown,
) {
  if (!(err instanceof Problem) || (err.status !== 422 && err.status !== 409)) return;
  deps.metrics.bids.inc({ outcome: 'rejected' });
  await new AuctionUpdates(deps.wsEvents).toParticipant(participantId, 'bids', auction.id, {
    action: 'bid_rejected',
    client_bid_id: clientBidId,
    reason: err.detail ?? err.title,
    errors: err.errors ?? [],
  });
}

/** ENGLISH soft close: a bid inside the last extension_seconds moves the end to that long after it. */
async function extendSoftClose(em: EntityManager, auction: Auction): Promise<string | null> {
  if (auction.auctionType !== 'ENGLISH' || !auction.extensionSeconds) return null;
  const rows = await em.execute<{ effective_end_time: Date }[]>(
    `update auctions set effective_end_time = clock_timestamp() + make_interval(secs => ?), updated_at = now(), version = version + 1
     where id = ? and effective_end_time < clock_timestamp() + make_interval(secs => ?)
     returning effective_end_time`,
    [auction.extensionSeconds, auction.id, auction.extensionSeconds],
  );
  return rows[0] ? new Date(rows[0].effective_end_time).toISOString() : null;
}

export const bidRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/auctions/{auction_id}/bids',
    summary: 'Submit a bid while bidding is open',
    tag: AUCTION_TAG,
    access: BIDDERS,
    request: { params: auctionParams, body: bidBody },
    responses: {
      201: { description: 'Accepted', schema: bidSchema },
      200: { description: 'The same client_bid_id and body again: the original bid', schema: bidSchema },
      403: { description: 'participant_id is not yours, or your participant may not bid' },
      ...BID_RESPONSES,
    },
    async handler({ params, body, principal, deps }) {
      if (body.participant_id !== undefined && body.participant_id !== principal.participantId) {
        throw problems.forbidden('participant_id must be your own participant.');
      }
      const em = deps.orm.em.fork();
      const auction = await findAuction(em, params.auction_id);
      const gateInput = {
        subjectType: 'BID',
        participantId: principal.participantId,
        bondId: auction.bond.id,
        side: 'BUY',
        faceValue: String(body.amount),
        field: 'amount',
        userId: principal.userId,
      } as const;
      const onRefused = (refused: RegulatoryGateResult) => openFpiLimitException(deps, gateInput, refused);
      const gate = await enforceRegulatoryChecks(deps.pg, gateInput, onRefused);
      const clientBidId = body.client_bid_id ?? randomUUID();
      const hash = requestHash(auction.id, body);
      let placed: { row: AuctionBid; replay: boolean; extendedTo: string | null };
      try {
        placed = await em.transactional(async (tx) => {
          const locked = await findAuction(tx, String(auction.id), lockFor(auction));
          const existing = await tx.findOne(AuctionBid, {
            participant: principal.participantId,
            clientBidId,
          });
          if (existing) {
            if (existing.requestHash === hash && existing.auction.id === locked.id)
              return { row: existing, replay: true, extendedTo: null };
            throw problems.conflict(
              'duplicate-client-bid-id',
              `client_bid_id ${clientBidId} was used for another bid.`,
            );
          }
          const participant = await eligibleParticipant(tx, principal);
          await assertBiddingOpen(tx, locked);
          const own = await tx.find(AuctionBid, { auction: locked, participant, status: 'ACTIVE' });
          const id = randomUUID();
          const candidate: Bid = {
            id,
            participantId: participant.id,
            time: new Date().toISOString(),
            amount: body.amount,
            price: body.price,
            yield: body.yield,
            nonCompetitive: body.non_competitive,
          };
          const { bid, round } = await placeBid(tx, locked, candidate, own.map(domainBidOf), null);
          if (gate.uses.length) {
            // Passed by overrides: used up and recorded with the bid, so a bid refused here uses nothing.
            const sql = emSqlClient(tx);
            await settleOverrides(deps.pg, gateInput, gate, onRefused, sql);
            await recordRegulatoryCheck(sql, gate.record);
          }
          const row = tx.create(AuctionBid, {
            id,
            auction: locked,
            participant,
            clientBidId,
            isNonCompetitive: body.non_competitive,
            price: bid.price === undefined ? null : String(bid.price),
            yieldPct: bid.yield === undefined ? null : String(bid.yield),
            amount: body.amount,
            round,
            requestHash: hash,
            submittedBy: principal.userId,
          });
          await tx.flush();
          return { row, replay: false, extendedTo: await extendSoftClose(tx, locked) };
        });
      } catch (err) {
        await publishRejection(deps, auction, principal.participantId, clientBidId, err);
        throw err;
      }
      if (!placed.replay) {
        deps.metrics.bids.inc({ outcome: 'accepted' });
        await publishBid(deps, auction, 'bid_submitted', placed.row, placed.extendedTo);
      }
      return { status: placed.replay ? 200 : 201, body: bidJson(placed.row) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auctions/{auction_id}/bids',
    summary: 'Bids of an auction: members see their own, AUCTION_ADMIN and OPERATIONS all',
    tag: AUCTION_TAG,
    access: 'authenticated',
    request: { params: auctionParams, query: listQuery },
    responses: {
      200: {
        description: 'A page of bids, newest first (cursor: the offset returned)',
        schema: z.object({ items: z.array(bidSchema), next_cursor: z.string().nullable() }),
      },
      404: { description: 'No such auction' },
    },
    async handler({ params, query, principal, deps }) {
      const em = deps.orm.em.fork();
      const auction = await findAuction(em, params.auction_id);
      const seesAll = principal.isVenueStaff && hasAnyRole(principal.roles, AUCTION_OVERSEERS);
      const participant = seesAll ? query.participant_id : principal.participantId;
      const offset = Number(query.cursor ?? 0);
      const rows = await em.find(
        AuctionBid,
        { auction, ...(participant ? { participant } : {}) },
        { orderBy: { createdAt: 'desc', id: 'asc' }, limit: query.limit + 1, offset },
      );
      return {
        body: {
          items: rows.slice(0, query.limit).map(bidJson),
          next_cursor: rows.length > query.limit ? String(offset + query.limit) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/auctions/{auction_id}/bids/{bid_id}',
    summary: 'Modify your bid (by bid_id or client_bid_id) while bidding is open',
    tag: AUCTION_TAG,
    access: BIDDERS,
    request: { params: bidParams, body: modifyBody },
    responses: { 200: { description: 'The modified bid', schema: bidSchema }, ...BID_RESPONSES },
    async handler({ params, body, principal, deps }) {
      const em = deps.orm.em.fork();
      const auction = await findAuction(em, params.auction_id);
      let row: AuctionBid;
      try {
        row = await em.transactional(async (tx) => {
          const locked = await findAuction(tx, String(auction.id), lockFor(auction));
          const bid = await ownBid(tx, locked, principal, params.bid_id);
          await eligibleParticipant(tx, principal);
          await assertBiddingOpen(tx, locked);
          if (bid.status !== 'ACTIVE') throw problems.conflict('bid-state', `The bid is ${bid.status}.`);
          const previous = domainBidOf(bid);
          const own = await tx.find(AuctionBid, {
            auction: locked,
            participant: bid.participant,
            status: 'ACTIVE',
          });
          const candidate: Bid = {
            ...previous,
            time: new Date().toISOString(),
            amount: body.amount ?? bid.amount,
            // A HYBRID bid's price is the clock's (or, sealed, a new one): the old one never carries over.
            price: body.price ?? (locked.auctionType === 'HYBRID' ? undefined : previous.price),
            yield: body.yield ?? (locked.auctionType === 'HYBRID' ? undefined : previous.yield),
          };
          const placed = await placeBid(tx, locked, candidate, own.map(domainBidOf), previous);
          bid.price = placed.bid.price === undefined ? null : String(placed.bid.price);
          bid.yieldPct = placed.bid.yield === undefined ? null : String(placed.bid.yield);
          bid.amount = placed.bid.amount;
          bid.round = placed.round;
          bid.modifiedAt = new Date();
          await tx.flush();
          await extendSoftClose(tx, locked);
          return bid;
        });
      } catch (err) {
        await publishRejection(deps, auction, principal.participantId, params.bid_id, err);
        throw err;
      }
      await publishBid(deps, auction, 'bid_modified', row, null);
      return { body: bidJson(row) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/auctions/{auction_id}/bids/{bid_id}',
    summary: 'Withdraw your bid (by bid_id or client_bid_id) while bidding is open',
    tag: AUCTION_TAG,
    access: BIDDERS,
    request: { params: bidParams },
    responses: { 200: { description: 'The withdrawn bid', schema: bidSchema }, ...BID_RESPONSES },
    async handler({ params, principal, deps }) {
      const em = deps.orm.em.fork();
      const auction = await findAuction(em, params.auction_id);
      const row = await em.transactional(async (tx) => {
        const locked = await findAuction(tx, String(auction.id), lockFor(auction));
        const bid = await ownBid(tx, locked, principal, params.bid_id);
        await assertBiddingOpen(tx, locked);
        if (bid.status !== 'ACTIVE') throw problems.conflict('bid-state', `The bid is ${bid.status}.`);
        bid.status = 'WITHDRAWN';
        bid.withdrawnAt = new Date();
        return bid;
      });
      await publishBid(deps, auction, 'bid_withdrawn', row, null);
      return { body: bidJson(row) };
    },
  }),
];
