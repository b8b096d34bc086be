/** What an area's producer can do with one open socket. */
export interface WsFeedClient {
  participantId: number;
  /** A private event, already an envelope carrying its per-participant sequence. */
  sendEvent(envelope: string, sequence: number): void;
  /** Market data for one bond; delivered only if the client subscribed to it. */
  sendMarketData(envelope: string, bondIds: readonly string[]): void;
  /** A message in the envelope that does not advance the sequence (snapshots, errors). */
  send(type: string, data: unknown): void;
}

/**
 * The live side of a WebSocket area: attaches a socket to its events, answers subscriptions with
 * snapshots and a resync with the events after a sequence. Areas without one only answer pings.
 */
export interface WsFeed {
  attach(client: WsFeedClient): () => void;
  subscribed(client: WsFeedClient, channels: readonly string[], bondIds: readonly string[]): Promise<void>;
  resync(client: WsFeedClient, fromSequence: number): Promise<void>;
}
