import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { start, type RunningApi } from '../../../api/server';
import { DEMO_PASSWORD } from '../../support/api-harness';

const dir = mkdtempSync(join(tmpdir(), 'bondx-tls-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
let api: RunningApi;
let ca: Buffer;

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(certFile);
  api = await start({ port: 0, tls: { certFile, keyFile } });
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

function call(method: string, path: string, body?: unknown) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        `${api.url}${path}`,
        { method, ca, headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    },
  );
}

describe('TLS', () => {
  test('when certificate files are configured, then the API answers over HTTPS with HSTS', async () => {
    expect(api.url).toMatch(/^https:/);
    const res = await call('POST', '/auth/login', {
      username: 'trader1@bondx.local',
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  test('when a client does not trust the certificate, then the connection is refused', async () => {
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
  });

  test('when a WebSocket connects, then it is WSS and authenticated at the upgrade', async () => {
    const { access_token: token } = JSON.parse(
      (await call('POST', '/auth/login', { username: 'trader1@bondx.local', password: DEMO_PASSWORD })).body,
    );
    const ws = new WebSocket(`${api.url.replace('https', 'wss')}/api/v1/risk/ws/2`, {
      ca,
      headers: { authorization: `Bearer ${token}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.close();
  });
});
