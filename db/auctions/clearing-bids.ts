import type { EntityManager } from '@mikro-orm/postgresql';
import type { Bid, BidAllotment } from '../../domain/auctions';

/** Fields per bid in the text readClearingBids aggregates, in this order. */
const FIELDS = 7;

/**
 * An auction's ACTIVE bids (of one round when given) as the domain ranks them, in bid order: time
 * is a modification's time, else the creation's, in whole milliseconds.
 *
 * A clearing reads up to 100,000 bids. Fetched as rows, each would be an object with a parsed Date,
 * then an entity; here PostgreSQL sorts and joins them into one text value, which one split turns
 * into fields. Bid ids are uuids and the other fields numbers, so none holds the separator.
 */
export async function readClearingBids(
  em: EntityManager,
  auctionId: number,
  round: number | null,
): Promise<Bid[]> {
  const rows = await em.execute<{ bids: string | null }[]>(
    `select string_agg(concat_ws(',', id, participant_id,
              floor(extract(epoch from coalesce(modified_at, created_at)) * 1000),
              amount, coalesce(price::text, ''), coalesce(yield_pct::text, ''), is_non_competitive::int), ',' order by created_at, id) as bids
       from auction_bids
      where auction_id = ? and status = 'ACTIVE' and (?::int is null or round = ?::int)`,
    // concat_ws leaves nulls out: a missing price or yield must be an empty field instead.
    [auctionId, round, round],
  );
  const text = rows[0]?.bids;
  if (!text) return [];
  const fields = text.split(',');
  const bids = new Array<Bid>(fields.length / FIELDS);
  for (let i = 0, f = 0; i < bids.length; i++, f += FIELDS) {
    const price = fields[f + 4] as string;
    const yieldPct = fields[f + 5] as string;
    bids[i] = {
      id: fields[f] as string,
      participantId: Number(fields[f + 1]),
      time: Number(fields[f + 2]),
      amount: Number(fields[f + 3]),
      price: price === '' ? undefined : price,
      yield: yieldPct === '' ? undefined : yieldPct,
      nonCompetitive: fields[f + 6] === '1',
    };
  }
  return bids;
}

/** One text column per field, joined by commas: the statements below split each into an array. */
function column(
  lines: readonly BidAllotment[],
  field: (line: BidAllotment) => string | number | null,
): string {
  return lines.map((line) => field(line) ?? '').join(',');
}

/**
 * Runs `sql` in the entity manager's transaction with its values sent as bind parameters: em.execute
 * writes every value into the statement's text, which for the megabytes of columns of a 100,000-line
 * clearing costs about a second of escaping.
 */
async function executeBound(
  em: EntityManager,
  sql: string,
  values: readonly (string | number)[],
): Promise<{ rowCount: number }> {
  const query = em.getKnex().raw(sql, [...values]);
  const tx = em.getTransactionContext();
  if (tx) query.transacting(tx);
  return (await query) as { rowCount: number };
}

/**
 * Stores a clearing's allotment lines and sets each bid's status from its outcome, one statement
 * each: a statement per bid would be 100,000 round trips for a large auction. Each line's auction
 * and participant are read from its bid (the allotment keys only the bid), and a line whose bid is
 * not one of the auction's fails the clearing.
 */
export async function writeAllotments(
  em: EntityManager,
  auctionId: number,
  lines: readonly BidAllotment[],
): Promise<void> {
  if (lines.length === 0) return;
  const bidIds = column(lines, (l) => l.bidId);
  const outcomes = column(lines, (l) => l.outcome);
  const inserted = await executeBound(
    em,
    `insert into auction_allotments (auction_id, bid_id, participant_id, outcome, rejection_reason, bid_amount,
       capped_amount, allotted_amount, price_paid, consideration, accrued_interest, settlement_amount)
     select b.auction_id, b.id, b.participant_id, l.outcome, nullif(l.reason, ''), l.bid_amount::bigint,
            l.capped::bigint, l.allotted::bigint, nullif(l.price, '')::numeric, l.consideration::numeric,
            l.accrued::numeric, l.settlement::numeric
       from unnest(string_to_array(?, ','), string_to_array(?, ','), string_to_array(?, ','),
                   string_to_array(?, ','), string_to_array(?, ','), string_to_array(?, ','),
                   string_to_array(?, ','), string_to_array(?, ','), string_to_array(?, ','),
                   string_to_array(?, ','))
         as l(bid, outcome, reason, bid_amount, capped, allotted, price, consideration, accrued, settlement)
       join auction_bids b on b.id = l.bid::uuid and b.auction_id = ?`,
    [
      bidIds,
      outcomes,
      column(lines, (l) => l.rejectionReason),
      column(lines, (l) => l.bidAmount),
      column(lines, (l) => l.cappedAmount),
      column(lines, (l) => l.allottedAmount),
      column(lines, (l) => l.pricePaid),
      column(lines, (l) => l.consideration),
      column(lines, (l) => l.accruedInterest),
      column(lines, (l) => l.settlementAmount),
      auctionId,
    ],
  );
  if (inserted.rowCount !== lines.length) {
    throw new Error(
      `auction ${auctionId}: ${lines.length - inserted.rowCount} allotment lines name no bid of it`,
    );
  }
  // From the lines' own arrays: joining the allotments just inserted would read them back.
  await executeBound(
    em,
    `update auction_bids b
        set status = (case l.outcome when 'FULL' then 'ALLOTTED' when 'PARTIAL' then 'PARTIALLY_ALLOTTED'
                                     when 'NONE' then 'NOT_ALLOTTED' else 'REJECTED' end)::auction_bid_status,
            version = b.version + 1
       from unnest(string_to_array(?, ','), string_to_array(?, ',')) as l(bid, outcome)
      where b.id = l.bid::uuid`,
    [bidIds, outcomes],
  );
}
