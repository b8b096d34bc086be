import type { ChainableCommander, Redis } from 'ioredis';
import { SESSION_NAMES, Side, lotsToQuantity, ticksToPrice } from '../../domain/trading';
import { SNAPSHOT_DEPTH, tradingKeys } from '../../platform/trading-transport';
import type { BatchOutputs } from './batch-outputs';
import type { ShardBooks } from './shard-books';

/** Private events kept per participant for resync. */
const REPLAY_LENGTH = 10_000;

// One atomic step per private event: the next per-participant sequence, the replay entry under
// that sequence, and the publish. Being one script, the sequence is gap-free across shards and
// workers, and messages are published in sequence order.
const PUBLISH_PRIVATE = `
local seq = redis.call('INCR', KEYS[1])
local msg = '{"type":"' .. ARGV[1] .. '","timestamp":"' .. ARGV[2] .. '","sequence":' .. seq .. ',"data":' .. ARGV[3] .. '}'
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-1', 'm', msg)
redis.call('PUBLISH', KEYS[3], msg)
return seq`;

/** The pipeline with the script above defined on it (ioredis adds it at run time). */
type PrivatePipeline = ChainableCommander & {
  bondxPublishPrivate(
    seqKey: string,
    replayKey: string,
    channel: string,
    type: string,
    timestamp: string,
    data: string,
    maxLen: number,
  ): PrivatePipeline;
};

/** The book of a bond as the API serves it: anonymous aggregated levels, prices and quantities as decimals. */
export function bookSnapshot(books: ShardBooks, bondId: number, at: Date) {
  const book = books.bookOf(bondId)!;
  const bond = books.bondInfo(bondId);
  const level = (l: { price: number; qty: number; orders: number }) => ({
    price: ticksToPrice(l.price, bond.tickSize),
    quantity: lotsToQuantity(l.qty, bond.lotSize),
    orders: l.orders,
  });
  const last = book.lastPrice;
  return {
    bond_id: bond.code,
    isin: bond.isin,
    session: SESSION_NAMES[book.session],
    halted: book.halted,
    sequence: books.eventSequence(bondId),
    last_price: last === null ? null : ticksToPrice(last, bond.tickSize),
    bids: book.depth(Side.BUY, SNAPSHOT_DEPTH).map(level),
    asks: book.depth(Side.SELL, SNAPSHOT_DEPTH).map(level),
    updated_at: at.toISOString(),
  };
}

/** Publishes a committed batch: book snapshots and market data per changed bond, then private events. */
export class EventPublisher {
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = tradingKeys(prefix);
    redis.defineCommand('bondxPublishPrivate', { numberOfKeys: 3, lua: PUBLISH_PRIVATE });
  }

  async publish(
    books: ShardBooks,
    out: BatchOutputs,
    bonds: Iterable<number> = out.changedBooks,
  ): Promise<void> {
    const now = new Date();
    const timestamp = now.toISOString();
    const pipeline = this.redis.pipeline() as PrivatePipeline;
    for (const bondId of bonds) {
      if (!books.bookOf(bondId)) continue;
      const snapshot = bookSnapshot(books, bondId, now);
      const json = JSON.stringify(snapshot);
      pipeline.set(this.keys.bookSnapshot(bondId), json);
      pipeline.publish(
        this.keys.marketDataChannel,
        `{"type":"market_data_update","timestamp":"${timestamp}","sequence":${snapshot.sequence},"data":${json}}`,
      );
    }
    for (const m of out.messages) {
      pipeline.bondxPublishPrivate(
        this.keys.participantSequence(m.participantId),
        this.keys.participantReplay(m.participantId),
        this.keys.participantChannel(m.participantId),
        m.type,
        timestamp,
        JSON.stringify(m.data),
        REPLAY_LENGTH,
      );
    }
    await pipeline.exec();
  }
}
