import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
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
const me = (token: string) => api.call('GET', '/auth/me', { token });

describe('access tokens', () => {
  test('when the token is genuine, then the request passes', async () => {
    expect((await me(good)).status).toBe(200);
  });

  test('when the token has expired, then 401', async () => {
    const token = jwt.sign({ ...base(), exp: Math.floor(Date.now() / 1000) - 10 }, secret(), {
      issuer: 'bondx',
      audience: 'bondx-api',
    });
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  test('when the audience is another service, then 401', async () => {
    const token = jwt.sign(base(), secret(), { issuer: 'bondx', audience: 'someone-else', expiresIn: 60 });
    expect((await me(token)).status).toBe(401);
  });

  test('when the issuer is wrong, then 401', async () => {
    const token = jwt.sign(base(), secret(), { issuer: 'evil', audience: 'bondx-api', expiresIn: 60 });
    expect((await me(token)).status).toBe(401);
  });

  test('when the token says alg none, then 401', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...base(), iss: 'bondx', aud: 'bondx-api', iat: now, exp: now + 60 })}.`;
    expect((await me(token)).status).toBe(401);
  });

  test('when the token is signed with another secret, then 401', async () => {
    const token = jwt.sign(base(), 'another-secret-of-the-same-length-as-ours', {
      issuer: 'bondx',
      audience: 'bondx-api',
      expiresIn: 60,
    });
    expect((await me(token)).status).toBe(401);
  });

  test('when the token is RS256-signed by someone else (algorithm confusion), then 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign(base(), privateKey, {
      algorithm: 'RS256',
      issuer: 'bondx',
      audience: 'bondx-api',
      expiresIn: 60,
    });
    expect((await me(token)).status).toBe(401);
  });

  test('when the claims are tampered with (roles raised), then 401', async () => {
    const [h, , s] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString('base64url');
    expect((await me(`${h}.${forged}.${s}`)).status).toBe(401);
  });
});
