import WebSocket from 'ws';
import type { Logger } from 'pino';
import type { ApiClient } from './api-client';

/**
 * Listens on the participant's trading WebSocket, the same feed any member's screen reads, and
 * calls `onFill(bondCode)` for every trade of the participant. Reconnects after a drop; a fill missed
 * while disconnected is still seen by the next cycle, which reads inventory from the API.
 */
export class FillListener {
  private ws: WebSocket | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly log: Logger,
    private readonly onFill: (bondCode: string, orderId: string) => void,
  ) {}

  async start(): Promise<void> {
    const token = await this.api.accessToken();
    const url = `${this.api.baseUrl.replace(/^http/, 'ws')}/api/v1/trading/ws/${this.api.participantId}`;
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    this.ws = ws;
    ws.on('message', (raw) => {
      try {
        const m = JSON.parse(raw.toString()) as {
          type: string;
          data?: { bond_id?: string; order_id?: string };
        };
        if (m.type === 'trade' && m.data?.bond_id) this.onFill(m.data.bond_id, m.data.order_id ?? '');
      } catch (err) {
        this.log.warn({ err }, 'unreadable trading WebSocket message');
      }
    });
    ws.on('error', (err) => this.log.warn({ err }, 'trading WebSocket error'));
    ws.on('close', () => {
      if (this.stopped) return;
      // The token may have expired (the server closes with 4001): reconnect with a fresh one.
      this.retry = setTimeout(
        () => void this.start().catch((err) => this.log.warn({ err }, 'reconnect failed')),
        1000,
      );
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close();
  }
}
