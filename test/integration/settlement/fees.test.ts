import { startAuctionEnv, type AuctionTestEnv } from '../../support/auction-harness';
import { auditTrail } from '../../support/audit-trail';
import { SettlementDesk } from './settlement-desk';
import { SettlementFixtures } from './settlement-fixtures';

// Trades of this file execute in 2003, and its fee entries price only 2003 (a zero entry closes them
// from 2003-12-01), so no other file's settlement pays these fees.
let env: AuctionTestEnv;
let fx: SettlementFixtures;
let admin: string;
let ops: string;
let compliance: string;
let desk: SettlementDesk;

beforeAll(async () => {
  env = await startAuctionEnv('settlement-fees');
  fx = new SettlementFixtures(env.api.deps.orm);
  [admin, ops, compliance] = await Promise.all([
    env.api.login('admin@bondx.local'),
    env.api.login('ops@bondx.local'),
    env.api.login('compliance@bondx.local'),
  ]);
  desk = new SettlementDesk(env.api, ops, compliance);
});
afterAll(() => env.stop());

const paise = (rupees: string) => Math.round(Number(rupees) * 100);

async function tradeFees(tradeId: string) {
  return env.api.deps.orm.em
    .fork()
    .execute<
      { participant_id: number; side: string; amount: string; rate_bp: string; consideration: string }[]
    >(
      `select participant_id, side, amount::text as amount, rate_bp::text as rate_bp, consideration::text as consideration
         from trade_fees where trade_id = ? order by side`,
      [tradeId],
    );
}

