import type { Request } from 'express';
import type { Redis } from 'ioredis';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { z } from 'zod';
import { replayPrivateEvents, type PrivateEventEnvelope } from '../../platform/private-events';
import type { PrivateEventFanout } from './private-event-fanout';
import { WS_AREAS } from './ws-channels';
import type { WsAuthContext } from './ws-upgrade-auth';

const clientMessage = z.discriminatedUnion('action', [
  z.object({ action: z.literal('ping') }),
  z.object({ action: z.literal('resync'), from_sequence: z.number().int().min(1) }),
  z.object({
    action: z.enum(['subscribe', 'unsubscribe']),
    channels: z.array(z.string()).min(1),
    bond_ids: z.array(z.string()).optional(),
  }),
]);

/** Closes with 4001 when the token that opened the socket expires: clients reconnect with a fresh one. */
export const WS_CLOSE_TOKEN_EXPIRED = 4001;

export interface WsSessionDeps {
  log: Logger;
  redis: Redis;
  redisPrefix: string;
  events: PrivateEventFanout;
}

export function handleWsSession(ws: WebSocket, req: Request, deps: WsSessionDeps): void {
  const { log } = deps;
  const auth = (req as unknown as { wsAuth?: WsAuthContext }).wsAuth;
  if (!auth) {
    ws.close(1011, 'unauthenticated');
    return;
  }
  // `sequence` numbers the participant's private events; control messages (connected, pong,
  // errors) carry the last one delivered and do not advance it, so a client's gap check sees only events.
  let lastEventSequence = 0;
  const subscriptions = new Set<string>();
  const known: readonly string[] = WS_AREAS[auth.area];
  const send = (type: string, data: unknown) =>
    ws.send(JSON.stringify({ type, timestamp: new Date().toISOString(), sequence: lastEventSequence, data }));
  const error = (message: string) => send('error', { message });
  // Private events of this participant on this area's channels; a resync replays them whatever the
  // subscriptions, since the client asked for exactly that range.
  const forward = (envelope: PrivateEventEnvelope, replay: boolean) => {
    if (envelope.participant_id !== auth.participantId || !known.includes(envelope.channel)) return;
    if (!replay && !subscriptions.has(envelope.channel)) return;
    lastEventSequence = Math.max(lastEventSequence, envelope.message.sequence);
    ws.send(JSON.stringify(envelope.message));
  };
  const unregister = deps.events.register({ deliver: (envelope) => forward(envelope, false) });
  ws.on('close', unregister);

  const expiry = setTimeout(
    () => ws.close(WS_CLOSE_TOKEN_EXPIRED, 'token expired'),
    Math.max(0, auth.expiresAtMs - Date.now()),
  );
  ws.on('close', () => clearTimeout(expiry));

  send('connected', {
    area: auth.area,
    participant_id: auth.participantId,
    read_only: auth.principal.participantId !== auth.participantId,
    channels: known,
  });

  ws.on('message', (raw) => {
    try {
      let json: unknown;
      try {
        json = JSON.parse(raw.toString());
      } catch {
        return error('message is not valid JSON');
      }
      const parsed = clientMessage.safeParse(json);
      if (!parsed.success)
        return error(`unknown or malformed message: ${parsed.error.issues[0]?.message ?? ''}`);
      const msg = parsed.data;
      if (msg.action === 'ping') return send('pong', {});
      if (msg.action === 'resync') {
        replayPrivateEvents(deps.redis, deps.redisPrefix, auth.participantId, msg.from_sequence).then(
          (events) => events.forEach((e) => forward(e, true)),
          (err: unknown) => {
            log.warn({ err }, 'websocket resync failed');
            error('resync is unavailable; try again');
          },
        );
        return;
      }
      const unknown = msg.channels.filter((c) => !known.includes(c));
      if (unknown.length)
        return error(`unknown channel(s) ${unknown.join(', ')}; this area has ${known.join(', ')}`);
      for (const c of msg.channels) {
        if (msg.action === 'subscribe') subscriptions.add(c);
        else subscriptions.delete(c);
      }
      send(msg.action === 'subscribe' ? 'subscribed' : 'unsubscribed', { channels: [...subscriptions] });
    } catch (err) {
      log.error({ err }, 'websocket handler failed');
      ws.close(1011, 'internal error');
    }
  });
}
