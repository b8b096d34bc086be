import { BookSide } from './book-side';
import { Aggressor, CancelReason, RejectReason, type EngineEventSink } from './engine-events';
import { equilibriumPrice } from './equilibrium-price';
import { OrderIndex } from './order-index';
import { OrderQueue } from './order-queue';
import {
  OrderType,
  Session,
  Side,
  StpMode,
  TimeInForce,
  type BookSummary,
  type LevelView,
  type ModifyOrder,
  type NewOrder,
} from './order-types';
import type { PriceLevel } from './price-level';
import { RestingOrder } from './resting-order';
import { SessionTransitionError } from './trading-errors';
import type { OrderBookOptions, OrderView } from './order-book-options';

function isPositiveInt(x: number): boolean {
  return Number.isSafeInteger(x) && x > 0;
}

function hasLimitPrice(type: OrderType): boolean {
  return type === OrderType.LIMIT || type === OrderType.STOP_LIMIT || type === OrderType.ICEBERG;
}

function isStop(type: OrderType): boolean {
  return type === OrderType.STOP_LOSS || type === OrderType.STOP_LIMIT;
}

/** Market orders, and stop-market orders once triggered, trade at any price and never rest. */
function isMarketLike(type: OrderType): boolean {
  return type === OrderType.MARKET || type === OrderType.STOP_LOSS;
}

/**
 * The order book of one bond: price-time priority over integer ticks and lots. Single-threaded
 * and deterministic: the same commands (time included, via `advanceTime`) give the same events,
 * which is how a worker rebuilds a book by replaying its journal. Business refusals are REJECTED
 * events, never exceptions; only session commands that make no sense in the current state throw.
 */
export class OrderBook {
  private readonly bids = new BookSide(Side.BUY);
  private readonly asks = new BookSide(Side.SELL);
  /** Every resting order and pending stop. */
  private readonly byId = new OrderIndex();
  private readonly pool: RestingOrder[] = [];
  private readonly buyStops = new OrderQueue();
  /** Keyed by minus the stop price so that the highest sell stop comes first. */
  private readonly sellStops = new OrderQueue();
  private readonly expiries = new OrderQueue();
  private readonly scratch: RestingOrder[] = [];
  private seq = 0;
  private currentSession: Session;
  private isHalted = false;
  private clock: number;
  private dayEnd = -Infinity;
  /** The earliest entry of a DAY order since the last day end (it may have left the book since). */
  private firstDayEntry = Infinity;
  private last = 0;
  private hasLast = false;
  /** A trade happened since stops were last checked. */
  private traded = false;

  constructor(
    private readonly sink: EngineEventSink,
    options: OrderBookOptions = {},
  ) {
    this.currentSession = options.session ?? Session.CONTINUOUS;
    this.clock = options.now ?? 0;
    if (options.lastPrice !== undefined) {
      this.last = options.lastPrice;
      this.hasLast = true;
    }
  }

  get session(): Session {
    return this.currentSession;
  }

  get halted(): boolean {
    return this.isHalted;
  }

  get now(): number {
    return this.clock;
  }

  get lastPrice(): number | null {
    return this.hasLast ? this.last : null;
  }

  /** Enters a new order; returns the quantity it filled on entry (0 if rejected or resting). */
  submit(cmd: NewOrder): number {
    const reason = this.admit(cmd);
    if (reason !== 0) {
      this.sink.rejected(cmd.id, reason);
      return 0;
    }
    const o = this.acquire(cmd);
    this.sink.accepted(o.id);
    if (isStop(o.type)) {
      if (!this.stopTriggers(o)) {
        this.addStop(o);
        return 0;
      }
      this.sink.triggered(o.id);
    }
    const filled = this.enter(o);
    if (this.traded) this.runStops();
    return filled;
  }

  /** Cancels a resting order or pending stop; false (and REJECTED) when it is not live. */
  cancel(id: number): boolean {
    const o = this.byId.get(id);
    if (o === undefined) {
      this.sink.rejected(id, RejectReason.UNKNOWN_ORDER);
      return false;
    }
    this.sink.cancelled(id, o.leaves, CancelReason.REQUESTED);
    this.takeOut(o);
    this.release(o);
    return true;
  }

