import { randomUUID } from 'node:crypto';
import {
  Aggressor,
  applyBookCommand,
  cancelReasonName,
  decodeBookCommand,
  EventRecorder,
  lotsToQuantity,
  OrderBook,
  rejectReasonName,
  SESSION_NAMES,
  SIDE_NAMES,
  Side,
  ticksToPrice,
  type BookCommandKind,
  type EngineEvent,
  type NewOrderPayload,
  type OrderStatus,
} from '../../domain/trading';
import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import type { BatchOutputs, CommandRow, ParticipantMessage } from './batch-outputs';

export interface BondInfo {
  id: number;
  code: string;
  isin: string;
  tickSize: string;
  lotSize: string;
  /** Whose holidays are not trading days for the bond. */
  settlementSystem: SettlementSystem;
}

/** What the worker remembers of a live order to turn engine ids back into rows and messages. */
interface LiveOrder {
  orderId: string;
  clientOrderId: string | null;
  participantId: number;
  bondId: number;
  side: Side;
  filledLots: number;
}

interface BookState {
  bond: BondInfo;
  book: OrderBook;
  recorder: EventRecorder;
  appliedSeq: number;
  eventSeq: number;
}

const DONE = new Set(['FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED']);

/**
 * The books of one worker's bonds and the translation of their events into journal rows and
 * messages. Pure in-memory state: the shard consumer applies a batch here, then commits it.
 */
export class ShardBooks {
  private readonly books = new Map<number, BookState>();
  private readonly live = new Map<number, LiveOrder>();

  constructor(private readonly bonds: (bondId: number) => BondInfo) {}

  bookOf(bondId: number): OrderBook | undefined {
    return this.books.get(bondId)?.book;
  }

  bondIds(): number[] {
    return [...this.books.keys()];
  }

  bondInfo(bondId: number): BondInfo {
    return this.state(bondId).bond;
  }

  /** The per-bond event sequence last journaled. */
  eventSequence(bondId: number): number {
    return this.books.get(bondId)?.eventSeq ?? 0;
  }

  /** Recovery: continue the journal's sequences after a replay. */
  setSequences(bondId: number, appliedSeq: number, eventSeq: number): void {
    const s = this.state(bondId);
    s.appliedSeq = appliedSeq;
    s.eventSeq = eventSeq;
  }

  /** Recovery: re-applies a journaled command; its events were journaled already and are dropped. */
  replay(row: CommandRow): void {
    const s = this.state(row.bondId);
    this.remember(row);
    applyBookCommand(
      s.book,
      decodeBookCommand(Number(row.id), row.kind as BookCommandKind, row.at, row.payload),
    );
    for (const e of s.recorder.take()) this.track(e);
  }

  /** Applies a new command and adds what it produced to `out`. */
  apply(row: CommandRow, out: BatchOutputs): void {
    const s = this.state(row.bondId);
    this.remember(row);
    const refusal = applyBookCommand(
      s.book,
      decodeBookCommand(Number(row.id), row.kind as BookCommandKind, row.at, row.payload),
    );
    s.appliedSeq += 1;
    out.applied.push({ commandId: row.id, bondId: row.bondId, appliedSeq: s.appliedSeq });
    const at = new Date(row.at);
    const journal = (type: string, orderId: string | null, data: Record<string, unknown>) => {
      s.eventSeq += 1;
      out.events.push({ bondId: row.bondId, sequence: s.eventSeq, commandId: row.id, type, orderId, data });
      return s.eventSeq;
    };
    if (refusal !== null) journal('COMMAND_REFUSED', row.orderId, { kind: row.kind, reason: refusal });
    for (const e of s.recorder.take()) this.translate(s, e, row, at, journal, out);
    const book = s.book;
    const last = book.lastPrice;
    const previous = out.bondStates.get(row.bondId);
    out.bondStates.set(row.bondId, {
      bondId: row.bondId,
      session: SESSION_NAMES[book.session],
      halted: book.halted,
      lastPrice: last === null ? null : ticksToPrice(last, s.bond.tickSize),
      lastTradeAt: previous?.lastTradeAt ?? null,
      appliedSeq: s.appliedSeq,
    });
  }

