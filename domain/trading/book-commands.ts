import type { OrderBook } from './order-book';
import type { ModifyOrder, NewOrder } from './order-types';
import { SessionTransitionError } from './trading-errors';

/**
 * A journaled command for one bond's book, in engine units. `at` is the time the API stamped on
 * it (epoch milliseconds): the book's clock moves only through commands, so replaying the journal
 * in its applied order gives the same events.
 */
export type BookCommand =
  | { kind: 'NEW'; at: number; order: NewOrder }
  | { kind: 'MODIFY'; at: number; modify: ModifyOrder }
  | { kind: 'CANCEL'; at: number; orderId: number }
  /** Every live order of `participant`, or of everyone when null. */
  | { kind: 'MASS_CANCEL'; at: number; participant: number | null }
  | { kind: 'PRE_OPEN'; at: number }
  /** Opens continuous trading, uncrossing first at one price; `referencePrice` in ticks breaks ties. */
  | { kind: 'OPEN'; at: number; referencePrice: number }
  | { kind: 'CLOSE'; at: number }
  | { kind: 'HALT'; at: number }
  | { kind: 'RESUME'; at: number }
  /**
   * Moves the clock: GTD orders due by `at` expire (issued by the matching worker's timer). With
   * `dayEnd` (epoch ms, at or before `at`), the trading day that ended then is over too: DAY
   * orders accepted before it expire.
   */
  | { kind: 'TIME'; at: number; dayEnd?: number };

/** What the journal stores for each kind (the NEW order's id is its command id). */
export type NewOrderPayload = Omit<NewOrder, 'id'> & { clientOrderId: string | null };
export type BookCommandPayload =
  | { kind: 'NEW'; payload: NewOrderPayload }
  | { kind: 'MODIFY'; payload: ModifyOrder }
  | { kind: 'CANCEL'; payload: { orderId: number } }
  | { kind: 'MASS_CANCEL'; payload: { participant: number | null } }
  | { kind: 'OPEN'; payload: { referencePrice: number } }
  | { kind: 'TIME'; payload: { dayEnd?: number } }
  | { kind: 'PRE_OPEN' | 'CLOSE' | 'HALT' | 'RESUME'; payload: Record<string, never> };

export type BookCommandKind = BookCommand['kind'];

/** The command a journal row describes. */
export function decodeBookCommand(
  id: number,
  kind: BookCommandKind,
  at: number,
  payload: Record<string, unknown>,
): BookCommand {
  switch (kind) {
    case 'NEW':
      return { kind, at, order: { ...(payload as unknown as NewOrderPayload), id } };
    case 'MODIFY':
      return { kind, at, modify: payload as unknown as ModifyOrder };
    case 'CANCEL':
      return { kind, at, orderId: Number(payload.orderId) };
    case 'MASS_CANCEL':
      return { kind, at, participant: payload.participant == null ? null : Number(payload.participant) };
    case 'OPEN':
      return { kind, at, referencePrice: Number(payload.referencePrice) };
    case 'TIME':
      return payload.dayEnd == null ? { kind, at } : { kind, at, dayEnd: Number(payload.dayEnd) };
    default:
      return { kind, at };
  }
}

/**
 * Applies one command; its events go to the book's sink. Returns null, or why a session command
 * made no sense in the book's state (the API checks first, so this only answers races).
 */
export function applyBookCommand(book: OrderBook, cmd: BookCommand): string | null {
  book.advanceTime(cmd.at);
  try {
    switch (cmd.kind) {
      case 'NEW':
        book.submit(cmd.order);
        break;
      case 'MODIFY':
        book.modify(cmd.modify);
        break;
      case 'CANCEL':
        book.cancel(cmd.orderId);
        break;
      case 'MASS_CANCEL':
        book.massCancel(cmd.participant ?? undefined);
        break;
      case 'PRE_OPEN':
        book.preOpen();
        break;
      case 'OPEN':
        book.open(cmd.referencePrice);
        break;
      case 'CLOSE':
        book.close();
        break;
      case 'HALT':
        book.halt();
        break;
      case 'RESUME':
        book.resume();
        break;
      case 'TIME':
        if (cmd.dayEnd !== undefined) book.endTradingDay(cmd.dayEnd);
        break;
    }
  } catch (err) {
    if (err instanceof SessionTransitionError) return err.message;
    throw err;
  }
  return null;
}