  /**
   * FIX-style replace. A lower total at the same price keeps time priority; a new price or a
   * higher total requeues the order (and may trade); a total at or below the filled quantity
   * cancels what is left.
   */
  modify(cmd: ModifyOrder): boolean {
    const sink = this.sink;
    const o = this.byId.get(cmd.id);
    const reason = this.admitModify(cmd, o);
    if (reason !== 0 || o === undefined) {
      sink.rejected(cmd.id, reason === 0 ? RejectReason.UNKNOWN_ORDER : reason);
      return false;
    }
    if (cmd.qty <= o.filled) {
      sink.cancelled(o.id, o.leaves, CancelReason.REDUCED_TO_FILLED);
      this.takeOut(o);
      this.release(o);
      return true;
    }
    const price = hasLimitPrice(o.type) ? cmd.price : 0;
    const leaves = cmd.qty - o.filled;
    const lvl = o.level;
    if (lvl === null) {
      this.removeStop(o);
      o.price = price;
      o.stopPrice = cmd.stopPrice;
      o.qty = cmd.qty;
      o.leaves = leaves;
      o.seq = ++this.seq;
      sink.replaced(o.id, price, cmd.qty, leaves);
      if (this.stopTriggers(o)) {
        sink.triggered(o.id);
        this.enter(o);
        if (this.traded) this.runStops();
      } else this.addStop(o);
      return true;
    }
    if (price === o.price && leaves <= o.leaves) {
      // Hidden iceberg reserve goes first, so the displayed slice shrinks only when it must.
      const visible = leaves < o.visible ? leaves : o.visible;
      lvl.qty -= o.visible - visible;
      lvl.total -= o.leaves - leaves;
      o.visible = visible;
      o.leaves = leaves;
      o.qty = cmd.qty;
      sink.replaced(o.id, price, cmd.qty, leaves);
      sink.level(o.side, price, lvl.qty);
      return true;
    }
    sink.replaced(o.id, price, cmd.qty, leaves);
    this.takeOut(o);
    o.price = price;
    o.qty = cmd.qty;
    o.leaves = leaves;
    o.seq = ++this.seq;
    this.enter(o);
    if (this.traded) this.runStops();
    return true;
  }

  /** Cancels every live order of `participant`, or of everyone when omitted; returns the count. */
  massCancel(participant?: number): number {
    const victims = this.collect((o) => participant === undefined || o.participant === participant);
    for (const o of victims) {
      this.sink.cancelled(o.id, o.leaves, CancelReason.MASS_CANCEL);
      this.takeOut(o);
      this.release(o);
    }
    return victims.length;
  }

  /** When the next GTD order expires (epoch ms), or null: the owner issues a TIME command then. */
  get nextExpiryAt(): number | null {
    return this.expiries.firstKey();
  }

  /** Moves the clock forward (never back) and expires GTD orders whose time has come. */
  advanceTime(now: number): void {
    if (now <= this.clock) return;
    this.clock = now;
    const due = this.scratch;
    this.expiries.takeUpTo(now, due);
    for (const o of due) this.expire(o);
    due.length = 0;
  }

  /** The latest trading-day end applied (epoch ms), -Infinity before the first. */
  get tradingDayEnd(): number {
    return this.dayEnd;
  }

  /** Whether a trading day that ended at `end` may have DAY orders to expire here. */
  tradingDayEndDue(end: number): boolean {
    return end > this.dayEnd && this.firstDayEntry < end;
  }

  /**
   * The trading day that ended at `end` (epoch ms, same clock as the commands) is over: DAY orders
   * accepted before it expire, whatever the session. Later ends only; the owner issues it as a
   * TIME command once the end has passed, so a replay expires the same orders at the same point.
   */
  endTradingDay(end: number): void {
    if (end <= this.dayEnd) return;
    this.dayEnd = end;
    let first = Infinity;
    const due = this.collect((x) => {
      if (x.tif !== TimeInForce.DAY) return false;
      if (x.enteredAt < end) return true;
      if (x.enteredAt < first) first = x.enteredAt;
      return false;
    });
    this.firstDayEntry = first;
    for (const o of due) this.expire(o);
  }

