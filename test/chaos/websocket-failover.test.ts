import { execFileSync } from 'node:child_process';
import WebSocket from 'ws';
import { freePort } from '../support/free-port';
import { startChaosStack, type ChaosProcess, type ChaosStack } from './support/chaos-stack';
import { apiCall, sleep, until } from './support/drill-http';

// 500 trading WebSocket clients of seven members, half on each of two API instances, while orders
// make private events. One instance is killed (-9): its clients reconnect to the survivor and ask
// for a resync from their last sequence. Every client must end with every event of its member
// from the moment it first connected, without a gap, and nothing of any other member.
const CLIENTS = 500;
const TRADERS = [
  'trader1@bondx.local',
  'trader2@bondx.local',
  'pd1@bondx.local',
  'broker1@bondx.local',
  'fund1@bondx.local',
  'insurer1@bondx.local',
  'fpi1@bondx.local',
];
const EVENT_TYPES = new Set(['order_update', 'trade']);

interface Member {
  participantId: number;
  token: string;
}

/** A client that keeps every sequence it saw, reconnects where it is told, and resyncs after a gap. */
class DrillClient {
  start = -1;
  last = 0;
  readonly seen = new Set<number>();
  readonly foreign: string[] = [];
  readonly refused: string[] = [];
  reconnects = 0;
  /** Resyncs asked for: events were missed while reconnecting, or a gap was seen. */
  resyncs = 0;
  ready!: Promise<void>;
  private ws!: WebSocket;
  private stopping = false;

  get participantId(): number {
    return this.member.participantId;
  }

  constructor(
    readonly member: Member,
    private url: string,
    private readonly fallbackUrl: () => string,
  ) {}

  connect(): void {
    this.ws = new WebSocket(
      `${this.url.replace('http', 'ws')}/api/v1/trading/ws/${this.member.participantId}`,
      {
        headers: { authorization: `Bearer ${this.member.token}` },
      },
    );
    this.ready = new Promise((resolve) => {
      this.ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as {
          type: string;
          sequence: number;
          data: Record<string, unknown>;
        };
        if (m.type === 'connected') {
          if (this.start < 0) this.start = this.last = m.sequence;
          else if (m.sequence > this.last) this.resync();
          resolve();
        } else if (EVENT_TYPES.has(m.type)) this.event(m);
        else if (m.type === 'resync_unavailable' || m.type === 'error') this.refused.push(JSON.stringify(m));
      });
    });
    this.ws.on('error', () => undefined);
    this.ws.on('close', () => {
      if (this.stopping) return;
      this.reconnects++;
      this.url = this.fallbackUrl();
      // Spread out, as real clients back off: events go on meanwhile, to be resynced.
      setTimeout(() => this.connect(), 300 + Math.random() * 1200);
    });
  }

  private event(m: { sequence: number; data: Record<string, unknown> }): void {
    const owner = m.data.participant_id;
    const cid = String(m.data.client_order_id ?? '');
    if (
      (owner !== undefined && owner !== this.member.participantId) ||
      !cid.startsWith(`ws-${this.member.participantId}-`)
    )
      this.foreign.push(JSON.stringify(m));
    this.seen.add(m.sequence);
    const gap = m.sequence > this.last + 1;
    while (this.seen.has(this.last + 1)) this.last++;
    if (gap && this.last < m.sequence) this.resync();
  }

  private resync(): void {
    this.resyncs++;
    this.ws.send(JSON.stringify({ action: 'resync', from_sequence: this.last + 1 }));
  }

  /** Sequences after its first connection up to `upTo` that it never received. */
  missing(upTo: number): number[] {
    const out: number[] = [];
    for (let s = this.start + 1; s <= upTo; s++) if (!this.seen.has(s)) out.push(s);
    return out;
  }

  close(): void {
    this.stopping = true;
    this.ws.terminate();
  }
}

