import { eventually, startAuctionEnv, type AuctionTestEnv } from '../../support/auction-harness';
import { auditTrail } from '../../support/audit-trail';
import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SettlementDesk } from './settlement-desk';
import { SettlementFixtures } from './settlement-fixtures';
import type { Bond } from '../../../db/entities';
import { OverdraftError, postJournal } from '../../../db/ledger/post-journal';
import { createSettlementActivities } from '../../../activities/settlement/settlement-activities';

// Trades of this file execute in 2001 (so no other file's trades are due with them) and every test
// leaves its trades settled or cancelled, so a later run never picks them up.
let env: AuctionTestEnv;
let fx: SettlementFixtures;
let ops: string;
let compliance: string;
let desk: SettlementDesk;
const ICICPD = 4; // pd1's participant, a member with a login

beforeAll(async () => {
  env = await startAuctionEnv('settlement');
  fx = new SettlementFixtures(env.api.deps.orm);
  [ops, compliance] = await Promise.all([
    env.api.login('ops@bondx.local'),
    env.api.login('compliance@bondx.local'),
  ]);
  desk = new SettlementDesk(env.api, ops, compliance);
});
afterAll(() => env.stop());

async function expectConserved() {
  const rec = await desk.reconciliation();
  expect(rec.unbalanced_journals).toEqual([]);
  expect(rec.account_mismatches).toEqual([]);
  for (const a of rec.assets) expect(a.total).toMatch(/^-?0(\.0+)?$/);
  expect(rec.balanced).toBe(true);
}

