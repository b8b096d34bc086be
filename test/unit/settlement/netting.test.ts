import fc from 'fast-check';
import {
  fromHundredths,
  holdingKey,
  isolateFailures,
  compareLines,
  netObligations,
  settlementModeOf,
  totalsByAsset,
  tradeAmounts,
  type Availability,
  type SettlementTrade,
} from '../../../domain/settlement';
import { CASH_ASSET, hundredths } from '../../../domain/ledger/journal';
import { parseCivilDate } from '../../../domain/bonds/civil-date';

const A = 1;
const B = 2;
const C = 3;
const X = 'IN0000000X01';
const Y = 'IN0000000Y01';

const trade = (
  id: string,
  buyerId: number,
  sellerId: number,
  isin: string,
  face: string,
  cash: string,
  executedAt: string,
): SettlementTrade => ({
  id,
  buyerId,
  sellerId,
  isin,
  faceHundredths: hundredths(face),
  cashPaise: hundredths(cash),
  executedAt,
});

// A hand-made day: A buys X from B and C and sells Y to C; B sells X to A and buys some back from C.
const day = [
  trade('t1', A, B, X, '1000000', '995000.00', '2026-11-24T04:00:00.000Z'),
  trade('t2', B, C, X, '500000', '498000.00', '2026-11-24T04:30:00.000Z'),
  trade('t3', C, A, Y, '200000', '201000.00', '2026-11-24T05:00:00.000Z'),
  trade('t4', A, C, X, '300000', '299100.00', '2026-11-24T06:00:00.000Z'),
];

const asText = (lines: ReturnType<typeof netObligations>) =>
  lines.map((l) => `${l.participantId} ${l.asset} ${fromHundredths(l.amount)}`);

const avail = (cash: [number, string][], holdings: [number, string, string][]): Availability => ({
  cash: new Map(cash.map(([p, c]) => [p, hundredths(c)])),
  securities: new Map(holdings.map(([p, isin, q]) => [holdingKey(p, isin), hundredths(q)])),
});

describe('DvP-III multilateral netting', () => {
  test('when a hand-made day of four trades is netted, then each participant owes or receives its known net per ISIN and in cash', () => {
    expect(asText(netObligations(day))).toEqual([
      `1 ${CASH_ASSET} -1093100.00`,
      `1 ${X} 1300000.00`,
      `1 ${Y} -200000.00`,
      `2 ${CASH_ASSET} 497000.00`,
      `2 ${X} -500000.00`,
      `3 ${CASH_ASSET} 596100.00`,
      `3 ${X} -800000.00`,
      `3 ${Y} 200000.00`,
    ]);
  });

  test('when everyone can cover its nets, then nothing fails', () => {
    const result = isolateFailures(
      day,
      avail(
        [[A, '2000000']],
        [
          [A, Y, '200000'],
          [B, X, '500000'],
          [C, X, '800000'],
        ],
      ),
    );
    expect(result.failed).toEqual([]);
    expect(result.settling.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
  });

  test('when a participant is short of cash, then only its newest buy fails and the rest settles re-netted', () => {
    const result = isolateFailures(
      day,
      avail(
        [[A, '1000000']],
        [
          [A, Y, '200000'],
          [B, X, '500000'],
          [C, X, '800000'],
        ],
      ),
    );
    expect(
      result.failed.map((f) => [f.trade.id, f.participantId, f.asset, fromHundredths(f.shortfall)]),
    ).toEqual([['t4', A, CASH_ASSET, '93100.00']]);
    expect(asText(result.nets)).toEqual([
      `1 ${CASH_ASSET} -794000.00`,
      `1 ${X} 1000000.00`,
      `1 ${Y} -200000.00`,
      `2 ${CASH_ASSET} 497000.00`,
      `2 ${X} -500000.00`,
      `3 ${CASH_ASSET} 297000.00`,
      `3 ${X} -500000.00`,
      `3 ${Y} 200000.00`,
    ]);
  });

  test('when a seller has no securities, then its sales fail and a counterparty that relied on them fails next', () => {
    const result = isolateFailures(
      day,
      avail(
        [
          [A, '2000000'],
          [C, '1000000'],
        ],
        [
          [A, Y, '200000'],
          [B, X, '500000'],
        ],
      ),
    );
    expect(result.failed.map((f) => [f.trade.id, f.participantId, f.asset])).toEqual([
      ['t4', C, X],
      ['t2', C, X],
      ['t1', B, X],
    ]);
    expect(result.settling.map((t) => t.id)).toEqual(['t3']);
  });
});

describe('trade amounts', () => {
  test('when 10 lakh face of a 7.10% 30/360 bond trades at 99.50 for settlement 47 days after its coupon, then the cash is consideration plus accrued to the paisa', () => {
    const terms = {
      couponPct: 7.1,
      maturity: parseCivilDate('2034-04-08'),
      frequency: 2 as const,
      dayCount: '30/360' as const,
    };
    const amounts = tradeAmounts(terms, '2026-11-25', '99.5000', '1000000.00');
    // 7.10 x 47/360 per 100 = 0.92694...; x 10,000 = 9,269.44
    expect(fromHundredths(amounts.considerationPaise)).toBe('995000.00');
    expect(fromHundredths(amounts.accruedPaise)).toBe('9269.44');
    expect(fromHundredths(amounts.cashPaise)).toBe('1004269.44');
  });

  test('when a T-bill trades, then nothing accrues', () => {
    expect(fromHundredths(tradeAmounts(null, '2026-11-25', '98.1234', '10000').cashPaise)).toBe('9812.34');
  });
});

const participants = [1, 2, 3, 4];
const isins = [X, Y];
const tradesArb = fc.array(
  fc
    .record({
      buyer: fc.constantFrom(...participants),
      seller: fc.constantFrom(...participants),
      isin: fc.constantFrom(...isins),
      lots: fc.integer({ min: 1, max: 50 }),
      cash: fc.bigInt({ min: 1n, max: 10_000_000n }),
      at: fc.integer({ min: 0, max: 10_000 }),
    })
    .filter((t) => t.buyer !== t.seller),
  { maxLength: 30 },
);
const toTrades = (
  raw: { buyer: number; seller: number; isin: string; lots: number; cash: bigint; at: number }[],
): SettlementTrade[] =>
  raw.map((t, i) => ({
    id: `t${String(i).padStart(3, '0')}`,
    buyerId: t.buyer,
    sellerId: t.seller,
    isin: t.isin,
    faceHundredths: BigInt(t.lots) * 1_000_000n,
    cashPaise: t.cash,
    executedAt: new Date(1_700_000_000_000 + t.at * 1000).toISOString(),
  }));
const availArb = fc.record({
  cash: fc.array(fc.bigInt({ min: 0n, max: 50_000_000n }), { minLength: 4, maxLength: 4 }),
  holdings: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 8, maxLength: 8 }),
});
const toAvail = (a: { cash: bigint[]; holdings: number[] }): Availability => ({
  cash: new Map(participants.map((p, i) => [p, a.cash[i]!])),
  securities: new Map(
    participants.flatMap((p, i) =>
      isins.map((isin, j) => [holdingKey(p, isin), BigInt(a.holdings[i * 2 + j]!) * 1_000_000n] as const),
    ),
  ),
});

