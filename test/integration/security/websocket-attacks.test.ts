import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { startTestApi, type TestApi } from '../../support/api-harness';

// Attacks on the WebSocket endpoints beyond the upgrade checks of system/websocket.test.ts.
// insurer1 is participant LICI (7).
const LICI = 7;

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await startTestApi();
  token = await api.login('insurer1@bondx.local');
});
afterAll(() => api.stop());

const wsUrl = (area: string) => `${api.url.replace('http', 'ws')}/api/v1/${area}/ws/${LICI}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(area: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(area), { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', (err) => (err.message.includes('Unexpected server response') ? undefined : reject(err)));
  });
}

/** Opens a socket and resolves with the close code once the server closes it. */
function closeCode(area: string, bearer: string, afterOpen: (ws: WebSocket) => void = () => undefined) {
  return new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(wsUrl(area), { headers: { authorization: `Bearer ${bearer}` } });
    ws.once('open', () => afterOpen(ws));
    ws.once('close', (code) => resolve(code));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** A token for insurer1's live session that expires `seconds` from now. */
function shortLived(seconds: number): string {
  const claims = jwt.decode(token) as jwt.JwtPayload;
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = claims;
  return jwt.sign({ ...rest, exp: Math.floor(Date.now() / 1000) + seconds }, api.deps.config.jwt.secretKey, {
    keyid: api.deps.config.jwt.kid,
  });
}

describe('WebSocket attacks', () => {
  test.each(['trading', 'auctions', 'risk'])(
    'when a page on another site opens the %s stream (cross-site hijacking), then 403; our own origin opens',
    async (area) => {
      const bearer = { authorization: `Bearer ${token}` };
      expect(await upgradeStatus(area, { ...bearer, origin: 'https://evil.example' })).toBe(403);
      expect(await upgradeStatus(area, { ...bearer, origin: 'null' })).toBe(403);
      expect(await upgradeStatus(area, { ...bearer, origin: api.url })).toBe(101);
    },
  );

  test('when the token has already expired, then the upgrade is refused with 401', async () => {
    const claims = jwt.decode(token) as jwt.JwtPayload;
    const { iat: _iat, exp: _exp, jti: _jti, ...rest } = claims;
    const expired = jwt.sign(
      { ...rest, exp: Math.floor(Date.now() / 1000) - 60 },
      api.deps.config.jwt.secretKey,
      {
        keyid: api.deps.config.jwt.kid,
      },
    );
    expect(await upgradeStatus('trading', { authorization: `Bearer ${expired}` })).toBe(401);
  });

  test.each(['trading', 'auctions'])(
    'when the token expires while the %s socket is open, then the server closes it with 4001',
    async (area) => {
      const started = Date.now();
      expect(await closeCode(area, shortLived(2))).toBe(4001);
      expect(Date.now() - started).toBeLessThan(30_000);
    },
  );

  test('when a client sends a 1 MB frame, then the socket is closed with 1009 (message too big) and the API keeps serving', async () => {
    expect(await closeCode('trading', token, (ws) => ws.send('x'.repeat(1024 * 1024)))).toBe(1009);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(200);
  });
});
