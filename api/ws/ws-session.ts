import type { Request } from 'express';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { z } from 'zod';
import { WS_AREAS } from './ws-channels';
import type { WsHub, WsSubscriber } from './ws-hub';
import { wsAuthOf } from './ws-upgrade-auth';

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

/** What an area adds to (un)subscriptions (trading: bond filters, order and book snapshots). */
export interface WsSubscribeHook {
  /**
   * `bondIds` as the client gave them; `sequence` is the last private event the socket delivered.
   * Answers the public topics those ids name (only their events are then delivered), the
   * messages to send after `subscribed`, and an error naming ids it does not know.
   */
  subscribed(req: {
    action: 'subscribe' | 'unsubscribe';
    participantId: number;
    channels: readonly string[];
    bondIds: readonly string[];
    sequence: number;
  }): Promise<{ topics: string[]; messages: Array<{ type: string; data: unknown }>; error?: string }>;
}

const sequenceOf = (raw: string) => (JSON.parse(raw) as { sequence: number }).sequence;

export function handleWsSession(
  ws: WebSocket,
  req: Request,
  hub: WsHub,
  log: Logger,
  hook?: WsSubscribeHook,
): void {
  const auth = wsAuthOf(req);
  if (!auth) {
    ws.close(1011, 'unauthenticated');
    return;
  }
  // `sequence` numbers the participant's private events; control messages (connected, pong,
  // snapshots, errors) carry the last one delivered and do not advance it, so a client's gap
  // check sees only events. Private events are delivered from the moment the socket opens.
  let lastEventSequence = 0;
  const subscriptions = new Set<string>();
  /** Public topics the client narrowed its subscriptions to (bond_ids); empty means all. */
  const topics = new Set<string>();
  const known: readonly string[] = WS_AREAS[auth.area];
  const send = (type: string, data: unknown) =>
    ws.send(JSON.stringify({ type, timestamp: new Date().toISOString(), sequence: lastEventSequence, data }));
  const error = (message: string) => send('error', { message });

  // Everything sent goes through one chain per socket, so snapshots and events keep their order:
  // a live event that skips ahead (one published while this socket was connecting) first replays
  // what it skipped from Redis.
  const catchUp = async (from: number) => {
    for (const raw of await hub.bus.replay(auth.area, auth.participantId, from)) {
      const sequence = sequenceOf(raw);
      if (sequence <= lastEventSequence) continue;
      ws.send(raw);
      lastEventSequence = sequence;
    }
  };
  // A client's resync resends from its sequence on; if Redis no longer keeps the start, the
  // client is told to take a snapshot instead of getting a silent gap.
  const resync = async (from: number) => {
    const first = Math.max(from, 1);
    const entries = await hub.bus.replay(auth.area, auth.participantId, first);
    const current = await hub.bus.lastSequence(auth.area, auth.participantId);
    if (current >= first && (!entries.length || sequenceOf(entries[0]!) > first)) {
      return send('resync_unavailable', {
        from_sequence: from,
        message: 'events from that sequence are no longer kept: subscribe again for a snapshot',
      });
    }
    for (const raw of entries) {
      ws.send(raw);
      lastEventSequence = Math.max(lastEventSequence, sequenceOf(raw));
    }
  };
  const subscribe = async (action: 'subscribe' | 'unsubscribe', channels: string[], bondIds: string[]) => {
    const answer = hook
      ? await hook.subscribed({
          action,
          participantId: auth.participantId,
          channels,
          bondIds,
          sequence: lastEventSequence,
        })
      : { topics: [], messages: [] };
    if (answer.error) error(answer.error);
    for (const c of channels) {
      if (action === 'subscribe') subscriptions.add(c);
      else subscriptions.delete(c);
    }
    for (const t of answer.topics) {
      if (action === 'subscribe') topics.add(t);
      else topics.delete(t);
    }
    send(action === 'subscribe' ? 'subscribed' : 'unsubscribed', {
      channels: [...subscriptions],
      ...(topics.size ? { topics: [...topics] } : {}),
    });
    for (const m of answer.messages) send(m.type, m.data);
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
  const enqueue = (work: () => unknown) => {
    chain = chain.then(work).then(
      () => undefined,
      (err) => log.warn({ err }, 'websocket delivery failed'),
    );
  };
  const subscriber: WsSubscriber = {
    area: auth.area,
    participantId: auth.participantId,
    deliverPrivate: (sequence, raw) =>
      enqueue(async () => {
        if (sequence <= lastEventSequence) return;
        if (sequence > lastEventSequence + 1) return catchUp(lastEventSequence + 1);
        ws.send(raw);
        lastEventSequence = sequence;
      }),
    deliverPublic: (channel, topic, raw) =>
      enqueue(() => {
        if (!subscriptions.has(channel)) return;
        if (topics.size && (topic === undefined || !topics.has(topic))) return;
        ws.send(raw);
      }),
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
    const msg = readClientMessage(raw.toString());
    if (typeof msg === 'string') return enqueue(() => error(msg));
    if (msg.action === 'ping') return enqueue(() => send('pong', {}));
    if (msg.action === 'resync') return enqueue(() => resync(msg.from_sequence));
    const unknown = msg.channels.filter((c) => !known.includes(c));
    if (unknown.length) {
      return enqueue(() =>
        error(`unknown channel(s) ${unknown.join(', ')}; this area has ${known.join(', ')}`),
      );
    }
    enqueue(() => subscribe(msg.action, msg.channels, msg.bond_ids ?? []));
  });

  // Events from here on reach this socket, queued behind the chain's first step.
  hub.add(subscriber);
}
