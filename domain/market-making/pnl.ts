import { ExactDecimal } from '../bonds/rounding';

/** A fill as stored: clean price per 100 (at most 4 decimals) and face value (at most 2), as decimal text. */
export interface Fill {
  readonly side: 'BUY' | 'SELL';
  readonly price: string;
  readonly quantity: string;
}

export interface BookPnl {
  /** Signed face value, long positive, rupees with 2 decimals. */
  readonly inventory: string;
  /** Average clean price of the open inventory, half-up to 4 decimals (null when flat). */
  readonly averagePrice: string | null;
  /** Rupees, each rounded half-up to the paisa once, from the exact amounts. */
  readonly realisedPaise: bigint;
  readonly unrealisedPaise: bigint;
}

/** A non-negative-denominator fraction of bigints: average cost leaves thirds, which no decimal holds. */
interface Ratio {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const ratio = (n: bigint, d: bigint): Ratio => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: Ratio, b: Ratio) => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
const scale = (a: Ratio, mul: bigint, div: bigint) => ratio(a.n * mul, a.d * div);

/** Rounds half away from zero (half-up in magnitude, as money is everywhere) to an integer. */
function roundHalfUp(a: Ratio): bigint {
  const abs = a.n < 0n ? -a.n : a.n;
  const q = (2n * abs + a.d) / (2n * a.d);
  return a.n < 0n ? -q : q;
}

/** Exact integer units of a decimal text with at most `places` decimals. */
function units(text: string, places: number, field: string): bigint {
  const scaled = new ExactDecimal(text).times(10 ** places);
  if (!scaled.isInteger()) throw new RangeError(`${field} ${text} has more than ${places} decimals`);
  return BigInt(scaled.toFixed(0));
}

/** Fixed-point text of an integer count of 10^-places. */
export function fixedText(value: bigint, places: number): string {
  const abs = (value < 0n ? -value : value).toString().padStart(places + 1, '0');
  const sign = value < 0n ? '-' : '';
  return places ? `${sign}${abs.slice(0, -places)}.${abs.slice(-places)}` : `${sign}${abs}`;
}

interface OpenBook {
  /** Face value in paise of face (x100), signed. */
  inventory: bigint;
  /** Cost of the open inventory and realised P&L, in 1e-8 rupees (quantity x100 times price x1e4). */
  cost: Ratio;
  realised: Ratio;
}

/** Average cost over a sequence of fills, exactly (see fillsPnl). */
function averageCost(fills: readonly Fill[]): OpenBook {
  let inventory = 0n;
  let cost: Ratio = { n: 0n, d: 1n };
  let realised: Ratio = { n: 0n, d: 1n };
  for (const f of fills) {
    const price = units(f.price, 4, 'price');
    const quantity = units(f.quantity, 2, 'quantity');
    const signed = f.side === 'BUY' ? quantity : -quantity;
    if (inventory === 0n || signed < 0n === inventory < 0n) {
      cost = add(cost, { n: signed * price, d: 1n });
      inventory += signed;
      continue;
    }
    const held = inventory < 0n ? -inventory : inventory;
    const closed = quantity < held ? quantity : held;
    const closedCost = scale(cost, closed, held);
    // A long closes by selling (proceeds - cost); a short by buying (cost is negative, so the same sum).
    const proceeds = (inventory > 0n ? closed : -closed) * price;
    realised = add(realised, add({ n: proceeds, d: 1n }, scale(closedCost, -1n, 1n)));
    cost = add(cost, scale(closedCost, -1n, 1n));
    inventory += signed;
    if (quantity > closed) cost = { n: (signed < 0n ? -1n : 1n) * (quantity - closed) * price, d: 1n };
  }
  return { inventory, cost, realised };
}

const ZERO: Ratio = { n: 0n, d: 1n };
// 1e-8 rupees -> paise.
const toPaise = (r: Ratio) => roundHalfUp(scale(r, 1n, 1_000_000n));

/** The open inventory marked at `markPrice` less its cost (zero when flat or unmarked). */
function openValue(book: OpenBook, markPrice: string | null): Ratio {
  if (book.inventory === 0n || markPrice === null) return ZERO;
  return add({ n: book.inventory * units(markPrice, 4, 'mark price'), d: 1n }, scale(book.cost, -1n, 1n));
}

/**
 * P&L of a sequence of fills in one bond, by average cost, computed exactly: a fill that reduces
 * the position realises (price - average) x quantity / 100; crossing through flat opens the rest at
 * the fill's price; what remains open is marked at `markPrice` (4 decimals). Amounts are held as
 * fractions (the average of 98 and 99 twice and 98 once is 98 1/3) and rounded to the paisa only at the end.
 */
export function fillsPnl(fills: readonly Fill[], markPrice: string | null): BookPnl {
  const book = averageCost(fills);
  const { inventory, cost } = book;
  return {
    inventory: fixedText(inventory, 2),
    averagePrice: inventory === 0n ? null : fixedText(roundHalfUp(scale(cost, 1n, inventory)), 4),
    realisedPaise: toPaise(book.realised),
    unrealisedPaise: toPaise(openValue(book, markPrice)),
  };
}

/** What a market maker carried into its P&L day in one bond, and the mark it was valued at then. */
export interface DayStart {
  /** Signed face value, at most 2 decimals. */
  readonly inventory: string;
  /** Clean price per 100, at most 4 decimals. */
  readonly markPrice: string;
}

export interface DailyPnl {
  /** The day's P&L: value now less value at the start of the day, plus the cash of today's fills. */
  readonly totalPaise: bigint;
  /** Realised by today's fills, by average cost with the carried inventory entering at its start-of-day mark. */
  readonly realisedPaise: bigint;
  /** The rest of the total: what is open now, marked at `markPrice` against that average. */
  readonly unrealisedPaise: bigint;
  /** The carried inventory's change in value from its start-of-day mark to `markPrice`, as if held all day. */
  readonly carryPaise: bigint;
}

/**
 * Today's P&L in one bond: the inventory carried into the day counts as bought (or sold short) at
 * its start-of-day mark, then today's fills follow by average cost, and what is open is marked at
 * `markPrice`. So a position carried overnight gains or loses with the market even on a day
 * without a fill, and a fill's P&L is measured from the mark, not from what the inventory once cost.
 * The total is rounded to the paisa once; the unrealised part is the total less the realised
 * paise, so the parts add up. With no mark now, the open inventory is held at its average (no carry).
 */
export function dailyPnl(
  start: DayStart | null,
  todayFills: readonly Fill[],
  markPrice: string | null,
): DailyPnl {
  const carried = start ? units(start.inventory, 2, 'start-of-day inventory') : 0n;
  const opening: Fill[] = [];
  let carry = ZERO;
  if (start && carried !== 0n) {
    const side = carried > 0n ? 'BUY' : 'SELL';
    opening.push({ side, price: start.markPrice, quantity: fixedText(carried < 0n ? -carried : carried, 2) });
    if (markPrice !== null) {
      const move = units(markPrice, 4, 'mark price') - units(start.markPrice, 4, 'start-of-day mark');
      carry = { n: carried * move, d: 1n };
    }
  }
  const book = averageCost([...opening, ...todayFills]);
  const realisedPaise = toPaise(book.realised);
  const totalPaise = toPaise(add(book.realised, openValue(book, markPrice)));
  return {
    totalPaise,
    realisedPaise,
    unrealisedPaise: totalPaise - realisedPaise,
    carryPaise: toPaise(carry),
  };
}
