import { OrderType, Side, StpMode, TimeInForce, type NewOrderPayload } from '../../../domain/trading';
import { emptyOutputs, type CommandRow } from '../../../workers/matching/batch-outputs';
import { ShardBooks } from '../../../workers/matching/shard-books';

const BOND = {
  id: 7,
  code: 'BOND_007',
  isin: 'IN0000000007',
  tickSize: '0.0025',
  lotSize: '10000.00',
  settlementSystem: 'RBI_SGL' as const,
};

function newRow(id: number, participant: number, side: Side, lots: number, ticks: number): CommandRow {
  const payload: NewOrderPayload = {
    participant,
    side,
    type: OrderType.LIMIT,
    price: ticks,
    qty: lots,
    stopPrice: 0,
    displayQty: 0,
    tif: TimeInForce.GTC,
    expireAt: 0,
    postOnly: false,
    stp: StpMode.CANCEL_INCOMING,
    clientOrderId: `c-${id}`,
  };
  return {
    id: String(id),
    bondId: BOND.id,
    kind: 'NEW',
    orderId: `order-${id}`,
    at: 1_000 + id,
    payload: { ...payload },
  };
}

describe('ShardBooks', () => {
  test('when a buy crosses a resting sell, then the batch holds the trade, both orders, both position fills and both trade messages', () => {
    const books = new ShardBooks(() => BOND);
    const out = emptyOutputs();
    books.apply(newRow(1, 3, Side.SELL, 3, 39500), out); // 30,000 at 98.7500
    books.apply(newRow(2, 2, Side.BUY, 1, 39520), out); // 10,000 at 98.8000
    expect(out.applied).toEqual([
      { commandId: '1', bondId: 7, appliedSeq: 1 },
      { commandId: '2', bondId: 7, appliedSeq: 2 },
    ]);
    expect(out.trades).toEqual([
      expect.objectContaining({
        buyOrderId: 'order-2',
        sellOrderId: 'order-1',
        buyerParticipantId: 2,
        sellerParticipantId: 3,
        price: '98.7500',
        quantity: '10000.00',
        aggressorSide: 'BUY',
        executedAt: new Date(1_002),
      }),
    ]);
    expect(out.fills).toEqual([
      { participantId: 2, bondId: 7, quantity: '10000.00', price: '98.7500' },
      { participantId: 3, bondId: 7, quantity: '-10000.00', price: '98.7500' },
    ]);
    expect(out.orders.get('order-1')).toMatchObject({
      status: 'PARTIALLY_FILLED',
      filledQuantity: '10000.00',
    });
    expect(out.orders.get('order-2')).toMatchObject({ status: 'FILLED', filledQuantity: '10000.00' });
    const trades = out.messages.filter((m) => m.type === 'trade');
    expect(trades.map((m) => [m.participantId, m.data.side, m.data.aggressor])).toEqual([
      [2, 'BUY', true],
      [3, 'SELL', false],
    ]);
    // Per-bond event sequences are gap-free and the trade row carries its event's sequence.
    expect(out.events.map((e) => e.sequence)).toEqual(out.events.map((_, i) => i + 1));
    expect(out.events.find((e) => e.type === 'TRADE')!.sequence).toBe(out.trades[0]!.sequence);
    expect(out.bondStates.get(7)).toMatchObject({
      session: 'CONTINUOUS',
      lastPrice: '98.7500',
      appliedSeq: 2,
    });
  });

  test('when a book is replayed from the journal, then it continues with the same state and sequences', () => {
    const live = new ShardBooks(() => BOND);
    const rows = [newRow(1, 3, Side.SELL, 3, 39500), newRow(2, 2, Side.BUY, 1, 39520)];
    const out = emptyOutputs();
    rows.forEach((r) => live.apply(r, out));
    const rebuilt = new ShardBooks(() => BOND);
    rows.forEach((r) => rebuilt.replay(r));
    rebuilt.forgetFinished();
    rebuilt.setSequences(7, 2, live.eventSequence(7));
    expect(rebuilt.bookOf(7)!.depth(Side.SELL)).toEqual(live.bookOf(7)!.depth(Side.SELL));
    const next = emptyOutputs();
    rebuilt.apply(newRow(3, 4, Side.BUY, 2, 39500), next);
    expect(next.applied[0]!.appliedSeq).toBe(3);
    expect(next.events[0]!.sequence).toBe(live.eventSequence(7) + 1);
    // The resting sell's earlier fill survives the replay: it fills completely now.
    expect(next.orders.get('order-1')).toMatchObject({ status: 'FILLED', filledQuantity: '30000.00' });
  });

  test('when a cancel names an order the book does not hold, then it is journaled as rejected and no order changes', () => {
    const books = new ShardBooks(() => BOND);
    const out = emptyOutputs();
    books.apply(
      { id: '9', bondId: 7, kind: 'CANCEL', orderId: 'order-x', at: 5, payload: { orderId: 42 } },
      out,
    );
    expect(out.events).toEqual([
      expect.objectContaining({ type: 'REJECTED', orderId: 'order-x', sequence: 1 }),
    ]);
    expect(out.orders.size).toBe(0);
  });
});
