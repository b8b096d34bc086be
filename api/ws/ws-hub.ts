import type { Logger } from 'pino';
import type { Redis } from '../../platform/redis';
import type { WsDelivery, WsEventArea, WsEventBus } from '../../platform/ws-events';
import type { WsArea } from './ws-channels';

/** What the hub needs of an open socket. */
export interface WsSubscriber {
  area: WsArea;
  participantId: number;
  /** A private event for this participant: the session keeps the sequence gap-free. */
  deliverPrivate(sequence: number, raw: string): void;
  /** A public event on `channel` about `topic`, sent only if the client subscribed to it. */
  deliverPublic(channel: string, topic: string | undefined, raw: string): void;
}

const AREAS: WsEventArea[] = ['auctions', 'trading', 'risk'];

/**
 * Fans events from Redis out to this API instance's sockets. Every producer (API instances,
 * workers) publishes through WsEventBus; each instance subscribes once per area.
 */
export class WsHub {
  private readonly subscribers = new Set<WsSubscriber>();
  private subscribed = false;

  constructor(
    private readonly subscriber: Redis,
    readonly bus: WsEventBus,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.subscriber.connect();
    this.subscriber.on('message', (channel: string, payload: string) => this.dispatch(channel, payload));
    await this.subscriber.subscribe(...AREAS.map((a) => this.bus.channel(a)));
    this.subscribed = true;
  }

  add(s: WsSubscriber): void {
    this.subscribers.add(s);
  }

  remove(s: WsSubscriber): void {
    this.subscribers.delete(s);
  }

  /** For `GET /api/v1/auctions/websocket/status`: this instance's sockets by area. */
  status() {
    const connections: Record<string, number> = { auctions: 0, trading: 0, risk: 0 };
    const participants = new Set<number>();
    for (const s of this.subscribers) {
      connections[s.area] = (connections[s.area] ?? 0) + 1;
      if (s.area === 'auctions') participants.add(s.participantId);
    }
    return {
      event_feed: this.subscribed && this.subscriber.status === 'ready' ? 'UP' : 'DOWN',
      connections,
      auction_participants_connected: participants.size,
    };
  }

  private dispatch(channel: string, payload: string): void {
    const area = AREAS.find((a) => this.bus.channel(a) === channel);
    if (!area) return;
    let delivery: WsDelivery;
    try {
      delivery = JSON.parse(payload) as WsDelivery;
    } catch (err) {
      this.log.warn({ err, channel }, 'unreadable websocket event');
      return;
    }
    const raw = JSON.stringify(delivery.message);
    for (const s of this.subscribers) {
      if (s.area !== area) continue;
      if (delivery.target.participant_id !== undefined) {
        if (s.participantId === delivery.target.participant_id)
          s.deliverPrivate(delivery.message.sequence, raw);
      } else {
        s.deliverPublic(delivery.target.channel, delivery.target.topic, raw);
      }
    }
  }

  async stop(): Promise<void> {
    this.subscribers.clear();
    this.subscriber.disconnect();
  }
}