describe('netting properties', () => {
  test('for any trades, the nets of every asset sum to zero', () => {
    fc.assert(
      fc.property(tradesArb, (raw) => {
        for (const total of totalsByAsset(netObligations(toTrades(raw))).values()) expect(total).toBe(0n);
      }),
    );
  });

  test('for any trades and balances, isolation leaves nobody short, fails only trades of a short party, and conserves every asset', () => {
    fc.assert(
      fc.property(tradesArb, availArb, (raw, a) => {
        const trades = toTrades(raw);
        const availability = toAvail(a);
        const { settling, failed, nets } = isolateFailures(trades, availability);
        expect([...settling.map((t) => t.id), ...failed.map((f) => f.trade.id)].sort()).toEqual(
          trades.map((t) => t.id).sort(),
        );
        for (const f of failed) expect([f.trade.buyerId, f.trade.sellerId]).toContain(f.participantId);
        const after = new Map<string, bigint>();
        for (const p of participants) {
          after.set(`${p}:${CASH_ASSET}`, availability.cash.get(p)!);
          for (const isin of isins)
            after.set(`${p}:${isin}`, availability.securities.get(holdingKey(p, isin))!);
        }
        const before = new Map(after);
        for (const l of nets)
          after.set(`${l.participantId}:${l.asset}`, after.get(`${l.participantId}:${l.asset}`)! + l.amount);
        for (const v of after.values()) expect(v >= 0n).toBe(true);
        for (const asset of [CASH_ASSET, ...isins]) {
          const sum = (m: Map<string, bigint>) =>
            participants.reduce((s, p) => s + m.get(`${p}:${asset}`)!, 0n);
          expect(sum(after)).toBe(sum(before));
        }
      }),
    );
  });

  test('for any trades, ample balances settle everything', () => {
    fc.assert(
      fc.property(tradesArb, (raw) => {
        const ample: Availability = {
          cash: new Map(participants.map((p) => [p, 10n ** 12n])),
          securities: new Map(
            participants.flatMap((p) => isins.map((i) => [holdingKey(p, i), 10n ** 12n] as const)),
          ),
        };
        expect(isolateFailures(toTrades(raw), ample).failed).toEqual([]);
      }),
    );
  });
});

describe('settlement modes and ordering', () => {
  test('when a system settles, then government paper in RBI SGL nets (DvP-III) and corporates settle gross (DvP-I)', () => {
    expect(settlementModeOf('RBI_SGL')).toBe('DVP3');
    expect(settlementModeOf('CLEARING_CORPORATION')).toBe('DVP1');
  });

  test('when net lines are compared, then the order is total: by participant, cash first, then ISIN', () => {
    const line = fc.record({
      participantId: fc.constantFrom(A, B),
      asset: fc.constantFrom(CASH_ASSET, X, Y),
      amount: fc.bigInt({ min: -10n, max: 10n }),
    });
    fc.assert(
      fc.property(line, line, (a, b) => {
        expect(Math.sign(compareLines(a, b)) + Math.sign(compareLines(b, a))).toBe(0);
        expect(compareLines(a, b) === 0).toBe(a.participantId === b.participantId && a.asset === b.asset);
      }),
    );
  });

  test('when two buys of a participant without cash were executed at the same time, then the later id fails first', () => {
    const at = '2026-11-24T10:00:00.000Z';
    const result = isolateFailures(
      [trade('t1', A, B, X, '1000', '990', at), trade('t2', A, B, X, '1000', '990', at)],
      {
        cash: new Map([[A, hundredths('990')]]),
        securities: new Map([[holdingKey(B, X), hundredths('2000')]]),
      },
    );
    expect(result.failed.map((f) => f.trade.id)).toEqual(['t2']);
    const broke = isolateFailures([trade('t3', C, B, X, '1000', '990', at)], {
      cash: new Map(),
      securities: new Map([[holdingKey(B, X), hundredths('1000')]]),
    });
    expect(broke.failed).toEqual([expect.objectContaining({ participantId: C, asset: CASH_ASSET })]);
  });
});