describe('the venue fee schedule', () => {
  test('when ADMIN adds entries, then every member reads them, a bad entry is refused naming its field and only ADMIN may add', async () => {
    const bad = await desk.call('POST', '/api/v1/settlement/fees', admin, {
      execution_mechanism: 'CONTINUOUS',
      rate_bp: '-0.5',
      effective_from: '2003-01-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(['rate_bp']);
    const badMin = await desk.call('POST', '/api/v1/settlement/fees', admin, {
      execution_mechanism: 'AUCTION',
      rate_bp: '0.5',
      minimum: '10.001',
      effective_from: '2003-01-01',
    });
    expect(badMin.status).toBe(422);
    expect((await badMin.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'execution_mechanism',
      'minimum',
    ]);
    const entry = {
      execution_mechanism: 'CONTINUOUS',
      rate_bp: '0.5',
      minimum: '10',
      effective_from: '2003-01-01',
      note: 'fees test',
    };
    // The zero entry first: whatever fails below, this file's fees never reach another file's dates.
    const closing = await desk.call('POST', '/api/v1/settlement/fees', admin, {
      ...entry,
      rate_bp: '0',
      minimum: '0',
      effective_from: '2003-12-01',
    });
    expect(closing.status).toBe(201);
    expect((await desk.call('POST', '/api/v1/settlement/fees', ops, entry)).status).toBe(403);
    const added = await desk.call('POST', '/api/v1/settlement/fees', admin, entry);
    expect(added.status).toBe(201);
    const row = await added.json();
    expect(row).toMatchObject({ rate_bp: '0.5000', minimum: '10.00', participant_kind: null });
    const again = await desk.call('POST', '/api/v1/settlement/fees', admin, entry);
    expect(again.status).toBe(409);
    const trader = await env.api.login('trader1@bondx.local');
    const list = await (await desk.call('GET', '/api/v1/settlement/fees', trader)).json();
    expect(list.items.map((e: { id: number }) => e.id)).toEqual(expect.arrayContaining([row.id]));
    const audit = await auditTrail(env.api.deps.orm, {
      subjectType: 'fee_schedule',
      subjectId: String(row.id),
    });
    expect(audit.map((a) => a.action)).toEqual(['FEE_SCHEDULE_ENTRY_ADDED']);
  });
});

describe('fees charged at settlement', () => {
  test('when a DvP-I trade settles, then each side pays 0.5 bp of consideration (at least Rs 10) to the venue in the settlement transaction, the ledger balances and the statement shows the fees', async () => {
    const bond = await fx.bond('CORPORATE');
    const [buyer, seller] = [await fx.participant('fb'), await fx.participant('fs')];
    await fx.fund(buyer, '2000000.00');
    await fx.fund(seller, null, [[bond.isin, '1010000.00']]);
    // 1,000,000 face at 99.50: consideration 995,000.00, fee 49.75 each; 10,000 at 100: 0.05, so the minimum 10.00.
    const big = await fx.trade(bond, buyer, seller, '99.5000', '1000000', '2003-03-03T05:00:00Z');
    const small = await fx.trade(bond, buyer, seller, '100.0000', '10000', '2003-03-03T05:01:00Z');
    const before = [await fx.cash(buyer), await fx.cash(seller)];
    const run = await desk.settle('CLEARING_CORPORATION', '2003-03-04');
    expect(run.trades.filter((t: { trade_id: string }) => [big, small].includes(t.trade_id))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ trade_id: big, outcome: 'SETTLED' }),
        expect.objectContaining({ trade_id: small, outcome: 'SETTLED' }),
      ]),
    );
    expect(await tradeFees(big)).toEqual([
      { participant_id: buyer, side: 'BUY', amount: '49.75', rate_bp: '0.5000', consideration: '995000.00' },
      {
        participant_id: seller,
        side: 'SELL',
        amount: '49.75',
        rate_bp: '0.5000',
        consideration: '995000.00',
      },
    ]);
    expect((await tradeFees(small)).map((f) => f.amount)).toEqual(['10.00', '10.00']);
    const funds = run.legs
      .filter(
        (l: { leg: string; trade_id: string }) => l.leg === 'FUNDS' && [big, small].includes(l.trade_id),
      )
      .reduce((s: number, l: { amount: string }) => s + paise(l.amount), 0);
    const [buyerNow, sellerNow] = [await fx.cash(buyer), await fx.cash(seller)];
    expect(paise(buyerNow.balance) - paise(before[0]!.balance)).toBe(-funds - 5975);
    expect(paise(sellerNow.balance) - paise(before[1]!.balance)).toBe(funds - 5975);
    expect(buyerNow.blocked).toBe('0.00');

    const em = env.api.deps.orm.em.fork();
    const journal = await em.execute<
      { kind: string; participant_id: number; amount: string; venue: boolean }[]
    >(
      `select j.kind, e.participant_id, e.amount::text as amount, p.is_venue_operator as venue
         from ledger_journals j join ledger_entries e on e.journal_id = j.id join participants p on p.id = e.participant_id
        where j.reference = ? order by e.amount`,
      [`settlement:${run.settlement_id}:1:trade:${big}:fees`],
    );
    expect(journal.map((l) => [l.kind, l.participant_id, l.amount, l.venue])).toEqual([
      ['SETTLEMENT_FEE', buyer, '-49.75', false],
      ['SETTLEMENT_FEE', seller, '-49.75', false],
      ['SETTLEMENT_FEE', journal[2]!.participant_id, '99.50', true],
    ]);
    const rec = await desk.reconciliation();
    expect(rec.unbalanced_journals).toEqual([]);
    expect(rec.account_mismatches).toEqual([]);
    expect(rec.balanced).toBe(true);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
    const path = `/api/v1/statements/${buyer}?from=${today}&to=${today}`;
    const statement = await (await desk.call('GET', path, ops)).json();
    expect(statement.fees.total).toBe('59.75');
    expect(
      statement.fees.items.map((f: { trade_id: string; amount: string }) => [f.trade_id, f.amount]),
    ).toEqual([
      [big, '49.75'],
      [small, '10.00'],
    ]);
    const csv = await (await desk.call('GET', `${path}&format=csv`, ops)).text();
    expect(csv).toContain(`FEE,${big},BUY,${bond.isin},`);
    expect(csv).toMatch(/FEES_TOTAL,+59\.75,/);
  });

  test('when a DvP-III buyer has the price but not the fee, then its trade fails short by the fee, and a buyer who has both pays the fee in its blocked net obligation', async () => {
    const bond = await fx.bond('G_SEC');
    const [rich, poor, seller] = [
      await fx.participant('fr'),
      await fx.participant('fp'),
      await fx.participant('fs3'),
    ];
    await fx.fund(seller, null, [[bond.isin, '2000000.00']]);
    const t1 = await fx.trade(bond, rich, seller, '100.0000', '1000000', '2003-03-05T05:00:00Z');
    const t2 = await fx.trade(bond, poor, seller, '100.0000', '1000000', '2003-03-05T05:01:00Z');
    const preview = await (
      await desk.call('GET', '/api/v1/settlement/obligations?date=2003-03-06&settlement_system=RBI_SGL', ops)
    ).json();
    const amount = preview.trades.find((t: { trade_id: string }) => t.trade_id === t2).settlement_amount;
    // Each buys 1,000,000 face at par: consideration 1,000,000.00, fee 50.00 on top of the price.
    await fx.fund(poor, amount);
    await fx.fund(rich, (paise(amount) / 100 + 50).toFixed(2));
    const richLine = preview.items.find(
      (l: { participant_id: number; asset: string }) => l.participant_id === rich && l.asset === 'INR',
    );
    expect(paise(richLine.amount)).toBe(-paise(amount) - 5000);
    const run = await desk.settle('RBI_SGL', '2003-03-06');
    const outcome = (id: string) => run.trades.find((t: { trade_id: string }) => t.trade_id === id);
    expect(outcome(t1).outcome).toBe('SETTLED');
    expect(outcome(t2)).toMatchObject({ outcome: 'FAILED', reason: 'short of cash by 50.00' });
    expect(await fx.cash(rich)).toEqual({ balance: '0.00', blocked: '0.00' });
    expect(await fx.cash(poor)).toEqual({ balance: amount, blocked: '0.00' });
    expect((await tradeFees(t1)).map((f) => [f.participant_id, f.amount])).toEqual([
      [rich, '50.00'],
      [seller, '50.00'],
    ]);
    expect(await tradeFees(t2)).toEqual([]);
    const rec = await desk.reconciliation();
    expect(rec.balanced).toBe(true);
    // The failed trade is left to roll; cancel it so no later run of this database picks it up.
    await env.api.deps.orm.em
      .fork()
      .execute(`update trades set settlement_status = 'CANCELLED' where id = ?`, [t2]);
  });
});
