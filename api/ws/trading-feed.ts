import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createRedis, type Redis } from '../../platform/redis';
import { tradingKeys } from '../../platform/trading-transport';
import type { AppDeps } from '../app-deps';
import { readBookSnapshot } from '../areas/trading/book-snapshot';
import { ORDER_SELECT, orderJson, type OrderRow } from '../areas/trading/order-rows';
import { findTradingBond } from '../areas/trading/trading-context';
import { OPEN_ORDER_STATUSES } from '../../domain/trading';
import type { WsFeed, WsFeedClient } from './ws-feed';

type Listener = (message: string) => void;

/**
 * The trading WebSocket's producer in one API instance: a single Redis subscription to every
 * participant's channel and the market-data channel, fanned out to the sockets of this instance.
 * The matching worker publishes only after its commit, with the per-participant sequence.
 */
export class TradingFeed implements WsFeed {
  private readonly keys;
  private readonly participants = new Map<number, Set<Listener>>();
  private readonly marketData = new Set<(message: string, bondIds: string[]) => void>();

  private constructor(
    private readonly sub: Redis,
    private readonly deps: Pick<AppDeps, 'redis' | 'pg' | 'config'>,
    log: Logger,
  ) {
    this.keys = tradingKeys(deps.config.redisPrefix);
    sub.on('pmessage', (_pattern, channel: string, message: string) => {
      const id = Number(channel.slice(channel.lastIndexOf(':') + 1));
      this.participants.get(id)?.forEach((l) => l(message));
    });
    sub.on('message', (_channel, message: string) => {
      if (!this.marketData.size) return;
      try {
        const data = (JSON.parse(message) as { data: { bond_id: string; isin: string } }).data;
        this.marketData.forEach((l) => l(message, [data.bond_id, data.isin]));
      } catch (err) {
        log.warn({ err }, 'unreadable market data message');
      }
    });
  }

  static async start(deps: Pick<AppDeps, 'redis' | 'pg' | 'config' | 'log'>): Promise<TradingFeed> {
    const sub = createRedis(deps.config.redisUrl, 'blocking', 'bondx-api-trading-feed');
    await sub.connect();
    const feed = new TradingFeed(sub, deps, deps.log);
    await sub.psubscribe(feed.keys.participantChannelPattern);
    await sub.subscribe(feed.keys.marketDataChannel);
    return feed;
  }

  stop(): void {
    this.sub.disconnect();
  }

  attach(client: WsFeedClient): () => void {
    const own: Listener = (message) => {
      const sequence = Number(/"sequence":(\d+)/.exec(message)?.[1] ?? 0);
      client.sendEvent(message, sequence);
    };
    const md = (message: string, bondIds: string[]) => client.sendMarketData(message, bondIds);
    let set = this.participants.get(client.participantId);
    if (!set) this.participants.set(client.participantId, (set = new Set()));
    set.add(own);
    this.marketData.add(md);
    return () => {
      set.delete(own);
      if (!set.size) this.participants.delete(client.participantId);
      this.marketData.delete(md);
    };
  }

  async subscribed(
    client: WsFeedClient,
    channels: readonly string[],
    bondIds: readonly string[],
  ): Promise<void> {
    if (channels.includes('orders')) {
      // The sequence is read first: events after it may repeat what the snapshot shows, never miss.
      const sequence = Number(
        (await this.deps.redis.get(this.keys.participantSequence(client.participantId))) ?? 0,
      );
      const orders = await openOrders(this.deps.pg, client.participantId);
      client.send('orders_snapshot', { sequence, orders: orders.map(orderJson) });
    }
    if (channels.includes('market_data')) {
      for (const bondId of bondIds) {
        const bond = await findTradingBond(this.deps.pg, bondId).catch(() => null);
        if (!bond) client.send('error', { message: `unknown bond ${bondId}` });
        else client.send('market_data_snapshot', await readBookSnapshot(this.deps as AppDeps, bond));
      }
    }
  }

  async resync(client: WsFeedClient, fromSequence: number): Promise<void> {
    const key = this.keys.participantReplay(client.participantId);
    const entries = (await this.deps.redis.xrange(key, `${fromSequence + 1}-0`, '+')) as Array<
      [string, string[]]
    >;
    const first = entries[0] ? Number(entries[0][0].split('-')[0]) : null;
    const current = Number(
      (await this.deps.redis.get(this.keys.participantSequence(client.participantId))) ?? 0,
    );
    if (current > fromSequence && (first === null || first > fromSequence + 1)) {
      client.send('resync_unavailable', {
        from_sequence: fromSequence,
        message: 'events after that sequence are no longer kept: subscribe to orders again for a snapshot',
      });
      return;
    }
    for (const [id, fields] of entries) client.sendEvent(fields[1]!, Number(id.split('-')[0]));
  }
}

async function openOrders(pg: Pool, participantId: number): Promise<OrderRow[]> {
  const r = await pg.query<OrderRow>(
    `${ORDER_SELECT} where o.participant_id = $1 and o.status = any($2::order_status[]) order by o.engine_id`,
    [participantId, OPEN_ORDER_STATUSES],
  );
  return r.rows;
}
