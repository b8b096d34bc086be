import type { Request } from 'express';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { WS_AREAS, type WsArea } from './ws-channels';
import type { WsFeed, WsFeedClient } from './ws-feed';
import type { WsAuthContext } from './ws-upgrade-auth';
import { readClientMessage, WS_CLOSE_TOKEN_EXPIRED } from './ws-session';

/** The channel a market-data envelope belongs to (private events are always delivered). */
const MARKET_DATA_CHANNEL = 'market_data';

/**
 * A socket of an area whose producer keeps its own sequence and replay (trading: the matching
 * worker numbers events in its commit). Areas on the shared WsEventBus use ws-session.ts.
 */
export function handleFeedSession(
  ws: WebSocket,
  req: Request,
  log: Logger,
  feeds: Partial<Record<WsArea, WsFeed>> = {},
): void {
  const auth = (req as unknown as { wsAuth?: WsAuthContext }).wsAuth;
  if (!auth) {
    ws.close(1011, 'unauthenticated');
    return;
  }
  // `sequence` numbers the participant's private events, which are delivered from the moment the
  // socket opens so a client's gap check sees every one; control messages (connected, pong,
  // snapshots, errors) carry the last one delivered and do not advance it.
  let lastEventSequence = 0;
  const subscriptions = new Set<string>();
  const bondFilter = new Set<string>();
  const known: readonly string[] = WS_AREAS[auth.area];
  const send = (type: string, data: unknown) =>
    ws.send(JSON.stringify({ type, timestamp: new Date().toISOString(), sequence: lastEventSequence, data }));
  const error = (message: string) => send('error', { message });
  const failed = (err: unknown) => {
    log.error({ err }, 'websocket handler failed');
    ws.close(1011, 'internal error');
  };

  const feed = feeds[auth.area];
  const client: WsFeedClient = {
    participantId: auth.participantId,
    sendEvent(envelope, sequence) {
      if (sequence <= lastEventSequence && sequence !== 0) return;
      lastEventSequence = sequence;
      ws.send(envelope);
    },
    sendMarketData(envelope, bondIds) {
      if (!subscriptions.has(MARKET_DATA_CHANNEL)) return;
      if (bondFilter.size && !bondIds.some((b) => bondFilter.has(b.toUpperCase()))) return;
      ws.send(envelope);
    },
    send,
  };
  const detach = feed?.attach(client);

  const expiry = setTimeout(
    () => ws.close(WS_CLOSE_TOKEN_EXPIRED, 'token expired'),
    Math.max(0, auth.expiresAtMs - Date.now()),
  );
  ws.on('close', () => {
    clearTimeout(expiry);
    detach?.();
  });

  send('connected', {
    area: auth.area,
    participant_id: auth.participantId,
    read_only: auth.principal.participantId !== auth.participantId,
    channels: known,
  });

  ws.on('message', (raw) => {
    try {
      const msg = readClientMessage(raw.toString());
      if (typeof msg === 'string') return error(msg);
      if (msg.action === 'ping') return send('pong', {});
      if (msg.action === 'resync') {
        if (!feed) return error('this area has no events to resync');
        feed.resync(client, msg.from_sequence).catch(failed);
        return;
      }
      const unknown = msg.channels.filter((c) => !known.includes(c));
      if (unknown.length)
        return error(`unknown channel(s) ${unknown.join(', ')}; this area has ${known.join(', ')}`);
      for (const c of msg.channels) {
        if (msg.action === 'subscribe') subscriptions.add(c);
        else subscriptions.delete(c);
      }
      const bondIds = (msg.bond_ids ?? []).map((b) => b.toUpperCase());
      if (msg.action === 'subscribe') bondIds.forEach((b) => bondFilter.add(b));
      else bondIds.forEach((b) => bondFilter.delete(b));
      send(msg.action === 'subscribe' ? 'subscribed' : 'unsubscribed', {
        channels: [...subscriptions],
        bond_ids: [...bondFilter],
      });
      if (msg.action === 'subscribe' && feed) feed.subscribed(client, msg.channels, bondIds).catch(failed);
    } catch (err) {
      failed(err);
    }
  });
}
