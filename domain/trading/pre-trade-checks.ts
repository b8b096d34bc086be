import { OrderType, TimeInForce } from './order-types';
import { priceToTicks, quantityToLots } from './instrument-units';
import { TradingError } from './trading-errors';

/** What the venue knows about a bond at the moment an order arrives. */
export interface PreTradeInstrument {
  tickSize: string;
  lotSize: string;
  tradable: boolean;
  halted: boolean;
  /** The bond's session is CLOSED (orders would be refused by the book). */
  closed?: boolean;
  /** Last trade of the day, else the bond's reference price, in ticks; null when there is neither. */
  referencePriceTicks: number | null;
  /** Allowed distance from the reference price, in basis points of it (500 = 5%). */
  priceBandBp: number;
}

export interface PreTradeParticipant {
  active: boolean;
  killSwitch: boolean;
  /** Largest order the participant may send, in lots; null for no limit. */
  maxOrderLots: number | null;
}

/** An order as received, decimals still as text, before anything touched a book. */
export interface OrderRequest {
  type: OrderType;
  tif: TimeInForce;
  quantity: string;
  price?: string;
  stopPrice?: string;
  displayQuantity?: string;
  /** GTD expiry and the arrival time, on the same clock (e.g. epoch milliseconds). */
  expireAt?: number;
  now: number;
}

export const PRE_TRADE_REASONS = [
  'BOND_NOT_TRADABLE',
  'TRADING_HALTED',
  'MARKET_CLOSED',
  'PARTICIPANT_INACTIVE',
  'KILL_SWITCH_ACTIVE',
  'TICK_SIZE',
  'LOT_SIZE',
  'PRICE_REQUIRED',
  'PRICE_NOT_ALLOWED',
  'STOP_PRICE_REQUIRED',
  'DISPLAY_QUANTITY',
  'EXPIRE_TIME',
  'PRICE_BAND',
  'MAX_ORDER_SIZE',
] as const;
export type PreTradeReason = (typeof PRE_TRADE_REASONS)[number];

export interface PreTradeRejection {
  reason: PreTradeReason;
  /** The request field at fault, as the API names it. */
  field: string;
  message: string;
}

export interface AcceptedOrderUnits {
  lots: number;
  priceTicks: number;
  stopPriceTicks: number;
  displayLots: number;
}

export type PreTradeResult =
  { ok: true; units: AcceptedOrderUnits } | { ok: false; rejections: PreTradeRejection[] };

const LIMIT_PRICED: readonly OrderType[] = [OrderType.LIMIT, OrderType.STOP_LIMIT, OrderType.ICEBERG];
const STOPS: readonly OrderType[] = [OrderType.STOP_LOSS, OrderType.STOP_LIMIT];

/** Converts with `convert`, turning the unit errors into a rejection on `field`. */
function units(
  value: string,
  step: string,
  convert: (v: string, s: string) => number,
  field: string,
  reason: PreTradeReason,
  out: PreTradeRejection[],
): number {
  try {
    return convert(value, step);
  } catch (err) {
    if (!(err instanceof TradingError)) throw err;
    out.push({ reason, field, message: err.message });
    return 0;
  }
}

/** |price - reference| <= reference x band, in integers: no rounding decides a rejection. */
function outsideBand(ticks: number, referenceTicks: number, bandBp: number): boolean {
  return Math.abs(ticks - referenceTicks) * 10_000 > referenceTicks * bandBp;
}

/**
 * Every check that needs no book, in the order a desk would explain a rejection: the venue and
 * the participant first, then the order's own shape, then limits. All failures are reported at
 * once, so a client fixes its order in one round trip.
 */
