import type { Redis } from 'ioredis';

/** A participant's private WebSocket event, as CONVENTIONS.md frames it. */
export interface PrivateEventMessage {
  readonly type: string;
  readonly timestamp: string;
  /** Per participant, gap-free across API instances: one Redis counter numbers every event. */
  readonly sequence: number;
  readonly data: unknown;
}

/** What travels on the pub/sub channel: whose stream, which WebSocket channel, the message. */
export interface PrivateEventEnvelope {
  readonly participant_id: number;
  readonly channel: string;
  readonly message: PrivateEventMessage;
}

/** How many recent events a participant can resync from. */
export const PRIVATE_EVENT_REPLAY_SIZE = 1000;

export const privateEventKeys = (prefix: string, participantId?: number) => ({
  pubsub: `${prefix}:ws:private-events`,
  sequence: `${prefix}:ws:sequence:${participantId}`,
  replay: `${prefix}:ws:replay:${participantId}`,
});

/**
 * Numbers, keeps for replay and publishes one private event. The number and the replay entry are
 * written in one MULTI so a reader never sees a sequence without its event.
 */
export async function publishPrivateEvent(
  redis: Redis,
  prefix: string,
  participantId: number,
  channel: string,
  type: string,
  data: unknown,
): Promise<PrivateEventMessage> {
  const keys = privateEventKeys(prefix, participantId);
  const sequence = await redis.incr(keys.sequence);
  const message: PrivateEventMessage = { type, timestamp: new Date().toISOString(), sequence, data };
  const envelope: PrivateEventEnvelope = { participant_id: participantId, channel, message };
  const text = JSON.stringify(envelope);
  await redis
    .multi()
    .zadd(keys.replay, sequence, text)
    .zremrangebyrank(keys.replay, 0, -PRIVATE_EVENT_REPLAY_SIZE - 1)
    .publish(keys.pubsub, text)
    .exec();
  return message;
}

/** The kept events of a participant from `fromSequence` on, oldest first. */
export async function replayPrivateEvents(
  redis: Redis,
  prefix: string,
  participantId: number,
  fromSequence: number,
): Promise<PrivateEventEnvelope[]> {
  const rows = await redis.zrangebyscore(
    privateEventKeys(prefix, participantId).replay,
    fromSequence,
    '+inf',
  );
  return rows.map((r) => JSON.parse(r) as PrivateEventEnvelope);
}
