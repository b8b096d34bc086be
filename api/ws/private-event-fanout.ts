import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { privateEventKeys, type PrivateEventEnvelope } from '../../platform/private-events';

/** An open socket that takes private events (it filters by participant and channel itself). */
export interface PrivateEventSink {
  deliver(envelope: PrivateEventEnvelope): void;
}

/**
 * One Redis subscription per API instance: every private event published by any process (the risk
 * worker's limit alerts, later trading and auctions) reaches every open socket of this instance.
 */
export class PrivateEventFanout {
  private readonly sinks = new Set<PrivateEventSink>();

  constructor(
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (_channel: string, text: string) => {
      let envelope: PrivateEventEnvelope;
      try {
        envelope = JSON.parse(text) as PrivateEventEnvelope;
      } catch (err) {
        this.log.warn({ err }, 'unreadable private event');
        return;
      }
      for (const sink of this.sinks) sink.deliver(envelope);
    });
    await this.subscriber.subscribe(privateEventKeys(this.prefix).pubsub);
  }

  /** Returns the unregister function. */
  register(sink: PrivateEventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
