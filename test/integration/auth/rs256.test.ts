import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
const dir = mkdtempSync(join(tmpdir(), 'bondx-rs256-'));
beforeAll(async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  const base = (await import('../../../platform/config')).loadConfig().jwt;
  api = await startTestApi({
    jwt: {
      ...base,
      algorithm: 'RS256',
      kid: 'test-key-1',
      privateKeyFile: join(dir, 'private.pem'),
      publicKeyFile: join(dir, 'public.pem'),
    },
  });
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('asymmetric signing (RS256) by configuration', () => {
  test('when configured, then tokens carry the kid, the JWKS publishes the key, and the API accepts them', async () => {
    const token = await api.login('trader1@bondx.local');
    const header = jwt.decode(token, { complete: true })!.header;
    expect(header).toMatchObject({ alg: 'RS256', kid: 'test-key-1' });
    const jwks = await (await api.call('GET', '/.well-known/jwks.json')).json();
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'RSA', kid: 'test-key-1', alg: 'RS256', use: 'sig' }),
    ]);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(200);
  });

  test('when a token is signed HS256 with the public key as the secret (algorithm confusion), then 401', async () => {
    const token = await api.login('trader1@bondx.local');
    const claims = jwt.decode(token) as jwt.JwtPayload;
    const publicPem = api.deps.tokenKeys.verifyKey.toString();
    // Built by hand: jsonwebtoken itself refuses to HMAC with a PEM key, an attacker would not.
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${enc({ alg: 'HS256', typ: 'JWT', kid: 'test-key-1' })}.${enc(claims)}`;
    const forged = `${unsigned}.${createHmac('sha256', publicPem).update(unsigned).digest('base64url')}`;
    expect((await api.call('GET', '/auth/me', { token: forged })).status).toBe(401);
  });
});