  /** CLOSED -> PRE_OPEN: orders are collected without matching until `open`. */
  preOpen(): void {
    this.transition(Session.PRE_OPEN, this.currentSession === Session.CLOSED);
  }

  /**
   * PRE_OPEN or CLOSED -> CONTINUOUS. A crossed book is first uncrossed at one equilibrium price
   * per pass (`equilibriumPrice`); `referencePrice` (ticks) breaks ties, e.g. the previous close.
   */
  open(referencePrice: number): void {
    this.transition(Session.CONTINUOUS, this.currentSession !== Session.CONTINUOUS && !this.isHalted);
    this.uncross(referencePrice);
    if (this.traded) this.runStops();
  }

  /** -> CLOSED: DAY orders (resting or waiting for their stop) expire. */
  close(): void {
    this.transition(Session.CLOSED, this.currentSession !== Session.CLOSED);
    for (const o of this.collect((x) => x.tif === TimeInForce.DAY)) this.expire(o);
  }

  /** Stops all entry and amendment; cancels, mass cancels and expiry still work. */
  halt(): void {
    if (this.isHalted) throw new SessionTransitionError('book is already halted');
    this.isHalted = true;
    this.sink.sessionChanged(this.currentSession, true);
  }

  resume(): void {
    if (!this.isHalted) throw new SessionTransitionError('book is not halted');
    this.isHalted = false;
    this.sink.sessionChanged(this.currentSession, false);
  }

  bestBid(): number | null {
    return this.bids.best()?.price ?? null;
  }

  bestAsk(): number | null {
    return this.asks.best()?.price ?? null;
  }

  /** Displayed levels from the best outwards. */
  depth(side: Side, maxLevels = Infinity): LevelView[] {
    const levels = this.sideOf(side).levels;
    const out: LevelView[] = [];
    for (let i = levels.length - 1; i >= 0 && out.length < maxLevels; i--) {
      const l = levels[i]!;
      out.push({ price: l.price, qty: l.qty, orders: l.count });
    }
    return out;
  }

  /** Order ids queued at one price, first in priority first. */
  queue(side: Side, price: number): number[] {
    const out: number[] = [];
    for (let o = this.sideOf(side).get(price)?.head ?? null; o !== null; o = o.next) out.push(o.id);
    return out;
  }

  getOrder(id: number): OrderView | null {
    const o = this.byId.get(id);
    if (o === undefined) return null;
    return {
      id: o.id,
      participant: o.participant,
      side: o.side,
      type: o.type,
      price: o.price,
      stopPrice: o.stopPrice,
      qty: o.qty,
      filled: o.filled,
      leaves: o.leaves,
      visible: o.visible,
      pendingStop: o.level === null,
    };
  }

  summary(): BookSummary {
    let bidQty = 0;
    let askQty = 0;
    for (const l of this.bids.levels) bidQty += l.qty;
    for (const l of this.asks.levels) askQty += l.qty;
    return {
      restingOrders: this.bids.orders + this.asks.orders,
      pendingStops: this.buyStops.size + this.sellStops.size,
      bidLevels: this.bids.levels.length,
      askLevels: this.asks.levels.length,
      bidQty,
      askQty,
      bestBid: this.bestBid(),
      bestAsk: this.bestAsk(),
    };
  }

