import { z } from 'zod';
import { hasAnyRole } from '../../../domain/access/roles';
import {
  AuctionAllotment,
  AuctionSettlement,
  AUCTION_STATES,
  SETTLEMENT_STATUSES,
} from '../../../db/entities';
import { fixedDecimal } from '../../http/decimal-json';
import { defineRoute } from '../../http/route-spec';
import { WS_AREAS } from '../../ws/ws-channels';
import { AUCTION_OVERSEERS, AUCTION_TAG, auctionParams } from './auction-fields';
import { findAuction } from './find-auction';

const lineSchema = z.object({
  bid_id: z.string(),
  client_bid_id: z.string(),
  participant_id: z.number(),
  non_competitive: z.boolean(),
  outcome: z.enum(['FULL', 'PARTIAL', 'NONE', 'REJECTED']),
  rejection_reason: z.string().nullable(),
  bid_amount: z.number(),
  capped_amount: z.number(),
  allotted_amount: z.number(),
  price_paid: z.string().nullable(),
  consideration: z.string(),
  accrued_interest: z.string(),
  settlement_amount: z.string(),
});

const settlementSchema = z.object({
  participant_id: z.number(),
  face_amount: z.number(),
  cash_amount: z.string(),
  status: z.enum(SETTLEMENT_STATUSES),
  failed_leg: z.string().nullable(),
  failure_reason: z.string().nullable(),
});

const allocationsSchema = z
  .object({
    auction_id: z.number(),
    auction_code: z.string(),
    state: z.enum(AUCTION_STATES),
    settlement_date: z.string().nullable(),
    summary: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'Public: cut-off price and yield, averages, partial allotment, bid-to-cover' }),
    allocations: z.array(lineSchema),
    settlements: z.array(settlementSchema),
  })
  .meta({ id: 'AuctionAllocations' });

export const allocationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/auctions/websocket/status',
    summary: "The auction WebSocket's status on this API instance",
    tag: AUCTION_TAG,
    access: 'authenticated',
    responses: {
      200: {
        description: 'Event feed and connections',
        schema: z.object({
          endpoint: z.string(),
          event_feed: z.enum(['UP', 'DOWN']),
          connections: z.record(z.string(), z.number()),
          auction_participants_connected: z.number(),
          channels: z.array(z.string()),
          message_type: z.string(),
        }),
      },
    },
    async handler({ deps }) {
      return {
        body: {
          endpoint: '/api/v1/auctions/ws/{participant_id}',
          ...deps.wsHub.status(),
          channels: [...WS_AREAS.auctions],
          message_type: 'AUCTION_UPDATE',
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auctions/{auction_id}/allocations',
    summary:
      'Clearing result: the public summary, and allocation lines (yours, or all for AUCTION_ADMIN and OPERATIONS)',
    tag: AUCTION_TAG,
    access: 'authenticated',
    request: { params: auctionParams },
    responses: {
      200: {
        description: 'Empty lines and a null summary until the auction is cleared',
        schema: allocationsSchema,
      },
      404: { description: 'No such auction' },
    },
    async handler({ params, principal, deps }) {
      const em = deps.orm.em.fork();
      const auction = await findAuction(em, params.auction_id);
      const seesAll = principal.isVenueStaff && hasAnyRole(principal.roles, AUCTION_OVERSEERS);
      const whose = seesAll ? {} : { participant: principal.participantId };
      const lines = await em.find(
        AuctionAllotment,
        { auction, ...whose },
        { populate: ['bid'], orderBy: { id: 'asc' } },
      );
      const settlements = await em.find(
        AuctionSettlement,
        { auction, ...whose },
        { orderBy: { participant: 'asc' } },
      );
      return {
        body: {
          auction_id: auction.id,
          auction_code: auction.auctionCode,
          state: auction.state,
          settlement_date: auction.settlementDate ?? null,
          summary: auction.result ?? null,
          allocations: lines.map((l) => ({
            bid_id: l.bid.id,
            client_bid_id: l.bid.clientBidId,
            participant_id: l.participant.id,
            non_competitive: l.bid.isNonCompetitive,
            outcome: l.outcome as z.infer<typeof lineSchema>['outcome'],
            rejection_reason: l.rejectionReason ?? null,
            bid_amount: l.bidAmount,
            capped_amount: l.cappedAmount,
            allotted_amount: l.allottedAmount,
            price_paid: fixedDecimal(l.pricePaid, 4),
            consideration: fixedDecimal(l.consideration, 2),
            accrued_interest: fixedDecimal(l.accruedInterest, 2),
            settlement_amount: fixedDecimal(l.settlementAmount, 2),
          })),
          settlements: settlements.map((s) => ({
            participant_id: s.participant.id,
            face_amount: s.faceAmount,
            cash_amount: fixedDecimal(s.cashAmount, 2),
            status: s.status,
            failed_leg: s.failedLeg ?? null,
            failure_reason: s.failureReason ?? null,
          })),
        },
      };
    },
  }),
];
