import WebSocket from 'ws';

export interface WsMessage {
  type: string;
  sequence: number;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Opens a WebSocket with a bearer token; `next(type)` waits for and takes the first message of a type. */
export function openWs(baseUrl: string, path: string, token: string) {
  const ws = new WebSocket(baseUrl.replace('http', 'ws') + path, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: WsMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (m) => {
    messages.push(JSON.parse(m.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (type: string) => {
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) {
        messages.splice(messages.indexOf(found), 1);
        return found;
      }
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { ws, next, opened: new Promise((r) => ws.once('open', r)) };
}