  private admit(c: NewOrder): RejectReason | 0 {
    if (this.isHalted) return RejectReason.BOOK_HALTED;
    const session = this.currentSession;
    if (session === Session.CLOSED) return RejectReason.MARKET_CLOSED;
    const t = c.type;
    const tif = c.tif;
    if (
      (c.side !== Side.BUY && c.side !== Side.SELL) ||
      !(t >= 0 && t <= 4) ||
      !(tif >= 0 && tif <= 4) ||
      !(c.stp >= 0 && c.stp <= 2)
    ) {
      return RejectReason.INVALID_COMBINATION;
    }
    if (!Number.isSafeInteger(c.id)) return RejectReason.INVALID_ORDER_ID;
    if (!isPositiveInt(c.qty)) return RejectReason.INVALID_QUANTITY;
    if (hasLimitPrice(t) && !isPositiveInt(c.price)) return RejectReason.INVALID_PRICE;
    if (isStop(t) && !isPositiveInt(c.stopPrice)) return RejectReason.INVALID_STOP_PRICE;
    if (t === OrderType.ICEBERG && !(isPositiveInt(c.displayQty) && c.displayQty <= c.qty)) {
      return RejectReason.INVALID_DISPLAY_QUANTITY;
    }
    const immediate = tif === TimeInForce.IOC || tif === TimeInForce.FOK;
    if (
      (t === OrderType.MARKET && !immediate) ||
      (t === OrderType.ICEBERG && immediate) ||
      (c.postOnly && (immediate || (t !== OrderType.LIMIT && t !== OrderType.ICEBERG)))
    ) {
      return RejectReason.INVALID_COMBINATION;
    }
    if (tif === TimeInForce.GTD && !(c.expireAt > this.clock)) return RejectReason.INVALID_EXPIRE_TIME;
    if (this.byId.has(c.id)) return RejectReason.DUPLICATE_ORDER_ID;
    if (session === Session.PRE_OPEN) {
      if (t === OrderType.MARKET || immediate) return RejectReason.NOT_ALLOWED_IN_PRE_OPEN;
    } else if (c.postOnly && this.opposite(c.side).crosses(c.price)) {
      return RejectReason.POST_ONLY_WOULD_TAKE;
    }
    return 0;
  }

  private admitModify(c: ModifyOrder, o: RestingOrder | undefined): RejectReason | 0 {
    if (this.isHalted) return RejectReason.BOOK_HALTED;
    if (this.currentSession === Session.CLOSED) return RejectReason.MARKET_CLOSED;
    if (o === undefined) return RejectReason.UNKNOWN_ORDER;
    if (!isPositiveInt(c.qty)) return RejectReason.INVALID_QUANTITY;
    if (c.qty <= o.filled) return 0;
    if (hasLimitPrice(o.type) && !isPositiveInt(c.price)) return RejectReason.INVALID_PRICE;
    if (o.level === null) return isPositiveInt(c.stopPrice) ? 0 : RejectReason.INVALID_STOP_PRICE;
    const requeued = c.price !== o.price || c.qty - o.filled > o.leaves;
    if (
      requeued &&
      o.postOnly &&
      this.currentSession === Session.CONTINUOUS &&
      this.opposite(o.side).crosses(c.price)
    ) {
      return RejectReason.POST_ONLY_WOULD_TAKE;
    }
    return 0;
  }

  private acquire(c: NewOrder): RestingOrder {
    const o = this.pool.pop() ?? new RestingOrder();
    const t = c.type;
    o.id = c.id;
    o.participant = c.participant;
    o.side = c.side;
    o.type = t;
    o.price = hasLimitPrice(t) ? c.price : 0;
    o.stopPrice = isStop(t) ? c.stopPrice : 0;
    o.qty = c.qty;
    o.filled = 0;
    o.leaves = c.qty;
    o.display = t === OrderType.ICEBERG ? c.displayQty : 0;
    o.visible = 0;
    o.tif = c.tif;
    o.expireAt = c.tif === TimeInForce.GTD ? c.expireAt : 0;
    o.enteredAt = this.clock;
    if (c.tif === TimeInForce.DAY && this.clock < this.firstDayEntry) this.firstDayEntry = this.clock;
    o.postOnly = c.postOnly;
    o.stp = c.stp;
    o.seq = ++this.seq;
    return o;
  }

  private release(o: RestingOrder): void {
    o.level = null;
    o.prev = null;
    o.next = null;
    this.pool.push(o);
  }

