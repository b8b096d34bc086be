import { startTestApi, type TestApi, type TestResponse } from '../../support/api-harness';

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
    // The window opens with the first request and lasts a second. On a loaded machine a burst can
    // outlast it, and then says nothing about the limit: such a burst is sent again after a pause.
    let spoofed: TestResponse[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await new Promise((r) => setTimeout(r, 1100));
      const started = Date.now();
      spoofed = await burst(insurer, PER_SECOND + 3, (i) => `203.0.113.${i + 1}`);
      if (Date.now() - started < 800) break;
    }
    const limited = spoofed.filter((r) => r.status === 429);
    expect(spoofed.filter((r) => r.status === 200)).toHaveLength(PER_SECOND);
    expect(limited).toHaveLength(3);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.headers.get('content-type')).toMatch(/problem\+json/);
    const other = await burst(broker, 2, () => '203.0.113.1');
    expect(other.map((r) => r.status)).toEqual([200, 200]);
  });
});
