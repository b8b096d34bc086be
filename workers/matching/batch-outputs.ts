import type { OrderStatus, SessionName, SideName } from '../../domain/trading';

/** A journal row to apply, as read from order_commands. */
export interface CommandRow {
  id: string;
  bondId: number;
  kind: string;
  orderId: string | null;
  at: number;
  payload: Record<string, unknown>;
}

export interface EventRow {
  bondId: number;
  sequence: number;
  commandId: string;
  type: string;
  orderId: string | null;
  data: Record<string, unknown>;
  /** The private messages the event produced. */
  messages?: ParticipantMessage[];
}

/** The latest state of an order after the batch (only fields that changed are set). */
export interface OrderStateRow {
  orderId: string;
  status: OrderStatus;
  filledQuantity: string;
  price?: string | null;
  quantity?: string;
  /** Set by a modify that names a stop price. */
  stopPrice?: string;
  reason: string | null;
}

export interface TradeRow {
  id: string;
  bondId: number;
  sequence: number;
  buyOrderId: string;
  sellOrderId: string;
  buyerParticipantId: number;
  sellerParticipantId: number;
  price: string;
  quantity: string;
  aggressorSide: SideName | null;
  executedAt: Date;
}

/** A change to a participant's HOUSE position: quantity signed (bought positive). */
export interface PositionFill {
  participantId: number;
  bondId: number;
  quantity: string;
  price: string;
}

export interface BondStateRow {
  bondId: number;
  session: SessionName;
  halted: boolean;
  lastPrice: string | null;
  lastTradeAt: Date | null;
  appliedSeq: number;
}

/** A private message for one participant, sent after the commit. */
export interface ParticipantMessage {
  participantId: number;
  type: 'order_update' | 'trade';
  data: Record<string, unknown>;
}

/** Everything one group commit writes, and what is published once it is durable. */
export interface BatchOutputs {
  applied: Array<{ commandId: string; bondId: number; appliedSeq: number }>;
  events: EventRow[];
  orders: Map<string, OrderStateRow>;
  trades: TradeRow[];
  fills: PositionFill[];
  bondStates: Map<number, BondStateRow>;
  messages: ParticipantMessage[];
  /** Bonds whose book changed: their snapshots are republished. */
  changedBooks: Set<number>;
}

export function emptyOutputs(): BatchOutputs {
  return {
    applied: [],
    events: [],
    orders: new Map(),
    trades: [],
    fills: [],
    bondStates: new Map(),
    messages: [],
    changedBooks: new Set(),
  };
}