  private sideOf(side: Side): BookSide {
    return side === Side.BUY ? this.bids : this.asks;
  }

  private opposite(side: Side): BookSide {
    return side === Side.BUY ? this.asks : this.bids;
  }

  /**
   * Runs an order that is in neither the book nor the index: matches it (in CONTINUOUS), then
   * rests or cancels the remainder. Returns what it filled in this pass.
   */
  private enter(o: RestingOrder): number {
    if (this.currentSession !== Session.CONTINUOUS) {
      this.rest(o);
      return 0;
    }
    const sink = this.sink;
    if (o.tif === TimeInForce.FOK && !this.canFill(o)) {
      sink.cancelled(o.id, o.leaves, CancelReason.FOK_NOT_FILLABLE);
      this.release(o);
      return 0;
    }
    const before = o.filled;
    const selfTrade = this.match(o);
    const filled = o.filled - before;
    if (filled > 0) {
      if (o.leaves === 0) sink.filled(o.id, o.filled);
      else sink.partiallyFilled(o.id, o.filled, o.leaves);
    }
    if (o.leaves === 0) this.release(o);
    else if (selfTrade) {
      sink.cancelled(o.id, o.leaves, CancelReason.SELF_TRADE);
      this.release(o);
    } else if (isMarketLike(o.type)) {
      sink.cancelled(o.id, o.leaves, CancelReason.MARKET_REMAINDER);
      this.release(o);
    } else if (o.tif === TimeInForce.IOC || o.tif === TimeInForce.FOK) {
      sink.cancelled(o.id, o.leaves, CancelReason.IOC_REMAINDER);
      this.release(o);
    } else this.rest(o);
    return filled;
  }

  /** Continuous matching against the opposite side; true if self-trade prevention stopped it. */
  private match(t: RestingOrder): boolean {
    const book = this.opposite(t.side);
    const levels = book.levels;
    const sink = this.sink;
    const aggressor = t.side === Side.BUY ? Aggressor.BUY : Aggressor.SELL;
    const minKey = isMarketLike(t.type) ? -Infinity : t.price * book.sign;
    let selfTrade = false;
    while (t.leaves > 0) {
      const lvl = levels[levels.length - 1];
      if (lvl === undefined || lvl.key < minKey) break;
      const price = lvl.price;
      let traded = false;
      let m = lvl.head;
      while (m !== null && t.leaves > 0) {
        if (m.participant === t.participant) {
          const mode = t.stp;
          if (mode !== StpMode.CANCEL_INCOMING) {
            sink.cancelled(m.id, m.leaves, CancelReason.SELF_TRADE);
            this.detach(m);
            this.release(m);
          }
          if (mode !== StpMode.CANCEL_RESTING) {
            selfTrade = true;
            break;
          }
          m = lvl.head;
          continue;
        }
        const q = m.visible < t.leaves ? m.visible : t.leaves;
        m.visible -= q;
        m.leaves -= q;
        m.filled += q;
        lvl.qty -= q;
        lvl.total -= q;
        t.leaves -= q;
        t.filled += q;
        traded = true;
        sink.trade(m.id, t.id, price, q, aggressor);
        if (m.leaves === 0) {
          sink.filled(m.id, m.filled);
          this.detach(m);
          this.release(m);
        } else {
          sink.partiallyFilled(m.id, m.filled, m.leaves);
          if (m.visible === 0) this.replenish(m, lvl);
        }
        m = lvl.head;
      }
      if (traded) {
        this.last = price;
        this.hasLast = true;
        this.traded = true;
      }
      this.levelChanged(book, lvl);
      if (selfTrade) break;
    }
    return selfTrade;
  }

  /** Iceberg: a new slice from the reserve, at the back of the queue at its price. */
  private replenish(o: RestingOrder, lvl: PriceLevel): void {
    const v = o.display < o.leaves ? o.display : o.leaves;
    o.visible = v;
    lvl.qty += v;
    lvl.moveToBack(o);
  }

