import { OrderType, StpMode, TimeInForce, type NewOrder } from './order-types';

/** A complete NewOrder from the fields that matter, defaulting to a GTC limit with CANCEL_INCOMING. */
export function newOrder(fields: Partial<NewOrder> & Pick<NewOrder, 'id' | 'side' | 'qty'>): NewOrder {
  return {
    participant: 0,
    type: OrderType.LIMIT,
    price: 0,
    stopPrice: 0,
    displayQty: 0,
    tif: TimeInForce.GTC,
    expireAt: 0,
    postOnly: false,
    stp: StpMode.CANCEL_INCOMING,
    ...fields,
  };
}