describe('DvP-III net settlement of government securities', () => {
  let x: Bond;
  let y: Bond;
  let a: number;
  let b: number;
  let c: number;
  const trades: string[] = [];

  beforeAll(async () => {
    [x, y] = [await fx.bond('G_SEC'), await fx.bond('G_SEC')];
    a = ICICPD;
    b = await fx.participant('B');
    c = await fx.participant('C');
    await fx.fund(a, null, [[y.isin, '200000.00']]);
    await fx.fund(b, '1000.00', [[x.isin, '500000.00']]);
    await fx.fund(c, '300000.00', [[x.isin, '800000.00']]);
    // The hand-made day of the unit test, at real prices: A buys X from B and C, sells Y to C; B buys X back from C.
    trades.push(await fx.trade(x, a, b, '99.5000', '1000000', '2001-03-05T04:00:00Z'));
    trades.push(await fx.trade(x, b, c, '99.6000', '500000', '2001-03-05T04:30:00Z'));
    trades.push(await fx.trade(y, c, a, '100.5000', '200000', '2001-03-05T05:00:00Z'));
    trades.push(await fx.trade(x, a, c, '99.7000', '300000', '2001-03-05T06:00:00Z'));
  });

  test('when trades execute on a Monday, then the trigger sets T+1 on the RBI_SGL calendar and the obligations net per participant per ISIN and in cash', async () => {
    expect((await fx.tradeRow(trades[0]!)).settlement_date).toBe('2001-03-06');
    const res = await desk.call(
      'GET',
      '/api/v1/settlement/obligations?date=2001-03-06&settlement_system=RBI_SGL',
      ops,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    const mine = body.items.filter((l: { participant_id: number }) => [a, b, c].includes(l.participant_id));
    const net = (p: number, asset: string) =>
      mine.find((l: { participant_id: number; asset: string }) => l.participant_id === p && l.asset === asset)
        ?.amount;
    expect([net(a, x.isin), net(a, y.isin), net(b, x.isin), net(c, x.isin), net(c, y.isin)]).toEqual([
      '1300000.00',
      '-200000.00',
      '-500000.00',
      '-800000.00',
      '200000.00',
    ]);
    // Accrued 7.10% 30/360 from 2000-10-08 to 2001-03-06 (148 days): 2.918888... per 100.
    const t1 = body.trades.find((t: { trade_id: string }) => t.trade_id === trades[0]);
    expect(t1).toMatchObject({
      consideration: '995000.00',
      accrued_interest: '29188.89',
      settlement_amount: '1024188.89',
    });
    const cashOf = (p: number) =>
      body.trades.reduce(
        (
          s: number,
          t: { buyer_participant_id: number; seller_participant_id: number; settlement_amount: string },
        ) =>
          s +
          (t.seller_participant_id === p ? 1 : t.buyer_participant_id === p ? -1 : 0) *
            Math.round(Number(t.settlement_amount) * 100),
        0,
      );
    expect(Math.round(Number(net(a, 'INR')) * 100)).toBe(cashOf(a));
    expect([a, b, c].reduce((s, p) => s + Math.round(Number(net(p, 'INR')) * 100), 0)).toBe(0);

    // A member sees its own lines only.
    const member = await env.api.login('pd1@bondx.local');
    const own = await (
      await desk.call('GET', '/api/v1/settlement/obligations?date=2001-03-06', member)
    ).json();
    expect(new Set(own.items.map((l: { participant_id: number }) => l.participant_id))).toEqual(new Set([a]));
    expect(own.trades).toHaveLength(3);
  });

  test('when the settlement runs, then every net moves in one balanced journal, the trades settle and the ledger is conserved', async () => {
    const before = await Promise.all([
      fx.holding(a, x.isin),
      fx.holding(b, x.isin),
      fx.holding(c, x.isin),
      fx.cash(a),
      fx.cash(b),
      fx.cash(c),
    ]);
    const run = await desk.settle('RBI_SGL', '2001-03-06');
    expect(run).toMatchObject({
      status: 'SETTLED',
      mode: 'DVP3',
      workflow_id: 'settlement-RBI_SGL-2001-03-06',
    });
    expect(run.trades.map((t: { outcome: string }) => t.outcome)).toEqual([
      'SETTLED',
      'SETTLED',
      'SETTLED',
      'SETTLED',
    ]);
    expect(Number(await fx.holding(a, x.isin)) - Number(before[0])).toBe(1300000);
    expect(Number(await fx.holding(b, x.isin)) - Number(before[1])).toBe(-500000);
    expect(Number(await fx.holding(c, x.isin)) - Number(before[2])).toBe(-800000);
    const cashNets = run.obligations.filter((o: { asset: string }) => o.asset === 'INR');
    for (const [i, p] of [a, b, c].entries()) {
      const now = await fx.cash(p);
      const line = cashNets.find((o: { participant_id: number }) => o.participant_id === p);
      expect(
        Math.round((Number(now.balance) - Number((before[3 + i] as { balance: string }).balance)) * 100),
      ).toBe(Math.round(Number(line.amount) * 100));
      expect(now.blocked).toBe((before[3 + i] as { blocked: string }).blocked);
    }
    for (const t of trades) expect((await fx.tradeRow(t)).settlement_status).toBe('SETTLED');
    await expectConserved();

    // Per-participant views: a member reads its own, not another's; staff read any.
    const member = await env.api.login('pd1@bondx.local');
    expect(
      (await desk.call('GET', `/api/v1/settlement/settlements/${run.settlement_id}`, member)).status,
    ).toBe(200);
    const other = await env.api.login('fpi1@bondx.local');
    expect(
      (await desk.call('GET', `/api/v1/settlement/settlements/${run.settlement_id}`, other)).status,
    ).toBe(404);
    expect((await desk.call('GET', `/api/v1/settlement/participants/${b}`, member)).status).toBe(404);
    const view = await (await desk.call('GET', `/api/v1/settlement/participants/${a}`, member)).json();
    expect(view.holdings).toEqual(
      expect.arrayContaining([{ isin: x.isin, quantity: expect.any(String), blocked: '0.00' }]),
    );
    expect((await desk.call('GET', `/api/v1/settlement/participants/${b}`, ops)).status).toBe(200);
    const list = await (
      await desk.call(
        'GET',
        '/api/v1/settlement/settlements?settlement_system=RBI_SGL&date=2001-03-06',
        member,
      )
    ).json();
    expect(list.items.map((r: { settlement_id: number }) => r.settlement_id)).toEqual([run.settlement_id]);
    expect(
      (await (await desk.call('GET', '/api/v1/settlement/settlements?date=2001-03-06', other)).json()).items,
    ).toEqual([]);
    // Starting a finished run again is refused: operations retry it instead.
    const again = await desk.call('POST', '/api/v1/settlement/settlements', ops, {
      settlement_system: 'RBI_SGL',
      settlement_date: '2001-03-06',
    });
    expect(again.status).toBe(409);
  });
});

describe('a participant short of cash', () => {
  test('when one buyer cannot pay, then only its trades fail and roll, the rest settles, compliance hears of it, and a retry after funding settles them', async () => {
    const x = await fx.bond('G_SEC');
    const [rich, poor, seller] = [
      await fx.participant('rich'),
      await fx.participant('poor'),
      await fx.participant('seller'),
    ];
    await fx.fund(rich, '10000000.00');
    await fx.fund(poor, '50000.00');
    await fx.fund(seller, null, [[x.isin, '2000000.00']]);
    const good = await fx.trade(x, rich, seller, '99.0000', '1000000', '2001-04-02T05:00:00Z');
    const bad = await fx.trade(x, poor, seller, '99.0000', '500000', '2001-04-02T05:10:00Z');
    // The run shows its outcome one step before its workflow ends: that step (telling compliance)
    // is held here, so the retry below arrives while the workflow still runs, as it may on a busy day.
    const hold = await env.api.deps.pg.connect();
    await hold.query('begin');
    await hold.query('lock table compliance_exceptions in share row exclusive mode');
    let retrying: Promise<Response>;
    const run = await (async () => {
      try {
        const first = await desk.settle('RBI_SGL', '2001-04-03');
        expect(first.status).toBe('PARTIAL');
        const outcome = (id: string) => first.trades.find((t: { trade_id: string }) => t.trade_id === id);
        expect(outcome(good).outcome).toBe('SETTLED');
        expect(outcome(bad)).toMatchObject({ outcome: 'FAILED', failed_participant_id: poor });
        expect(outcome(bad).reason).toMatch(/^short of cash by /);
        expect(await fx.holding(rich, x.isin)).toBe('1000000.00');
        expect(await fx.holding(poor, x.isin)).toBe('0.00');
        expect(await fx.cash(poor)).toEqual({ balance: '50000.00', blocked: '0.00' });
        expect(await fx.holding(seller, x.isin)).toBe('1000000.00');
        expect(await fx.tradeRow(bad)).toMatchObject({
          settlement_status: 'PENDING',
          settlement_date: '2001-04-04',
          settlement_rolls: 1,
        });
        await expectConserved();
        await fx.fund(poor, '10000000.00');
        retrying = desk.call('POST', `/api/v1/settlement/settlements/${first.settlement_id}/retry`, ops);
        await new Promise((r) => setTimeout(r, 1000));
        return first;
      } finally {
        await hold.query('rollback');
        hold.release();
      }
    })();
    // Compliance hears of the first attempt in its last step, which the retry waited for.
    const exceptions = await eventually(async () => {
      const rows = await env.api.deps.orm.em
        .fork()
        .getConnection()
        .execute(`select title, evidence from compliance_exceptions where dedup_key = ?`, [
          `settlement-fail:${run.settlement_id}:1:${poor}`,
        ]);
      return rows.length > 0 && rows;
    });
    expect(exceptions).toHaveLength(1);
    expect((await retrying!).status).toBe(202);
    const second = await desk.finished(run.settlement_id);
    expect(second).toMatchObject({ status: 'SETTLED', attempt: 2 });
    expect(second.trades).toEqual([expect.objectContaining({ trade_id: bad, outcome: 'SETTLED' })]);
    expect(await fx.holding(poor, x.isin)).toBe('500000.00');
    await expectConserved();
  });
});

describe('DvP-I gross settlement of corporate bonds', () => {
  test('when a seller lacks the bonds for one trade, then that trade alone fails and the others settle trade by trade', async () => {
    const bond = await fx.bond('CORPORATE');
    const [buyer, seller1, seller2] = [
      await fx.participant('cb'),
      await fx.participant('cs1'),
      await fx.participant('cs2'),
    ];
    await fx.fund(buyer, '5000000.00');
    await fx.fund(seller1, null, [[bond.isin, '1000000.00']]);
    const [poorBuyer, seller3] = [await fx.participant('cb2'), await fx.participant('cs3')];
    await fx.fund(poorBuyer, '1000.00');
    await fx.fund(seller3, null, [[bond.isin, '100000.00']]);
    const t1 = await fx.trade(bond, buyer, seller1, '101.0000', '1000000', '2001-05-07T05:00:00Z');
    const t2 = await fx.trade(bond, buyer, seller2, '101.0000', '100000', '2001-05-07T05:01:00Z');
    const t3 = await fx.trade(bond, poorBuyer, seller3, '101.0000', '100000', '2001-05-07T05:02:00Z');
    expect((await fx.tradeRow(t1)).settlement_date).toBe('2001-05-08');
    const obligations = await (
      await desk.call(
        'GET',
        '/api/v1/settlement/obligations?date=2001-05-08&settlement_system=CLEARING_CORPORATION',
        ops,
      )
    ).json();
    expect(obligations.items.filter((l: { trade_id: string }) => l.trade_id === t1)).toHaveLength(4);
    const run = await desk.settle('CLEARING_CORPORATION', '2001-05-08');
    expect(run).toMatchObject({ mode: 'DVP1', status: 'PARTIAL' });
    expect(run.trades.map((t: { trade_id: string; outcome: string }) => [t.trade_id, t.outcome])).toEqual([
      [t1, 'SETTLED'],
      [t2, 'FAILED'],
      [t3, 'FAILED'],
    ]);
    // t1 settled as two legs, each its own journal: 1,000,000 face for 1,010,000.00 + 30 days of 7.1%
    // on 30/360 (5,916.67) = 1,015,916.67. The failed trades have no leg at all.
    const ref = `settlement:${run.settlement_id}:1:trade:${t1}`;
    expect(run.legs).toEqual([
      {
        trade_id: t1,
        leg: 'SECURITIES',
        from_participant_id: seller1,
        to_participant_id: buyer,
        asset: bond.isin,
        amount: '1000000.00',
        journal_reference: `${ref}:securities`,
      },
      {
        trade_id: t1,
        leg: 'FUNDS',
        from_participant_id: buyer,
        to_participant_id: seller1,
        asset: 'INR',
        amount: '1015916.67',
        journal_reference: `${ref}:funds`,
      },
    ]);
    const journals = await env.api.deps.pg.query(
      `select j.reference, e.participant_id, e.asset, e.amount::text as amount from ledger_journals j
         join ledger_entries e on e.journal_id = j.id where j.reference like $1 order by j.reference, e.amount`,
      [`${ref}:%`],
    );
    expect(journals.rows).toEqual([
      { reference: `${ref}:funds`, participant_id: buyer, asset: 'INR', amount: '-1015916.67' },
      { reference: `${ref}:funds`, participant_id: seller1, asset: 'INR', amount: '1015916.67' },
      { reference: `${ref}:securities`, participant_id: seller1, asset: bond.isin, amount: '-1000000.00' },
      { reference: `${ref}:securities`, participant_id: buyer, asset: bond.isin, amount: '1000000.00' },
    ]);
    expect(run.trades.find((t: { trade_id: string }) => t.trade_id === t3)).toMatchObject({
      failed_participant_id: poorBuyer,
      reason: 'short of cash by 100591.67',
    });
    expect(await fx.holding(buyer, bond.isin)).toBe('1000000.00');
    expect((await fx.cash(buyer)).balance).toBe('3984083.33');
    // t3's seller had its bonds earmarked, then given back when the buyer's funds could not be.
    expect(await fx.holding(seller3, bond.isin)).toBe('100000.00');
    expect(await fx.blockedHolding(seller3, bond.isin)).toBe('0.00');
    expect((await fx.cash(buyer)).blocked).toBe('0.00');
    await expectConserved();
    // Close the failed ones out of the way of later runs.
    await bust(t2, 'seller never had the bonds');
    await bust(t3, 'buyer never had the cash');
  });
});

async function bust(tradeId: string, reason: string) {
  const req = await desk.call('POST', `/api/v1/settlement/trades/${tradeId}/corrections`, ops, {
    action: 'BUST',
    reason,
  });
  expect(req.status).toBe(201);
  const { correction_id: id } = await req.json();
  const ok = await desk.call('POST', `/api/v1/settlement/corrections/${id}/approve`, compliance, {
    comment: 'agreed',
  });
  expect(ok.status).toBe(200);
  return ok.json();
}

describe('trade corrections', () => {
  test('when a trade is busted with a second person’s approval, then positions reverse, it leaves the obligations and the audit trail carries the reason', async () => {
    const x = await fx.bond('G_SEC');
    const [p, q] = [await fx.participant('bp'), await fx.participant('bq')];
    const before = [await fx.position(p, x.id), await fx.position(q, x.id)];
    const id = await fx.trade(x, p, q, '99.0000', '200000', '2001-06-04T05:00:00Z');
    expect([await fx.position(p, x.id), await fx.position(q, x.id)]).toEqual(['200000.00', '-200000.00']);
    const due = await (await desk.call('GET', '/api/v1/settlement/obligations?date=2001-06-05', ops)).json();
    expect(due.trades.map((t: { trade_id: string }) => t.trade_id)).toContain(id);

    const bad = await desk.call('POST', `/api/v1/settlement/trades/${id}/corrections`, ops, {
      action: 'CORRECT',
      price: '99.0010',
      reason: 'fat finger',
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('price');
    const applied = await bust(id, 'executed on a stale price feed');
    expect(applied).toMatchObject({ status: 'APPLIED', action: 'BUST', from_version: 1, to_version: 2 });
    expect(await fx.tradeRow(id)).toMatchObject({
      status: 'BUSTED',
      version: 2,
      settlement_status: 'CANCELLED',
    });
    expect([await fx.position(p, x.id), await fx.position(q, x.id)]).toEqual(before);
    const after = await (
      await desk.call('GET', '/api/v1/settlement/obligations?date=2001-06-05', ops)
    ).json();
    expect(after.trades.map((t: { trade_id: string }) => t.trade_id)).not.toContain(id);
    expect(after.items.filter((l: { participant_id: number }) => [p, q].includes(l.participant_id))).toEqual(
      [],
    );
    const audit = await auditTrail(env.api.deps.orm, { subjectType: 'trade', subjectId: id });
    expect(audit.map((r) => r.action)).toEqual(['TRADE_CORRECTION_REQUESTED', 'TRADE_BUSTED']);
    expect(audit[1]!.details).toMatchObject({ reason: 'executed on a stale price feed', comment: 'agreed' });
    // The trade report follows: a CANCEL version after the NEW one, due within 15 minutes.
    const reports: Array<{ action: string; version: number }> = await env.api.deps.orm.em
      .fork()
      .getConnection()
      .execute(
        `select action, version from trade_report_obligations where source = 'TRADE' and trade_ref = ? order by version`,
        [id],
      );
    expect(reports.map((r) => `${r.action} v${r.version}`)).toEqual(['NEW v1', 'CANCEL v2']);
    // A busted trade cannot change again.
    expect(
      (
        await desk.call('POST', `/api/v1/settlement/trades/${id}/corrections`, ops, {
          action: 'BUST',
          reason: 'twice over',
        })
      ).status,
    ).toBe(409);
  });

  test('when a correction is approved by its requester, then four eyes refuse it; another officer corrects the quantity, positions and the settled amounts follow', async () => {
    const x = await fx.bond('G_SEC');
    const [p, q] = [await fx.participant('cp'), await fx.participant('cq')];
    await fx.fund(p, '10000000.00');
    await fx.fund(q, null, [[x.isin, '1000000.00']]);
    const id = await fx.trade(x, p, q, '99.0000', '300000', '2001-07-02T05:00:00Z');
    // One person holding both roles (created by the admin) requests and tries to approve.
    const admin = await env.api.login('admin@bondx.local');
    const username = `both-${Date.now()}@bondx.local`;
    const created = await desk.call('POST', '/api/v1/users', admin, {
      username,
      display_name: 'Ops and compliance',
      password: 'a-long-enough-password-1',
      participant_id: 1,
      roles: ['OPERATIONS', 'COMPLIANCE_OFFICER'],
    });
    expect(created.status).toBe(201);
    const both = await env.api.login(username, 'a-long-enough-password-1');
    const req = await desk.call('POST', `/api/v1/settlement/trades/${id}/corrections`, both, {
      action: 'CORRECT',
      quantity: '100000',
      reason: 'client confirmed 1 lakh',
    });
    expect(req.status).toBe(201);
    const { correction_id: cid } = await req.json();
    const self = await desk.call('POST', `/api/v1/settlement/corrections/${cid}/approve`, both, {});
    expect(self.status).toBe(403);
    expect(await fx.tradeRow(id)).toMatchObject({ status: 'ACTIVE', quantity: '300000.00' });
    const pending = await (
      await desk.call('GET', `/api/v1/settlement/corrections?status=PENDING_APPROVAL&trade_id=${id}`, ops)
    ).json();
    expect(pending.items.map((c: { correction_id: number }) => c.correction_id)).toEqual([cid]);
    expect(
      (await desk.call('POST', `/api/v1/settlement/corrections/${cid}/approve`, compliance, {})).status,
    ).toBe(200);
    expect(await fx.tradeRow(id)).toMatchObject({ status: 'CORRECTED', version: 2, quantity: '100000.00' });
    expect([await fx.position(p, x.id), await fx.position(q, x.id)]).toEqual(['100000.00', '-100000.00']);

    // A rejected request leaves the trade alone.
    const second = await desk.call('POST', `/api/v1/settlement/trades/${id}/corrections`, ops, {
      action: 'CORRECT',
      price: '98.5000',
      reason: 'second thoughts',
    });
    const rejected = await desk.call(
      'POST',
      `/api/v1/settlement/corrections/${(await second.json()).correction_id}/reject`,
      compliance,
      { comment: 'price was right' },
    );
    expect(rejected.status).toBe(200);
    expect((await rejected.json()).status).toBe('REJECTED');

    const run = await desk.settle('RBI_SGL', '2001-07-03');
    expect(run.status).toBe('SETTLED');
    expect(await fx.holding(p, x.isin)).toBe('100000.00');
    await expectConserved();
  });
});

describe('settlement cycle per bond', () => {
  test('when a bond is set to T+0, then its trades settle on their trade date', async () => {
    const x = await fx.bond('G_SEC');
    const set = await desk.call('PUT', `/api/v1/settlement/bonds/${x.code}/cycle`, ops, {
      settlement_days: 0,
    });
    expect(await set.json()).toEqual({ bond_id: x.code, isin: x.isin, settlement_days: 0 });
    const refused = await desk.call('PUT', `/api/v1/settlement/bonds/${x.code}/cycle`, ops, {
      settlement_days: 2,
    });
    expect(refused.status).toBe(422);
    const [p, q] = [await fx.participant('tp'), await fx.participant('tq')];
    const id = await fx.trade(x, p, q, '99.0000', '10000', '2001-08-03T11:00:00Z'); // a Friday, 16:30 in India
    expect((await fx.tradeRow(id)).settlement_date).toBe('2001-08-03');
    const weekend = await fx.trade(x, p, q, '99.0000', '10000', '2001-08-04T05:00:00Z'); // Saturday: next business day
    expect((await fx.tradeRow(weekend)).settlement_date).toBe('2001-08-06');
    await bust(id, 'test trade');
    await bust(weekend, 'test trade');
  });
});

describe('redemption shut period', () => {
  test('when a trade would settle after the record date of its bond’s redemption, then it fails without blaming either side and is closed out, not rolled', async () => {
    // Matures Friday 2001-06-15: paid that day to the holders of record on Thursday the 14th.
    const x = await fx.bond('G_SEC', 1, '2001-06-15');
    const [buyer, seller] = [await fx.participant('sb'), await fx.participant('ss')];
    await fx.fund(buyer, '100000.00');
    await fx.fund(seller, null, [[x.isin, '50000.00']]);
    const onRecord = await fx.trade(x, buyer, seller, '99.9000', '20000', '2001-06-13T05:00:00Z');
    const shut = await fx.trade(x, buyer, seller, '99.9500', '10000', '2001-06-14T05:00:00Z');
    expect((await fx.tradeRow(shut)).settlement_date).toBe('2001-06-15');

    expect(await desk.settle('RBI_SGL', '2001-06-14')).toMatchObject({ status: 'SETTLED' });
    expect((await fx.tradeRow(onRecord)).settlement_status).toBe('SETTLED');
    const run = await desk.settle('RBI_SGL', '2001-06-15');
    expect(run).toMatchObject({ status: 'FAILED' });
    expect(run.trades).toEqual([
      {
        trade_id: shut,
        outcome: 'FAILED',
        failed_participant_id: null,
        reason: `shut period: ${x.isin} redeems on 2001-06-15 to the holders of record on 2001-06-14`,
      },
    ]);
    expect(await fx.tradeRow(shut)).toMatchObject({ settlement_status: 'CLOSED_OUT', settlement_rolls: 0 });
    // The holders of record stay as they were on the 14th; the closed-out trade's positions are taken back.
    expect(await fx.holding(buyer, x.isin)).toBe('20000.00');
    expect(await fx.holding(seller, x.isin)).toBe('30000.00');
    expect(await fx.position(buyer, x.id)).toBe('20000.00');
    await expectConserved();
  });
});

describe('securities blocked for delivery', () => {
  test('when a DvP-III round blocks, then each seller’s securities are earmarked like the buyers’ cash, nothing else may spend them, a failed block releases the round, and the next round settles what it can', async () => {
    const registry = new Registry();
    const counter = (name: string, labelNames: string[]) =>
      new Counter({ name, help: name, labelNames, registers: [registry] });
    // The workflow's activities, called one by one to stop between the netting and the blocks.
    const acts = createSettlementActivities({
      orm: env.api.deps.orm,
      log: pino({ level: 'silent' }),
      temporal: env.api.deps.temporal,
      taskQueue: env.taskQueue,
      maxRolls: 3,
      recordDays: 1,
      recomputeHouseRisk: async () => undefined,
      metrics: { trades: counter('t_trades', ['mode', 'outcome']), runs: counter('t_runs', ['status']) },
    });
    const x = await fx.bond('G_SEC');
    const buyer = await fx.participant('bb');
    const [s1, s2] = [await fx.participant('bs1'), await fx.participant('bs2')];
    const venue = (
      await env.api.deps.pg.query('select id from participants where is_venue_operator order by id limit 1')
    ).rows[0].id as number;
    await fx.fund(buyer, '1000000.00');
    await fx.fund(s1, null, [[x.isin, '300000.00']]);
    await fx.fund(s2, null, [[x.isin, '200000.00']]);
    const t1 = await fx.trade(x, buyer, s1, '99.0000', '200000', '2001-09-03T05:00:00Z');
    const t2 = await fx.trade(x, buyer, s2, '99.0000', '100000', '2001-09-03T05:01:00Z');
    const run = await acts.openSettlementRun('RBI_SGL', '2001-09-04', null);
    const plan = await acts.computeNetRound(run.runId, run.attempt, 1);
    expect(plan).toMatchObject({ tradeCount: 2, debtors: [buyer, s1, s2] });

    await acts.blockObligations(run.runId, run.attempt, 1, buyer);
    await acts.blockObligations(run.runId, run.attempt, 1, s1);
    expect(await fx.blockedHolding(s1, x.isin)).toBe('200000.00');
    // Of s1's 300,000, 200,000 are earmarked: a movement of 150,000 is refused, one of 100,000 is not.
    const move = (participantId: number, amount: string, n: number) =>
      (env.api.deps.orm.em.fork() as EntityManager).transactional((tx) =>
        postJournal(tx, {
          reference: `test:earmark:${participantId}:${n}`,
          kind: 'TEST',
          description: 'a movement while blocked',
          lines: [
            { participantId, asset: x.isin, amount: `-${amount}` },
            { participantId: venue, asset: x.isin, amount },
          ],
        }),
      );
    await expect(move(s1, '150000.00', 1)).rejects.toBeInstanceOf(OverdraftError);
    await move(s1, '100000.00', 2);
    // s2's bonds leave before its block: its block fails, and the round's blocks are given back.
    await move(s2, '200000.00', 3);
    await expect(acts.blockObligations(run.runId, run.attempt, 1, s2)).rejects.toMatchObject({
      type: 'InsufficientSecurities',
    });
    expect(await fx.blockedHolding(s2, x.isin)).toBe('0.00');
    await acts.releaseRound(run.runId, run.attempt, 1);
    expect(await fx.blockedHolding(s1, x.isin)).toBe('0.00');
    expect((await fx.cash(buyer)).blocked).toBe('0.00');

    // Round 2 re-nets on fresh holdings: s2's trade fails, s1's settles.
    const second = await acts.computeNetRound(run.runId, run.attempt, 2);
    expect(second).toMatchObject({ tradeCount: 1, failedCount: 1, debtors: [buyer, s1] });
    for (const p of second.debtors) await acts.blockObligations(run.runId, run.attempt, 2, p);
    expect(await acts.settleNetRound(run.runId, run.attempt, 2)).toEqual({ settled: true, reason: null });
    expect(await fx.holding(s1, x.isin)).toBe('0.00');
    expect(await fx.blockedHolding(s1, x.isin)).toBe('0.00');
    expect(await fx.holding(buyer, x.isin)).toBe('200000.00');
    expect((await fx.cash(buyer)).blocked).toBe('0.00');
    expect(await acts.closeSettlementRun(run.runId, run.attempt)).toMatchObject({
      status: 'PARTIAL',
      settledTrades: 1,
      failedTrades: 1,
    });
    expect((await fx.tradeRow(t1)).settlement_status).toBe('SETTLED');
    await expectConserved();
    await bust(t2, 'seller’s bonds left before the block');
  });
});

describe('positions after a bust', () => {
  test('when a purchase is busted after a later sale, then the buyer’s position has the quantity and average price of its other trades alone', async () => {
    const x = await fx.bond('G_SEC');
    const [p, q, r] = [await fx.participant('pp'), await fx.participant('pq'), await fx.participant('pr')];
    const t1 = await fx.trade(x, p, q, '99.0000', '100000', '2001-10-01T04:00:00Z');
    const t2 = await fx.trade(x, p, q, '101.0000', '100000', '2001-10-01T04:10:00Z');
    const t3 = await fx.trade(x, r, p, '100.5000', '50000', '2001-10-01T04:20:00Z');
    const position = async (participant: number) =>
      (
        await env.api.deps.pg.query(
          `select p.quantity::text as quantity, p.average_price::text as average_price from positions p
             join portfolios f on f.id = p.portfolio_id where f.participant_id = $1 and f.kind = 'HOUSE' and p.bond_id = $2`,
          [participant, x.id],
        )
      ).rows[0];
    expect(await position(p)).toEqual({ quantity: '150000.00', average_price: '100.0000' });
    await bust(t2, 'wrong counterparty');
    // As if t2 never happened: 100,000 bought at 99.00, 50,000 sold: 50,000 at 99.0000 (not 100.0000).
    expect(await position(p)).toEqual({ quantity: '50000.00', average_price: '99.0000' });
    expect((await position(q)).quantity).toBe('-100000.00');
    await bust(t1, 'test trade');
    await bust(t3, 'test trade');
    expect(await position(p)).toBeUndefined();
  });
});