  /**
   * Whether a FOK order would fill completely, walking the book as `match` would. At a level
   * holding the taker's own order (and a mode that stops the taker), icebergs ahead of it count
   * only their displayed slice: their reserve requeues behind the own order.
   */
  private canFill(o: RestingOrder): boolean {
    const book = this.opposite(o.side);
    const levels = book.levels;
    const minKey = isMarketLike(o.type) ? -Infinity : o.price * book.sign;
    const stopsAtSelf = o.stp !== StpMode.CANCEL_RESTING;
    let need = o.leaves;
    for (let i = levels.length - 1; i >= 0; i--) {
      const lvl = levels[i]!;
      if (lvl.key < minKey) return false;
      let self: RestingOrder | null = null;
      if (stopsAtSelf) {
        for (let m = lvl.head; m !== null; m = m.next) {
          if (m.participant === o.participant) {
            self = m;
            break;
          }
        }
      }
      for (let m = lvl.head; m !== self; m = m!.next) {
        if (m!.participant === o.participant) continue;
        need -= self === null ? m!.leaves : m!.visible;
        if (need <= 0) return true;
      }
      if (self !== null) return false;
    }
    return false;
  }

  private rest(o: RestingOrder): void {
    const book = this.sideOf(o.side);
    o.visible = o.display > 0 && o.display < o.leaves ? o.display : o.leaves;
    const lvl = book.getOrCreate(o.price);
    lvl.append(o);
    book.orders++;
    this.byId.add(o.id, o);
    if (o.tif === TimeInForce.GTD) this.expiries.insert(o.expireAt, o);
    this.sink.level(o.side, o.price, lvl.qty);
  }

  /** Removes a resting order from its level, the index and the expiry queue; no level event. */
  private detach(o: RestingOrder): void {
    o.level!.remove(o);
    this.sideOf(o.side).orders--;
    this.byId.delete(o.id);
    if (o.tif === TimeInForce.GTD) this.expiries.remove(o.expireAt, o);
  }

  /** Removes a live order (resting or pending stop) from every structure, with its level event. */
  private takeOut(o: RestingOrder): void {
    const lvl = o.level;
    if (lvl === null) {
      this.removeStop(o);
      return;
    }
    this.detach(o);
    this.levelChanged(this.sideOf(o.side), lvl);
  }

  private levelChanged(book: BookSide, lvl: PriceLevel): void {
    if (lvl.count === 0) {
      this.sink.level(book.side, lvl.price, 0);
      book.drop(lvl);
    } else this.sink.level(book.side, lvl.price, lvl.qty);
  }

  private expire(o: RestingOrder): void {
    this.sink.expired(o.id, o.leaves);
    this.takeOut(o);
    this.release(o);
  }

  private stopTriggers(o: RestingOrder): boolean {
    if (!this.hasLast || this.currentSession !== Session.CONTINUOUS) return false;
    return o.side === Side.BUY ? this.last >= o.stopPrice : this.last <= o.stopPrice;
  }

  private addStop(o: RestingOrder): void {
    if (o.side === Side.BUY) this.buyStops.insert(o.stopPrice, o);
    else this.sellStops.insert(-o.stopPrice, o);
    this.byId.add(o.id, o);
    if (o.tif === TimeInForce.GTD) this.expiries.insert(o.expireAt, o);
  }

  private removeStop(o: RestingOrder): void {
    if (o.side === Side.BUY) this.buyStops.remove(o.stopPrice, o);
    else this.sellStops.remove(-o.stopPrice, o);
    this.byId.delete(o.id);
    if (o.tif === TimeInForce.GTD) this.expiries.remove(o.expireAt, o);
  }

