import fc from 'fast-check';
import {
  checkPreTrade,
  OrderType,
  TimeInForce,
  type OrderRequest,
  type PreTradeInstrument,
  type PreTradeParticipant,
} from '../../../domain/trading';

// A G-sec: tick 0.0025, lot 10,000 face; reference 100.0000 = 40,000 ticks; band 5% = 500 bp,
// so limit prices from 95.0000 (38,000 ticks) to 105.0000 (42,000 ticks) pass.
const gsec: PreTradeInstrument = {
  tickSize: '0.0025',
  lotSize: '10000',
  tradable: true,
  halted: false,
  referencePriceTicks: 40_000,
  priceBandBp: 500,
};
const member: PreTradeParticipant = { active: true, killSwitch: false, maxOrderLots: 1_000 };
const limit = (o: Partial<OrderRequest> = {}): OrderRequest => ({
  type: OrderType.LIMIT,
  tif: TimeInForce.DAY,
  quantity: '50000',
  price: '95.5025',
  now: 1_000,
  ...o,
});
const reasons = (o: OrderRequest, i = gsec, p = member) => {
  const r = checkPreTrade(o, i, p);
  return r.ok ? [] : r.rejections.map((x) => `${x.reason}@${x.field}`);
};

describe('pre-trade checks', () => {
  test('when a limit order is on the tick, a lot multiple and inside the band, then it converts exactly', () => {
    // 95.5025 / 0.0025 = 38,201 ticks; 50,000 / 10,000 = 5 lots.
    expect(checkPreTrade(limit(), gsec, member)).toEqual({
      ok: true,
      units: { lots: 5, priceTicks: 38_201, stopPriceTicks: 0, displayLots: 0 },
    });
  });

  test('when the price is off the tick or the quantity off the lot, then each field is named', () => {
    expect(reasons(limit({ price: '95.5010', quantity: '15000' }))).toEqual([
      'LOT_SIZE@quantity',
      'TICK_SIZE@price',
    ]);
  });

  test('when the price sits exactly on the band edge, then it passes; one tick beyond, then PRICE_BAND', () => {
    expect(reasons(limit({ price: '105.0000' }))).toEqual([]);
    expect(reasons(limit({ price: '95.0000' }))).toEqual([]);
    expect(reasons(limit({ price: '105.0025' }))).toEqual(['PRICE_BAND@price']);
    expect(reasons(limit({ price: '94.9975' }))).toEqual(['PRICE_BAND@price']);
  });

  test('when there is no reference price yet, then no band applies', () => {
    expect(reasons(limit({ price: '150.0000' }), { ...gsec, referencePriceTicks: null })).toEqual([]);
  });

  test('when a market order carries a price, or a limit order lacks one, then the price field is named', () => {
    expect(reasons(limit({ type: OrderType.MARKET, tif: TimeInForce.IOC }))).toEqual([
      'PRICE_NOT_ALLOWED@price',
    ]);
    expect(reasons(limit({ price: undefined }))).toEqual(['PRICE_REQUIRED@price']);
  });

  test('when a stop-limit lacks its stop, or a stop lies outside the band, then stop_price is named', () => {
    expect(reasons(limit({ type: OrderType.STOP_LIMIT }))).toEqual(['STOP_PRICE_REQUIRED@stop_price']);
    expect(reasons(limit({ type: OrderType.STOP_LIMIT, stopPrice: '110.0000' }))).toEqual([
      'PRICE_BAND@stop_price',
    ]);
    expect(reasons(limit({ type: OrderType.STOP_LOSS, price: undefined, stopPrice: '99.0000' }))).toEqual([]);
  });

  test('when an iceberg shows all of itself, or nothing, then display_quantity is named', () => {
    const iceberg = (displayQuantity?: string) =>
      limit({ type: OrderType.ICEBERG, quantity: '100000', displayQuantity });
    expect(reasons(iceberg('20000'))).toEqual([]);
    expect(reasons(iceberg('100000'))).toEqual(['DISPLAY_QUANTITY@display_quantity']);
    expect(reasons(iceberg())).toEqual(['DISPLAY_QUANTITY@display_quantity']);
  });

  test('when a GTD order has no expiry or one in the past, then expire_time is named', () => {
    expect(reasons(limit({ tif: TimeInForce.GTD }))).toEqual(['EXPIRE_TIME@expire_time']);
    expect(reasons(limit({ tif: TimeInForce.GTD, expireAt: 1_000 }))).toEqual(['EXPIRE_TIME@expire_time']);
    expect(reasons(limit({ tif: TimeInForce.GTD, expireAt: 1_001 }))).toEqual([]);
  });

  test('when the venue, the participant and the size all object, then every reason comes back at once', () => {
    expect(
      reasons(
        limit({ quantity: '20000000' }),
        { ...gsec, halted: true, tradable: false, closed: true },
        { active: false, killSwitch: true, maxOrderLots: 100 },
      ),
    ).toEqual([
      'BOND_NOT_TRADABLE@bond_id',
      'TRADING_HALTED@bond_id',
      'MARKET_CLOSED@bond_id',
      'PARTICIPANT_INACTIVE@participant_id',
      'KILL_SWITCH_ACTIVE@participant_id',
      'MAX_ORDER_SIZE@quantity',
    ]);
  });

  test('when any price is checked against the band, then the integer rule agrees with exact decimal arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (p, ref, bp) => {
          const r = checkPreTrade(
            limit({ price: (p * 0.0025).toFixed(4) }),
            { ...gsec, referencePriceTicks: ref, priceBandBp: bp },
            member,
          );
          const inBand = BigInt(Math.abs(p - ref)) * 10_000n <= BigInt(ref) * BigInt(bp);
          return (r.ok || r.rejections.every((x) => x.reason === 'PRICE_BAND')) && r.ok === inBand;
        },
      ),
    );
  });
});
