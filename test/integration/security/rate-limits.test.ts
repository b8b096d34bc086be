import { startTestApi, type TestApi } from '../../support/api-harness';

// The API limit is per participant, not per address: a member cannot dodge it by changing IP
// (or X-Forwarded-For), and one member's burst does not throttle another behind the same address.
const PER_SECOND = 5;

let api: TestApi;
let insurer: string;
let broker: string;
beforeAll(async () => {
  api = await startTestApi({ rateLimitPerSecond: PER_SECOND });
  [insurer, broker] = await Promise.all([
    api.login('insurer1@bondx.local'),
    api.login('broker1@bondx.local'),
  ]);
});
afterAll(() => api.stop());

const burst = (token: string, n: number, forwardedFor: (i: number) => string) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      api.call('GET', '/auth/me', { token, headers: { 'x-forwarded-for': forwardedFor(i) } }),
    ),
  );

describe('API rate limits', () => {
  test('when one participant bursts from many addresses, then it is limited with 429 and Retry-After; another participant on the same address is not', async () => {
    // Start at the beginning of a one-second window, so the whole burst falls into it.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    const spoofed = await burst(insurer, PER_SECOND + 3, (i) => `203.0.113.${i + 1}`);
    const limited = spoofed.filter((r) => r.status === 429);
    expect(spoofed.filter((r) => r.status === 200)).toHaveLength(PER_SECOND);
    expect(limited).toHaveLength(3);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.headers.get('content-type')).toMatch(/problem\+json/);
    const other = await burst(broker, 2, () => '203.0.113.1');
    expect(other.map((r) => r.status)).toEqual([200, 200]);
  });
});