export function checkPreTrade(
  order: OrderRequest,
  instrument: PreTradeInstrument,
  participant: PreTradeParticipant,
): PreTradeResult {
  const out: PreTradeRejection[] = [];
  if (!instrument.tradable)
    out.push({ reason: 'BOND_NOT_TRADABLE', field: 'bond_id', message: 'the bond is not tradable' });
  if (instrument.halted)
    out.push({ reason: 'TRADING_HALTED', field: 'bond_id', message: 'trading in the bond is halted' });
  if (instrument.closed)
    out.push({ reason: 'MARKET_CLOSED', field: 'bond_id', message: 'the market in the bond is closed' });
  if (!participant.active) {
    out.push({
      reason: 'PARTICIPANT_INACTIVE',
      field: 'participant_id',
      message: 'the participant is not active',
    });
  }
  if (participant.killSwitch) {
    out.push({
      reason: 'KILL_SWITCH_ACTIVE',
      field: 'participant_id',
      message: 'the participant is blocked by its kill switch',
    });
  }

  const lots = units(order.quantity, instrument.lotSize, quantityToLots, 'quantity', 'LOT_SIZE', out);

  let priceTicks = 0;
  if (LIMIT_PRICED.includes(order.type)) {
    if (order.price === undefined)
      out.push({ reason: 'PRICE_REQUIRED', field: 'price', message: 'a limit price is required' });
    else priceTicks = units(order.price, instrument.tickSize, priceToTicks, 'price', 'TICK_SIZE', out);
  } else if (order.price !== undefined) {
    out.push({
      reason: 'PRICE_NOT_ALLOWED',
      field: 'price',
      message: 'market and stop-market orders carry no limit price',
    });
  }

  let stopPriceTicks = 0;
  if (STOPS.includes(order.type)) {
    if (order.stopPrice === undefined) {
      out.push({ reason: 'STOP_PRICE_REQUIRED', field: 'stop_price', message: 'a stop price is required' });
    } else {
      stopPriceTicks = units(
        order.stopPrice,
        instrument.tickSize,
        priceToTicks,
        'stop_price',
        'TICK_SIZE',
        out,
      );
    }
  }

  let displayLots = 0;
  if (order.type === OrderType.ICEBERG) {
    if (order.displayQuantity === undefined) {
      out.push({
        reason: 'DISPLAY_QUANTITY',
        field: 'display_quantity',
        message: 'an iceberg needs a display quantity',
      });
    } else {
      displayLots = units(
        order.displayQuantity,
        instrument.lotSize,
        quantityToLots,
        'display_quantity',
        'LOT_SIZE',
        out,
      );
      if (displayLots > 0 && lots > 0 && displayLots >= lots) {
        out.push({
          reason: 'DISPLAY_QUANTITY',
          field: 'display_quantity',
          message: 'must be smaller than quantity',
        });
      }
    }
  }

  if (order.tif === TimeInForce.GTD && (order.expireAt === undefined || order.expireAt <= order.now)) {
    out.push({
      reason: 'EXPIRE_TIME',
      field: 'expire_time',
      message: 'a GTD order needs an expire time in the future',
    });
  }

  const ref = instrument.referencePriceTicks;
  if (ref !== null && ref > 0) {
    const band = `${instrument.priceBandBp / 100}% of the reference price`;
    if (priceTicks > 0 && outsideBand(priceTicks, ref, instrument.priceBandBp)) {
      out.push({ reason: 'PRICE_BAND', field: 'price', message: `outside the price band (${band})` });
    }
    if (stopPriceTicks > 0 && outsideBand(stopPriceTicks, ref, instrument.priceBandBp)) {
      out.push({ reason: 'PRICE_BAND', field: 'stop_price', message: `outside the price band (${band})` });
    }
  }

  if (participant.maxOrderLots !== null && lots > participant.maxOrderLots) {
    out.push({
      reason: 'MAX_ORDER_SIZE',
      field: 'quantity',
      message: `larger than the participant's maximum order of ${participant.maxOrderLots} lots`,
    });
  }

  return out.length
    ? { ok: false, rejections: out }
    : { ok: true, units: { lots, priceTicks, stopPriceTicks, displayLots } };
}
