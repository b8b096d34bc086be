import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { allotmentLegs, reversed } from '../../domain/ledger/journal';
import { Auction, Participant } from '../../db/entities';
import { OverdraftError, postJournal } from '../../db/ledger/post-journal';
import { adjustHousePosition } from '../../db/portfolios/house-position';
import type { AuctionLifecycleState } from '../../workflows/auctions/auction-messages';
import type { SettlementLeg } from '../../workflows/auctions/auction-activities';
import type { AuctionActivityDeps } from './activity-deps';
import { stateChanged } from './lifecycle-activities';

/** An allottee's obligation with what its legs need: the auction's code, the bond's ISIN, the allottee's status. */
interface Obligation {
  id: number;
  status: string;
  face_amount: string;
  cash_amount: string;
  auction_code: string;
  isin: string;
  participant_status: string;
}

/** The account primary issues are delivered from and paid into: the venue operator's. */
async function issuerAccountId(em: EntityManager): Promise<number> {
  const venue = await em.findOne(Participant, { isVenueOperator: true }, { orderBy: { id: 'asc' } });
  if (!venue) throw ApplicationFailure.nonRetryable('no venue operator account', 'LedgerOverdraft');
  return venue.id;
}

/**
 * Locks the allottee's obligation row: legs of one allottee never run into each other. The auction
 * and the rest come in the same statement: a leg is a handful of round trips, and this saves three.
 */
async function lockObligation(
  em: EntityManager,
  auctionId: number,
  participantId: number,
): Promise<Obligation> {
  const rows = await em.execute<Obligation[]>(
    `select s.id, s.status, s.face_amount, s.cash_amount, a.auction_code, b.isin, p.status as participant_status
       from auction_settlements s join auctions a on a.id = s.auction_id join bonds b on b.id = a.bond_id
       join participants p on p.id = s.participant_id
      where s.auction_id = ? and s.participant_id = ? for update of s`,
    [auctionId, participantId],
  );
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`no obligation for participant ${participantId}`);
  return rows[0];
}

async function setStatus(em: EntityManager, id: number, status: string) {
  await em.execute('update auction_settlements set status = ?, updated_at = now() where id = ?', [
    status,
    id,
  ]);
}

const ref = (auctionId: number, participantId: number, leg: string) =>
  `auction:${auctionId}:participant:${participantId}:${leg}`;

/** The allottee's two ledger legs (securities from the issuer, cash to it) of its obligation. */
function legsOf(issuerId: number, participantId: number, obligation: Obligation) {
  return allotmentLegs(
    issuerId,
    participantId,
    obligation.isin,
    obligation.face_amount,
    obligation.cash_amount,
  );
}

/** Gives back the cash blocked for the obligation (paid out, or released after a failure). */
async function releaseBlockedCash(em: EntityManager, participantId: number, obligation: Obligation) {
  await em.execute(
    'update cash_accounts set blocked = blocked - ?, updated_at = now() where participant_id = ?',
    [obligation.cash_amount, participantId],
  );
}

/**
 * The delivery-versus-payment legs of one allottee. Each leg runs in one transaction and moves the
 * obligation's status only from the status before it, so a retried leg does nothing twice.
 */
