import { startChaosStack, type ChaosProcess, type ChaosStack } from './support/chaos-stack';
import { postLimitOrder, sleep } from './support/drill-http';

// The API process is killed (-9) again and again while members' gateways submit orders and retry
// each one with the same client_order_id until it is acknowledged. Every order must exist exactly
// once, and every retry after the first acknowledgement must return the original.
const KILLS = 3;

let stack: ChaosStack;
let api: ChaosProcess;
beforeAll(async () => {
  stack = await startChaosStack();
  const env = { BONDX_HEALTH_REQUIRED_WORKERS: 'matching-worker' };
  [api] = await Promise.all([stack.start('api', env), stack.start('matching-worker', env)]);
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

describe('the API dies under retried order entry', () => {
  test('then every order exists exactly once and every retry returns the original', async () => {
    const token = await stack.login('fpi1@bondx.local');
    const firstAck = new Map<string, string>();
    const mismatches: string[] = [];
    let attempts = 0;
    let failures = 0;
    let running = true;
    const submit = (clientOrderId: string, i: number) =>
      postLimitOrder(stack.apiUrl, token, {
        bondId: 'BOND_005',
        side: i % 2 ? 'SELL' : 'BUY',
        price: i % 2 ? '125.00' : '75.00',
        clientOrderId,
        timeoutMs: 10_000,
      });
    // Each gateway sends every order twice after its first acknowledgement, as a client unsure of
    // what reached the venue would.
    const gateway = async (g: number) => {
      for (let n = 0; running; n++) {
        const clientOrderId = `chaos-api-${g}-${n}`;
        let acks = 0;
        while (acks < 3) {
          attempts++;
          try {
            const res = await submit(clientOrderId, n);
            if (res.status === 200 || res.status === 201) {
              const id = ((await res.json()) as { order_id: string }).order_id;
              const first = firstAck.get(clientOrderId);
              if (first === undefined) firstAck.set(clientOrderId, id);
              else if (first !== id) mismatches.push(`${clientOrderId}: ${first} then ${id}`);
              acks++;
            } else {
              failures++;
              await res.arrayBuffer();
              await sleep(200);
            }
          } catch {
            failures++;
            await sleep(200);
          }
        }
      }
    };
    const gateways = Promise.all([0, 1, 2, 3].map(gateway));
    for (let k = 0; k < KILLS; k++) {
      await sleep(1500);
      await api.kill('SIGKILL');
      await sleep(500);
      await api.restart();
    }
    await sleep(1500);
    running = false;
    await gateways;

    const rows = await stack.query<{ client_order_id: string; n: number }>(
      `select client_order_id, count(*)::int as n from orders where client_order_id like 'chaos-api-%' group by 1`,
    );
    console.log(
      JSON.stringify({
        drill: 'api kill -9',
        kills: KILLS,
        orders: firstAck.size,
        attempts,
        failed_attempts: failures,
      }),
    );
    expect(failures).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    const stored = new Set(rows.map((r) => r.client_order_id));
    expect([...firstAck.keys()].filter((id) => !stored.has(id))).toEqual([]);
  }, 240_000);
});