  /**
   * Enters stops triggered by the last trade price. Stops triggered by the same trade go in
   * arrival order; stops triggered by their trades queue behind them.
   */
  private runStops(): void {
    if (this.buyStops.size === 0 && this.sellStops.size === 0) {
      this.traded = false;
      return;
    }
    const queue: RestingOrder[] = [];
    let next = 0;
    while (this.traded || next < queue.length) {
      if (this.traded) {
        this.traded = false;
        const from = queue.length;
        this.buyStops.takeUpTo(this.last, queue);
        this.sellStops.takeUpTo(-this.last, queue);
        if (queue.length - from > 1) {
          const fresh = queue.splice(from).sort((a, b) => a.seq - b.seq);
          for (const o of fresh) queue.push(o);
        }
        for (let i = from; i < queue.length; i++) {
          const o = queue[i]!;
          this.byId.delete(o.id);
          if (o.tif === TimeInForce.GTD) this.expiries.remove(o.expireAt, o);
        }
        continue;
      }
      const o = queue[next++]!;
      o.seq = ++this.seq;
      this.sink.triggered(o.id);
      this.enter(o);
    }
  }

  /** Repeats equilibrium passes until the book is no longer crossed. */
  private uncross(reference: number): void {
    for (;;) {
      const b = this.bids.best();
      const a = this.asks.best();
      if (b === undefined || a === undefined || b.price < a.price) return;
      const eq = equilibriumPrice(
        this.crossing(this.bids, a.price),
        this.crossing(this.asks, b.price),
        reference,
      );
      if (eq === null) return;
      this.executeAt(eq.price);
    }
  }

  /** [price, total] pairs of the levels priced through `limit`, best first. */
  private crossing(book: BookSide, limit: number): number[] {
    const out: number[] = [];
    const levels = book.levels;
    const limitKey = limit * book.sign;
    for (let i = levels.length - 1; i >= 0 && levels[i]!.key >= limitKey; i--) {
      out.push(levels[i]!.price, levels[i]!.total);
    }
    return out;
  }

  /**
   * Auction execution at one price: bids and asks meet in priority order. The order that arrived
   * first is reported as maker, and there is no aggressor. A self-match applies the self-trade
   * mode of the later order, as if it were incoming.
   */
  private executeAt(price: number): void {
    const sink = this.sink;
    for (;;) {
      const bl = this.bids.best();
      const al = this.asks.best();
      if (bl === undefined || al === undefined || bl.price < price || al.price > price) return;
      const b = bl.head!;
      const a = al.head!;
      const [maker, taker] = a.seq < b.seq ? [a, b] : [b, a];
      if (b.participant === a.participant) {
        const mode = taker.stp;
        if (mode !== StpMode.CANCEL_INCOMING) this.stpCancel(maker);
        if (mode !== StpMode.CANCEL_RESTING) this.stpCancel(taker);
        continue;
      }
      const q = a.visible < b.visible ? a.visible : b.visible;
      sink.trade(maker.id, taker.id, price, q, Aggressor.NONE);
      this.last = price;
      this.hasLast = true;
      this.traded = true;
      this.auctionFill(maker, q);
      this.auctionFill(taker, q);
    }
  }

  private stpCancel(o: RestingOrder): void {
    this.sink.cancelled(o.id, o.leaves, CancelReason.SELF_TRADE);
    this.takeOut(o);
    this.release(o);
  }

  private auctionFill(o: RestingOrder, q: number): void {
    const lvl = o.level!;
    const book = this.sideOf(o.side);
    o.visible -= q;
    o.leaves -= q;
    o.filled += q;
    lvl.qty -= q;
    lvl.total -= q;
    if (o.leaves === 0) {
      this.sink.filled(o.id, o.filled);
      this.detach(o);
      this.release(o);
    } else {
      this.sink.partiallyFilled(o.id, o.filled, o.leaves);
      if (o.visible === 0) this.replenish(o, lvl);
    }
    this.levelChanged(book, lvl);
  }

  private transition(to: Session, allowed: boolean): void {
    if (!allowed) {
      throw new SessionTransitionError(`cannot move from session ${this.currentSession} to ${to}`);
    }
    this.currentSession = to;
    this.sink.sessionChanged(to, this.isHalted);
  }

  /** Live orders matching `keep`, in time priority order. */
  private collect(keep: (o: RestingOrder) => boolean): RestingOrder[] {
    return this.byId.values().filter(keep);
  }
}
