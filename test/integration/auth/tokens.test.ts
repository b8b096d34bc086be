import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { CLOCK_TOLERANCE_SECONDS } from '../../../api/auth/access-tokens';
import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let good: string;
let claims: jwt.JwtPayload;
beforeAll(async () => {
  api = await startTestApi();
  good = await api.login('trader1@bondx.local');
  claims = jwt.decode(good) as jwt.JwtPayload;
});
afterAll(() => api.stop());

const secret = () => api.deps.config.jwt.secretKey;
const base = () => ({
  sub: claims.sub,
  participant_id: claims.participant_id,
  roles: claims.roles,
  sid: claims.sid,
  preferred_username: claims.preferred_username,
});
const now = () => Math.floor(Date.now() / 1000);
/** A token as the API would sign it, except for what `change` alters: each attack varies one thing. */
function forge(change: { payload?: object; options?: jwt.SignOptions } = {}) {
  return jwt.sign({ ...base(), exp: now() + 60, ...change.payload }, secret(), {
    keyid: api.deps.config.jwt.kid,
    issuer: 'bondx',
    audience: 'bondx-api',
    ...change.options,
  });
}
const me = (token: string) => api.call('GET', '/auth/me', { token });

describe('access tokens', () => {
  test('when the token is genuine, then the request passes', async () => {
    expect((await me(good)).status).toBe(200);
  });

  test('when a token is forged with our own key and right claims, then it passes (so each attack below fails for its own reason)', async () => {
    expect((await me(forge())).status).toBe(200);
  });

  test('when the token expired beyond the clock tolerance, then 401', async () => {
    const res = await me(forge({ payload: { exp: now() - CLOCK_TOLERANCE_SECONDS - 5 } }));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  test('when the token expired within the clock tolerance, then it still passes', async () => {
    expect((await me(forge({ payload: { exp: now() - 1 } }))).status).toBe(200);
  });

  test('when the token carries no exp at all, then 401 (it would never expire)', async () => {
    const { exp: _never, ...payload } = jwt.decode(forge()) as jwt.JwtPayload;
    expect((await me(jwt.sign(payload, secret(), { keyid: api.deps.config.jwt.kid }))).status).toBe(401);
  });

  test('when the token names a key id we do not have, then 401', async () => {
    expect((await me(forge({ options: { keyid: 'retired-key' } }))).status).toBe(401);
  });

  test('when the audience is another service, then 401', async () => {
    expect((await me(forge({ options: { audience: 'someone-else' } }))).status).toBe(401);
  });

  test('when the issuer is wrong, then 401', async () => {
    expect((await me(forge({ options: { issuer: 'evil' } }))).status).toBe(401);
  });

  test('when the token says alg none, then 401', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const t = now();
    const token = `${enc({ alg: 'none', typ: 'JWT', kid: api.deps.config.jwt.kid })}.${enc({ ...base(), iss: 'bondx', aud: 'bondx-api', iat: t, exp: t + 60 })}.`;
    expect((await me(token)).status).toBe(401);
  });

  test('when the token is signed with another secret, then 401', async () => {
    const token = jwt.sign({ ...base(), exp: now() + 60 }, 'another-secret-of-the-same-length-as-ours', {
      keyid: api.deps.config.jwt.kid,
      issuer: 'bondx',
      audience: 'bondx-api',
    });
    expect((await me(token)).status).toBe(401);
  });

  test('when the token is RS256-signed by someone else (algorithm confusion), then 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign({ ...base(), exp: now() + 60 }, privateKey, {
      algorithm: 'RS256',
      keyid: api.deps.config.jwt.kid,
      issuer: 'bondx',
      audience: 'bondx-api',
    });
    expect((await me(token)).status).toBe(401);
  });

  test('when the claims are tampered with (roles raised), then 401', async () => {
    const [h, , s] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString('base64url');
    expect((await me(`${h}.${forged}.${s}`)).status).toBe(401);
  });
});
