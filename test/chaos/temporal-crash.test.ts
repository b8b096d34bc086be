import { Client, Connection, WorkflowUpdateStage } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { processUpdate } from '../../workflows/auctions/auction-messages';
import { startChaosStack, type ChaosProcess, type ChaosStack } from './support/chaos-stack';
import { apiCall, sleep, until } from './support/drill-http';

// Three auctions, each caught by the same kill -9 of the temporal worker at a different point:
// one in bidding, one inside its clearing transaction (held on the auction row's lock), one between
// the committed clearing and its notifications (Redis frozen while it publishes). While the worker
// is down the Temporal server is killed too and restarted on its SQLite file. Every auction must
// end SETTLED exactly once with the fault-free allocation (the known answer of the two bids below),
// each allottee told of it once, positions moved once, and one run of each workflow.
const BIDS = [
  { user: 'trader1@bondx.local', price: '99.50', amount: 600000 },
  { user: 'trader2@bondx.local', price: '99.25', amount: 600000 },
];
/** Allotted per bidder when 1,000,000 is cleared at a uniform cutoff (test/integration/auctions). */
const FAULT_FREE = { cutoff_price: '99.2500', allotted: [600000, 400000] };
const SCENARIOS = [
  { name: 'bidding', bond: 'BOND_001' },
  { name: 'clearing', bond: 'BOND_002' },
  { name: 'notification', bond: 'BOND_003' },
] as const;

