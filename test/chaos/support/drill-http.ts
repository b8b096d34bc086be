// What the drills share to talk to the API under test and to wait for an invariant to settle.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> & { items?: unknown[] };
}

/** One authenticated JSON request; a 202/4xx/5xx is an answer, not an exception. */
export async function apiCall(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as ApiAnswer['body']) : {} };
}

/** A GTC limit order of 10,000 (one lot of the demo bonds) as a member's gateway sends it. */
export function postLimitOrder(
  baseUrl: string,
  token: string,
  order: { bondId: string; side: 'BUY' | 'SELL'; price: string; clientOrderId: string; timeoutMs: number },
): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/trading/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      bond_id: order.bondId,
      side: order.side,
      order_type: 'LIMIT',
      time_in_force: 'GTC',
      quantity: 10000,
      price: order.price,
      client_order_id: order.clientOrderId,
    }),
    signal: AbortSignal.timeout(order.timeoutMs),
  });
}

/** Polls `check` every 500 ms; throws with `explain()` when it is still false after `timeoutMs`. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
  explain: () => Promise<string> | string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms ${await explain()}`);
    await sleep(500);
  }
}
