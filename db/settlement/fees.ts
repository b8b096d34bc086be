import type { EntityManager } from '@mikro-orm/postgresql';
import { hundredths } from '../../domain/ledger/journal';
import type { ParticipantKind } from '../../domain/reference-data/participant-kinds';
import type { ExecutionMechanism } from '../../domain/rfq/execution-mechanism';
import { applicableFee, feePaise, fromHundredths, type FeeScheduleEntry } from '../../domain/settlement';
import type { DueTrade } from './settlement-trades';

/** A due trade priced with the fee each side pays and the schedule entry that priced it. */
export interface FeedTrade extends DueTrade {
  buyerFeePaise: bigint;
  sellerFeePaise: bigint;
  buyerFeeEntry: FeeScheduleEntry | null;
  sellerFeeEntry: FeeScheduleEntry | null;
}

/** The whole fee schedule (a few rows per mechanism and kind), oldest first. */
export async function loadFeeSchedule(em: EntityManager): Promise<FeeScheduleEntry[]> {
  const rows = await em.execute<
    {
      id: number;
      execution_mechanism: ExecutionMechanism;
      participant_kind: ParticipantKind | null;
      rate_bp: string;
      minimum: string;
      effective_from: string;
    }[]
  >(
    `select id, execution_mechanism, participant_kind, rate_bp::text as rate_bp, minimum::text as minimum,
            effective_from::text as effective_from
       from fee_schedule order by effective_from, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    mechanism: r.execution_mechanism,
    participantKind: r.participant_kind,
    // numeric(8,4) prints 4 places; the domain accepts at most 4.
    rateBp: r.rate_bp,
    minimumPaise: hundredths(r.minimum),
    effectiveFrom: r.effective_from,
  }));
}

/** The venue operator's account: fees are its income, kept as ledger entries like its other movements. */
export async function feeIncomeAccount(em: EntityManager): Promise<number> {
  const rows = await em.execute<{ id: number }[]>(
    'select id from participants where is_venue_operator order by id limit 1',
  );
  if (!rows[0]) throw new Error('no venue operator participant: fees have no income account');
  return rows[0].id;
}

/** Prices each side's fee on trades settling `on` (each trade's consideration, clean). */
export function priceFees(
  schedule: readonly FeeScheduleEntry[],
  trades: readonly DueTrade[],
  on: string,
): FeedTrade[] {
  return trades.map((t) => {
    const side = (kind: ParticipantKind) => {
      const entry = applicableFee(schedule, t.mechanism, kind, on);
      return { entry, fee: entry ? feePaise(t.considerationPaise, entry.rateBp, entry.minimumPaise) : 0n };
    };
    const buy = side(t.buyerKind);
    const sell = side(t.sellerKind);
    return {
      ...t,
      buyerFeePaise: buy.fee,
      sellerFeePaise: sell.fee,
      buyerFeeEntry: buy.fee > 0n ? buy.entry : null,
      sellerFeeEntry: sell.fee > 0n ? sell.entry : null,
    };
  });
}

export interface ChargedFee {
  tradeId: string;
  participantId: number;
  side: 'BUY' | 'SELL';
  runId: number;
  attempt: number;
  entryId: number;
  considerationPaise: bigint;
  amountPaise: bigint;
  journalReference: string;
}

/**
 * Records fees charged by a journal posted in the same transaction; the rate and minimum are copied
 * from the entry so the row explains itself. A trade side is charged once (unique), so a retried
 * step records nothing twice.
 */
export async function recordChargedFees(em: EntityManager, fees: readonly ChargedFee[]): Promise<void> {
  for (const f of fees) {
    if (f.amountPaise === 0n) continue;
    await em.execute(
      `insert into trade_fees (trade_id, participant_id, side, run_id, attempt, fee_schedule_id, consideration, rate_bp, minimum, amount, journal_reference)
       select ?, ?, ?, ?, ?, s.id, ?, s.rate_bp, s.minimum, ?, ? from fee_schedule s where s.id = ?
       on conflict (trade_id, side) do nothing`,
      [
        f.tradeId,
        f.participantId,
        f.side,
        f.runId,
        f.attempt,
        fromHundredths(f.considerationPaise),
        fromHundredths(f.amountPaise),
        f.journalReference,
        f.entryId,
      ],
    );
  }
}
