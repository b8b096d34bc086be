import type { Aggressor, CancelReason, EngineEventSink, RejectReason } from './engine-events';
import type { Session, Side } from './order-types';

/** One engine event as a plain object (what EventRecorder stores). */
export type EngineEvent =
  | { type: 'ACCEPTED'; orderId: number }
  | { type: 'REJECTED'; orderId: number; reason: RejectReason }
  | { type: 'TRADE'; makerId: number; takerId: number; price: number; qty: number; aggressor: Aggressor }
  | { type: 'PARTIALLY_FILLED'; orderId: number; filledQty: number; leavesQty: number }
  | { type: 'FILLED'; orderId: number; filledQty: number }
  | { type: 'REPLACED'; orderId: number; price: number; qty: number; leavesQty: number }
  | { type: 'CANCELLED'; orderId: number; cancelledQty: number; reason: CancelReason }
  | { type: 'EXPIRED'; orderId: number; expiredQty: number }
  | { type: 'TRIGGERED'; orderId: number }
  | { type: 'LEVEL'; side: Side; price: number; qty: number }
  | { type: 'SESSION'; session: Session; halted: boolean };

/** A sink that keeps every event as an object: for tests, journals and replay comparison. */
export class EventRecorder implements EngineEventSink {
  readonly events: EngineEvent[] = [];

  /** Returns the events recorded so far and starts afresh. */
  take(): EngineEvent[] {
    return this.events.splice(0);
  }

  accepted(orderId: number): void {
    this.events.push({ type: 'ACCEPTED', orderId });
  }
  rejected(orderId: number, reason: RejectReason): void {
    this.events.push({ type: 'REJECTED', orderId, reason });
  }
  trade(makerId: number, takerId: number, price: number, qty: number, aggressor: Aggressor): void {
    this.events.push({ type: 'TRADE', makerId, takerId, price, qty, aggressor });
  }
  partiallyFilled(orderId: number, filledQty: number, leavesQty: number): void {
    this.events.push({ type: 'PARTIALLY_FILLED', orderId, filledQty, leavesQty });
  }
  filled(orderId: number, filledQty: number): void {
    this.events.push({ type: 'FILLED', orderId, filledQty });
  }
  replaced(orderId: number, price: number, qty: number, leavesQty: number): void {
    this.events.push({ type: 'REPLACED', orderId, price, qty, leavesQty });
  }
  cancelled(orderId: number, cancelledQty: number, reason: CancelReason): void {
    this.events.push({ type: 'CANCELLED', orderId, cancelledQty, reason });
  }
  expired(orderId: number, expiredQty: number): void {
    this.events.push({ type: 'EXPIRED', orderId, expiredQty });
  }
  triggered(orderId: number): void {
    this.events.push({ type: 'TRIGGERED', orderId });
  }
  level(side: Side, price: number, qty: number): void {
    this.events.push({ type: 'LEVEL', side, price, qty });
  }
  sessionChanged(session: Session, halted: boolean): void {
    this.events.push({ type: 'SESSION', session, halted });
  }
}