export function createSettlementActivities(deps: AuctionActivityDeps) {
  // The venue operator's account never changes: looked up once, not in every leg.
  let issuerId: number | undefined;
  const issuer = async (em: EntityManager) => (issuerId ??= await issuerAccountId(em));
  const leg = async (
    auctionId: number,
    participantId: number,
    from: string,
    to: string,
    work: (em: EntityManager, obligation: Obligation) => Promise<void>,
  ) => {
    const em = deps.orm.em.fork() as EntityManager;
    try {
      await em.transactional(async (tx) => {
        const obligation = await lockObligation(tx, auctionId, participantId);
        if (obligation.status !== from) return;
        await work(tx, obligation);
        await setStatus(tx, obligation.id, to);
      });
    } catch (err) {
      if (err instanceof OverdraftError)
        throw ApplicationFailure.nonRetryable(err.message, 'LedgerOverdraft');
      throw err;
    }
    await deps.updates.toParticipant(participantId, 'allocations', auctionId, {
      action: 'settlement_progress',
      status: to,
    });
  };

  return {
    async blockFunds(auctionId: number, participantId: number): Promise<void> {
      await leg(auctionId, participantId, 'PENDING', 'FUNDS_BLOCKED', async (em, obligation) => {
        const blocked = await em.execute(
          `update cash_accounts set blocked = blocked + ?, updated_at = now()
           where participant_id = ? and balance - blocked >= ?`,
          [obligation.cash_amount, participantId, obligation.cash_amount],
          'run',
        );
        if (Number((blocked as { affectedRows?: number }).affectedRows ?? 0) === 0) {
          throw ApplicationFailure.nonRetryable(
            `available cash is below ${obligation.cash_amount}`,
            'InsufficientFunds',
          );
        }
      });
    },

    async deliverSecurities(auctionId: number, participantId: number): Promise<void> {
      await leg(auctionId, participantId, 'FUNDS_BLOCKED', 'SECURITIES_DELIVERED', async (em, obligation) => {
        if (obligation.participant_status !== 'ACTIVE') {
          throw ApplicationFailure.nonRetryable(
            `participant is ${obligation.participant_status}`,
            'ParticipantNotActive',
          );
        }
        const legs = legsOf(await issuer(em), participantId, obligation);
        await postJournal(em, {
          reference: ref(auctionId, participantId, 'securities'),
          kind: 'AUCTION_DELIVERY',
          description: `${obligation.auction_code}: ${obligation.face_amount} face of ${obligation.isin}`,
          lines: legs.securities,
        });
      });
    },

    async payIssuer(auctionId: number, participantId: number): Promise<void> {
      await leg(auctionId, participantId, 'SECURITIES_DELIVERED', 'SETTLED', async (em, obligation) => {
        await releaseBlockedCash(em, participantId, obligation);
        const legs = legsOf(await issuer(em), participantId, obligation);
        await postJournal(em, {
          reference: ref(auctionId, participantId, 'cash'),
          kind: 'AUCTION_PAYMENT',
          description: `${obligation.auction_code}: payment for ${obligation.face_amount} face`,
          lines: legs.cash,
        });
      });
      deps.metrics.settlements.inc({ outcome: 'SETTLED' });
    },

    async failSettlement(
      auctionId: number,
      participantId: number,
      failedLeg: SettlementLeg,
      reason: string,
    ): Promise<void> {
      const em = deps.orm.em.fork() as EntityManager;
      const compensated = await em.transactional(async (tx) => {
        const obligation = await lockObligation(tx, auctionId, participantId);
        if (obligation.status === 'FAILED' || obligation.status === 'SETTLED') return false;
        const auction = await tx.findOneOrFail(Auction, auctionId, { populate: ['bond'] });
        if (obligation.status === 'SECURITIES_DELIVERED') {
          const legs = legsOf(await issuer(tx), participantId, obligation);
          await postJournal(tx, {
            reference: ref(auctionId, participantId, 'securities-reversal'),
            kind: 'AUCTION_DELIVERY_REVERSAL',
            description: `${obligation.auction_code}: delivery returned after a failed ${failedLeg}`,
            lines: reversed(legs.securities),
          });
        }
        if (obligation.status === 'FUNDS_BLOCKED' || obligation.status === 'SECURITIES_DELIVERED') {
          await releaseBlockedCash(tx, participantId, obligation);
        }
        // The allotment never settled, so the HOUSE position it opened is taken back.
        await adjustHousePosition(tx, participantId, auction.bond, -Number(obligation.face_amount), null);
        await tx.execute(
          `update auction_settlements set status = 'FAILED', failed_leg = ?, failure_reason = ?, updated_at = now() where id = ?`,
          [failedLeg, reason, obligation.id],
        );
        return true;
      });
      if (!compensated) return;
      await deps.recomputeHouseRisk([participantId], 'SETTLEMENT');
      deps.metrics.settlements.inc({ outcome: failedLeg });
      deps.log.warn(
        { auction_id: auctionId, participant_id: participantId, leg: failedLeg, reason },
        'settlement failed',
      );
      await deps.updates.toParticipant(participantId, 'allocations', auctionId, {
        action: 'settlement_progress',
        status: 'FAILED',
        failed_leg: failedLeg,
        reason,
      });
    },

    async finishSettlement(auctionId: number): Promise<AuctionLifecycleState> {
      const em = deps.orm.em.fork() as EntityManager;
      const rows = await em.execute<{ settled: string }[]>(
        `select count(*) filter (where status = 'SETTLED') as settled from auction_settlements where auction_id = ?`,
        [auctionId],
      );
      const state: AuctionLifecycleState = Number(rows[0]?.settled ?? 0) > 0 ? 'SETTLED' : 'FAILED';
      await em.execute(
        `update auctions set state = ?, settled_at = now(), failure_reason = case when ? = 'FAILED' then 'no allottee settled' else failure_reason end,
           updated_at = now(), version = version + 1
         where id = ? and state = 'SETTLING'`,
        [state, state, auctionId],
      );
      await stateChanged(deps, auctionId, state);
      return state;
    },
  };
}