let stack: ChaosStack;
let apiA: ChaosProcess;
let apiBUrl: string;
beforeAll(async () => {
  stack = await startChaosStack();
  const portB = await freePort();
  apiBUrl = `http://127.0.0.1:${portB}`;
  [apiA] = await Promise.all([
    stack.start('api'),
    stack.start('api', { BONDX_PORT: String(portB) }),
    stack.start('matching-worker'),
  ]);
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

describe('an API instance dies under 500 WebSocket clients', () => {
  test('then its clients resume on the survivor from their last sequence, gap-free and private', async () => {
    const ids = await stack.query<{ username: string; participant_id: number }>(
      `select username, participant_id from users where username = any($1)`,
      [TRADERS],
    );
    const members: Member[] = [];
    for (const username of TRADERS)
      members.push({
        participantId: ids.find((r) => r.username === username)!.participant_id,
        token: await stack.login(username),
      });
    const clients = Array.from(
      { length: CLIENTS },
      (_, i) => new DrillClient(members[i % members.length]!, i % 2 ? apiBUrl : stack.apiUrl, () => apiBUrl),
    );
    clients.forEach((c) => c.connect());
    await Promise.all(clients.map((c) => c.ready));

    // Each member enters orders through the survivor-to-be, one at a time, until told to stop.
    // The members' last private sequence, where the event bus keeps it.
    const lastSequence = (m: Member) =>
      Number(
        execFileSync(
          'redis-cli',
          [
            '-p',
            String(stack.redis.port),
            'get',
            `${stack.env.BONDX_REDIS_PREFIX}:ws:trading:seq:participant:${m.participantId}`,
          ],
          { encoding: 'utf8' },
        ).trim(),
      );
    let entering = true;
    let acknowledged = 0;
    const entry = members.map(async (m) => {
      for (let n = 0; entering; n++) {
        const res = await apiCall(apiBUrl, m.token, 'POST', '/api/v1/trading/orders', {
          bond_id: 'BOND_005',
          side: 'BUY',
          order_type: 'LIMIT',
          time_in_force: 'GTC',
          quantity: 10000,
          price: '75.00',
          client_order_id: `ws-${m.participantId}-${n}`,
        });
        expect(res.status).toBe(201);
        acknowledged++;
        await sleep(100);
      }
    });
    await sleep(3000);
    const atKill = new Map(members.map((m) => [m.participantId, lastSequence(m)]));
    await apiA.kill('SIGKILL');
    await sleep(6000);
    entering = false;
    await Promise.all(entry);

    const finalSeq = new Map(members.map((m) => [m.participantId, lastSequence(m)]));
    const upTo = (c: DrillClient) => finalSeq.get(c.participantId)!;
    await until(
      'every client has every event of its member',
      async () => clients.every((c) => c.missing(upTo(c)).length === 0),
      30_000,
      () =>
        JSON.stringify(
          clients
            .filter((c) => c.missing(upTo(c)).length)
            .slice(0, 5)
            .map((c) => ({
              participant: c.participantId,
              start: c.start,
              last: c.last,
              missing: c.missing(upTo(c)).slice(0, 10),
            })),
        ),
    );
    clients.forEach((c) => c.close());
    const moved = clients.filter((_, i) => i % 2 === 0);
    console.log(
      JSON.stringify({
        drill: 'websocket failover',
        clients: CLIENTS,
        orders: acknowledged,
        events_per_member: Object.fromEntries(finalSeq),
        reconnected: moved.filter((c) => c.reconnects > 0).length,
        resynced: clients.filter((c) => c.resyncs > 0).length,
        events_received: clients.reduce((n, c) => n + c.seen.size, 0),
      }),
    );
    expect(moved.every((c) => c.reconnects === 1)).toBe(true);
    // Most moved clients missed events while away and got them by resync.
    expect(moved.filter((c) => c.resyncs > 0).length).toBeGreaterThan(moved.length / 2);
    expect(clients.filter((_, i) => i % 2 === 1).every((c) => c.reconnects === 0)).toBe(true);
    // Every member had events before and after the kill.
    for (const m of members) {
      expect(atKill.get(m.participantId)).toBeGreaterThan(0);
      expect(finalSeq.get(m.participantId)).toBeGreaterThan(atKill.get(m.participantId)! + 5);
    }
    expect(clients.flatMap((c) => c.foreign)).toEqual([]);
    expect(clients.flatMap((c) => c.refused)).toEqual([]);
  }, 240_000);
});
