import type { Pool } from 'pg';
import type { TestApi } from './api-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * New bonds with BOND_007's terms (so the same prices pass the pre-trade band), for a test file of
 * its own; consecutive ids, so consecutive codes fall on consecutive shards. Returns code -> id.
 */
export async function copyBonds(pg: Pool, codes: string[], isinPrefix: string): Promise<Map<string, number>> {
  const columns = (
    await pg.query(
      `select column_name from information_schema.columns where table_name = 'bonds'
          and column_name not in ('id', 'code', 'isin', 'created_at', 'updated_at', 'version')`,
    )
  ).rows.map((c) => `"${c.column_name}"`);
  const ids = new Map<string, number>();
  for (const [i, code] of codes.entries()) {
    const r = await pg.query(
      `insert into bonds (code, isin, ${columns.join(', ')})
       select $1, $2, ${columns.join(', ')} from bonds where code = 'BOND_007' returning id`,
      [code, `${isinPrefix}${String(i).padStart(12 - isinPrefix.length, '0')}`],
    );
    ids.set(code, r.rows[0].id);
  }
  return ids;
}

let ordersSent = 0;

/**
 * Crossing limit orders spread over `bonds`, one client per token, until stopped; collects the
 * acknowledged order ids and fails on any answer but 201.
 */
export function orderLoad(api: TestApi, tokens: string[], bonds: string[], clientIdPrefix: string) {
  const acked: string[] = [];
  let running = true;
  let failure: unknown;
  const client = async (c: number) => {
    while (running) {
      const i = ordersSent++;
      const offset = ((i * 7) % 9) - 4;
      const res = await api.call('POST', '/api/v1/trading/orders', {
        token: tokens[c],
        body: {
          bond_id: bonds[i % bonds.length],
          side: c % 2 === 0 ? 'BUY' : 'SELL',
          order_type: 'LIMIT',
          time_in_force: 'GTC',
          quantity: String(10000 * (1 + (i % 3))),
          price: (99 + offset * 0.0025).toFixed(4),
          client_order_id: `${clientIdPrefix}-${i}`,
        },
      });
      const body = await res.json();
      if (res.status !== 201) throw new Error(`order answered ${res.status}: ${JSON.stringify(body)}`);
      acked.push(body.order_id);
      await sleep(10);
    }
  };
  const done = Promise.all(tokens.map((_, c) => client(c))).catch((err) => {
    running = false;
    failure = err;
  });
  return {
    acked,
    /** Waits for `count` acknowledgements beyond those so far. */
    async more(count: number) {
      const target = acked.length + count;
      while (acked.length < target) {
        if (failure) throw failure;
        await sleep(20);
      }
    },
    async stop() {
      running = false;
      await done;
      if (failure) throw failure;
      return acked;
    },
  };
}

/** Waits until every command of these bonds is applied; `diagnostics` goes into the failure. */
export async function untilApplied(
  pg: Pool,
  bondIds: number[],
  diagnostics: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await pg.query(
      'select count(*)::int as n from order_commands where applied_seq is null and bond_id = any($1::int[])',
      [bondIds],
    );
    const n = r.rows[0].n as number;
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} commands unapplied\n${diagnostics()}`);
    await sleep(100);
  }
}

/**
 * Every acknowledged order applied exactly once (one applied NEW command, one ACCEPTED event),
 * none left pending, per-bond command and event sequences gap-free, and each order's fill equal
 * to its trades (a doubled fill would exceed it).
 */
export async function expectAppliedOnce(pg: Pool, acked: string[], bondIds: number[]): Promise<void> {
  const q = async (sql: string, args: unknown[] = []) => (await pg.query(sql, args)).rows;
  const news = await q(
    `select order_id, count(*)::int as n, bool_and(applied_seq is not null) as applied from order_commands
      where kind = 'NEW' and order_id = any($1::uuid[]) group by order_id`,
    [acked],
  );
  expect(news).toHaveLength(acked.length);
  expect(news.filter((c) => c.n !== 1 || !c.applied)).toEqual([]);
  const accepted = await q(
    `select order_id, count(*)::int as n from order_events where type = 'ACCEPTED' and order_id = any($1::uuid[])
      group by order_id`,
    [acked],
  );
  expect(accepted).toHaveLength(acked.length);
  expect(accepted.filter((a) => a.n !== 1)).toEqual([]);
  expect(
    await q(`select count(*)::int as n from orders where status = 'PENDING_NEW' and id = any($1::uuid[])`, [
      acked,
    ]),
  ).toEqual([{ n: 0 }]);
  for (const id of bondIds) {
    const [c] = await q(
      `select count(*)::int as n, coalesce(max(applied_seq), 0)::int as last, count(distinct applied_seq)::int as distinct_seqs
         from order_commands where bond_id = $1 and applied_seq is not null`,
      [id],
    );
    expect([c.last, c.distinct_seqs]).toEqual([c.n, c.n]);
    const [e] = await q(
      `select count(*)::int as n, coalesce(max(sequence), 0)::int as last from order_events where bond_id = $1`,
      [id],
    );
    expect(e.last).toBe(e.n);
  }
  const mismatched = await q(
    `select o.id from orders o
       left join lateral (select coalesce(sum(t.quantity), 0) as traded from trades t
                           where t.buy_order_id = o.id or t.sell_order_id = o.id) t on true
      where o.bond_id = any($1::int[]) and o.filled_quantity <> t.traded`,
    [bondIds],
  );
  expect(mismatched).toEqual([]);
}