  /** After a replay: keeps exactly the orders the rebuilt books hold (resting or waiting for a stop). */
  forgetFinished(): void {
    for (const [engineId, o] of this.live) {
      if (this.books.get(o.bondId)?.book.getOrder(engineId) == null) this.live.delete(engineId);
    }
  }

  /** Forgets orders that can no longer change (after their final state is committed). */
  prune(out: BatchOutputs): void {
    for (const [engineId, o] of this.live) {
      const state = out.orders.get(o.orderId);
      if (state && DONE.has(state.status)) this.live.delete(engineId);
    }
  }

  private state(bondId: number): BookState {
    let s = this.books.get(bondId);
    if (!s) {
      const recorder = new EventRecorder();
      s = { bond: this.bonds(bondId), book: new OrderBook(recorder), recorder, appliedSeq: 0, eventSeq: 0 };
      this.books.set(bondId, s);
    }
    return s;
  }

  private remember(row: CommandRow): void {
    if (row.kind !== 'NEW' || row.orderId === null) return;
    const p = row.payload as unknown as NewOrderPayload;
    this.live.set(Number(row.id), {
      orderId: row.orderId,
      clientOrderId: p.clientOrderId,
      participantId: p.participant,
      bondId: row.bondId,
      side: p.side,
      filledLots: 0,
    });
  }

  /** During replay only fills matter; which orders are still live is asked of the books afterwards. */
  private track(e: EngineEvent): void {
    if (e.type === 'FILLED' || e.type === 'PARTIALLY_FILLED') {
      const o = this.live.get(e.orderId);
      if (o) o.filledLots = e.filledQty;
    }
  }

