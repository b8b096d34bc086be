import WebSocket from 'ws';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { openWs } from '../../support/ws-client';

let api: TestApi;
let trader: string;
let ops: string;
beforeAll(async () => {
  api = await startTestApi();
  trader = await api.login('trader1@bondx.local');
  ops = await api.login('ops@bondx.local');
});
afterAll(() => api.stop());

const wsUrl = (path: string) => api.url.replace('http', 'ws') + path;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(path), { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', (err) => (err.message.includes('Unexpected server response') ? undefined : reject(err)));
  });
}

const open = (path: string, token: string) => openWs(api.url, path, token);

describe('WebSocket upgrades', () => {
  test('when no token is given, then the upgrade is refused with 401', async () => {
    expect(await upgradeStatus('/api/v1/trading/ws/2')).toBe(401);
  });

  test('when the token is garbage, then 401', async () => {
    expect(await upgradeStatus('/api/v1/trading/ws/2', { authorization: 'Bearer not.a.token' })).toBe(401);
  });

  test("when a member opens another participant's stream, then 403", async () => {
    expect(await upgradeStatus('/api/v1/trading/ws/3', { authorization: `Bearer ${trader}` })).toBe(403);
  });

  test('when a browser passes access_token in the query, then it opens', async () => {
    expect(await upgradeStatus(`/api/v1/auctions/ws/2?access_token=${trader}`)).toBe(101);
  });

  test('when a member is connected to the auction stream, then websocket/status counts it', async () => {
    const c = open('/api/v1/auctions/ws/2', trader);
    await c.next('connected');
    const res = await api.call('GET', '/api/v1/auctions/websocket/status', { token: trader });
    expect(res.status).toBe(200);
    const status = await res.json();
    expect(status).toMatchObject({ event_feed: 'UP', message_type: 'AUCTION_UPDATE' });
    expect(status.connections.auctions).toBeGreaterThanOrEqual(1);
    expect(status.auction_participants_connected).toBeGreaterThanOrEqual(1);
    c.ws.close();
  });

  test('when venue staff open any participant, then it opens read-only', async () => {
    const c = open('/api/v1/risk/ws/3', ops);
    const hello = await c.next('connected');
    expect(hello.data).toMatchObject({ participant_id: 3, read_only: true, area: 'risk' });
    c.ws.close();
  });

  test('when a member talks to its own stream, then ping, subscribe and unknown actions are answered in the envelope', async () => {
    const c = open('/api/v1/trading/ws/2', trader);
    const hello = await c.next('connected');
    expect(hello).toMatchObject({
      type: 'connected',
      sequence: 0,
      data: { participant_id: 2, read_only: false },
    });
    expect(typeof (hello as unknown as { timestamp: string }).timestamp).toBe('string');
    c.ws.send(JSON.stringify({ action: 'ping' }));
    // Control messages do not consume private event sequence numbers.
    expect((await c.next('pong')).sequence).toBe(0);
    c.ws.send(JSON.stringify({ action: 'subscribe', channels: ['orders', 'trades'] }));
    expect((await c.next('subscribed')).data.channels).toEqual(['orders', 'trades']);
    c.ws.send(JSON.stringify({ action: 'dance' }));
    expect((await c.next('error')).data.message).toMatch(/unknown or malformed/);
    c.ws.send('{not json');
    expect((await c.next('error')).data.message).toMatch(/not valid JSON/);
    c.ws.send(JSON.stringify({ action: 'subscribe', channels: ['nonsense'] }));
    expect((await c.next('error')).data.message).toMatch(/unknown channel/);
    c.ws.send(JSON.stringify({ action: 'ping' }));
    await c.next('pong');
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });
});
