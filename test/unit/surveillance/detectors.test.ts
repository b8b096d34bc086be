import {
  layering,
  offFairValue,
  unusualVolume,
  washTrades,
  type ScannedOrder,
  type ScannedTrade,
} from '../../../domain/surveillance';

const trade = (fields: Partial<ScannedTrade> = {}): ScannedTrade => ({
  id: 't1',
  bondId: 1,
  bondCode: 'B1',
  price: 99,
  quantity: 10_000,
  executedAt: '2026-11-24T10:00:00.000Z',
  buyOrderId: 'ob',
  sellOrderId: 'os',
  buyerParticipantId: 10,
  sellerParticipantId: 11,
  buyerUserId: 100,
  sellerUserId: 110,
  ...fields,
});

const spoof = (i: number, fields: Partial<ScannedOrder> = {}): ScannedOrder => ({
  id: `o${i}`,
  bondId: 1,
  participantId: 11,
  side: 'BUY',
  price: 98.9,
  quantity: 100_000,
  filledQuantity: 0,
  status: 'CANCELLED',
  createdAt: '2026-11-24T09:59:00.000Z',
  updatedAt: '2026-11-24T10:00:30.000Z',
  ...fields,
});

describe('surveillance rules', () => {
  test('off fair value: fires at 25 bp for sovereign paper and 75 bp otherwise, quiet inside', () => {
    const priced = (yieldPct: number, sovereign: boolean) => ({
      ...trade(),
      yieldPct,
      fairYieldPct: 7,
      sovereign,
    });
    expect(offFairValue([priced(7.2, true)])).toEqual([]);
    expect(offFairValue([priced(7.26, true)])[0]).toMatchObject({
      rule: 'OFF_FAIR_VALUE',
      severity: 'MEDIUM',
    });
    expect(offFairValue([priced(7.5, false)])).toEqual([]);
    expect(offFairValue([priced(5.4, false)])[0]).toMatchObject({
      severity: 'HIGH',
      evidence: { deviation_bp: -160, threshold_bp: 75 },
    });
  });

  test('wash trades: different participants with one beneficial owner fire; unrelated ones do not', () => {
    const owners: Record<number, string> = { 10: 'GROUP-X', 11: 'GROUP-X', 12: 'GROUP-Y' };
    const ownerOf = (p: number) => owners[p] ?? `participant:${p}`;
    expect(washTrades([trade()], ownerOf)[0]).toMatchObject({
      rule: 'WASH_TRADE',
      evidence: { beneficial_owner: 'GROUP-X' },
    });
    expect(washTrades([trade({ sellerParticipantId: 12 })], ownerOf)).toEqual([]);
    expect(washTrades([trade({ buyerParticipantId: 20, sellerParticipantId: 21 })], ownerOf)).toEqual([]);
  });

  test('layering mirrored: three large offers above a purchase, pulled unfilled, fire against the buyer', () => {
    const tick = () => 0.0025;
    const offer = (i: number, price: number) => spoof(i, { participantId: 10, side: 'SELL', price });
    const found = layering(
      [trade()],
      [1, 2, 3].map((i) => offer(i, 99.1)),
      tick,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ participantId: 10, dedupKey: 'LAYERING:t1:10' });
    expect(found[0]!.description).toMatch(/^Participant 10 bought 10000 at 99 /);
    // Offers at the touch are not behind a purchase.
    expect(
      layering(
        [trade()],
        [1, 2, 3].map((i) => offer(i, 99.0025)),
        tick,
      ),
    ).toEqual([]);
  });

  test('layering: three large bids behind a sale, pulled unfilled, fire against the seller; ordinary cancels do not', () => {
    const tick = () => 0.0025;
    const found = layering([trade()], [spoof(1), spoof(2), spoof(3)], tick);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'LAYERING', participantId: 11, dedupKey: 'LAYERING:t1:11' });
    expect((found[0]!.evidence.orders as unknown[]).length).toBe(3);
    // Two layers only; small orders; at the touch; a filled one; placed after the trade: all quiet.
    expect(layering([trade()], [spoof(1), spoof(2)], tick)).toEqual([]);
    expect(
      layering(
        [trade()],
        [1, 2, 3].map((i) => spoof(i, { quantity: 20_000 })),
        tick,
      ),
    ).toEqual([]);
    expect(
      layering(
        [trade()],
        [1, 2, 3].map((i) => spoof(i, { price: 98.9975 })),
        tick,
      ),
    ).toEqual([]);
    expect(
      layering(
        [trade()],
        [1, 2, 3].map((i) => spoof(i, { filledQuantity: 10_000 })),
        tick,
      ),
    ).toEqual([]);
    expect(
      layering(
        [trade()],
        [1, 2, 3].map((i) => spoof(i, { createdAt: '2026-11-24T10:01:00.000Z' })),
        tick,
      ),
    ).toEqual([]);
  });

  test('unusual volume: five times the mean and three deviations above it, with five days of history', () => {
    const history = [100, 120, 80, 110, 90].map((volume, i) => ({ day: `2026-11-1${i}`, volume }));
    expect(unusualVolume(1, 'B1', '2026-11-24', 1000, history)[0]).toMatchObject({
      rule: 'UNUSUAL_VOLUME',
      dedupKey: 'UNUSUAL_VOLUME:1:2026-11-24',
      evidence: { trade_count: 0, trades: [] },
    });
    const seen = Array.from({ length: 105 }, (_, i) => trade({ id: `t${i}` }));
    const evidence = unusualVolume(1, 'B1', '2026-11-24', 1000, history, seen)[0]!.evidence;
    expect(evidence.trade_count).toBe(105);
    expect((evidence.trades as { id: string }[]).map((t) => t.id)).toEqual(seen.slice(5).map((t) => t.id));
    expect(unusualVolume(1, 'B1', '2026-11-24', 400, history)).toEqual([]);
    expect(unusualVolume(1, 'B1', '2026-11-24', 1e9, history.slice(0, 4))).toEqual([]);
  });
});