  private translate(
    s: BookState,
    e: EngineEvent,
    row: CommandRow,
    at: Date,
    journal: (type: string, orderId: string | null, data: Record<string, unknown>) => number,
    out: BatchOutputs,
  ): void {
    const { tickSize, lotSize } = s.bond;
    // A message belongs to the event journaled just before it, and is stored with it.
    const emit = (m: ParticipantMessage) => {
      out.messages.push(m);
      const event = out.events[out.events.length - 1]!;
      (event.messages ??= []).push(m);
    };
    const price = (ticks: number) => ticksToPrice(ticks, tickSize);
    const qty = (lots: number) => lotsToQuantity(lots, lotSize);
    const setState = (o: LiveOrder, status: OrderStatus, reason: string | null = null) => {
      const prev = out.orders.get(o.orderId);
      out.orders.set(o.orderId, {
        ...prev,
        orderId: o.orderId,
        status,
        filledQuantity: qty(o.filledLots),
        reason,
      });
    };
    switch (e.type) {
      case 'LEVEL':
        out.changedBooks.add(row.bondId);
        return;
      case 'SESSION':
        journal('SESSION', null, { session: SESSION_NAMES[e.session], halted: e.halted });
        out.changedBooks.add(row.bondId);
        return;
      case 'TRADE': {
        const maker = this.live.get(e.makerId);
        const taker = this.live.get(e.takerId);
        if (!maker || !taker) throw new Error(`trade between unknown orders ${e.makerId} and ${e.takerId}`);
        const [buy, sell] = maker.side === Side.BUY ? [maker, taker] : [taker, maker];
        const tradeId = randomUUID();
        const p = price(e.price);
        const q = qty(e.qty);
        const aggressorSide = e.aggressor === Aggressor.NONE ? null : SIDE_NAMES[e.aggressor];
        const sequence = journal('TRADE', null, {
          trade_id: tradeId,
          buy_order_id: buy.orderId,
          sell_order_id: sell.orderId,
          price: p,
          quantity: q,
          aggressor_side: aggressorSide,
        });
        out.trades.push({
          id: tradeId,
          bondId: row.bondId,
          sequence,
          buyOrderId: buy.orderId,
          sellOrderId: sell.orderId,
          buyerParticipantId: buy.participantId,
          sellerParticipantId: sell.participantId,
          price: p,
          quantity: q,
          aggressorSide,
          executedAt: at,
        });
        out.fills.push({ participantId: buy.participantId, bondId: row.bondId, quantity: q, price: p });
        out.fills.push({
          participantId: sell.participantId,
          bondId: row.bondId,
          quantity: `-${q}`,
          price: p,
        });
        for (const o of [buy, sell]) {
          emit({
            participantId: o.participantId,
            type: 'trade',
            data: {
              trade_id: tradeId,
              order_id: o.orderId,
              client_order_id: o.clientOrderId,
              bond_id: s.bond.code,
              isin: s.bond.isin,
              side: SIDE_NAMES[o.side],
              price: p,
              quantity: q,
              aggressor: aggressorSide !== null && aggressorSide === SIDE_NAMES[o.side],
              executed_at: at.toISOString(),
              book_sequence: sequence,
            },
          });
        }
        const state = out.bondStates.get(row.bondId);
        if (state) state.lastTradeAt = at;
        else
          out.bondStates.set(row.bondId, {
            bondId: row.bondId,
            session: 'CONTINUOUS',
            halted: false,
            lastPrice: p,
            lastTradeAt: at,
            appliedSeq: s.appliedSeq,
          });
        return;
      }
    }
    const engineId = e.orderId;
    const o = this.live.get(engineId);
    if (!o) {
      // A cancel or modify of an order this book does not hold: journal the refusal for the record.
      journal(e.type, row.orderId, { ...e });
      return;
    }
    journal(e.type, o.orderId, { ...e });
    switch (e.type) {
      case 'ACCEPTED':
        setState(o, 'NEW');
        break;
      case 'REJECTED': {
        const reason = rejectReasonName(e.reason);
        // Only a refused NEW rejects the order; a refused modify or cancel leaves it as it was.
        if (row.kind === 'NEW') {
          setState(o, 'REJECTED', reason);
          this.live.delete(engineId);
        }
        emit({
          participantId: o.participantId,
          type: 'order_update',
          data: {
            order_id: o.orderId,
            client_order_id: o.clientOrderId,
            event: 'REJECTED',
            command: row.kind,
            reason,
          },
        });
        return;
      }
      case 'PARTIALLY_FILLED':
        o.filledLots = e.filledQty;
        setState(o, 'PARTIALLY_FILLED');
        break;
      case 'FILLED':
        o.filledLots = e.filledQty;
        setState(o, 'FILLED');
        break;
      case 'REPLACED': {
        const prev = out.orders.get(o.orderId);
        const stopTicks = row.kind === 'MODIFY' ? Number(row.payload.stopPrice ?? 0) : 0;
        out.orders.set(o.orderId, {
          orderId: o.orderId,
          status: prev?.status ?? (o.filledLots > 0 ? 'PARTIALLY_FILLED' : 'NEW'),
          filledQuantity: qty(o.filledLots),
          reason: null,
          price: e.price > 0 ? price(e.price) : null,
          quantity: qty(e.qty),
          ...(stopTicks > 0 ? { stopPrice: price(stopTicks) } : {}),
        });
        break;
      }
      case 'CANCELLED':
        setState(o, 'CANCELLED', cancelReasonName(e.reason));
        break;
      case 'EXPIRED':
        setState(o, 'EXPIRED', 'EXPIRED');
        break;
      case 'TRIGGERED':
        break;
    }
    const st = out.orders.get(o.orderId);
    if (st) {
      emit({
        participantId: o.participantId,
        type: 'order_update',
        data: {
          order_id: o.orderId,
          client_order_id: o.clientOrderId,
          bond_id: s.bond.code,
          event: e.type,
          status: st.status,
          filled_quantity: st.filledQuantity,
          ...(st.reason ? { reason: st.reason } : {}),
        },
      });
    }
  }
}
