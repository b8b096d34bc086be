import { AccessTokens, CLOCK_TOLERANCE_SECONDS } from '../../../api/auth/access-tokens';
import { VerifiedTokens } from '../../../api/auth/verified-tokens';

const SECRET = 'unit-test-secret-of-a-sufficient-length';
const settings = {
  algorithm: 'HS256' as const,
  secretKey: SECRET,
  kid: 'k1',
  issuer: 'bondx',
  audience: 'bondx-api',
  accessTokenTtlSeconds: 60,
  refreshTokenTtlSeconds: 3600,
};
const tokens = new AccessTokens(
  { algorithm: 'HS256', kid: 'k1', signingKey: SECRET, verifyKey: SECRET, jwks: { keys: [] } },
  settings,
);
const sign = (userId: number) =>
  tokens.sign({
    userId,
    username: `u${userId}`,
    participantId: 2,
    roles: ['TRADER'],
    sessionId: `s${userId}`,
  });

describe('verified token cache', () => {
  test('when a token verifies, then its principal is kept until exp plus the clock tolerance, and not after', () => {
    const verify = jest.spyOn(tokens, 'verify');
    const cache = new VerifiedTokens(tokens);
    const token = sign(1);
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number })
      .exp;
    expect(cache.principalOf(token)).toMatchObject({ userId: 1, sessionId: 's1', roles: ['TRADER'] });
    expect(cache.principalOf(token, (exp + CLOCK_TOLERANCE_SECONDS) * 1000 - 1)).toMatchObject({ userId: 1 });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(cache.principalOf(token, (exp + CLOCK_TOLERANCE_SECONDS) * 1000)).toBeUndefined();
    verify.mockRestore();
  });

  test('when a token is tampered with, signed with another key or not a token, then there is no principal', () => {
    const cache = new VerifiedTokens(tokens);
    const token = sign(2);
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString('base64url')}.${s}`;
    const other = new AccessTokens(
      {
        algorithm: 'HS256',
        kid: 'k1',
        signingKey: `${SECRET}-other`,
        verifyKey: `${SECRET}-other`,
        jwks: { keys: [] },
      },
      settings,
    );
    expect(cache.principalOf(token)).toBeDefined();
    expect(cache.principalOf(forged)).toBeUndefined();
    expect(
      cache.principalOf(
        other.sign({ userId: 3, username: 'u3', participantId: 2, roles: ['ADMIN'], sessionId: 's3' }),
      ),
    ).toBeUndefined();
    expect(cache.principalOf('not-a-token')).toBeUndefined();
  });

  test('when more tokens than the limit are used, then the least recently used one is verified again', () => {
    const verify = jest.spyOn(tokens, 'verify');
    const cache = new VerifiedTokens(tokens, 2);
    const [a, b, c] = [sign(4), sign(5), sign(6)];
    cache.principalOf(a);
    cache.principalOf(b);
    cache.principalOf(a); // b is now the least recently used
    cache.principalOf(c);
    expect(verify).toHaveBeenCalledTimes(3);
    cache.principalOf(a);
    expect(verify).toHaveBeenCalledTimes(3);
    cache.principalOf(b);
    expect(verify).toHaveBeenCalledTimes(4);
    verify.mockRestore();
  });

  test('a cached principal cannot be changed by a request', () => {
    const cache = new VerifiedTokens(tokens);
    const principal = cache.principalOf(sign(7))!;
    expect(() => principal.roles.push('ADMIN')).toThrow(TypeError);
    expect(Object.isFrozen(principal)).toBe(true);
  });
});
