import WebSocket from 'ws';

export interface WsMessage {
  type: string;
  timestamp: string;
  sequence: number;
  data: Record<string, unknown> & { [key: string]: unknown };
}

/** A client of the trading WebSocket that keeps every message and can wait for one. */
export function openTradingWs(baseUrl: string, participantId: number, token: string) {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/trading/ws/${participantId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: WsMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (m) => {
    messages.push(JSON.parse(m.toString()) as WsMessage);
    waiters.splice(0).forEach((w) => w());
  });
  /** The first message (not yet taken) of `type` that satisfies `match`; fails after `timeoutMs`. */
  const next = async (type: string, match: (m: WsMessage) => boolean = () => true, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((m) => m.type === type && match(m));
      if (found) {
        messages.splice(messages.indexOf(found), 1);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no ${type} message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  };
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, next, opened, send: (msg: unknown) => ws.send(JSON.stringify(msg)) };
}