let stack: ChaosStack;
let worker: ChaosProcess;
beforeAll(async () => {
  stack = await startChaosStack();
  [, worker] = await Promise.all([stack.start('api'), stack.start('temporal-worker')]);
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

interface Notice {
  participant: number;
  auction: number;
  allotted: number;
}

describe('the temporal worker and server die mid-auction', () => {
  test('then every auction ends once, with the allocation of a fault-free run', async () => {
    const admin = await stack.login('auctionadmin@bondx.local');
    const bidders = await Promise.all(BIDS.map((b) => stack.login(b.user)));
    const participants = await stack.query<{ username: string; participant_id: number }>(
      `select username, participant_id from users where username = any($1)`,
      [BIDS.map((b) => b.user)],
    );
    const participantOf = (user: string) => participants.find((p) => p.username === user)!.participant_id;

    // Each bidder's private auction stream, where allocation notices arrive.
    const notices: Notice[] = [];
    const sockets = BIDS.map((b, i) => {
      const participant = participantOf(b.user);
      const ws = new WebSocket(`${stack.apiUrl.replace('http', 'ws')}/api/v1/auctions/ws/${participant}`, {
        headers: { authorization: `Bearer ${bidders[i]}` },
      });
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { data: Record<string, unknown> };
        if (m.data?.action === 'allocation')
          notices.push({
            participant,
            auction: Number(m.data.auction_id),
            allotted: Number(m.data.allotted_amount),
          });
      });
      return new Promise<WebSocket>((r) => ws.once('open', () => r(ws)));
    });
    const open = await Promise.all(sockets);

    const positions = () =>
      stack.query<{ participant_id: number; bond: string; quantity: string }>(
        `select p.participant_id, b.code as bond, pos.quantity::text from positions pos
           join portfolios p on p.id = pos.portfolio_id and p.kind = 'HOUSE' join bonds b on b.id = pos.bond_id
          where b.code = any($1)`,
        [SCENARIOS.map((s) => s.bond)],
      );
    const before = await positions();

    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const auctions = new Map<string, { id: number; code: string }>();
    for (const s of SCENARIOS) {
      const code = `CHAOS_${s.name.toUpperCase()}_${t0}`;
      const res = await apiCall(stack.apiUrl, admin, 'POST', '/api/v1/auctions/', {
        auction_code: code,
        auction_name: `Temporal drill: ${s.name}`,
        auction_type: 'DUTCH',
        bond_isin: s.bond,
        total_lot_size: 1000000,
        minimum_lot_size: 10000,
        bidding_start_time: at(3),
        // The bidding auction is still open when the worker dies; the other two wait, closed, for
        // the drill to process them (manual processing).
        bidding_end_time: at(s.name === 'bidding' ? 50 : 14),
        manual_processing: s.name !== 'bidding',
        settlement_delay_seconds: 1,
      });
      expect(res.status).toBe(201);
      auctions.set(s.name, { id: Number(res.body.auction_id), code });
    }
    const stateOf = async (name: string) =>
      (
        await stack.query<{ state: string }>(`select state::text from auctions where id = $1`, [
          auctions.get(name)!.id,
        ])
      )[0]!.state;
    const bid = async (name: string, i: number) => {
      const b = BIDS[i]!;
      const res = await apiCall(
        stack.apiUrl,
        bidders[i]!,
        'POST',
        `/api/v1/auctions/${auctions.get(name)!.id}/bids`,
        {
          price: b.price,
          amount: b.amount,
        },
      );
      expect(res.status).toBe(201);
    };
    await until('bidding open', async () => (await stateOf('bidding')) === 'BIDDING', 30_000);
    for (const s of SCENARIOS) await bid(s.name, 0);
    for (const s of SCENARIOS.slice(1)) await bid(s.name, 1);
    await until(
      'the manual auctions closed',
      async () => (await stateOf('clearing')) === 'CLOSED' && (await stateOf('notification')) === 'CLOSED',
      40_000,
    );

    // Clearing is held on the auction row; the other's notification on a frozen Redis.
    const lock = new PgClient({ connectionString: `${stack.pg.url}/bondx_chaos` });
    await lock.connect();
    await lock.query('begin');
    await lock.query('select id from auctions where id = $1 for update', [auctions.get('clearing')!.id]);
    stack.redis.signal('SIGSTOP');
    const connection = await Connection.connect({ address: stack.temporal.address });
    const temporal = new Client({ connection });
    for (const name of ['clearing', 'notification'])
      await temporal.workflow
        .getHandle(`auction-${auctions.get(name)!.code}`)
        .startUpdate(processUpdate, { args: [{}], waitForStage: WorkflowUpdateStage.ACCEPTED });
    await connection.close();
    await until('the clearing committed', async () => (await stateOf('notification')) === 'CLEARED', 30_000);
    await until(
      'the other clearing waiting on its lock',
      async () =>
        (
          await stack.query(
            `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%auctions%'`,
          )
        ).length > 0,
      30_000,
    );
    expect(await stateOf('bidding')).toBe('BIDDING');
    expect(notices).toEqual([]);

    await worker.kill('SIGKILL');
    const killedAt = Date.now();
    await lock.query('rollback');
    await lock.end();
    stack.redis.signal('SIGCONT');
    await stack.temporal.restart();
    // Bids go to PostgreSQL: bidding goes on with neither worker nor server.
    await bid('bidding', 1);
    expect(await stateOf('clearing')).toBe('CLOSED');
    await worker.restart();

    await until(
      'every auction settled',
      async () => (await Promise.all(SCENARIOS.map((s) => stateOf(s.name)))).every((st) => st === 'SETTLED'),
      180_000,
      async () =>
        `${JSON.stringify(await Promise.all(SCENARIOS.map((s) => stateOf(s.name))))}\n${worker.output().slice(-3000)}`,
    );
    await until(
      'every allocation notice',
      async () => notices.length >= SCENARIOS.length * BIDS.length,
      10_000,
      () => JSON.stringify({ auctions: Object.fromEntries(auctions), notices }),
    );
    await sleep(1000);
    open.forEach((ws) => ws.close());
    console.log(
      JSON.stringify({
        drill: 'temporal worker and server kill -9',
        auctions: SCENARIOS.length,
        all_settled_after_kill_ms: Date.now() - killedAt,
        notices: notices.length,
      }),
    );

    for (const s of SCENARIOS) {
      const { id, code } = auctions.get(s.name)!;
      const alloc = await apiCall(stack.apiUrl, admin, 'GET', `/api/v1/auctions/${id}/allocations`);
      const body = alloc.body as {
        summary: { cutoff_price: string; total_allotted: number };
        allocations: Array<{ allotted_amount: number }>;
        settlements: Array<{ status: string }>;
      };
      expect({
        auction: s.name,
        cutoff: body.summary.cutoff_price,
        total: body.summary.total_allotted,
      }).toEqual({
        auction: s.name,
        cutoff: FAULT_FREE.cutoff_price,
        total: 1000000,
      });
      expect(body.allocations.map((l) => l.allotted_amount).sort((a, b) => b - a)).toEqual(
        FAULT_FREE.allotted,
      );
      expect(body.settlements.map((x) => x.status)).toEqual(['SETTLED', 'SETTLED']);
      // One allotment per bid, one settlement obligation per allottee: nothing cleared twice.
      const [rows] = await stack.query<{ allotments: number; settlements: number }>(
        `select (select count(*)::int from auction_allotments where auction_id = $1) as allotments,
                (select count(*)::int from auction_settlements where auction_id = $1) as settlements`,
        [id],
      );
      expect(rows).toEqual({ allotments: 2, settlements: 2 });
      // Each allottee told once, of its own amount.
      expect(
        notices
          .filter((n) => n.auction === id)
          .map((n) => [n.participant, n.allotted])
          .sort(),
      ).toEqual(BIDS.map((b, i) => [participantOf(b.user), FAULT_FREE.allotted[i]]).sort());
      // One run of each workflow: no duplicate start, before or after the server's restart.
      const check = await Connection.connect({ address: stack.temporal.address });
      const client = new Client({ connection: check });
      for (const workflowId of [`auction-${code}`, `settlement-${code}`]) {
        const runs = [];
        for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
          runs.push(w.status.name);
        expect({ workflowId, runs }).toEqual({ workflowId, runs: ['COMPLETED'] });
      }
      await check.close();
    }
    // HOUSE positions moved once per allotment.
    const after = await positions();
    const qty = (rows: typeof before, p: number, bond: string) =>
      Number(rows.find((r) => r.participant_id === p && r.bond === bond)?.quantity ?? 0);
    for (const s of SCENARIOS)
      BIDS.forEach((b, i) => {
        const p = participantOf(b.user);
        expect(qty(after, p, s.bond) - qty(before, p, s.bond)).toBe(FAULT_FREE.allotted[i]);
      });
  }, 300_000);
});
