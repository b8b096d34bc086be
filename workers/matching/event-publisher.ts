import type { ChainableCommander, Redis } from 'ioredis';
import { SESSION_NAMES, Side, lotsToQuantity, ticksToPrice } from '../../domain/trading';
import { SNAPSHOT_DEPTH, marketDataTopic, tradingKeys } from '../../platform/trading-transport';
import { WsEventBus, type WsEvent } from '../../platform/ws-events';
import type { BatchOutputs, ParticipantMessage } from './batch-outputs';
import type { ShardBooks } from './shard-books';

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

/**
 * Publishes a committed batch on the WebSocket bus in one pipeline: each changed bond's snapshot
 * (stored for the API's reads, and as a conflated `market_data_update` on the bond's topic), then
 * the private events, which get their per-participant sequence from the bus.
 */
export class EventPublisher {
  private readonly keys;
  private readonly bus: WsEventBus;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = tradingKeys(prefix);
    this.bus = new WsEventBus(redis, prefix);
  }

  async publish(
    books: ShardBooks,
    out: BatchOutputs,
    bonds: Iterable<number> = out.changedBooks,
  ): Promise<void> {
    const now = new Date();
    const pipeline = this.redis.pipeline();
    const events: WsEvent[] = [];
    for (const bondId of bonds) {
      if (!books.bookOf(bondId)) continue;
      const snapshot = bookSnapshot(books, bondId, now);
      pipeline.set(this.keys.bookSnapshot(bondId), JSON.stringify(snapshot));
      events.push({
        target: { topic: marketDataTopic(bondId), channel: 'market_data' },
        type: 'market_data_update',
        data: snapshot,
      });
    }
    const published = new Map<number, number>();
    for (const e of out.events) published.set(e.bondId, e.sequence);
    await this.send(pipeline, events, out.messages, published);
  }

  /** The published watermark per bond, or null when Redis has none at all (it lost its data). */
  async watermarks(): Promise<Map<number, number> | null> {
    const all = await this.redis.hgetall(this.keys.publishedEvents);
    const entries = Object.entries(all);
    return entries.length ? new Map(entries.map(([b, s]) => [Number(b), Number(s)])) : null;
  }

  /** Recovery: messages committed but not published, then the bonds' watermarks moved to `upTo`. */
  async republish(messages: ParticipantMessage[], upTo: Map<number, number>): Promise<void> {
    await this.send(this.redis.pipeline(), [], messages, upTo);
  }

  // The watermark moves in the same pipeline, after the events: Redis runs them in order, so a
  // crash of this process after sending cannot separate them.
  private async send(
    pipeline: ChainableCommander,
    events: WsEvent[],
    messages: ParticipantMessage[],
    published: Map<number, number>,
  ): Promise<void> {
    for (const m of messages) {
      events.push({
        target: { participantId: m.participantId, channel: m.type === 'trade' ? 'trades' : 'orders' },
        type: m.type,
        data: m.data,
      });
    }
    this.bus.queue(pipeline, 'trading', events);
    if (published.size) pipeline.hset(this.keys.publishedEvents, Object.fromEntries(published));
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }
}
