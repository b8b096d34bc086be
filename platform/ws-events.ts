import type { ChainableCommander } from 'ioredis';
import type { Redis } from './redis';

export type WsEventArea = 'auctions' | 'trading' | 'risk';

/** How many private events per participant stay in Redis for a client's `resync`. */
export const WS_REPLAY_DEPTH = 1000;

// One round trip, atomically: the next sequence, the envelope with it, the replay log and the
// fan-out. Doing INCR and PUBLISH separately would let two producers deliver 6 before 5.
const PUBLISH_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
local msg = '{"type":' .. ARGV[2] .. ',"timestamp":' .. ARGV[3] .. ',"sequence":' .. seq .. ',"data":' .. ARGV[4] .. '}'
if KEYS[2] ~= '' then
  redis.call('ZADD', KEYS[2], seq, msg)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[6]) + 1))
end
redis.call('PUBLISH', ARGV[1], '{"target":' .. ARGV[5] .. ',"message":' .. msg .. '}')
return seq
`;

/** The script's name on the Redis client (ioredis sends it by SHA, loading it once). */
const PUBLISH_COMMAND = 'bondxWsPublish';

type ScriptArgs = [string, string, string, string, string, string, string, string];
type WithPublish<T> = T & { [PUBLISH_COMMAND](...args: ScriptArgs): T };

/** Who an event is for: one participant's private stream, or everyone subscribed to a public channel. */
export type WsTarget = { participantId: number; channel: string } | { topic: string; channel: string };

/** One event to publish. */
export interface WsEvent {
  target: WsTarget;
  type: string;
  data: unknown;
}

/** What the API's subscriber receives on the area's Redis channel. */
export interface WsDelivery {
  target: { participant_id?: number; topic?: string; channel: string };
  message: { type: string; timestamp: string; sequence: number; data: unknown };
}

/**
 * The one WebSocket event bus: every producer (API instances, the temporal, risk and matching
 * workers) publishes through it, and every API instance's WsHub delivers what it publishes.
 * Private events carry the participant's gap-free sequence (per area) and are kept for replay;
 * public ones carry a sequence per topic (e.g. per auction, per bond).
 */
export class WsEventBus {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    if (!(PUBLISH_COMMAND in redis))
      redis.defineCommand(PUBLISH_COMMAND, { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
  }

  channel(area: WsEventArea): string {
    return `${this.prefix}:ws:${area}`;
  }

  private replayKey(area: WsEventArea, participantId: number): string {
    return `${this.prefix}:ws:${area}:replay:${participantId}`;
  }

  private sequenceKey(area: WsEventArea, participantId: number): string {
    return `${this.prefix}:ws:${area}:seq:participant:${participantId}`;
  }

  private scriptArgs(area: WsEventArea, event: WsEvent, timestamp: string): ScriptArgs {
    const { target } = event;
    const isPrivate = 'participantId' in target;
    const wireTarget = isPrivate
      ? { participant_id: target.participantId, channel: target.channel }
      : { topic: target.topic, channel: target.channel };
    return [
      isPrivate
        ? this.sequenceKey(area, target.participantId)
        : `${this.prefix}:ws:${area}:seq:topic:${target.topic}`,
      isPrivate ? this.replayKey(area, target.participantId) : '',
      this.channel(area),
      JSON.stringify(event.type),
      JSON.stringify(timestamp),
      JSON.stringify(event.data),
      JSON.stringify(wireTarget),
      String(WS_REPLAY_DEPTH),
    ];
  }

  /** Publishes one event; answers its sequence. */
  async publish(area: WsEventArea, target: WsTarget, type: string, data: unknown): Promise<number> {
    const args = this.scriptArgs(area, { target, type, data }, new Date().toISOString());
    return Number(await (this.redis as WithPublish<Redis>)[PUBLISH_COMMAND](...args));
  }

  /**
   * Queues events, in order, on a pipeline of this bus's Redis client (`redis.pipeline()`), so a
   * producer sends a whole batch, with writes of its own, in one round trip. Each event's reply
   * in the pipeline's result is its sequence.
   */
  queue(pipeline: ChainableCommander, area: WsEventArea, events: Iterable<WsEvent>): ChainableCommander {
    const timestamp = new Date().toISOString();
    const p = pipeline as WithPublish<ChainableCommander>;
    for (const e of events) p[PUBLISH_COMMAND](...this.scriptArgs(area, e, timestamp));
    return pipeline;
  }

  /** A participant's private events from `fromSequence` on (as sent), oldest first. */
  async replay(area: WsEventArea, participantId: number, fromSequence: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.replayKey(area, participantId), fromSequence, '+inf');
  }

  /** The participant's last private sequence (0 before any event). */
  async lastSequence(area: WsEventArea, participantId: number): Promise<number> {
    return Number((await this.redis.get(this.sequenceKey(area, participantId))) ?? 0);
  }
}

/** The spec's `AUCTION_UPDATE` envelope on /api/v1/auctions/ws: `data.action` says what happened. */
export class AuctionUpdates {
  constructor(private readonly bus: WsEventBus) {}

  /** For everyone watching the auction (channel `auctions`): state, public best bid, rounds, clock. */
  toAll(auctionId: number, data: Record<string, unknown>): Promise<number> {
    return this.bus.publish(
      'auctions',
      { topic: `auction-${auctionId}`, channel: 'auctions' },
      'AUCTION_UPDATE',
      { auction_id: auctionId, ...data },
    );
  }

  /** For one participant only: its bids (channel `bids`), allocations and settlement (`allocations`). */
  toParticipant(
    participantId: number,
    channel: 'bids' | 'allocations',
    auctionId: number,
    data: Record<string, unknown>,
  ): Promise<number> {
    return this.bus.publish('auctions', { participantId, channel }, 'AUCTION_UPDATE', {
      auction_id: auctionId,
      participant_id: participantId,
      ...data,
    });
  }
}
