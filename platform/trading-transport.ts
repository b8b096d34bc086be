import type { Redis } from 'ioredis';

/**
 * The Redis names shared by the API (producer, reader) and the matching worker (consumer,
 * publisher). Redis is only the transport: PostgreSQL holds every command and result.
 */
export const MATCHING_GROUP = 'matching';

/** Levels per side in a published book snapshot; the API serves `depth` up to this. */
export const SNAPSHOT_DEPTH = 50;

export const shardOfBond = (bondId: number, shards: number) => bondId % shards;

export const tradingKeys = (prefix: string) => ({
  /** Command ids of one shard's bonds, in the order the API committed them. */
  commandStream: (shard: number) => `${prefix}:trading:commands:${shard}`,
  /** Hash of bond id -> the last event sequence whose messages were published (recovery re-publishes after it). */
  publishedEvents: `${prefix}:trading:published-events`,
  /** The latest book snapshot of a bond (JSON), written after each commit that changed it. */
  bookSnapshot: (bondId: number) => `${prefix}:trading:book:${bondId}`,
});

/** The WebSocket bus topic of a bond's conflated market data (channel `market_data`). */
export const marketDataTopic = (bondId: number) => `bond-${bondId}`;

/** Bounds each command stream; entries are acknowledged within a group commit, so this is slack. */
const STREAM_MAX_LEN = 1_000_000;

/**
 * Hands committed commands to their shards' streams. Called only after the commit: a command
 * that never reaches Redis (crash, Redis down) is re-driven from PostgreSQL by the worker. Plain
 * calls rather than a pipeline of their own: on an auto-pipelining client (the API's) the entries
 * of every order answered in one event-loop turn go in one write, still in call order.
 */
export async function publishCommands(
  redis: Redis,
  prefix: string,
  shards: number,
  commands: ReadonlyArray<{ id: string; bondId: number }>,
): Promise<void> {
  const keys = tradingKeys(prefix);
  await Promise.all(
    commands.map((c) =>
      redis.xadd(
        keys.commandStream(shardOfBond(c.bondId, shards)),
        'MAXLEN',
        '~',
        STREAM_MAX_LEN,
        '*',
        'c',
        c.id,
      ),
    ),
  );
}
