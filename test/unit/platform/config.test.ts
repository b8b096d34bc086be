import { ConfigError, DEFAULT_SECRET_KEY, loadConfig } from '../../../platform/config';

describe('configuration', () => {
  test('when nothing is set, then local defaults are used', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ environment: 'development', port: 8000, redisUrl: 'redis://127.0.0.1:6379' });
    expect(c.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'bondx',
      uiUrl: 'http://127.0.0.1:8233',
    });
    expect(c.jwt.accessTokenTtlSeconds).toBe(900);
  });

  test('when a variable is malformed, then the error names it', () => {
    expect(() => loadConfig({ BONDX_PORT: 'eighty' })).toThrow(/BONDX_PORT/);
    expect(() => loadConfig({ BONDX_DATABASE_URL: 'not a url' })).toThrow(/BONDX_DATABASE_URL/);
    expect(() => loadConfig({ BONDX_LOG_LEVEL: 'chatty' })).toThrow(/BONDX_LOG_LEVEL/);
  });

  test('when access tokens would live longer than 15 minutes, then configuration is refused', () => {
    expect(() => loadConfig({ BONDX_ACCESS_TOKEN_TTL_SECONDS: '3600' })).toThrow(
      /BONDX_ACCESS_TOKEN_TTL_SECONDS/,
    );
  });

  test('when production runs with a missing, default or short secret, then it refuses to start', () => {
    for (const secret of [undefined, DEFAULT_SECRET_KEY, 'short']) {
      const env = { BONDX_ENVIRONMENT: 'production', ...(secret ? { BONDX_SECRET_KEY: secret } : {}) };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/BONDX_SECRET_KEY/);
    }
    expect(
      loadConfig({ BONDX_ENVIRONMENT: 'production', BONDX_SECRET_KEY: 'x'.repeat(40) }).environment,
    ).toBe('production');
  });

  test('when RS256 is chosen without key files, then both missing variables are named', () => {
    expect(() => loadConfig({ BONDX_JWT_ALGORITHM: 'RS256' })).toThrow(
      /BONDX_JWT_PRIVATE_KEY_FILE[\s\S]*BONDX_JWT_PUBLIC_KEY_FILE/,
    );
  });

  test('when a list variable is given, then it is split and trimmed; an empty variable means unset', () => {
    expect(loadConfig({ BONDX_CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(loadConfig({ BONDX_PORT: '' }).port).toBe(8000);
  });
});
