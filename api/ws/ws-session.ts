import type { Request } from 'express';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { z } from 'zod';
import { WS_AREAS } from './ws-channels';
import type { WsHub, WsSubscriber } from './ws-hub';
import type { WsAuthContext } from './ws-upgrade-auth';

/** What a client may send on any WebSocket area. */
const clientMessage = z.discriminatedUnion('action', [
  z.object({ action: z.literal('ping') }),
  z.object({
    action: z.enum(['subscribe', 'unsubscribe']),
    channels: z.array(z.string()).min(1),
    bond_ids: z.array(z.string()).optional(),
  }),
  z.object({ action: z.literal('resync'), from_sequence: z.number().int().min(0) }),
]);

/** A client's message, or what is wrong with it (sent back as an `error`). */
export function readClientMessage(text: string): z.infer<typeof clientMessage> | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'message is not valid JSON';
  }
  const parsed = clientMessage.safeParse(json);
  return parsed.success
    ? parsed.data
    : `unknown or malformed message: ${parsed.error.issues[0]?.message ?? ''}`;
}

/** Closes with 4001 when the token that opened the socket expires: clients reconnect with a fresh one. */
export const WS_CLOSE_TOKEN_EXPIRED = 4001;

export function handleWsSession(ws: WebSocket, req: Request, hub: WsHub, log: Logger): void {
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

  // Private events are sent in order, one chain per socket: a live event that skips ahead (one
  // published while this socket was connecting) first replays what it skipped from Redis.
  const replay = async (from: number, onlyNew: boolean) => {
    for (const raw of await hub.bus.replay(auth.area, auth.participantId, from)) {
      const sequence = (JSON.parse(raw) as { sequence: number }).sequence;
      if (onlyNew && sequence <= lastEventSequence) continue;
      ws.send(raw);
      lastEventSequence = Math.max(lastEventSequence, sequence);
    }
  };
  // The chain starts by reading where the participant's sequence stands, so no event is judged
  // against a sequence the socket does not know yet.
  let chain = hub.bus.lastSequence(auth.area, auth.participantId).then((last) => {
    lastEventSequence = last;
    send('connected', {
      area: auth.area,
      participant_id: auth.participantId,
      read_only: auth.principal.participantId !== auth.participantId,
      channels: known,
    });
  });
  chain = chain.catch((err) => {
    log.warn({ err }, 'websocket sequence unavailable');
    ws.close(1011, 'event feed unavailable');
  });
  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((err) => log.warn({ err }, 'websocket delivery failed'));
  };
  const subscriber: WsSubscriber = {
    area: auth.area,
    participantId: auth.participantId,
    deliverPrivate: (sequence, raw) =>
      enqueue(async () => {
        if (sequence <= lastEventSequence) return;
        if (sequence > lastEventSequence + 1) return replay(lastEventSequence + 1, true);
        ws.send(raw);
        lastEventSequence = sequence;
      }),
    deliverPublic: (channel, raw) => {
      if (subscriptions.has(channel)) ws.send(raw);
    },
  };

  const expiry = setTimeout(
    () => ws.close(WS_CLOSE_TOKEN_EXPIRED, 'token expired'),
    Math.max(0, auth.expiresAtMs - Date.now()),
  );
  ws.on('close', () => {
    clearTimeout(expiry);
    hub.remove(subscriber);
  });

  ws.on('message', (raw) => {
    try {
      const msg = readClientMessage(raw.toString());
      if (typeof msg === 'string') return error(msg);
      if (msg.action === 'ping') return send('pong', {});
      if (msg.action === 'resync') {
        return enqueue(() => replay(msg.from_sequence, false));
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

  // Events from here on reach this socket, queued behind the chain's first step.
  hub.add(subscriber);
}
